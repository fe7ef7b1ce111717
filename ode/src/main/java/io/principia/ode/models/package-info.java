/**
 * Neural-ODE model families on the ode module's solvers: NODE and ANODE (Chen et al. 2018;
 * Dupont et al. 2019), SONODE (Norcliffe et al. 2020), HBNODE / GHBNODE (Xia et al., NeurIPS
 * 2021) and NesterovNODE / GNesterovNODE (Nguyen et al., NeurIPS 2022), the {@link
 * io.principia.ode.models.OdeBlock} that integrates any of them, and the convolutional parts of
 * the image-classification models (spec rnn_ode.md 3.2).
 *
 * <p>Second-order models use a stacked state [B, 2, *feat]: channel 0 is the position h,
 * channel 1 its velocity-like variable. Where the released code and the papers disagree, the
 * paper's mathematics is the default and the released code's behaviour is an explicit option.
 */
package io.principia.ode.models;
