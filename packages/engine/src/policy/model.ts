import * as tf from '@tensorflow/tfjs';
import { INPUT_SHAPE } from '../encoding.ts';
import { DEFAULT_POLICY_CONFIG, validatePolicyConfig } from './config.ts';
import type { OptimizerName, PolicyConfig } from './config.ts';

/** One output per column. */
export const POLICY_OUTPUTS = 7;

/** Momentum of the 'momentum' optimiser (classical SGD with momentum, the usual default). */
const MOMENTUM = 0.9;

export function createOptimizer(name: OptimizerName, learningRate: number): tf.Optimizer {
  switch (name) {
    case 'adam': return tf.train.adam(learningRate);
    case 'sgd': return tf.train.sgd(learningRate);
    case 'momentum': return tf.train.momentum(learningRate, MOMENTUM);
    case 'rmsprop': return tf.train.rmsprop(learningRate);
    case 'adagrad': return tf.train.adagrad(learningRate);
  }
}

/**
 * Builds and compiles the policy network described by `config`: input [6, 7, 2] (NHWC, see
 * `encodePosition`), output 7 column probabilities. Loss sparse categorical cross-entropy
 * (labels: the best column as a float32, which tfjs-layers requires), metric accuracy.
 * Initial weights depend only on `config` (initialiser seeds derive from `config.seed`);
 * dropout masks, if any, are not seeded.
 */
export function createPolicyModel(config: PolicyConfig = DEFAULT_POLICY_CONFIG): tf.LayersModel {
  validatePolicyConfig(config);
  let nextSeed = config.seed;
  const kernelInitializer = () => tf.initializers.glorotUniform({ seed: nextSeed++ });
  const model = tf.sequential({ name: 'c4_policy' });
  model.add(tf.layers.inputLayer({ inputShape: [...INPUT_SHAPE] }));
  for (const layer of config.conv) {
    model.add(tf.layers.conv2d({
      filters: layer.filters,
      kernelSize: layer.kernel,
      padding: layer.padding,
      activation: layer.activation,
      kernelInitializer: kernelInitializer(),
      biasInitializer: 'zeros',
    }));
  }
  model.add(tf.layers.flatten());
  for (const layer of config.dense) {
    model.add(tf.layers.dense({
      units: layer.units,
      activation: layer.activation,
      kernelInitializer: kernelInitializer(),
      biasInitializer: 'zeros',
    }));
    // No seed: tfjs would then draw the same dropout mask on every batch.
    if (layer.dropout) model.add(tf.layers.dropout({ rate: layer.dropout }));
  }
  model.add(tf.layers.dense({
    units: POLICY_OUTPUTS,
    activation: 'softmax',
    kernelInitializer: kernelInitializer(),
    biasInitializer: 'zeros',
  }));
  compilePolicyModel(model, config);
  return model;
}

/** (Re)compiles a policy model, e.g. one loaded from disk, for training with `config`'s optimiser. */
export function compilePolicyModel(model: tf.LayersModel, config: Pick<PolicyConfig, 'optimizer' | 'learningRate'>): void {
  model.compile({
    optimizer: createOptimizer(config.optimizer, config.learningRate),
    loss: 'sparseCategoricalCrossentropy',
    metrics: ['accuracy'],
  });
}
