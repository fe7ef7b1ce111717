package io.principia.ode;

import io.principia.ode.solvers.Bosh3;
import io.principia.ode.solvers.Dopri5;
import io.principia.ode.solvers.Dopri8;
import io.principia.ode.solvers.Euler;
import io.principia.ode.solvers.HeunEuler;
import io.principia.ode.solvers.Midpoint;
import io.principia.ode.solvers.OdeSolver;
import io.principia.ode.solvers.Rk38;
import io.principia.ode.solvers.Rk4;

import java.util.Arrays;
import java.util.Locale;
import java.util.function.Supplier;

/** The solvers by name. Fixed-grid methods take a step size; adaptive ones take rtol/atol. */
public enum Method {
    EULER("euler", false, Euler::new),
    MIDPOINT("midpoint", false, Midpoint::new),
    /** Classical RK4 (torchdiffeq's "rk4" is {@link #RK38}). */
    RK4("rk4", false, Rk4::new),
    RK38("rk38", false, Rk38::new),
    HEUN_EULER("heun_euler", true, HeunEuler::new),
    BOSH3("bosh3", true, Bosh3::new),
    DOPRI5("dopri5", true, Dopri5::new),
    DOPRI8("dopri8", true, Dopri8::new);

    private final String id;
    private final boolean adaptive;
    private final Supplier<OdeSolver> factory;

    Method(String id, boolean adaptive, Supplier<OdeSolver> factory) {
        this.id = id;
        this.adaptive = adaptive;
        this.factory = factory;
    }

    public String id() { return id; }

    public boolean adaptive() { return adaptive; }

    public OdeSolver solver() { return factory.get(); }

    /** By name, as {@link #id()} spells it ("dopri5", "rk4", "rk38", …); "adaptive_heun" means heun_euler. */
    public static Method parse(String name) {
        String n = name.trim().toLowerCase(Locale.ROOT).replace('-', '_');
        if (n.equals("adaptive_heun")) {
            return HEUN_EULER;
        }
        for (Method m : values()) {
            if (m.id.equals(n)) {
                return m;
            }
        }
        throw new IllegalArgumentException("unknown ODE method '" + name + "'; known: "
                + Arrays.stream(values()).map(Method::id).toList());
    }
}
