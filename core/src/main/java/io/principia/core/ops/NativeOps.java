package io.principia.core.ops;

import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.DynamicCustomOp;
import org.nd4j.linalg.factory.Nd4j;

/** Thin calls into libnd4j custom ops, with the output preallocated (saves a shape-inference round trip). */
final class NativeOps {
    private NativeOps() {}

    /** Runs custom op {@code name} on {@code inputs} with integer arguments, writing into {@code out}. */
    static INDArray exec(String name, INDArray out, int[] iargs, INDArray... inputs) {
        DynamicCustomOp.DynamicCustomOpsBuilder b = DynamicCustomOp.builder(name).addInputs(inputs).addOutputs(out);
        if (iargs.length > 0) {
            b.addIntegerArguments(iargs);
        }
        Nd4j.exec(b.build());
        return out;
    }

    /** y[k, ...] = x[idx[k], ...] along axis 0 (idx already range-checked: libnd4j does not check). */
    static INDArray gatherRows(INDArray x, INDArray idx) {
        long[] s = x.shape().clone();
        s[0] = idx.length();
        return exec("gather", Nd4j.createUninitialized(x.dataType(), s), new int[] {0}, x, idx);
    }

    /** y = cond ? a : b elementwise; all three of one shape, cond boolean. */
    static INDArray select(INDArray cond, INDArray a, INDArray b) {
        return exec("select", Nd4j.createUninitialized(a.dataType(), a.shape()), new int[0], cond, a, b);
    }
}
