import { afterAll, describe, expect, it } from 'vitest';
import * as tf from '@tensorflow/tfjs';
import { BackendUnavailableError, selectBackend } from '../src/backend/index.ts';
import type { BackendChoice } from '../src/backend/index.ts';

const initial = tf.getBackend();
afterAll(async () => {
  if (initial) await tf.setBackend(initial);
});

describe('selectBackend', () => {
  it('cpu: always available', async () => {
    const selected = await selectBackend('cpu');
    expect(selected.name).toBe('cpu');
    expect(tf.getBackend()).toBe('cpu');
  });

  it('wasm: starts in Node with the training kernels installed, leaving process handlers alone', async () => {
    const handlers = () => [process.listenerCount('uncaughtException'), process.listenerCount('unhandledRejection')];
    const before = handlers();
    const selected = await selectBackend('wasm');
    expect(handlers()).toEqual(before);
    expect(selected).toMatchObject({ name: 'wasm' });
    expect(selected.detail).toMatch(/Conv2DBackpropFilter/);
    expect(tf.getBackend()).toBe('wasm');
    expect(tf.getKernel('Conv2DBackpropFilter', 'wasm')).toBeDefined();
  });

  it('tensorflow: either runs or says why not', async () => {
    try {
      expect((await selectBackend('tensorflow')).name).toBe('tensorflow');
    } catch (e) {
      expect(e).toBeInstanceOf(BackendUnavailableError);
      expect((e as Error).message).toMatch(/^backend tensorflow is not available: \S/);
    }
  });

  it('auto: the fastest that starts, naming what it skipped', async () => {
    const selected = await selectBackend('auto');
    expect(['tensorflow', 'wasm']).toContain(selected.name);
    expect(tf.getBackend()).toBe(selected.name);
    if (selected.name === 'wasm') expect(selected.detail).toMatch(/tensorflow skipped: \S/);
  });

  it('refuses an unknown backend', async () => {
    await expect(selectBackend('webgpu' as BackendChoice)).rejects.toThrow(/unknown backend "webgpu"/);
  });
});
