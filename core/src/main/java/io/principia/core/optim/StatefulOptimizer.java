package io.principia.core.optim;

import io.principia.core.tensor.Tensor;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * An optimizer whose state is, per parameter, a step count and a fixed list of named slot arrays
 * of the parameter's shape (momentum buffers, moment estimates). Slots are allocated, zeroed, the
 * first time a parameter gets a gradient, as in PyTorch; parameters whose gradient is null are
 * skipped and their step count does not advance.
 *
 * <p>State dict layout: {@code "lr"} (rank-0 float64), and for every parameter that has state
 * {@code "<param>.step"} (rank-0 int64) and {@code "<param>.<slot>"} (a copy of each slot). Other
 * hyperparameters are constructor settings and are not saved: build the resumed optimizer with the
 * same ones. Loading is all-or-nothing: every key is checked before anything changes.
 */
public abstract class StatefulOptimizer extends Optimizer {
    public static final String LR_KEY = "lr";
    public static final String STEP_SLOT = "step";

    /** Per-parameter state: the number of updates applied, the slots, and private scratch arrays. */
    protected static final class State {
        long step;
        final Map<String, INDArray> slots = new LinkedHashMap<>();
        private final Map<String, INDArray> scratch = new HashMap<>(2);

        public long step() { return step; }

        public INDArray slot(String name) { return slots.get(name); }

        /** A work array of the slot shape and dtype, allocated once and reused (never saved). */
        public INDArray scratch(String name, INDArray like) {
            return scratch.computeIfAbsent(name, k -> Nd4j.createUninitialized(like.dataType(), like.shape()));
        }
    }

    private final Map<String, State> states = new LinkedHashMap<>();

    protected StatefulOptimizer(Map<String, Tensor> params, double lr) {
        super(params, lr);
    }

    /** The slot names this optimizer keeps per parameter, in state-dict order. */
    protected abstract List<String> slotNames();

    /**
     * Updates {@code p} in place from gradient {@code g} (never modified: it may be shared).
     * {@code s.step()} already counts this update, so it is 1 on the first call.
     */
    protected abstract void update(Tensor p, INDArray g, State s);

    @Override
    public void setLr(double lr) {
        checkLr(lr);
        super.setLr(lr);
    }

    @Override
    public final void step() {
        for (Map.Entry<String, Tensor> e : params.entrySet()) {
            Tensor p = e.getValue();
            INDArray g = p.grad();
            if (g == null) {
                continue;
            }
            if (g.dataType() != p.dtype()) {
                g = g.castTo(p.dtype());
            }
            State s = states.computeIfAbsent(e.getKey(), k -> newState(p.data()));
            s.step++;
            update(p, g, s);
        }
        afterStep();
    }

    /** Called once at the end of every {@link #step()}, after all parameters (for optimizer-wide counters). */
    protected void afterStep() {}

    /** Forgets every parameter's step count and slots, as a freshly built optimizer would have none; lr is kept. */
    protected void clearState() {
        states.clear();
    }

    private State newState(INDArray like) {
        State s = new State();
        for (String slot : slotNames()) {
            s.slots.put(slot, Nd4j.zeros(like.dataType(), like.shape()));
        }
        return s;
    }

    /** The state of one parameter, or null if it has never been updated. For tests and inspection. */
    public Map<String, INDArray> stateOf(String param) {
        State s = states.get(param);
        return s == null ? null : java.util.Collections.unmodifiableMap(s.slots);
    }

    // ---------------------------------------------------------------- checkpoints

    @Override
    public Map<String, INDArray> stateDict() {
        Map<String, INDArray> out = new LinkedHashMap<>();
        out.put(LR_KEY, Nd4j.scalar(DataType.DOUBLE, lr));
        for (Map.Entry<String, State> e : states.entrySet()) {
            out.put(e.getKey() + "." + STEP_SLOT, Nd4j.scalar(e.getValue().step));
            e.getValue().slots.forEach((slot, a) -> out.put(e.getKey() + "." + slot, a.dup()));
        }
        return out;
    }

