/**
 * Recurrent cells and one runner that unrolls any of them over a sequence.
 *
 * <p>Baselines ({@link io.principia.recurrent.RnnCell}, {@link io.principia.recurrent.LstmCell},
 * {@link io.principia.recurrent.GruCell}) and the MomentumRNN family (Nguyen, Baraniuk, Bertozzi,
 * Osher, Wang, <i>MomentumRNN: Integrating Momentum into Recurrent Neural Networks</i>, NeurIPS 2020,
 * arXiv 2006.06919): momentum, Adam, RMSProp and scheduled-restart Nesterov cells. A cell maps
 * (input projection of x_t, {@link io.principia.recurrent.State}) to the next state; the
 * {@link io.principia.recurrent.Recurrent} runner projects all time steps at once and loops over
 * fused per-step ops. See the module README for equations and options.
 */
package io.principia.recurrent;
