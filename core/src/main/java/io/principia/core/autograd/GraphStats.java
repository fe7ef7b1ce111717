package io.principia.core.autograd;

import io.principia.core.tensor.Tensor;

import java.util.ArrayDeque;
import java.util.IdentityHashMap;
import java.util.Map;

import org.nd4j.linalg.api.buffer.DataBuffer;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * What a recorded autograd graph keeps alive until its backward pass: the tensors reachable from a
 * root through the {@link Node} input edges, and the bytes of their arrays. Memory measured this
 * way is deterministic (no garbage collector, no allocator), which makes "memory grows with the
 * number of solver steps" testable.
 *
 * <p>Bytes are counted once per underlying buffer, so a view (a slice, a reshape) and the array
 * it views count once, at the whole buffer's size. Arrays held only inside a backward closure
 * (not as a node input) are not seen; the count is a lower bound on the graph's memory.
 */
public final class GraphStats {
    private GraphStats() {}

    /** Bytes of the distinct buffers behind {@code root} and every tensor reachable from it. */
    public static long retainedBytes(Tensor root) {
        Map<Object, Boolean> buffers = new IdentityHashMap<>();
        long bytes = 0;
        for (Tensor t : reachable(root).keySet()) {
            INDArray a = t.data();
            if (a == null) {
                continue;
            }
            DataBuffer buf = base(a.data());
            if (buffers.put(buf, Boolean.TRUE) == null) {
                bytes += buf.length() * buf.getElementSize();
            }
        }
        return bytes;
    }

    /** Number of recorded ops (nodes) reachable from {@code root}, the root's own included. */
    public static int nodeCount(Tensor root) {
        int n = 0;
        for (Tensor t : reachable(root).keySet()) {
            if (t.node() != null) {
                n++;
            }
        }
        return n;
    }

    /** Every tensor reachable from the root through node inputs, whether or not it needs a gradient. */
    private static Map<Tensor, Boolean> reachable(Tensor root) {
        if (root == null) {
            throw new IllegalArgumentException("graph root is null");
        }
        Map<Tensor, Boolean> seen = new IdentityHashMap<>();
        ArrayDeque<Tensor> stack = new ArrayDeque<>();
        seen.put(root, Boolean.TRUE);
        stack.push(root);
        while (!stack.isEmpty()) {
            Node node = stack.pop().node();
            if (node == null) {
                continue;
            }
            for (Tensor in : node.inputs()) {
                if (in != null && seen.put(in, Boolean.TRUE) == null) {
                    stack.push(in);
                }
            }
        }
        return seen;
    }

    /** The buffer that owns the memory: a view's original buffer, followed to its root. */
    private static DataBuffer base(DataBuffer buf) {
        DataBuffer b = buf;
        while (b.originalDataBuffer() != null && b.originalDataBuffer() != b) {
            b = b.originalDataBuffer();
        }
        return b;
    }
}
