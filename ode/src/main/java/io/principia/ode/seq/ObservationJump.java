package io.principia.ode.seq;

import io.principia.core.nn.Module;
import io.principia.core.tensor.Tensor;

/**
 * The discrete update of an ODE-RNN at an observation (Rubanova et al. 2019; HBNODE-RNN, spec
 * §3.3): {@code h_rnn = rnn(h_ode, x_i)}. It maps the state [B, *S] and the observation [B, d]
 * to a new state of the same shape [B, *S].
 */
public abstract class ObservationJump extends Module {
    public abstract Tensor forward(Tensor state, Tensor x);
}
