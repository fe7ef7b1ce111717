package io.principia.core.nn;

import io.principia.core.tensor.Tensor;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * A layer or model: named parameters (trained), named buffers (saved but not trained, such as
 * batch-norm running statistics) and named submodules, addressed by dotted paths such as
 * {@code blocks.0.attn.wq}. Registration order is the iteration order, so names are stable.
 *
 * <p>Subclasses register everything in their constructor and add a {@code forward} of whatever
 * signature fits; single-input layers extend {@link Layer}.
 */
public abstract class Module {
    private final Map<String, Tensor> parameters = new LinkedHashMap<>();
    private final Map<String, Tensor> buffers = new LinkedHashMap<>();
    private final Map<String, Module> children = new LinkedHashMap<>();
    private boolean training = true;

    // ---------------------------------------------------------------- registration

    /** Registers a trained parameter (a leaf that requires a gradient) and returns it. */
    protected Tensor registerParameter(String name, INDArray value) {
        checkName(name);
        Tensor p = Tensor.param(value);
        parameters.put(name, p);
        return p;
    }

    /** Registers a saved, untrained array (e.g. running statistics) and returns it. */
    protected Tensor registerBuffer(String name, INDArray value) {
        checkName(name);
        Tensor b = Tensor.of(value);
        buffers.put(name, b);
        return b;
    }

    /** Registers a submodule under {@code name} and returns it. */
    protected <M extends Module> M registerModule(String name, M module) {
        checkName(name);
        if (module == this) {
            throw new IllegalArgumentException("a module cannot contain itself");
        }
        children.put(name, module);
        return module;
    }

    private void checkName(String name) {
        if (name == null || name.isEmpty() || name.contains(".")) {
            throw new IllegalArgumentException("invalid name '" + name + "': names are non-empty and contain no dots");
        }
        if (parameters.containsKey(name) || buffers.containsKey(name) || children.containsKey(name)) {
            throw new IllegalArgumentException("name '" + name + "' is already registered in " + getClass().getSimpleName());
        }
    }

    // ---------------------------------------------------------------- traversal

    /** Every parameter of this module and its descendants, by dotted path, in registration order. */
    public Map<String, Tensor> namedParameters() {
        Map<String, Tensor> out = new LinkedHashMap<>();
        collect("", out, true);
        return out;
    }

    /** Every buffer of this module and its descendants, by dotted path. */
    public Map<String, Tensor> namedBuffers() {
        Map<String, Tensor> out = new LinkedHashMap<>();
        collect("", out, false);
        return out;
    }

    private void collect(String prefix, Map<String, Tensor> out, boolean params) {
        for (Map.Entry<String, Tensor> e : (params ? parameters : buffers).entrySet()) {
            out.put(prefix + e.getKey(), e.getValue());
        }
        for (Map.Entry<String, Module> e : children.entrySet()) {
            e.getValue().collect(prefix + e.getKey() + ".", out, params);
        }
    }

    public List<Tensor> parameters() {
        return new ArrayList<>(namedParameters().values());
    }

    /** Direct submodules by name. */
    public Map<String, Module> children() {
        return Collections.unmodifiableMap(children);
    }

    /** Total number of trained scalars. */
    public long parameterCount() {
        long n = 0;
        for (Tensor p : namedParameters().values()) {
            n += p.length();
        }
        return n;
    }

    public void zeroGrad() {
        for (Tensor p : namedParameters().values()) {
            p.zeroGrad();
        }
    }

    // ---------------------------------------------------------------- mode

    /** Training mode: dropout drops, batch norm uses batch statistics. Applies to all descendants. */
    public Module train() {
        setTraining(true);
        return this;
    }

    /** Evaluation mode. Applies to all descendants. */
    public Module eval() {
        setTraining(false);
        return this;
    }

    private void setTraining(boolean value) {
        training = value;
        for (Module m : children.values()) {
            m.setTraining(value);
        }
    }

    public boolean isTraining() { return training; }

    // ---------------------------------------------------------------- state

    /** Parameters and buffers by dotted path (the arrays themselves, not copies). */
    public Map<String, INDArray> stateDict() {
        Map<String, INDArray> out = new LinkedHashMap<>();
        namedParameters().forEach((k, v) -> out.put(k, v.data()));
        namedBuffers().forEach((k, v) -> out.put(k, v.data()));
        return out;
    }

    /** Copies values into parameters and buffers; every name must match and every shape agree. */
    public void loadStateDict(Map<String, INDArray> state) {
        loadStateDict(state, true);
    }

    /**
     * Copies values into parameters and buffers. With {@code strict}, a missing or unexpected name
     * is an error; a null value, a shape mismatch, or a floating/integer mismatch always is. Errors
     * name the parameter and both shapes. All-or-nothing: every entry is checked before any is copied.
     */
    public void loadStateDict(Map<String, INDArray> state, boolean strict) {
        if (state == null) {
            throw new IllegalArgumentException("loadStateDict: the state dict is null");
        }
        Map<String, Tensor> own = new LinkedHashMap<>(namedParameters());
        own.putAll(namedBuffers());
        if (strict) {
            Set<String> missing = new TreeSet<>(own.keySet());
            missing.removeAll(state.keySet());
            Set<String> unexpected = new TreeSet<>(state.keySet());
            unexpected.removeAll(own.keySet());
            if (!missing.isEmpty() || !unexpected.isEmpty()) {
                throw new IllegalArgumentException("state dict does not match " + getClass().getSimpleName()
                        + ": missing " + missing + ", unexpected " + unexpected);
            }
        }
        // check every entry before changing anything, so a bad dict leaves the module as it was
        for (Map.Entry<String, Tensor> e : own.entrySet()) {
            if (!state.containsKey(e.getKey())) {
                continue;
            }
            INDArray v = state.get(e.getKey());
            INDArray target = e.getValue().data();
            if (v == null) {
                throw new IllegalArgumentException("parameter '" + e.getKey() + "' is null in the state dict");
            }
            if (!Arrays.equals(v.shape(), target.shape())) {
                throw new IllegalArgumentException("parameter '" + e.getKey() + "' has shape " + Arrays.toString(target.shape())
                        + " in the model but " + Arrays.toString(v.shape()) + " in the state dict");
            }
            if (v.dataType().isFPType() != target.dataType().isFPType()) {
                throw new IllegalArgumentException("parameter '" + e.getKey() + "' is " + target.dataType() + " in the model but "
                        + v.dataType() + " in the state dict (floating and non-floating values do not convert)");
            }
        }
        for (Map.Entry<String, Tensor> e : own.entrySet()) {
            INDArray v = state.get(e.getKey());
            if (v != null) {
                INDArray target = e.getValue().data();
                target.assign(v.dataType() == target.dataType() ? v : v.castTo(target.dataType()));
            }
        }
    }

    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder(getClass().getSimpleName());
        if (!children.isEmpty()) {
            sb.append("(");
            for (Map.Entry<String, Module> e : children.entrySet()) {
                sb.append("\n  ").append(e.getKey()).append(": ").append(e.getValue().toString().replace("\n", "\n  "));
            }
            sb.append("\n)");
        }
        return sb.toString();
    }
}
