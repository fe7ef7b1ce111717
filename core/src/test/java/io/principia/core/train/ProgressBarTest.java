package io.principia.core.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.principia.core.train.Problems.Classify;
import io.principia.core.train.Problems.Mlp;
import io.principia.core.util.Rng;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.ndarray.INDArray;

class ProgressBarTest {
    private String run(boolean interactive, int everyPercent) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        PrintStream out = new PrintStream(bytes, true, StandardCharsets.UTF_8);
        INDArray[] d = Problems.blobs(1, 32);
        Mlp net = new Mlp(new Rng(1), 2, 3, 2);
        Trainer.builder().epochs(2).optimizer(new TestSgd(net.namedParameters(), 0.1, 0))
                .callbacks(new ProgressBar(out, interactive, everyPercent)).build()
                .fit(new Classify(net, 0), Problems.shuffled(d[0], d[1], 4, 1), Problems.fixed(d[0], d[1]));
        return bytes.toString(StandardCharsets.UTF_8);
    }

    @Test
    void withoutAConsoleItPrintsACompactLineEveryNPercent() {
        String text = run(false, 50);
        assertTrue(!text.contains("\r"), "no carriage returns in CI logs");
        List<String> lines = Arrays.asList(text.split("\n"));
        assertEquals(6, lines.size(), text); // per epoch: 50 %, 100 %, summary
        assertTrue(lines.get(0).startsWith("epoch 1/2 [##########----------] 4/8 loss "), lines.get(0));
        assertTrue(lines.get(0).contains(" ETA "), lines.get(0));
        assertTrue(lines.get(1).contains("[####################] 8/8") && lines.get(1).contains(" took "), lines.get(1));
        assertTrue(lines.get(2).startsWith("epoch 1/2 val_loss ") && lines.get(2).contains("val_accuracy"), lines.get(2));
        assertTrue(lines.get(3).startsWith("epoch 2/2 "), lines.get(3));
    }

    @Test
    void onATerminalItRedrawsOneLine() {
        String text = run(true, 25);
        assertTrue(text.contains("\repoch 1/2 ["), text);
        assertEquals(2, text.split("\n").length, "one finished line per epoch: " + text);
    }

    @Test
    void clockFormat() {
        assertEquals("0:07", ProgressBar.clock(7.4));
        assertEquals("2:05", ProgressBar.clock(125));
        assertEquals("1:01:01", ProgressBar.clock(3661));
    }
}
