/**
 * Optimizers ({@link io.principia.core.optim.Sgd}, {@link io.principia.core.optim.Adam},
 * {@link io.principia.core.optim.AdamW}, {@link io.principia.core.optim.RmsProp}) with the update
 * rules of {@code torch.optim}, learning-rate schedules, and gradient clipping; and
 * {@link io.principia.core.optim.Srsgd} (scheduled-restart Nesterov SGD) with its epoch recipe
 * {@link io.principia.core.optim.SrsgdSchedule}, which drops the rate by rebuilding the optimizer
 * rather than through an {@link io.principia.core.optim.LrSchedule}.
 *
 * <p><b>What "step" means.</b> A schedule's argument is the number of optimizer steps taken so far:
 * {@code lr(0)} is the rate of the first {@link io.principia.core.optim.Optimizer#step()},
 * {@code lr(t)} the rate of step t + 1. A loop therefore reads
 * <pre>
 *   for (long t = 0; t &lt; total; t++) {
 *       opt.setLr(schedule.lr(t));
 *       ... loss.backward(); GradClip.clipGlobalNorm(params, 1.0);
 *       opt.step(); opt.zeroGrad();
 *   }
 * </pre>
 * This is PyTorch's {@code last_epoch} for a scheduler stepped once per optimizer step. A schedule
 * is a pure function, so its checkpoint state is just t.
 */
package io.principia.core.optim;
