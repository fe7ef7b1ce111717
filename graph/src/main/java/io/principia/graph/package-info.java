/**
 * Graphs for graph neural networks: an edge-list {@link io.principia.graph.Graph} with a cached
 * CSR view, structural utilities ({@link io.principia.graph.GraphOps}), adjacency normalizations
 * ({@link io.principia.graph.Normalization}) and statistics. Subpackages: {@code data} (LINQS and
 * gnn-benchmark loaders), {@code split} (Planetoid and GRAND++ node splits), {@code sparse}
 * (autograd ops over edges: SpMM, segment reductions, segment softmax), {@code nn} (message
 * passing, GCN, GAT) and {@code diffusion} (graph vector fields for the ode module).
 */
package io.principia.graph;
