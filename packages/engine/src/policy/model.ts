import * as tf from './tf.ts';
import { INPUT_SHAPE } from '../encoding.ts';
import { DEFAULT_POLICY_CONFIG, validatePolicyConfig } from './config.ts';
import type { Activation, ConvLayerConfig, OptimizerName, PolicyConfig } from './config.ts';

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
  const conv = (layer: ConvLayerConfig, activation: Activation, initializer: ReturnType<typeof tf.initializers.glorotUniform> | 'zeros') =>
    tf.layers.conv2d({
      filters: layer.filters,
      kernelSize: layer.kernel,
      padding: layer.padding,
      activation,
      kernelInitializer: initializer,
      biasInitializer: 'zeros',
    });
  const input = tf.input({ shape: [...INPUT_SHAPE] });
  let x = input;
  for (const layer of config.conv) {
    if (layer.residual) {
      // conv₂ starts at zero: the block adds nothing until trained (see ConvLayerConfig).
      const inner = conv(layer, layer.activation, kernelInitializer()).apply(x) as tf.SymbolicTensor;
      const change = conv(layer, 'linear', 'zeros').apply(inner) as tf.SymbolicTensor;
      const sum = tf.layers.add().apply([x, change]) as tf.SymbolicTensor;
      x = tf.layers.activation({ activation: layer.activation }).apply(sum) as tf.SymbolicTensor;
    } else {
      x = conv(layer, layer.activation, kernelInitializer()).apply(x) as tf.SymbolicTensor;
    }
  }
  x = tf.layers.flatten().apply(x) as tf.SymbolicTensor;
  for (const layer of config.dense) {
    x = tf.layers.dense({
      units: layer.units,
      activation: layer.activation,
      kernelInitializer: kernelInitializer(),
      biasInitializer: 'zeros',
    }).apply(x) as tf.SymbolicTensor;
    // No seed: tfjs would then draw the same dropout mask on every batch.
    if (layer.dropout) x = tf.layers.dropout({ rate: layer.dropout }).apply(x) as tf.SymbolicTensor;
  }
  const output = tf.layers.dense({
    units: POLICY_OUTPUTS,
    activation: 'softmax',
    kernelInitializer: kernelInitializer(),
    biasInitializer: 'zeros',
  }).apply(x) as tf.SymbolicTensor;
  const model = tf.model({ inputs: input, outputs: output, name: 'c4_policy' });
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
