/**
 * A policy model on disk, in the standard tfjs layers format (`model.json` + `weights.bin`),
 * written and read without tfjs-node.
 */
import { chmod, mkdir, mkdtemp, readFile, rename, rm, writeFile } from 'node:fs/promises';
import { basename, dirname, join, resolve } from 'node:path';
import type * as tf from '../policy/tf.ts';
import {
  MODEL_FILE, WEIGHTS_FILE, ModelFileError, artifactsFromFiles, artifactsToModelJson, artifactsWeightBytes,
  modelFromArtifacts, modelToArtifacts,
} from '../policy/model-io.ts';

/**
 * Writes `model` to the directory `dir` as model.json + weights.bin, plus `extraFiles`
 * (file name → content, e.g. `{ 'report.json': … }`).
 *
 * Atomic: everything is written into a temporary directory beside `dir`, which then takes its
 * place; a model already at `dir` is replaced only once the new one is complete, so an
 * interrupted save leaves the old model intact. `dir` belongs to the model: files in it that
 * are not part of this save are removed.
 */
export async function saveModel(model: tf.LayersModel, dir: string, extraFiles: Record<string, string | Uint8Array> = {}): Promise<void> {
  for (const name of Object.keys(extraFiles)) {
    if (name !== basename(name) || name === MODEL_FILE || name === WEIGHTS_FILE || name.startsWith('.')) {
      throw new Error(`extra file name ${JSON.stringify(name)} must be a plain file name other than ${MODEL_FILE} and ${WEIGHTS_FILE}`);
    }
  }
  const artifacts = await modelToArtifacts(model);
  const target = resolve(dir);
  await mkdir(dirname(target), { recursive: true });
  const staging = await mkdtemp(join(dirname(target), `.${basename(target)}.saving-`));
  try {
    await chmod(staging, 0o755); // mkdtemp makes it private; a model directory is ordinary
    await writeFile(join(staging, MODEL_FILE), JSON.stringify(artifactsToModelJson(artifacts)));
    await writeFile(join(staging, WEIGHTS_FILE), artifactsWeightBytes(artifacts));
    for (const [name, content] of Object.entries(extraFiles)) await writeFile(join(staging, name), content);
    await replaceDirectory(staging, target);
  } catch (e) {
    await rm(staging, { recursive: true, force: true });
    throw e;
  }
}

/**
 * Moves the complete directory `staging` to `target`. rename(2) cannot replace a non-empty
 * directory, so an existing `target` is first moved aside and removed afterwards.
 */
async function replaceDirectory(staging: string, target: string): Promise<void> {
  const aside = `${staging}.old`;
  let movedAside = false;
  try {
    await rename(target, aside);
    movedAside = true;
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code !== 'ENOENT') throw e;
  }
  try {
    await rename(staging, target);
  } catch (e) {
    if (movedAside) await rename(aside, target);
    throw e;
  }
  if (movedAside) await rm(aside, { recursive: true, force: true });
}

/**
 * Loads the model saved in `dir` (not compiled). Throws `ModelFileError` naming the file that
 * is missing or corrupt.
 */
export async function loadModelFromDir(dir: string): Promise<tf.LayersModel> {
  const modelPath = join(dir, MODEL_FILE);
  const text = await readOrExplain(modelPath);
  const weightPaths = weightFilesOf(text, modelPath).map((p) => join(dir, p));
  const parts = await Promise.all(weightPaths.map((p) => readOrExplain(p, true)));
  const weights = concatBytes(parts);
  const weightsName = weightPaths.length === 1 ? weightPaths[0] : `the weight files of ${modelPath}`;
  return modelFromArtifacts(artifactsFromFiles(text, weights, modelPath, weightsName), modelPath);
}

function weightFilesOf(modelJsonText: string, modelPath: string): string[] {
  let manifest: unknown;
  try {
    manifest = (JSON.parse(modelJsonText) as { weightsManifest?: unknown }).weightsManifest;
  } catch (e) {
    throw new ModelFileError(modelPath, `not valid JSON (${(e as Error).message})`);
  }
  if (!Array.isArray(manifest)) throw new ModelFileError(modelPath, 'no weightsManifest: not a TensorFlow.js layers model');
  const paths = manifest.flatMap((group: { paths?: unknown }) => (Array.isArray(group?.paths) ? group.paths : []));
  if (paths.length === 0 || paths.some((p) => typeof p !== 'string' || p.includes('..'))) {
    throw new ModelFileError(modelPath, 'weightsManifest names no usable weight file');
  }
  return paths as string[];
}

async function readOrExplain(path: string): Promise<string>;
async function readOrExplain(path: string, binary: true): Promise<Uint8Array>;
async function readOrExplain(path: string, binary = false): Promise<string | Uint8Array> {
  try {
    return binary ? new Uint8Array(await readFile(path)) : await readFile(path, 'utf8');
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    throw new ModelFileError(path, code === 'ENOENT' ? 'missing' : `cannot be read (${(e as Error).message})`);
  }
}

function concatBytes(parts: Uint8Array[]): Uint8Array {
  if (parts.length === 1) return parts[0];
  const out = new Uint8Array(parts.reduce((n, p) => n + p.byteLength, 0));
  let offset = 0;
  for (const p of parts) {
    out.set(p, offset);
    offset += p.byteLength;
  }
  return out;
}
