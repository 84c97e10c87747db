/**
 * The policy network's architecture and optimiser as plain, JSON-serialisable data, so a
 * trained model's report can record exactly what was built and a run can be repeated.
 *
 *   input 6×7×2 ─▶ conv layers (or residual blocks) ─▶ flatten ─▶ hidden dense layers ─▶ dense 7 softmax
 *
 * The 7-way softmax output (one probability per column) is fixed and not part of `dense`.
 */

export type Activation = 'relu' | 'elu' | 'selu' | 'tanh' | 'sigmoid' | 'linear';
export type Padding = 'same' | 'valid';
export type OptimizerName = 'adam' | 'sgd' | 'momentum' | 'rmsprop' | 'adagrad';

export const ACTIVATIONS: readonly Activation[] = ['relu', 'elu', 'selu', 'tanh', 'sigmoid', 'linear'];
export const OPTIMIZER_NAMES: readonly OptimizerName[] = ['adam', 'sgd', 'momentum', 'rmsprop', 'adagrad'];

export interface ConvLayerConfig {
  filters: number;
  /** Square kernel side. */
  kernel: number;
  padding: Padding;
  activation: Activation;
  /**
   * A residual block instead of one convolution: two convolutions of this shape whose
   * result is added to the block's input, act(x + conv₂(act(conv₁(x)))). conv₂ starts at
   * zero, so a new block starts as the identity (after a ReLU layer): a trained network
   * grown by blocks (`pnpm train --init`) starts out playing exactly as before. Needs
   * 'same' padding and as many filters as the layer before has channels.
   */
  residual?: boolean;
}

export interface DenseLayerConfig {
  units: number;
  activation: Activation;
  /** Fraction of this layer's outputs dropped while training (0 = no dropout layer). */
  dropout?: number;
}

export interface PolicyConfig {
  conv: ConvLayerConfig[];
  /** Hidden dense layers; the 7-way softmax output layer is always added after them. */
  dense: DenseLayerConfig[];
  optimizer: OptimizerName;
  learningRate: number;
  /** Seed of the weight initialisers: the same config builds the same initial network (dropout masks are not seeded). */
  seed: number;
}

/** The reference experiment: its architecture is the speed benchmark's yardstick. */
export const REFERENCE_POLICY_CONFIG: PolicyConfig = {
  conv: [
    { filters: 64, kernel: 4, padding: 'same', activation: 'relu' },
    { filters: 64, kernel: 3, padding: 'same', activation: 'relu' },
  ],
  dense: [{ units: 128, activation: 'relu' }],
  optimizer: 'adam',
  learningRate: 0.001,
  seed: 1,
};

/**
 * The default architecture: the reference with two more 3×3 convolutions and a wider
 * hidden layer. Three stacked convolutions already let a unit see the whole 6×7 board (an
 * 8×8 window); the fourth and the 256 units were added because the default before them
 * underfitted (training and validation loss level) and, trained on the same data, this one
 * plays better (see the root README, "The shipped model"). The shipped model is this
 * network grown by two residual blocks while training from a trained one
 * (packages/trainer/configs/default-res2.json): depth added that way played better;
 * training the deeper network from scratch has not been measured, so it is not the default.
 */
export const DEFAULT_POLICY_CONFIG: PolicyConfig = {
  conv: [
    { filters: 64, kernel: 4, padding: 'same', activation: 'relu' },
    { filters: 64, kernel: 3, padding: 'same', activation: 'relu' },
    { filters: 64, kernel: 3, padding: 'same', activation: 'relu' },
    { filters: 64, kernel: 3, padding: 'same', activation: 'relu' },
  ],
  dense: [{ units: 256, activation: 'relu' }],
  optimizer: 'adam',
  learningRate: 0.001,
  seed: 1,
};

export class PolicyConfigError extends Error {
  constructor(message: string) {
    super(`invalid policy config: ${message}`);
    this.name = 'PolicyConfigError';
  }
}

function isPositiveInteger(x: unknown): x is number {
  return typeof x === 'number' && Number.isInteger(x) && x > 0;
}

function checkActivation(where: string, a: unknown): void {
  if (!ACTIVATIONS.includes(a as Activation)) {
    throw new PolicyConfigError(`${where}.activation must be one of ${ACTIVATIONS.join(', ')} (got ${JSON.stringify(a)})`);
  }
}

