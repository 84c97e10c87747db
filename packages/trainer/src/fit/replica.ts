import * as tf from '@tensorflow/tfjs';
import { createOptimizer, createPolicyModel, POLICY_OUTPUTS } from '@c4/engine/policy';
import type { PolicyConfig } from '@c4/engine/policy';
import { INPUT_SHAPE, INPUT_SIZE } from '@c4/engine';
import { flatOptimizerLike, sumGradients } from './flat-optimizer.ts';
import type { FlatOptimizer } from './flat-optimizer.ts';
import type { PredictFn } from '../metrics.ts';

/** The same clipping tfjs-layers applies in its cross-entropy, so losses match `model.evaluate`. */
const EPSILON = 1e-7;

export interface ShardStats {
  /** Sum over the shard's samples of their cross-entropy. */
  lossSum: number;
  /** Samples whose most probable column is the label. */
  correct: number;
}

/** Where a replica keeps its flat parameters and gradients: its own arrays, or shared memory. */
export interface ReplicaBuffers {
  weights: Float32Array;
  gradients: Float32Array;
}

/**
 * One copy of the policy network, with its parameters also laid end to end in `weights`
 * (variable order: conv kernel, conv bias, …, output bias) and its latest gradient in
 * `gradients`, in the same layout. The batch trainer keeps one replica per thread.
 *
 * Gradients are of (sum of the shard's losses) / batchSize, so adding the replicas'
 * gradients gives exactly the gradient of the whole batch's mean loss.
 */
export class PolicyReplica {
  readonly model: tf.LayersModel;
  readonly optimizer: FlatOptimizer;
  readonly weights: Float32Array;
  readonly gradients: Float32Array;
  /** The whole batch's gradient (the sum of all replicas' shards), over the parts this replica updates. */
  readonly batchGradient: Float32Array;
  readonly parameterCount: number;
  private readonly variables: tf.Variable[];

  /** Precondition: `buffers`, if given, hold `parameterCount(config)` floats each. */
  constructor(config: PolicyConfig, buffers?: ReplicaBuffers) {
    this.model = createPolicyModel(config);
    if (this.model.trainableWeights.length !== this.model.weights.length) {
      throw new Error('the batch trainer needs a network whose weights are all trainable');
    }
    this.variables = this.model.trainableWeights.map((w) => (w as unknown as { read(): tf.Variable }).read());
    this.parameterCount = this.variables.reduce((n, v) => n + v.size, 0);
    this.weights = buffers?.weights ?? new Float32Array(this.parameterCount);
    this.gradients = buffers?.gradients ?? new Float32Array(this.parameterCount);
    this.batchGradient = buffers ? new Float32Array(this.parameterCount) : this.gradients;
    const tfOptimizer = createOptimizer(config.optimizer, config.learningRate);
    this.optimizer = flatOptimizerLike(tfOptimizer, this.parameterCount);
    tfOptimizer.dispose();
  }

  /**
   * Writes into `gradients` the gradient of (the loss summed over `n` samples) / `batchSize`;
   * resolves with the shard's statistics.
   */
  async computeGradients(x: Float32Array, y: Float32Array, n: number, batchSize: number): Promise<ShardStats> {
    const { grads, lossSum, correct } = tf.tidy(() => {
      const input = inputTensor(x, n);
      const labels = tf.tensor1d(y.subarray(0, n), 'float32').toInt();
      let lossSum: tf.Scalar | undefined;
      let correct: tf.Scalar | undefined;
      const { grads } = tf.variableGrads(() => {
        const probs = this.model.apply(input, { training: true }) as tf.Tensor2D;
        const clipped = tf.clipByValue(probs, EPSILON, 1 - EPSILON);
        const picked = tf.sum(tf.mul(tf.oneHot(labels, POLICY_OUTPUTS), tf.log(clipped)), 1);
        const sum = tf.keep(tf.neg(tf.sum(picked)) as tf.Scalar);
        lossSum = sum;
        correct = tf.keep(tf.sum(tf.cast(tf.equal(tf.argMax(probs, 1), labels), 'float32')) as tf.Scalar);
        return tf.div(sum, batchSize) as tf.Scalar;
      }, this.variables);
      return { grads, lossSum: lossSum!, correct: correct! };
    });
    let offset = 0;
    for (const v of this.variables) {
      this.gradients.set(grads[v.name].dataSync() as Float32Array, offset);
      offset += v.size;
    }
    tf.dispose(grads);
    try {
      const [l, c] = await Promise.all([lossSum.data(), correct.data()]);
      return { lossSum: l[0], correct: c[0] };
    } finally {
      tf.dispose([lossSum, correct]);
    }
  }

  /**
   * One optimiser step on `weights[from, to)` with the sum of all replicas' `shards`
   * (just this replica's gradient when it trains alone), the learning rate scaled by `lrScale`.
   */
  update(shards: readonly Float32Array[], from = 0, to = this.parameterCount, lrScale = 1): void {
    const gradient = shards.length === 1 ? shards[0] : this.batchGradient;
    if (shards.length > 1) sumGradients(gradient, shards, from, to);
    this.optimizer.update(this.weights, gradient, from, to, lrScale);
    this.optimizer.endStep();
  }

  /** Copies `weights` into the network's variables. */
  loadWeights(): void {
    let offset = 0;
    for (const v of this.variables) {
      const values = tf.tensor(this.weights.subarray(offset, offset + v.size), v.shape, 'float32');
      v.assign(values);
      values.dispose();
      offset += v.size;
    }
  }

  /** Copies the network's variables into `weights`. */
  storeWeights(): void {
    let offset = 0;
    for (const v of this.variables) {
      this.weights.set(v.dataSync() as Float32Array, offset);
      offset += v.size;
    }
  }

  /** Sets the network (and `weights`) to `values`, one array per weight in `model.getWeights()` order. */
  setWeights(values: readonly Float32Array[]): void {
    if (values.length !== this.variables.length) throw new Error(`expected ${this.variables.length} weight arrays, got ${values.length}`);
    let offset = 0;
    this.variables.forEach((v, i) => {
      if (values[i].length !== v.size) throw new Error(`weight ${i} (${v.name}) needs ${v.size} values, got ${values[i].length}`);
      this.weights.set(values[i], offset);
      offset += v.size;
    });
    this.loadWeights();
  }

  /** The network's weights, one copy per weight in `model.getWeights()` order. */
  readWeights(): Float32Array[] {
    return this.variables.map((v) => (v.dataSync() as Float32Array).slice());
  }

  /** Probabilities (n × 7) for `n` encoded positions. */
  predict(x: Float32Array, n: number): Promise<Float32Array> {
    return modelPredict(this.model)(x, n);
  }

  dispose(): void {
    this.model.dispose();
  }
}

/** `n` encoded positions (`encodePosition` layout) as the network's input. */
function inputTensor(x: Float32Array, n: number): tf.Tensor4D {
  return tf.tensor4d(x.subarray(0, n * INPUT_SIZE), [n, ...INPUT_SHAPE]);
}

/** `model`'s probabilities (n × 7) for `n` encoded positions. */
export function modelPredict(model: tf.LayersModel): PredictFn {
  return async (x, n) => {
    const probs = tf.tidy(() => model.predict(inputTensor(x, n)) as tf.Tensor);
    try {
      return (await probs.data()) as Float32Array;
    } finally {
      probs.dispose();
    }
  };
}
