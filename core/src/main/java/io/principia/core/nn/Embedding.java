package io.principia.core.nn;

import static io.principia.core.nn.functional.Embedding.embedding;

import io.principia.core.tensor.Tensor;
import io.principia.core.util.Rng;

import org.nd4j.linalg.api.buffer.DataType;

/**
 * A lookup table of learned vectors, as PyTorch's {@code nn.Embedding}: y[..., :] = W[idx[...], :].
 *
 * <p>Parameter: {@code weight} [num, dim], N(0, 1). Shapes: integer indices [...] → y [..., dim].
 * {@link #forward} takes a tensor of integer indices (any integer data type).
 */
public class Embedding extends Layer {
    public final int numEmbeddings;
    public final int embeddingDim;
    public final Tensor weight;

    public Embedding(int numEmbeddings, int embeddingDim) {
        this(numEmbeddings, embeddingDim, Rng.global(), DataType.FLOAT);
    }

    public Embedding(int numEmbeddings, int embeddingDim, Rng rng, DataType dtype) {
        if (numEmbeddings <= 0 || embeddingDim <= 0) {
            throw new IllegalArgumentException("Embedding: sizes must be positive, got num=" + numEmbeddings + ", dim=" + embeddingDim);
        }
        this.numEmbeddings = numEmbeddings;
        this.embeddingDim = embeddingDim;
        this.weight = registerParameter("weight", Init.normal(rng, dtype, 0, 1, numEmbeddings, embeddingDim));
    }

    @Override
    public Tensor forward(Tensor indices) {
        return embedding(weight, indices);
    }

    @Override
    public String toString() {
        return "Embedding(" + numEmbeddings + ", " + embeddingDim + ")";
    }
}
