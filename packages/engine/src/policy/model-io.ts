/**
 * The standard TensorFlow.js layers format, without tfjs-node:
 *
 *   model.json   { modelTopology, format: 'layers-model', generatedBy, convertedBy,
 *                  weightsManifest: [{ paths: ['weights.bin'], weights: [{ name, shape, dtype }…] }] }
 *   weights.bin  every weight's float32 values, little-endian, in manifest order
 *
 * Any tfjs user loads it with `tf.loadLayersModel('…/model.json')`. This module only converts
 * between a model and those two files' contents (browser-safe); `@c4/engine/node` reads and
 * writes them on disk.
 */
import * as tf from './tf.ts';
import { PolicyNet } from './policy-net.ts';

export const MODEL_FILE = 'model.json';
export const WEIGHTS_FILE = 'weights.bin';

/** A model file that is missing, unreadable or not a tfjs layers model; the message names the file. */
export class ModelFileError extends Error {
  constructor(readonly file: string, reason: string) {
    super(`${file}: ${reason}`);
    this.name = 'ModelFileError';
  }
}

/** Loads a saved policy network from the URL of its `model.json` (weights fetched beside it). */
export async function loadPolicyNet(url: string): Promise<PolicyNet> {
  return new PolicyNet(await tf.loadLayersModel(url));
}

/** The model's topology and weights, as `model.save` would hand them to a save handler. */
export async function modelToArtifacts(model: tf.LayersModel): Promise<tf.io.ModelArtifacts> {
  let captured: tf.io.ModelArtifacts | undefined;
  await model.save(tf.io.withSaveHandler(async (artifacts) => {
    captured = artifacts;
    return { modelArtifactsInfo: { dateSaved: new Date(), modelTopologyType: 'JSON' } };
  }));
  if (!captured) throw new Error('model.save did not produce artifacts');
  return captured;
}

/** The content of `model.json` for `artifacts`, its weights stored in `weightsPath`. */
export function artifactsToModelJson(artifacts: tf.io.ModelArtifacts, weightsPath = WEIGHTS_FILE): tf.io.ModelJSON {
  if (!artifacts.modelTopology || !artifacts.weightSpecs) throw new Error('artifacts lack topology or weight specs');
  const json: tf.io.ModelJSON = {
    modelTopology: artifacts.modelTopology,
    format: artifacts.format ?? 'layers-model',
    generatedBy: artifacts.generatedBy,
    convertedBy: artifacts.convertedBy ?? null,
    weightsManifest: [{ paths: [weightsPath], weights: artifacts.weightSpecs }],
  };
  if (artifacts.trainingConfig) json.trainingConfig = artifacts.trainingConfig;
  if (artifacts.userDefinedMetadata) json.userDefinedMetadata = artifacts.userDefinedMetadata;
  return json;
}

/** The weights of `artifacts` as the bytes of one weights file. */
export function artifactsWeightBytes(artifacts: tf.io.ModelArtifacts): Uint8Array {
  const data = artifacts.weightData;
  if (data === undefined) throw new Error('artifacts hold no weights');
  return new Uint8Array(Array.isArray(data) ? tf.io.concatenateArrayBuffers(data) : data);
}

/**
 * Artifacts from the text of a `model.json` and the bytes of its (single) weights file.
 * Throws `ModelFileError` naming `modelFile` or `weightsFile` when either does not fit.
 */
export function artifactsFromFiles(
  modelJsonText: string,
  weightBytes: Uint8Array,
  modelFile = MODEL_FILE,
  weightsFile = WEIGHTS_FILE,
): tf.io.ModelArtifacts {
  let json: tf.io.ModelJSON;
  try {
    json = JSON.parse(modelJsonText);
  } catch (e) {
    throw new ModelFileError(modelFile, `not valid JSON (${(e as Error).message})`);
  }
  if (typeof json !== 'object' || json === null || typeof json.modelTopology !== 'object' || json.modelTopology === null) {
    throw new ModelFileError(modelFile, 'no modelTopology: not a TensorFlow.js layers model');
  }
  if (json.format !== undefined && json.format !== 'layers-model') {
    throw new ModelFileError(modelFile, `format is ${JSON.stringify(json.format)}, expected 'layers-model'`);
  }
  if (!Array.isArray(json.weightsManifest)) throw new ModelFileError(modelFile, 'no weightsManifest');
  const specs = json.weightsManifest.flatMap((group) => (Array.isArray(group?.weights) ? group.weights : []));
  const expected = specs.reduce((bytes, spec) => bytes + 4 * spec.shape.reduce((a, b) => a * b, 1), 0);
  if (specs.some((s) => s.dtype !== undefined && s.dtype !== 'float32')) {
    throw new ModelFileError(modelFile, 'only float32 weights are supported');
  }
  if (weightBytes.byteLength !== expected) {
    throw new ModelFileError(weightsFile, `holds ${weightBytes.byteLength} bytes, ${modelFile} expects ${expected}`);
  }
  const buffer = weightBytes.buffer.slice(weightBytes.byteOffset, weightBytes.byteOffset + weightBytes.byteLength) as ArrayBuffer;
  return tf.io.getModelArtifactsForJSONSync(json, specs, buffer);
}

/** Builds the model `artifacts` describe (not compiled: compile it to train further). */
export async function modelFromArtifacts(artifacts: tf.io.ModelArtifacts, source = MODEL_FILE): Promise<tf.LayersModel> {
  try {
    return await tf.loadLayersModel(tf.io.fromMemory(artifacts));
  } catch (e) {
    throw new ModelFileError(source, `cannot build the model (${(e as Error).message})`);
  }
}
