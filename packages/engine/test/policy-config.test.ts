import { describe, expect, it } from 'vitest';
import * as tf from '@tensorflow/tfjs';
import {
  createPolicyModel, DEFAULT_POLICY_CONFIG, PolicyConfigError, REFERENCE_POLICY_CONFIG, validatePolicyConfig,
  withPolicyOverrides,
} from '../src/policy/index.ts';
import type { PolicyConfig } from '../src/policy/index.ts';

const weightsOf = (config: PolicyConfig) => {
  const model = createPolicyModel(config);
  const values = model.getWeights().map((w) => Array.from(w.dataSync()));
  model.dispose();
  return values;
};

describe('policy config', () => {
  it('accepts the reference and default configs', () => {
    expect(() => validatePolicyConfig(REFERENCE_POLICY_CONFIG)).not.toThrow();
    expect(() => validatePolicyConfig(DEFAULT_POLICY_CONFIG)).not.toThrow();
  });

  it('survives a JSON round trip', () => {
    expect(validatePolicyConfig(JSON.parse(JSON.stringify(DEFAULT_POLICY_CONFIG)))).toEqual(DEFAULT_POLICY_CONFIG);
  });

  it.each([
    [{ conv: [{ filters: 0, kernel: 3, padding: 'same', activation: 'relu' }] }, /conv\[0\]\.filters/],
    [{ conv: [{ filters: 8, kernel: 3, padding: 'full', activation: 'relu' }] }, /conv\[0\]\.padding/],
    [{ conv: [{ filters: 8, kernel: 7, padding: 'valid', activation: 'relu' }] }, /conv\[0\].*leaves no output/],
    [{ dense: [{ units: 16, activation: 'swish' }] }, /dense\[0\]\.activation/],
    [{ dense: [{ units: 16, activation: 'relu', dropout: 1 }] }, /dense\[0\]\.dropout/],
    [{ optimizer: 'lbfgs' }, /optimizer must be one of/],
    [{ learningRate: 0 }, /learningRate/],
    [{ seed: 1.5 }, /seed/],
    [{ conv: [{ filters: 2, kernel: 3, padding: 'same', activation: 'relu', residual: 'yes' }] }, /conv\[0\]\.residual must be true or false/],
    [{ conv: [{ filters: 8, kernel: 3, padding: 'same', activation: 'relu', residual: true }] }, /conv\[0\]: a residual block needs as many filters as its input has channels \(2\), got 8/],
    [{ conv: [{ filters: 8, kernel: 3, padding: 'valid', activation: 'relu' }, { filters: 8, kernel: 3, padding: 'valid', activation: 'relu', residual: true }] }, /conv\[1\]: a residual block needs 'same' padding/],
  ] as [Partial<PolicyConfig>, RegExp][])('rejects %j', (override, message) => {
    const bad = { ...REFERENCE_POLICY_CONFIG, ...override } as PolicyConfig;
    expect(() => validatePolicyConfig(bad)).toThrow(PolicyConfigError);
    expect(() => validatePolicyConfig(bad)).toThrow(message);
  });

  it('applies overrides to a copy', () => {
    const config = withPolicyOverrides(REFERENCE_POLICY_CONFIG, { optimizer: 'sgd', learningRate: 0.01 });
    expect(config.optimizer).toBe('sgd');
    expect(config.conv).toEqual(REFERENCE_POLICY_CONFIG.conv);
    expect(config.conv).not.toBe(REFERENCE_POLICY_CONFIG.conv);
    expect(REFERENCE_POLICY_CONFIG.optimizer).toBe('adam');
  });
});

describe('createPolicyModel', () => {
  it('builds the reference architecture: [6,7,2] in, 7 out, 384 135 parameters', () => {
    const model = createPolicyModel(REFERENCE_POLICY_CONFIG);
    expect(model.inputs[0].shape).toEqual([null, 6, 7, 2]);
    expect(model.outputs[0].shape).toEqual([null, 7]);
    expect(model.countParams()).toBe(384_135);
    expect(model.layers.map((l) => l.getClassName())).toEqual(['InputLayer', 'Conv2D', 'Conv2D', 'Flatten', 'Dense', 'Dense']);
    model.dispose();
  });

  it('adds dropout layers where configured', () => {
    const model = createPolicyModel({ ...REFERENCE_POLICY_CONFIG, dense: [{ units: 32, activation: 'relu', dropout: 0.25 }] });
    expect(model.layers.map((l) => l.getClassName())).toEqual(['InputLayer', 'Conv2D', 'Conv2D', 'Flatten', 'Dense', 'Dropout', 'Dense']);
    model.dispose();
  });

  it('builds a residual block as two convolutions added to the input, the second starting at zero', () => {
    const config: PolicyConfig = {
      ...REFERENCE_POLICY_CONFIG,
      conv: [
        { filters: 8, kernel: 3, padding: 'same', activation: 'relu' },
        { filters: 8, kernel: 3, padding: 'same', activation: 'relu', residual: true },
      ],
      dense: [],
    };
    const model = createPolicyModel(config);
    expect(model.layers.map((l) => l.getClassName())).toEqual(['InputLayer', 'Conv2D', 'Conv2D', 'Conv2D', 'Add', 'Activation', 'Flatten', 'Dense']);
    const [, , innerKernel, , changeKernel, changeBias] = model.getWeights().map((w) => Array.from(w.dataSync()));
    expect(innerKernel.some((v) => v !== 0)).toBe(true);
    expect(changeKernel.every((v) => v === 0) && changeBias.every((v) => v === 0)).toBe(true);
    // A new block passes its (post-ReLU) input through unchanged: same outputs as without it.
    const plain = createPolicyModel({ ...config, conv: [config.conv[0]] });
    plain.setWeights(model.getWeights().filter((_, i) => i < 2 || i >= 6));
    const input = tf.randomUniform([4, 6, 7, 2], 0, 1, 'float32', 3);
    const [a, b] = [model, plain].map((m) => Array.from((m.predict(input) as tf.Tensor).dataSync()));
    a.forEach((v, i) => expect(v).toBeCloseTo(b[i], 6));
    tf.dispose(input);
    model.dispose();
    plain.dispose();
  });

  it('initialises deterministically from the seed', () => {
    const small: PolicyConfig = { ...REFERENCE_POLICY_CONFIG, conv: [{ filters: 4, kernel: 3, padding: 'same', activation: 'relu' }], dense: [] };
    expect(weightsOf(small)).toEqual(weightsOf(small));
    expect(weightsOf({ ...small, seed: 2 })).not.toEqual(weightsOf(small));
  });

  it('outputs a probability distribution per position', () => {
    const model = createPolicyModel(REFERENCE_POLICY_CONFIG);
    const out = tf.tidy(() => (model.predict(tf.zeros([3, 6, 7, 2])) as tf.Tensor).arraySync() as number[][]);
    for (const row of out) expect(row.reduce((a, b) => a + b, 0)).toBeCloseTo(1, 5);
    model.dispose();
  });
});