function checkConv(layer: ConvLayerConfig, i: number, size: { rows: number; cols: number; channels: number }): void {
  const where = `conv[${i}]`;
  if (typeof layer !== 'object' || layer === null) throw new PolicyConfigError(`${where} must be an object`);
  if (!isPositiveInteger(layer.filters)) throw new PolicyConfigError(`${where}.filters must be a positive integer (got ${JSON.stringify(layer.filters)})`);
  if (!isPositiveInteger(layer.kernel)) throw new PolicyConfigError(`${where}.kernel must be a positive integer (got ${JSON.stringify(layer.kernel)})`);
  if (layer.padding !== 'same' && layer.padding !== 'valid') {
    throw new PolicyConfigError(`${where}.padding must be 'same' or 'valid' (got ${JSON.stringify(layer.padding)})`);
  }
  checkActivation(where, layer.activation);
  if (layer.residual !== undefined && typeof layer.residual !== 'boolean') {
    throw new PolicyConfigError(`${where}.residual must be true or false (got ${JSON.stringify(layer.residual)})`);
  }
  if (layer.residual) {
    if (layer.padding !== 'same') throw new PolicyConfigError(`${where}: a residual block needs 'same' padding (its output is added to its input)`);
    if (layer.filters !== size.channels) {
      throw new PolicyConfigError(`${where}: a residual block needs as many filters as its input has channels (${size.channels}), got ${layer.filters}`);
    }
  }
  size.channels = layer.filters;
  if (layer.padding === 'valid') {
    size.rows -= layer.kernel - 1;
    size.cols -= layer.kernel - 1;
    if (size.rows < 1 || size.cols < 1) {
      throw new PolicyConfigError(`${where}: a ${layer.kernel}×${layer.kernel} 'valid' convolution leaves no output on the board`);
    }
  }
}

function checkDense(layer: DenseLayerConfig, i: number): void {
  const where = `dense[${i}]`;
  if (typeof layer !== 'object' || layer === null) throw new PolicyConfigError(`${where} must be an object`);
  if (!isPositiveInteger(layer.units)) throw new PolicyConfigError(`${where}.units must be a positive integer (got ${JSON.stringify(layer.units)})`);
  checkActivation(where, layer.activation);
  const d = layer.dropout;
  if (d !== undefined && !(typeof d === 'number' && d >= 0 && d < 1)) {
    throw new PolicyConfigError(`${where}.dropout must be a number in [0, 1) (got ${JSON.stringify(d)})`);
  }
}

/** Throws a `PolicyConfigError` naming the first bad field; returns the config unchanged. */
export function validatePolicyConfig(config: PolicyConfig): PolicyConfig {
  if (typeof config !== 'object' || config === null) throw new PolicyConfigError('must be an object');
  if (!Array.isArray(config.conv)) throw new PolicyConfigError('conv must be an array (possibly empty)');
  if (!Array.isArray(config.dense)) throw new PolicyConfigError('dense must be an array (possibly empty)');
  const size = { rows: 6, cols: 7, channels: 2 };
  config.conv.forEach((layer, i) => checkConv(layer, i, size));
  config.dense.forEach((layer, i) => checkDense(layer, i));
  if (!OPTIMIZER_NAMES.includes(config.optimizer)) {
    throw new PolicyConfigError(`optimizer must be one of ${OPTIMIZER_NAMES.join(', ')} (got ${JSON.stringify(config.optimizer)})`);
  }
  if (!(typeof config.learningRate === 'number' && config.learningRate > 0 && Number.isFinite(config.learningRate))) {
    throw new PolicyConfigError(`learningRate must be a positive number (got ${JSON.stringify(config.learningRate)})`);
  }
  if (!(typeof config.seed === 'number' && Number.isInteger(config.seed))) {
    throw new PolicyConfigError(`seed must be an integer (got ${JSON.stringify(config.seed)})`);
  }
  return config;
}

/** A deep copy with `overrides` applied, validated (e.g. `{ ...cli options }` over the default). */
export function withPolicyOverrides(base: PolicyConfig, overrides: Partial<PolicyConfig>): PolicyConfig {
  const merged: PolicyConfig = JSON.parse(JSON.stringify({ ...base, ...overrides }));
  return validatePolicyConfig(merged);
}
