import * as tf from '@tensorflow/tfjs';
import { createOptimizer, createPolicyModel, POLICY_OUTPUTS } from '@c4/engine';
import type { PolicyConfig } from '@c4/engine';

/** The same clipping tfjs-layers applies in its cross-entropy, so losses match `model.evaluate`. */
const EPSILON = 1e-7;
const CELLS = 84;

export interface ShardStats {
  /** Sum over the shard's samples of their cross-entropy. */
  lossSum: number;
  /** Samples whose most probable column is the label. */
  correct: number;
}

/**
 * One copy of the policy network with its own optimiser. The batch trainer keeps one replica
 * per thread; all replicas start from the same weights and apply the same summed gradient
 * with identical optimisers, so they stay identical without sending weights around.
 *
 * Gradients are of (sum of the shard's losses) / batchSize, so adding the replicas' gradients
 * gives exactly the gradient of the whole batch's mean loss.
 */
export class PolicyReplica {
  readonly model: tf.LayersModel;
  private readonly optimizer: tf.Optimizer;
  private readonly variables: tf.Variable[];
  /** Sizes of the trainable variables in model order: the layout of a flat gradient. */
  readonly sizes: number[];
  readonly parameterCount: number;

  constructor(config: PolicyConfig) {
    this.model = createPolicyModel(config);
    this.optimizer = createOptimizer(config.optimizer, config.learningRate);
    this.variables = this.model.trainableWeights.map((w) => (w as unknown as { read(): tf.Variable }).read());
    this.sizes = this.variables.map((v) => v.size);
    this.parameterCount = this.sizes.reduce((a, b) => a + b, 0);
  }

  /**
   * Gradient tensors (one per trainable variable, by name) of `n` samples' loss sum / `batchSize`,
   * and the shard's statistics (read asynchronously so the caller can overlap work).
   */
  computeGradients(x: Float32Array, y: Float32Array, n: number, batchSize: number): { grads: tf.NamedTensorMap; stats: Promise<ShardStats> } {
    const { grads, lossSum, correct } = tf.tidy(() => {
      const input = tf.tensor4d(x.subarray(0, n * CELLS), [n, 6, 7, 2]);
      const labels = tf.tensor1d(y.subarray(0, n), 'float32').toInt();
      let lossSum: tf.Scalar | undefined;
      let correct: tf.Scalar | undefined;
      const { grads } = this.optimizer.computeGradients(() => {
        const probs = this.model.apply(input, { training: true }) as tf.Tensor2D;
        const clipped = tf.clipByValue(probs, EPSILON, 1 - EPSILON);
        const picked = tf.sum(tf.mul(tf.oneHot(labels, POLICY_OUTPUTS), tf.log(clipped)), 1);
        lossSum = tf.keep(tf.neg(tf.sum(picked)));
        correct = tf.keep(tf.sum(tf.cast(tf.equal(tf.argMax(probs, 1), labels), 'float32')));
        return tf.div(lossSum, batchSize) as tf.Scalar;
      }, this.variables);
      return { grads, lossSum: lossSum!, correct: correct! };
    });
    return { grads, stats: readStats(lossSum, correct) };
  }

  /** Applies (and disposes) gradients keyed by variable name. */
  applyGradients(grads: tf.NamedTensorMap): void {
    this.optimizer.applyGradients(grads);
    tf.dispose(grads);
  }

  /** Copies gradient tensors, in variable order, into one flat array. */
  flatten(grads: tf.NamedTensorMap, out: Float32Array): void {
    let offset = 0;
    for (const v of this.variables) {
      out.set(grads[v.name].dataSync() as Float32Array, offset);
      offset += v.size;
    }
  }

  /** Gradient tensors keyed by variable name, read from a flat array laid out as `flatten` writes. */
  unflatten(flat: Float32Array): tf.NamedTensorMap {
    const grads: tf.NamedTensorMap = {};
    let offset = 0;
    for (const v of this.variables) {
      grads[v.name] = tf.tensor(flat.subarray(offset, offset + v.size), v.shape, 'float32');
      offset += v.size;
    }
    return grads;
  }

  /** Probabilities (n × 7) for `n` encoded positions. */
  async predict(x: Float32Array, n: number): Promise<Float32Array> {
    const probs = tf.tidy(() => this.model.predict(tf.tensor4d(x.subarray(0, n * CELLS), [n, 6, 7, 2])) as tf.Tensor);
    try {
      return (await probs.data()) as Float32Array;
    } finally {
      probs.dispose();
    }
  }

  /** All weights (trainable or not), flat, in `model.getWeights()` order. */
  readWeights(): Float32Array[] {
    return this.model.getWeights().map((w) => w.dataSync() as Float32Array);
  }

  writeWeights(weights: Float32Array[]): void {
    const current = this.model.getWeights();
    if (weights.length !== current.length) throw new Error(`expected ${current.length} weight arrays, got ${weights.length}`);
    const tensors = current.map((w, i) => tf.tensor(weights[i], w.shape, 'float32'));
    this.model.setWeights(tensors);
    tf.dispose(tensors);
  }

  dispose(): void {
    this.optimizer.dispose();
    this.model.dispose();
  }
}

async function readStats(lossSum: tf.Scalar, correct: tf.Scalar): Promise<ShardStats> {
  try {
    const [l, c] = await Promise.all([lossSum.data(), correct.data()]);
    return { lossSum: l[0], correct: c[0] };
  } finally {
    lossSum.dispose();
    correct.dispose();
  }
}
