import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import '@tensorflow/tfjs'; // its CPU backend: these tests build networks without the trainer's backend choice
import { createPolicyModel, DEFAULT_POLICY_CONFIG, REFERENCE_POLICY_CONFIG, withPolicyOverrides } from '@c4/engine/policy';
import type { ConvLayerConfig, PolicyConfig } from '@c4/engine/policy';
import { planWarmStart, warmStartWeights } from '../src/warm-start.ts';

const conv = (filters: number, residual = false): ConvLayerConfig => ({ filters, kernel: 3, padding: 'same', activation: 'relu', ...(residual ? { residual } : {}) });
const config = (layers: ConvLayerConfig[]): PolicyConfig => ({ ...REFERENCE_POLICY_CONFIG, conv: layers, dense: [{ units: 16, activation: 'relu' }] });

/** Weight shapes of createPolicyModel(config), worked out by hand (kernel, bias per layer). */
function shapes(c: PolicyConfig): number[][] {
  const out: number[][] = [];
  let channels = 2;
  for (const layer of c.conv) {
    for (let k = 0; k < (layer.residual ? 2 : 1); k++) out.push([3, 3, channels, layer.filters], [layer.filters]);
    channels = layer.filters;
  }
  out.push([42 * channels, 16], [16], [16, 7], [7]);
  return out;
}

describe('planWarmStart', () => {
  it('takes every weight from a model of the same architecture', () => {
    const c = config([conv(8), conv(8, true)]);
    expect(planWarmStart(c, shapes(c), shapes(c))).toEqual({ source: [...Array(10).keys()], newBlocks: 0 });
  });

  it('starts the residual blocks the given model lacks afresh, and takes the rest from it in order', () => {
    const small = config([conv(8), conv(8)]);
    const grown = config([conv(8), conv(8), conv(8, true), conv(8, true)]);
    const plan = planWarmStart(grown, shapes(grown), shapes(small));
    expect(plan).toEqual({ source: [0, 1, 2, 3, null, null, null, null, null, null, null, null, 4, 5, 6, 7], newBlocks: 2 });
    expect(warmStartWeights(plan!, shapes(grown).map((_, i) => `fresh${i}`), shapes(small).map((_, i) => `given${i}`)))
      .toEqual(['given0', 'given1', 'given2', 'given3', ...[4, 5, 6, 7, 8, 9, 10, 11].map((i) => `fresh${i}`), 'given4', 'given5', 'given6', 'given7']);
  });

  it('grows the default network by configs/default-res2.json: two new blocks, every other weight the model\'s', () => {
    const file = JSON.parse(readFileSync(new URL('../configs/default-res2.json', import.meta.url), 'utf8'));
    const grown = withPolicyOverrides(DEFAULT_POLICY_CONFIG, file);
    const shapesOf = (c: PolicyConfig) => {
      const model = createPolicyModel(c);
      const out = model.weights.map((w) => w.shape as number[]);
      model.dispose();
      return out;
    };
    const plan = planWarmStart(grown, shapesOf(grown), shapesOf(DEFAULT_POLICY_CONFIG));
    expect(plan?.newBlocks).toBe(2);
    expect(plan?.source.filter((i) => i !== null)).toEqual([...Array(12).keys()]);
  });

  it('finds which blocks are new when a plain convolution has a block\'s shapes', () => {
    // given: conv 8, conv 8, conv 8 — the grown config's block could swallow two of them; it must not
    const given = config([conv(8), conv(8), conv(8)]);
    const grown = config([conv(8), conv(8, true), conv(8), conv(8)]);
    expect(planWarmStart(grown, shapes(grown), shapes(given))?.source.slice(0, 8)).toEqual([0, 1, null, null, null, null, 2, 3]);
  });

  it('refuses another architecture: other widths, a missing layer, an extra layer', () => {
    const base = config([conv(8), conv(8)]);
    for (const other of [config([conv(16), conv(16)]), config([conv(8)]), config([conv(8), conv(8), conv(8)])]) {
      expect(planWarmStart(other, shapes(other), shapes(base))).toBeNull();
    }
  });
});
