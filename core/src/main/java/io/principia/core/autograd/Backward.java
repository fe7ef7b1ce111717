package io.principia.core.autograd;

import io.principia.core.tensor.Tensor;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;

import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Reverse-mode sweep: sorts the graph below a root topologically (iteratively, so a 784-step
 * recurrent unroll does not overflow the stack) and applies each node's backward rule in reverse
 * order. Intermediate gradients are dropped once consumed; leaves keep (and accumulate) theirs.
 */
public final class Backward {
    private Backward() {}

    public static void run(Tensor root, INDArray seed, boolean retainGraph) {
        Tensor[] order = topologicalOrder(root).toArray(new Tensor[0]);
        List<Tensor> leaves = new ArrayList<>();
        root.accumulateGrad(seed);
        for (int i = order.length - 1; i >= 0; i--) {
            Tensor t = order[i];
            Node node = t.node();
            if (node == null) {
                leaves.add(t);
                continue;
            }
            INDArray g = t.gradArray();
            if (g != null) {
                node.backward().apply(g);
            }
            if (!t.retainsGrad()) {
                t.clearGrad();
            }
            if (!retainGraph) {
                // Drop the closure and the edges, and forget the tensor here, so that activations the
                // caller no longer holds can be collected while the sweep goes on.
                node.free();
                order[i] = null;
            }
        }
        for (Tensor leaf : leaves) {
            leaf.ownGrad();
        }
    }

    /** Nodes reachable from {@code root} that need a gradient, each after all of its inputs. */
    static List<Tensor> topologicalOrder(Tensor root) {
        List<Tensor> order = new ArrayList<>();
        Map<Tensor, Boolean> visited = new IdentityHashMap<>();
        ArrayDeque<Object[]> stack = new ArrayDeque<>();
        stack.push(new Object[] {root, 0});
        visited.put(root, Boolean.TRUE);
        while (!stack.isEmpty()) {
            Object[] frame = stack.peek();
            Tensor t = (Tensor) frame[0];
            int next = (Integer) frame[1];
            Tensor[] inputs = t.node() == null ? new Tensor[0] : t.node().inputs();
            while (next < inputs.length && (inputs[next] == null || !inputs[next].requiresGrad()
                    || visited.containsKey(inputs[next]))) {
                next++;
            }
            if (next < inputs.length) {
                frame[1] = next + 1;
                visited.put(inputs[next], Boolean.TRUE);
                stack.push(new Object[] {inputs[next], 0});
            } else {
                stack.pop();
                order.add(t);
            }
        }
        return Collections.unmodifiableList(order);
    }
}
