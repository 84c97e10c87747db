/**
 * The training state saved beside each checkpoint (`training-state.json`), so that
 * `--resume` can continue a run from its best model:
 *
 *   config     the architecture (the weights are in model.json / weights.bin)
 *   data       what the split was made from — a resumed run must see the same split,
 *              else validation or test positions could leak into training
 *   training   epochs, batch, seed, patience, monitor
 *   history    every epoch up to the best one; bestEpoch
 *
 * The optimiser's moments (Adam's running averages) are not saved: a resumed run starts
 * them afresh, which costs a few hundred noisier steps, not correctness.
 */
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { validatePolicyConfig } from '@c4/engine/policy';
import type { PolicyConfig } from '@c4/engine/policy';
import type { EpochRecord, TrainOptions } from '../train.ts';

export const STATE_FILE = 'training-state.json';

export interface DataIdentity {
  /** The dataset file as given. */
  file: string;
  limit: number | null;
  records: number;
  /** Order-independent checksum of the records' canonical keys. */
  fingerprint: number;
  splitSeed: number;
  validationSize: number;
  testSize: number;
}

export interface TrainingState {
  format: 'c4-training-state';
  version: 1;
  config: PolicyConfig;
  data: DataIdentity;
  training: TrainOptions;
  /** Epochs 1…bestEpoch (later, non-improving epochs are not part of a resumable state). */
  history: EpochRecord[];
  bestEpoch: number;
}

export class CheckpointError extends Error {
  constructor(readonly file: string, reason: string) {
    super(`${file}: ${reason}`);
    this.name = 'CheckpointError';
  }
}

export function serializeState(state: TrainingState): string {
  return `${JSON.stringify(state, null, 1)}\n`;
}

/** Reads the state saved in the model directory `dir`. Throws `CheckpointError`. */
export async function readState(dir: string): Promise<TrainingState> {
  const file = join(dir, STATE_FILE);
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    throw new CheckpointError(file, code === 'ENOENT' ? 'missing: nothing to resume (train without --resume first)' : (e as Error).message);
  }
  let state: TrainingState;
  try {
    state = JSON.parse(text);
  } catch {
    throw new CheckpointError(file, 'not valid JSON');
  }
  if (state?.format !== 'c4-training-state' || state.version !== 1) throw new CheckpointError(file, 'not a c4 training state (version 1)');
  if (!Array.isArray(state.history) || !Number.isInteger(state.bestEpoch) || state.history.length !== state.bestEpoch) {
    throw new CheckpointError(file, 'history does not end at the best epoch');
  }
  try {
    validatePolicyConfig(state.config);
  } catch (e) {
    throw new CheckpointError(file, (e as Error).message);
  }
  return state;
}

/**
 * Why `saved` and `current` are not the same data and split, or undefined if they are. The
 * file's name is not compared: the same records under another path split the same way.
 */
export function dataMismatch(saved: DataIdentity, current: DataIdentity): string | undefined {
  for (const key of ['limit', 'splitSeed', 'validationSize', 'testSize'] as const) {
    if (saved[key] !== current[key]) {
      return `the run being resumed used ${key} ${JSON.stringify(saved[key])}, this one ${JSON.stringify(current[key])}: `
        + 'a different split would mix validation and test positions into training';
    }
  }
  if (saved.records !== current.records || saved.fingerprint !== current.fingerprint) {
    return `the run being resumed was trained on ${saved.file} (${saved.records} records), `
      + `whose positions differ from those of ${current.file} (${current.records} records): `
      + 'another dataset would mix validation and test positions into training';
  }
  return undefined;
}
