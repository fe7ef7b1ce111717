package io.principia.examples.cli;

import java.util.List;

/** Every experiment the launcher knows, in the order {@code list} prints them. */
public final class Experiments {
    private Experiments() {}

    public static List<Object> all() {
        return List.of(new io.principia.examples.mlp.MlpFashionMnist(),
                new io.principia.examples.rnn.SequentialImage(),
                new io.principia.examples.rnn.RnnCompare(),
                new io.principia.examples.rnn.MomentumVsLstm(),
                new io.principia.examples.cnn.CnnSrsgd(),
                new io.principia.examples.ode.OdeImage(),
                new io.principia.examples.ode.PlaneVibration(),
                new io.principia.examples.ode.NestedSpheres(),
                new io.principia.examples.graph.GnnPlanetoid(),
                new io.principia.examples.graph.grand.GrandLowLabel(),
                new io.principia.examples.graph.grand.GrandOversmoothing());
    }
}
