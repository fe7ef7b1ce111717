/**
 * Sequence models on ODE solves: the ODE-RNN of Rubanova et al. (2019) in the HBNODE-RNN form of
 * Xia et al. (2021) for irregularly sampled series, with per-sample time rescaling so one batched
 * unit-interval solve covers a different gap for every sample.
 */
package io.principia.ode.seq;