    @Override
    public void loadStateDict(Map<String, INDArray> state) {
        String owner = getClass().getSimpleName();
        INDArray lrArr = state.get(LR_KEY);
        if (lrArr == null) {
            throw new IllegalArgumentException(owner + " state dict: missing key '" + LR_KEY + "'");
        }
        double newLr = scalarOf(owner, LR_KEY, lrArr);
        checkLr(newLr);

        // Group keys by parameter, rejecting any key that is not "<known param>.<known slot>".
        List<String> slotsAndStep = new ArrayList<>(slotNames());
        slotsAndStep.add(STEP_SLOT);
        Map<String, Map<String, INDArray>> byParam = new LinkedHashMap<>();
        for (Map.Entry<String, INDArray> e : state.entrySet()) {
            String key = e.getKey();
            if (key.equals(LR_KEY)) {
                continue;
            }
            String param = null, slot = null;
            for (String s : slotsAndStep) {
                String p = key.endsWith("." + s) ? key.substring(0, key.length() - s.length() - 1) : null;
                if (p != null && params.containsKey(p)) {
                    param = p;
                    slot = s;
                    break;
                }
            }
            if (param == null) {
                throw new IllegalArgumentException(owner + " state dict: unexpected key '" + key
                        + "' (not '<parameter>.<slot>' for a parameter of this optimizer and a slot in " + slotsAndStep + ")");
            }
            if (e.getValue() == null) {
                throw new IllegalArgumentException(owner + " state dict: key '" + key + "' has a null array");
            }
            byParam.computeIfAbsent(param, k -> new HashMap<>()).put(slot, e.getValue());
        }

        // Check every parameter's entry fully before touching any state.
        Map<String, State> loaded = new LinkedHashMap<>();
        for (Map.Entry<String, Map<String, INDArray>> e : byParam.entrySet()) {
            String param = e.getKey();
            INDArray target = params.get(param).data();
            for (String s : slotsAndStep) {
                if (!e.getValue().containsKey(s)) {
                    throw new IllegalArgumentException(owner + " state dict: missing key '" + param + "." + s + "'");
                }
            }
            State st = new State();
            double step = scalarOf(owner, param + "." + STEP_SLOT, e.getValue().get(STEP_SLOT));
            if (!(step >= 0) || step != Math.rint(step)) {
                throw new IllegalArgumentException(owner + " state dict: key '" + param + "." + STEP_SLOT
                        + "' must be a non-negative integer, got " + step);
            }
            st.step = (long) step;
            for (String s : slotNames()) {
                INDArray v = e.getValue().get(s);
                if (!Arrays.equals(v.shape(), target.shape())) {
                    throw new IllegalArgumentException(owner + " state dict: key '" + param + "." + s + "' has shape "
                            + Arrays.toString(v.shape()) + " but parameter '" + param + "' has shape " + Arrays.toString(target.shape()));
                }
                st.slots.put(s, v.dataType() == target.dataType() ? v.dup() : v.castTo(target.dataType()));
            }
            loaded.put(param, st);
        }
        states.clear();
        states.putAll(loaded);
        super.setLr(newLr);
    }

    private static double scalarOf(String owner, String key, INDArray a) {
        if (a.length() != 1) {
            throw new IllegalArgumentException(owner + " state dict: key '" + key + "' must be a scalar (rank-0) array, got shape "
                    + Arrays.toString(a.shape()));
        }
        return a.getDouble(0);
    }

    // ---------------------------------------------------------------- helpers for subclasses

    /** y ← y + alpha·x in place (one BLAS axpy where the layout allows). */
    protected static void axpyi(double alpha, INDArray x, INDArray y) {
        InPlace.axpy(alpha, x, y);
    }

    /** x ← alpha·x in place (one BLAS scal where the layout allows). */
    protected static void scali(double alpha, INDArray x) {
        InPlace.scal(alpha, x);
    }

    /** out ← x + alpha·y; returns out. */
    protected static INDArray axpyInto(INDArray x, double alpha, INDArray y, INDArray out) {
        return InPlace.axpyInto(x, alpha, y, out);
    }

    private void checkLr(double lr) {
        if (!(lr >= 0) || Double.isInfinite(lr)) {
            throw new IllegalArgumentException(getClass().getSimpleName() + ": lr must be a finite number >= 0, got " + lr);
        }
    }

    /** Throws unless lo ≤ value < hi (hi may be +∞), naming the optimizer and the setting. */
    protected void requireRange(String setting, double value, double lo, double hi) {
        if (!(value >= lo && value < hi)) {
            String range = hi == Double.POSITIVE_INFINITY ? ">= " + lo : "in [" + lo + ", " + hi + ")";
            throw new IllegalArgumentException(getClass().getSimpleName() + ": " + setting + " must be " + range + ", got " + value);
        }
    }

    /** Throws unless value > 0 and finite. */
    protected void requirePositive(String setting, double value) {
        if (!(value > 0) || Double.isInfinite(value)) {
            throw new IllegalArgumentException(getClass().getSimpleName() + ": " + setting + " must be a finite number > 0, got " + value);
        }
    }
}
