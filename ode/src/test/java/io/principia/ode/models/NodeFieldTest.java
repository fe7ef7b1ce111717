package io.principia.ode.models;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.principia.core.tensor.Tensor;
import io.principia.core.testing.GradCheck;
import io.principia.ode.GradientMode;
import io.principia.ode.Method;
import io.principia.ode.Odeint;

import org.junit.jupiter.api.Test;
import org.nd4j.linalg.factory.Nd4j;

/** NODE, ANODE's padding and SONODE against closed forms. */
class NodeFieldTest {

    @Test
    void nodeIsTheLinearOdeForALinearF() {
        NodeField f = new NodeField(Fields.linear(-0.5));
        Tensor y = Odeint.of(f).tolerances(1e-10, 1e-10).solve(Tensor.of(Nd4j.createFromArray(2.0, -1.0).reshape(2, 1)), 0, 2).last();
        assertEquals(2 * Math.exp(-1), y.data().getDouble(0, 0), 1e-9);
        assertEquals(-Math.exp(-1), y.data().getDouble(1, 0), 1e-9);
        NodeField mlp = new NodeField(Fields.mlp(3, 4, 1));
        GradCheck.check(in -> mlp.forward(0.3, in[0]), GradCheck.randomInput(2, 2, 3));
        Tensor fixed = GradCheck.randomInput(3, 2, 3).requiresGrad(false);
        GradCheck.checkLoss(() -> mlp.forward(0.3, fixed).mul(fixed).sum(), mlp.parameters());
    }

    @Test
    void anodePadsWithZeroChannels() {
        Tensor x = GradCheck.randomInput(4, 2, 1, 3, 3);
        Tensor padded = NodeField.padChannels(x, 4);
        assertArrayEquals(new long[] {2, 4, 3, 3}, padded.shape());
        assertTrue(padded.slice(1, 0, 1).data().equalsWithEps(x.data(), 0));
        assertEquals(0.0, padded.slice(1, 1, 4).data().amaxNumber().doubleValue(), 0);
        assertTrue(NodeField.padChannels(x, 1) == x);
        GradCheck.check(in -> NodeField.padChannels(in[0], 3), GradCheck.randomInput(5, 2, 2, 2));
        IllegalArgumentException down = assertThrows(IllegalArgumentException.class, () -> NodeField.padChannels(padded, 2));
        assertTrue(down.getMessage().contains("4") && down.getMessage().contains("2"), down.getMessage());
    }

    @Test
    void sonodeSolvesTheHarmonicOscillator() {
        // y'' = -y on [y, y'] joined: f([y, y']) = -y
        Dynamics minusY = new Dynamics() {
            @Override
            public Tensor forward(double t, Tensor yv) {
                return yv.slice(1, 0, 1).neg(); // [B, 1], but a [B, 2] state needs [B]
            }
        };
        Dynamics spring = new Dynamics() {
            @Override
            public Tensor forward(double t, Tensor yv) {
                return yv.slice(1, 0, 1).neg(); // [B, 2·1] -> [B, 1]
            }
        };
        SonodeField f = new SonodeField(spring);
        Tensor z = new OdeBlock(f, 0, 1, new SolverConfig(Method.DOPRI5, 1e-10, 1e-10, GradientMode.BACKPROP))
                .forward(Fields.state(1, 0));
        assertEquals(Math.cos(1), Fields.at(z, 0), 1e-9);
        assertEquals(-Math.sin(1), Fields.at(z, 1), 1e-9);
        // a rank-2 state [B, 2]: f sees [B, 2] and must return [B]
        IllegalArgumentException shape = assertThrows(IllegalArgumentException.class,
                () -> new SonodeField(minusY).forward(0, Tensor.zeros(3, 2)));
        assertTrue(shape.getMessage().contains("[3, 1]") && shape.getMessage().contains("[3]"), shape.getMessage());
    }

    @Test
    void sonodeSeesBothChannelsAndPassesGradCheck() {
        SonodeField f = new SonodeField(Fields.mlpTo(6, 5, 3, 9));
        Tensor z = GradCheck.randomInput(10, 2, 2, 3);
        Tensor dz = f.forward(0.2, z);
        assertTrue(dz.slice(1, 0, 1).data().equalsWithEps(z.slice(1, 1, 2).data(), 0)); // dy = y'
        GradCheck.check(in -> f.forward(0.2, in[0]), z);
        Tensor fixed = GradCheck.randomInput(11, 2, 2, 3).requiresGrad(false);
        GradCheck.checkLoss(() -> f.forward(0.2, fixed).mul(fixed).sum(), f.parameters());
        IllegalArgumentException layout = assertThrows(IllegalArgumentException.class, () -> f.forward(0, Tensor.zeros(2, 6)));
        assertTrue(layout.getMessage().contains("SONODE") && layout.getMessage().contains("[2, 6]"), layout.getMessage());
    }
}
