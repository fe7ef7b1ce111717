package io.principia.core.autograd;

/**
 * Gradient recording switch, per thread. Inside {@code try (var g = Grad.off()) { ... }} ops run
 * eagerly without recording a graph, as in PyTorch's {@code torch.no_grad()}.
 */
public final class Grad {
    private static final ThreadLocal<boolean[]> ENABLED = ThreadLocal.withInitial(() -> new boolean[] {true});

    private Grad() {}

    public static boolean enabled() { return ENABLED.get()[0]; }

    /** Turns recording off until the returned scope is closed; scopes nest. */
    public static Scope off() { return set(false); }

    /** Turns recording on (inside an {@link #off()} scope) until the returned scope is closed. */
    public static Scope on() { return set(true); }

    private static Scope set(boolean value) {
        boolean[] flag = ENABLED.get();
        boolean previous = flag[0];
        flag[0] = value;
        return () -> flag[0] = previous;
    }

    /** A recording scope; closing it restores the previous setting. */
    public interface Scope extends AutoCloseable {
        @Override
        void close();
    }
}
