import * as tf from '@tensorflow/tfjs';

/**
 * The tfjs optimisers' update rules, applied in plain loops to the network's parameters laid
 * end to end in one Float32Array (in variable order, as `PolicyReplica` flattens them).
 *
 * Why not `optimizer.applyGradients`: tfjs runs Adam as ~12 separate kernels per variable
 * (5–6 ms CPU per step for the reference network on wasm, an eighth of the step); one fused
 * loop takes 2.2 ms. And a range of the vector can be updated on its own, so with several
 * threads each updates its share of the parameters instead of all repeating the whole
 * update.
 *
 * Hyper-parameters are read from the tfjs optimiser (`getConfig()`), so the two cannot
 * drift apart; `test/fit.test.ts` checks each against tfjs-layers' `trainOnBatch`.
 */
export interface FlatOptimizer {
  /**
   * One update of `weights[from, to)` with `gradient[from, to)`, at the optimiser's learning
   * rate times `lrScale` (a schedule's factor for this step, 1 without one). Every range of a
   * step must be updated exactly once before the next step; `endStep` closes the step.
   */
  update(weights: Float32Array, gradient: Float32Array, from: number, to: number, lrScale?: number): void;
  /** Advances the step counter (Adam's bias correction). */
  endStep(): void;
}

/** out[from, to) = Σ sources[k][from, to): the whole batch's gradient from its shards'. */
export function sumGradients(out: Float32Array, sources: readonly Float32Array[], from: number, to: number): void {
  out.set(sources[0].subarray(from, to), from);
  for (let k = 1; k < sources.length; k++) {
    const source = sources[k];
    for (let i = from; i < to; i++) out[i] += source[i];
  }
}

type Config = Record<string, number | boolean | null | undefined>;

/** A flat optimiser with the same rule and hyper-parameters as `optimizer`, for `size` parameters. */
export function flatOptimizerLike(optimizer: tf.Optimizer, size: number): FlatOptimizer {
  const name = optimizer.getClassName();
  const config = optimizer.getConfig() as Config;
  const baseLr = config.learningRate as number;
  const epsilon = tf.backend().epsilon();
  switch (name) {
    case 'SGD':
      return {
        update(w, g, from, to, lrScale = 1) {
          const lr = baseLr * lrScale;
          for (let i = from; i < to; i++) w[i] -= lr * g[i];
        },
        endStep() {},
      };
    case 'Momentum': {
      if (config.useNesterov) throw new Error('Nesterov momentum is not supported by the flat optimiser');
      const momentum = config.momentum as number;
      const accumulation = new Float32Array(size);
      return {
        update(w, g, from, to, lrScale = 1) {
          const lr = baseLr * lrScale;
          for (let i = from; i < to; i++) {
            accumulation[i] = momentum * accumulation[i] + g[i];
            w[i] -= lr * accumulation[i];
          }
        },
        endStep() {},
      };
    }
    case 'Adagrad': {
      const accumulated = new Float32Array(size).fill(config.initialAccumulatorValue as number);
      return {
        update(w, g, from, to, lrScale = 1) {
          const lr = baseLr * lrScale;
          for (let i = from; i < to; i++) {
            const gi = g[i];
            accumulated[i] += gi * gi;
            w[i] -= (lr * gi) / Math.sqrt(accumulated[i] + epsilon);
          }
        },
        endStep() {},
      };
    }
    case 'RMSProp': {
      if (config.centered) throw new Error('centered RMSProp is not supported by the flat optimiser');
      const decay = config.decay as number;
      const momentum = config.momentum as number;
      const eps = (config.epsilon as number | null) ?? epsilon;
      const meanSquare = new Float32Array(size);
      const moment = new Float32Array(size);
      return {
        update(w, g, from, to, lrScale = 1) {
          const lr = baseLr * lrScale;
          for (let i = from; i < to; i++) {
            const gi = g[i];
            meanSquare[i] = decay * meanSquare[i] + (1 - decay) * gi * gi;
            moment[i] = momentum * moment[i] + (lr * gi) / Math.sqrt(meanSquare[i] + eps);
            w[i] -= moment[i];
          }
        },
        endStep() {},
      };
    }
    case 'Adam': {
      const beta1 = config.beta1 as number;
      const beta2 = config.beta2 as number;
      const eps = (config.epsilon as number | null) ?? epsilon;
      const m = new Float32Array(size);
      const v = new Float32Array(size);
      let step = 1;
      return {
        update(w, g, from, to, lrScale = 1) {
          const lr = baseLr * lrScale;
          const correction1 = 1 - beta1 ** step;
          const correction2 = 1 - beta2 ** step;
          for (let i = from; i < to; i++) {
            const gi = g[i];
            const mi = beta1 * m[i] + (1 - beta1) * gi;
            const vi = beta2 * v[i] + (1 - beta2) * gi * gi;
            m[i] = mi;
            v[i] = vi;
            w[i] -= (lr * (mi / correction1)) / (Math.sqrt(vi / correction2) + eps);
          }
        },
        endStep() {
          step++;
        },
      };
    }
    default:
      throw new Error(`no flat version of the ${name} optimiser`);
  }
}
