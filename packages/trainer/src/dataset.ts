/**
 * Labelled positions as the flat arrays training and evaluation work on.
 *
 *   x       n × 84 floats, `encodePosition` layout (the network's input)
 *   labels  n best columns 0–6, as float32: tfjs' sparse cross-entropy wants float labels
 *   scores  n × 7 exact move scores (Int8: scores lie in −21…21); FULL_COLUMN where the column is full
 *   plies   n stone counts, for metrics by ply
 *   keys    n canonical keys (the split works on them)
 *   moves   n move strings (to rebuild positions, e.g. for the baselines)
 *
 * An `ExampleSet` is built once from the records and then only indexed, so the 100 000
 * records of a full dataset cost ~40 MB instead of a JS object per position.
 */
import { encodePosition, INPUT_SIZE, Position, WIDTH } from '@c4/engine';
import type { PositionRecord } from '@c4/engine';

/** The score stored for a full column (no real score is this low). */
export const FULL_COLUMN = -128;

export interface ExampleSet {
  readonly size: number;
  readonly x: Float32Array;
  readonly labels: Float32Array;
  readonly scores: Int8Array;
  readonly plies: Uint8Array;
  readonly keys: Float64Array;
  readonly moves: string[];
}

/** Collects examples one record at a time, growing its arrays as needed. */
export class ExampleSetBuilder {
  private capacity: number;
  private count = 0;
  private x: Float32Array<ArrayBuffer>;
  private labels: Float32Array;
  private scores: Int8Array;
  private plies: Uint8Array;
  private keys: Float64Array;
  private readonly moves: string[] = [];

  constructor(initialCapacity = 1024) {
    this.capacity = Math.max(1, initialCapacity);
    this.x = new Float32Array(this.capacity * INPUT_SIZE);
    this.labels = new Float32Array(this.capacity);
    this.scores = new Int8Array(this.capacity * WIDTH);
    this.plies = new Uint8Array(this.capacity);
    this.keys = new Float64Array(this.capacity);
  }

  get size(): number {
    return this.count;
  }

  /** Adds a record. Precondition: it passed `parseRecord` (moves, scores and best agree). */
  add(record: PositionRecord): void {
    if (this.count === this.capacity) this.grow();
    const i = this.count++;
    const position = Position.fromMoves(record.moves);
    encodePosition(position, this.x, i * INPUT_SIZE);
    this.labels[i] = record.best;
    for (let c = 0; c < WIDTH; c++) this.scores[i * WIDTH + c] = record.scores[c] ?? FULL_COLUMN;
    this.plies[i] = record.ply;
    this.keys[i] = position.canonicalKey();
    this.moves.push(record.moves);
  }

  build(): ExampleSet {
    const n = this.count;
    return {
      size: n,
      x: this.x.slice(0, n * INPUT_SIZE),
      labels: this.labels.slice(0, n),
      scores: this.scores.slice(0, n * WIDTH),
      plies: this.plies.slice(0, n),
      keys: this.keys.slice(0, n),
      moves: this.moves.slice(),
    };
  }

  private grow(): void {
    this.capacity *= 2;
    this.x = resized(this.x, this.capacity * INPUT_SIZE);
    this.labels = resized(this.labels, this.capacity);
    this.scores = resized(this.scores, this.capacity * WIDTH);
    this.plies = resized(this.plies, this.capacity);
    this.keys = resized(this.keys, this.capacity);
  }
}

function resized<T extends Float32Array | Float64Array | Int8Array | Uint8Array>(a: T, length: number): T {
  const b = new (a.constructor as new (n: number) => T)(length);
  b.set(a);
  return b;
}

/** The examples of `records` (each already validated by `parseRecord`). */
export function examplesFromRecords(records: readonly PositionRecord[]): ExampleSet {
  const builder = new ExampleSetBuilder(records.length);
  for (const r of records) builder.add(r);
  return builder.build();
}

/** An example set of `n` zeroed examples (move strings unset), to be filled in. */
export function allocateExamples(n: number): ExampleSet {
  return {
    size: n,
    x: new Float32Array(n * INPUT_SIZE),
    labels: new Float32Array(n),
    scores: new Int8Array(n * WIDTH),
    plies: new Uint8Array(n),
    keys: new Float64Array(n),
    moves: new Array<string>(n),
  };
}

/** The examples at `indices`, in that order. */
export function selectExamples(set: ExampleSet, indices: ArrayLike<number>): ExampleSet {
  const n = indices.length;
  const out = allocateExamples(n);
  for (let j = 0; j < n; j++) {
    const i = indices[j];
    out.x.set(set.x.subarray(i * INPUT_SIZE, (i + 1) * INPUT_SIZE), j * INPUT_SIZE);
    out.labels[j] = set.labels[i];
    out.scores.set(set.scores.subarray(i * WIDTH, (i + 1) * WIDTH), j * WIDTH);
    out.plies[j] = set.plies[i];
    out.keys[j] = set.keys[i];
    out.moves[j] = set.moves[i];
  }
  return out;
}

/** The columns of example `i` whose exact score is the highest (one, or several tied). */
export function bestMoves(set: ExampleSet, i: number): number[] {
  const scores = set.scores.subarray(i * WIDTH, (i + 1) * WIDTH);
  const top = Math.max(...scores);
  const moves: number[] = [];
  for (let c = 0; c < WIDTH; c++) if (scores[c] === top) moves.push(c);
  return moves;
}

/** The move scores of example `i` (null for a full column), as in its record. */
export function scoresOf(set: ExampleSet, i: number): (number | null)[] {
  return Array.from(set.scores.subarray(i * WIDTH, (i + 1) * WIDTH), (s) => (s === FULL_COLUMN ? null : s));
}
