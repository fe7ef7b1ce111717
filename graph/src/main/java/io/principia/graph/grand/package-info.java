/**
 * GRAND (Chamberlain et al., ICML 2021) and GRAND++ (Thorpe et al., ICLR 2022): node
 * classification by a diffusion ODE dZ/dt = σ(α)(A − I)Z (+ C) between a linear encoder and a
 * linear decoder. {@link io.principia.graph.grand.EdgeAttention} builds A from features,
 * {@link io.principia.graph.grand.AttentionDiffusion} is GRAND-nl, and
 * {@link io.principia.graph.grand.Grand} is the model with its {@link io.principia.graph.grand.GrandConfig}.
 */
package io.principia.graph.grand;
