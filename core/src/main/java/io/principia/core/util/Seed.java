package io.principia.core.util;

import org.nd4j.linalg.factory.Nd4j;

/** One call seeds everything: the global {@link Rng} (initializers, dropout, shuffles) and ND4J's own generator. */
public final class Seed {
    private Seed() {}

    public static void everything(long seed) {
        Rng.setGlobal(new Rng(seed));
        Nd4j.getRandom().setSeed(seed);
    }
}
