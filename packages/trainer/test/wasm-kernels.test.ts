import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as tf from '@tensorflow/tfjs';
import { makeRng } from '@c4/engine';
import { selectBackend } from '../src/backend/select-backend.ts';

/**
 * The project's wasm training kernels against the CPU backend's, through gradients of random
 * convolutions and matrix products: both run the same computation on the same numbers.
 */

type Arrays = Float32Array[];

function randomArray(rng: () => number, size: number): Float32Array {
  return Float32Array.from({ length: size }, () => rng() * 2 - 1);
}

async function on(backend: string, compute: () => tf.Tensor[]): Promise<Arrays> {
  await tf.setBackend(backend);
  return tf.tidy(compute).map((t) => {
    const data = t.dataSync() as Float32Array;
    t.dispose();
    return data;
  });
}

/** Largest difference relative to the largest magnitude of the reference. */
function relativeError(actual: Float32Array, expected: Float32Array): number {
  expect(actual.length).toBe(expected.length);
  let diff = 0;
  let scale = 1e-6;
  for (let i = 0; i < expected.length; i++) {
    diff = Math.max(diff, Math.abs(actual[i] - expected[i]));
    scale = Math.max(scale, Math.abs(expected[i]));
  }
  return diff / scale;
}

async function compareOnBothBackends(compute: () => tf.Tensor[]): Promise<void> {
  const wasm = await on('wasm', compute);
  const cpu = await on('cpu', compute);
  wasm.forEach((w, i) => expect(relativeError(w, cpu[i])).toBeLessThan(1e-5));
}

let previous: string | undefined;
beforeAll(async () => {
  previous = tf.getBackend();
  await selectBackend('wasm');
});
afterAll(async () => {
  if (previous) await tf.setBackend(previous);
});

it('installs the filter gradient the wasm backend lacks', () => {
  expect(tf.getKernel('Conv2DBackpropFilter', 'wasm')).toBeDefined();
});

describe('conv2d gradients on wasm match cpu', () => {
  const rng = makeRng(5);
  const int = (lo: number, hi: number) => lo + Math.floor(rng() * (hi - lo + 1));
  const cases: { n: number; h: number; w: number; ci: number; co: number; kh: number; kw: number; pad: 'same' | 'valid'; stride: number }[] = [];
  for (const pad of ['same', 'valid'] as const) {
    for (const [kh, kw] of [[1, 1], [2, 2], [3, 3], [4, 4], [5, 5], [2, 3], [4, 1]]) {
      cases.push({ n: int(1, 5), h: int(5, 8), w: int(5, 9), ci: int(1, 9), co: int(1, 12), kh, kw, pad, stride: 1 });
    }
  }
  // The policy network's own layers.
  cases.push({ n: 16, h: 6, w: 7, ci: 2, co: 64, kh: 4, kw: 4, pad: 'same', stride: 1 });
  cases.push({ n: 4, h: 6, w: 7, ci: 64, co: 64, kh: 3, kw: 3, pad: 'same', stride: 1 });
  // Strides other than 1 take the fallback paths.
  cases.push({ n: 3, h: 7, w: 8, ci: 3, co: 5, kh: 3, kw: 3, pad: 'same', stride: 2 });
  cases.push({ n: 2, h: 9, w: 7, ci: 4, co: 3, kh: 2, kw: 3, pad: 'valid', stride: 2 });

  for (const c of cases) {
    it(`x ${c.n}×${c.h}×${c.w}×${c.ci}, filter ${c.kh}×${c.kw}×${c.ci}×${c.co}, ${c.pad}, stride ${c.stride}`, async () => {
      const xs = randomArray(rng, c.n * c.h * c.w * c.ci);
      const ws = randomArray(rng, c.kh * c.kw * c.ci * c.co);
      const probe = tf.tidy(() => tf.conv2d(tf.zeros([c.n, c.h, c.w, c.ci]) as tf.Tensor4D, tf.zeros([c.kh, c.kw, c.ci, c.co]) as tf.Tensor4D, c.stride, c.pad).shape);
      const rs = randomArray(rng, probe.reduce((a, b) => a * b, 1));
      await compareOnBothBackends(() => {
        const x = tf.tensor4d(xs, [c.n, c.h, c.w, c.ci]);
        const w = tf.tensor4d(ws, [c.kh, c.kw, c.ci, c.co]);
        const r = tf.tensor(rs, probe);
        const f = (a: tf.Tensor, b: tf.Tensor) => tf.sum(tf.mul(tf.conv2d(a as tf.Tensor4D, b as tf.Tensor4D, c.stride, c.pad), r));
        return tf.grads(f)([x, w]);
      });
    });
  }
});

