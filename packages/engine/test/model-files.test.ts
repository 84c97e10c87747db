import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createServer } from 'node:http';
import type { Server } from 'node:http';
import { mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as tf from '@tensorflow/tfjs';
import { loadModelFromDir, saveModel } from '../src/node/index.ts';
import {
  createPolicyModel, loadPolicyNet, modelFromArtifacts, ModelFileError, modelToArtifacts, REFERENCE_POLICY_CONFIG,
} from '../src/policy/index.ts';
import { Position } from '../src/position.ts';
import { encodeBatch } from '../src/encoding.ts';

let root: string;
beforeAll(async () => {
  root = await mkdtemp(join(tmpdir(), 'c4-model-files-'));
});
afterAll(async () => {
  await rm(root, { recursive: true, force: true });
});

const positions = ['', '4', '4453', '444444', '1234567', '3344556'].map((m) => Position.fromMoves(m));

function predict(model: tf.LayersModel): Float32Array {
  return tf.tidy(() => (model.predict(tf.tensor4d(encodeBatch(positions), [positions.length, 6, 7, 2])) as tf.Tensor).dataSync() as Float32Array);
}

/** A model whose weights differ from a fresh one's, so a round trip that drops them shows. */
function trainedLookingModel(seed: number): tf.LayersModel {
  const model = createPolicyModel({ ...REFERENCE_POLICY_CONFIG, seed });
  const weights = model.getWeights().map((w, i) => tf.randomNormal(w.shape, 0, 0.05, 'float32', seed * 100 + i));
  model.setWeights(weights);
  tf.dispose(weights);
  return model;
}

describe('saveModel / loadModelFromDir', () => {
  it('round-trips to identical predictions, in the standard tfjs layers format', async () => {
    const model = trainedLookingModel(3);
    const dir = join(root, 'round-trip');
    await saveModel(model, dir, { 'report.json': '{"ok":true}' });
    expect((await readdir(dir)).sort()).toEqual(['model.json', 'report.json', 'weights.bin']);
    const json = JSON.parse(await readFile(join(dir, 'model.json'), 'utf8'));
    expect(json.format).toBe('layers-model');
    expect(json.weightsManifest[0].paths).toEqual(['weights.bin']);
    expect((await readFile(join(dir, 'weights.bin'))).byteLength).toBe(4 * model.countParams());
    const loaded = await loadModelFromDir(dir);
    expect(Array.from(predict(loaded))).toEqual(Array.from(predict(model)));
    model.dispose();
    loaded.dispose();
  });

  it('replaces an existing model whole, leaving nothing behind', async () => {
    const dir = join(root, 'replaced');
    const first = trainedLookingModel(4);
    const second = trainedLookingModel(5);
    await saveModel(first, dir, { 'old-report.json': '{}' });
    await saveModel(second, dir);
    expect((await readdir(dir)).sort()).toEqual(['model.json', 'weights.bin']);
    expect((await readdir(root)).filter((f) => f.startsWith('.'))).toEqual([]);
    const loaded = await loadModelFromDir(dir);
    expect(Array.from(predict(loaded))).toEqual(Array.from(predict(second)));
    for (const m of [first, second, loaded]) m.dispose();
  });

  it('keeps the old model when the new save fails', async () => {
    const dir = join(root, 'kept');
    const model = trainedLookingModel(6);
    await saveModel(model, dir);
    await expect(saveModel(model, dir, { 'model.json': 'x' })).rejects.toThrow(/extra file name/);
    await expect(saveModel(model, dir, { 'sub/dir.txt': 'x' })).rejects.toThrow(/extra file name/);
    expect((await readdir(dir)).sort()).toEqual(['model.json', 'weights.bin']);
    model.dispose();
  });

  describe('a missing or corrupt model names the file', () => {
    let dir: string;
    beforeAll(async () => {
      dir = join(root, 'corrupt');
      const model = trainedLookingModel(7);
      await saveModel(model, dir);
      model.dispose();
    });

    it('missing directory', async () => {
      const missing = join(root, 'nowhere');
      await expect(loadModelFromDir(missing)).rejects.toThrow(ModelFileError);
      await expect(loadModelFromDir(missing)).rejects.toThrow(`${join(missing, 'model.json')}: missing`);
    });

    it('model.json that is not JSON', async () => {
      const bad = join(root, 'bad-json');
      await saveModel(trainedLookingModel(8), bad);
      await writeFile(join(bad, 'model.json'), '{"modelTopology": ');
      await expect(loadModelFromDir(bad)).rejects.toThrow(`${join(bad, 'model.json')}: not valid JSON`);
    });

    it('model.json that is JSON but not a model', async () => {
      const bad = join(root, 'not-model');
      await saveModel(trainedLookingModel(9), bad);
      await writeFile(join(bad, 'model.json'), '{"hello": "world"}');
      await expect(loadModelFromDir(bad)).rejects.toThrow(/model\.json: no weightsManifest/);
    });

    it('truncated weights.bin', async () => {
      const bytes = await readFile(join(dir, 'weights.bin'));
      await writeFile(join(dir, 'weights.bin'), bytes.subarray(0, 1000));
      await expect(loadModelFromDir(dir)).rejects.toThrow(`${join(dir, 'weights.bin')}: holds 1000 bytes, ${join(dir, 'model.json')} expects ${bytes.byteLength}`);
    });

    it('missing weights.bin', async () => {
      await rm(join(dir, 'weights.bin'));
      await expect(loadModelFromDir(dir)).rejects.toThrow(`${join(dir, 'weights.bin')}: missing`);
    });
  });
});

describe('browser-side loading', () => {
  it('modelToArtifacts → modelFromArtifacts in memory keeps predictions', async () => {
    const model = trainedLookingModel(10);
    const copy = await modelFromArtifacts(await modelToArtifacts(model));
    expect(Array.from(predict(copy))).toEqual(Array.from(predict(model)));
    model.dispose();
    copy.dispose();
  });

  it('loadPolicyNet fetches a saved model over HTTP, as the web app does', async () => {
    const model = trainedLookingModel(11);
    const dir = join(root, 'served');
    await saveModel(model, dir);
    const server: Server = createServer(async (req, res) => {
      try {
        const body = await readFile(join(dir, (req.url ?? '/').slice(1)));
        res.writeHead(200).end(body);
      } catch {
        res.writeHead(404).end();
      }
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    try {
      const { port } = server.address() as { port: number };
      const net = await loadPolicyNet(`http://127.0.0.1:${port}/model.json`);
      expect(Array.from(predict(net.model))).toEqual(Array.from(predict(model)));
      net.dispose();
    } finally {
      server.close();
      model.dispose();
    }
  });
});
