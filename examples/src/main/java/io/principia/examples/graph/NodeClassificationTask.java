package io.principia.examples.graph;

import java.util.function.BiFunction;

import io.principia.core.nn.Module;
import io.principia.core.ops.Indexing;
import io.principia.core.ops.Losses;
import io.principia.core.tensor.Tensor;
import io.principia.core.train.Phase;
import io.principia.core.train.StepResult;
import io.principia.core.train.TrainingTask;
import io.principia.graph.Graph;
import io.principia.graph.sparse.SparseMatrix;

/**
 * Full-batch transductive node classification: every step runs the model on the whole graph and
 * scores the rows of one node set (train, val or test), so an epoch is one batch. Features are
 * sparse (bag-of-words), so the first layer is a sparse product.
 */
final class NodeClassificationTask implements TrainingTask<NodeClassificationTask.Nodes> {
    /** A node set with its labels [K]. */
    record Nodes(int[] index, Tensor labels) {}

    private final Module model;
    private final BiFunction<Graph, SparseMatrix, Tensor> forward;
    private final Graph graph;
    private final SparseMatrix features;

    NodeClassificationTask(Module model, BiFunction<Graph, SparseMatrix, Tensor> forward, Graph graph, SparseMatrix features) {
        this.model = model;
        this.forward = forward;
        this.graph = graph;
        this.features = features;
    }

    @Override
    public Module model() { return model; }

    @Override
    public StepResult step(Nodes nodes, Phase phase) {
        Tensor logits = forward.apply(graph, features); // [N, C]
        Tensor rows = Indexing.indexSelect(logits, 0, nodes.index()); // [K, C]
        Tensor loss = Losses.crossEntropy(rows, nodes.labels());
        return StepResult.of(loss, nodes.index().length).withClassification(rows.data(), nodes.labels().data());
    }
}