describe('matMul on wasm matches cpu, forward and gradients', () => {
  const rng = makeRng(9);
  for (const batch of [0, 3]) {
    for (const transposeA of [false, true]) {
      for (const transposeB of [false, true]) {
        it(`${batch ? `batch ${batch}` : 'rank 2'}, transposeA ${transposeA}, transposeB ${transposeB}`, async () => {
          const [m, k, n] = [5 + Math.floor(rng() * 40), 3 + Math.floor(rng() * 70), 1 + Math.floor(rng() * 30)];
          const lead = batch ? [batch] : [];
          const aShape = [...lead, ...(transposeA ? [k, m] : [m, k])];
          const bShape = [...lead, ...(transposeB ? [n, k] : [k, n])];
          const as = randomArray(rng, aShape.reduce((p, q) => p * q, 1));
          const bs = randomArray(rng, bShape.reduce((p, q) => p * q, 1));
          const rs = randomArray(rng, (batch || 1) * m * n);
          await compareOnBothBackends(() => {
            const a = tf.tensor(as, aShape);
            const b = tf.tensor(bs, bShape);
            const r = tf.tensor(rs, [...lead, m, n]);
            const product = (p: tf.Tensor, q: tf.Tensor) => tf.matMul(p, q, transposeA, transposeB);
            const f = (p: tf.Tensor, q: tf.Tensor) => tf.sum(tf.mul(product(p, q), r));
            return [product(a, b), ...tf.grads(f)([a, b])];
          });
        });
      }
    }
  }
});

describe('matMul on wasm matches cpu when one operand is much larger (both evaluation orders)', () => {
  const rng = makeRng(13);
  // [m, k, n]: a small left operand with a big right one, and the reverse (dense-layer shapes).
  for (const [m, k, n] of [[16, 300, 120], [300, 120, 16], [64, 269, 128]]) {
    for (const transposeA of [false, true]) {
      for (const transposeB of [false, true]) {
        it(`${m}×${k} · ${k}×${n}, transposeA ${transposeA}, transposeB ${transposeB}`, async () => {
          const aShape: [number, number] = transposeA ? [k, m] : [m, k];
          const bShape: [number, number] = transposeB ? [n, k] : [k, n];
          const as = randomArray(rng, m * k);
          const bs = randomArray(rng, k * n);
          await compareOnBothBackends(() => [tf.matMul(tf.tensor(as, aShape) as tf.Tensor2D, tf.tensor(bs, bShape) as tf.Tensor2D, transposeA, transposeB)]);
        });
      }
    }
  }
});

describe('conv2dTranspose (Conv2DBackpropInput forward) on wasm matches cpu', () => {
  it('same and valid padding', async () => {
    const rng = makeRng(11);
    for (const pad of ['same', 'valid'] as const) {
      const ys = randomArray(rng, 2 * 6 * 7 * 5);
      const ws = randomArray(rng, 3 * 4 * 4 * 5);
      const outShape: [number, number, number, number] = pad === 'same' ? [2, 6, 7, 4] : [2, 8, 10, 4];
      await compareOnBothBackends(() => [
        tf.conv2dTranspose(tf.tensor4d(ys, [2, 6, 7, 5]), tf.tensor4d(ws, [3, 4, 4, 5]), outShape, 1, pad),
      ]);
    }
  });
});
