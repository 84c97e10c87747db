/**
 * The dataset file on disk: one JSON record per line.
 *
 * While a run goes, labelled records are appended, a batch per write, each line whole
 * and newline-terminated. A process killed mid-write can leave at most a torn tail
 * after the last newline; reopening the file cuts that tail off and keeps every whole
 * line, after checking each one (`parseRecord`) and that no position (or its mirror)
 * appears twice. A finished file is rewritten in dataset order through a temporary file
 * and a rename, so a reader never sees it half-written.
 */
import {
  closeSync, existsSync, ftruncateSync, mkdirSync, openSync, readFileSync, renameSync, unlinkSync, writeFileSync, writeSync,
} from 'node:fs';
import { dirname } from 'node:path';
import { parseRecord, Position, RecordError, type PositionRecord } from '@c4/engine';
import { formatDataset, type KeyedLine } from '../generate/dataset-order.ts';
import { recordFacts, type RecordFacts } from '../generate/dataset-stats.ts';
import { GenerateError, UsageError } from './generate-errors.ts';

export interface DatasetLine extends KeyedLine {
  /** What the stats need of the record (the whole record stays in `line`). */
  readonly record: RecordFacts;
}

export interface ReadDataset {
  /** Whole, valid lines by canonical key, in file order. */
  readonly lines: Map<number, DatasetLine>;
  /** Bytes after the last newline (a torn last line), 0 if none. */
  readonly tornBytes: number;
}

/** Parses a dataset's text. Throws `GenerateError` naming file and line for a bad or repeated record. */
export function parseDataset(text: string, path: string, { allowTorn }: { allowTorn: boolean }): ReadDataset {
  const end = text.lastIndexOf('\n') + 1;
  const tornBytes = Buffer.byteLength(text.slice(end));
  if (tornBytes > 0 && !allowTorn) {
    throw new GenerateError(`${path}: the last line is torn (no newline at the end): was the run that wrote it stopped?`);
  }
  const lines = new Map<number, DatasetLine>();
  const lineOf = new Map<number, number>();
  const texts = end === 0 ? [] : text.slice(0, end - 1).split('\n');
  texts.forEach((line, i) => {
    let record: PositionRecord;
    try {
      record = parseRecord(line);
    } catch (e) {
      throw new GenerateError(`${path}:${i + 1}: not a valid record: ${e instanceof RecordError ? e.message : String(e)}`);
    }
    const key = Position.fromMoves(record.moves).canonicalKey();
    const earlier = lineOf.get(key);
    if (earlier !== undefined) {
      throw new GenerateError(`${path}:${i + 1}: repeats the position of line ${earlier} (counting mirrors)`);
    }
    lineOf.set(key, i + 1);
    lines.set(key, { key, line, record: recordFacts(record) });
  });
  return { lines, tornBytes };
}

/** Reads a whole dataset file (for merging). Throws `UsageError` if it cannot be read, `GenerateError` if it is bad. */
export function readDatasetFile(path: string): ReadDataset {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (e) {
    throw new UsageError(`cannot read ${path}: ${reason(e)}`);
  }
  return parseDataset(text, path, { allowTorn: false });
}

/**
 * An output file opened for appending, with the records it already held.
 *
 * While open, `<path>.lock` holds this process's id, so that a second run on the same
 * file (which would cut the first one's lines and interleave its own) is refused. A lock
 * left by a killed run names a process that no longer exists and is taken over.
 */
export class DatasetAppender {
  private fd: number | null;
  private locked = true;

  private constructor(
    readonly path: string,
    fd: number,
    readonly existing: ReadDataset,
  ) {
    this.fd = fd;
  }

  /**
   * Locks, opens (creating directories and file as needed) and reads what is there,
   * cutting off a torn last line. Throws `UsageError` if the path is not writable or
   * another run holds it, `GenerateError` if the file is bad.
   */
  static open(path: string): DatasetAppender {
    let fd: number;
    try {
      mkdirSync(dirname(path), { recursive: true });
      lock(path);
    } catch (e) {
      throw e instanceof UsageError ? e : new UsageError(`cannot write ${path}: ${reason(e)}`);
    }
    try {
      fd = openSync(path, existsSync(path) ? 'r+' : 'w+');
    } catch (e) {
      unlock(path);
      throw new UsageError(`cannot write ${path}: ${reason(e)}`);
    }
    try {
      const text = readFileSync(fd, 'utf8');
      const existing = parseDataset(text, path, { allowTorn: true });
      if (existing.tornBytes > 0) ftruncateSync(fd, Buffer.byteLength(text) - existing.tornBytes);
      closeSync(fd);
      return new DatasetAppender(path, openSync(path, 'a'), existing);
    } catch (e) {
      closeSync(fd);
      unlock(path);
      throw e;
    }
  }

  /** Appends whole lines in one write. */
  append(lines: readonly string[]): void {
    if (this.fd === null) throw new Error('dataset file already closed');
    if (lines.length > 0) writeSync(this.fd, lines.map((l) => l + '\n').join(''));
  }

  /** Stops appending (the lock stays until `release`, e.g. over the final rewrite). */
  close(): void {
    if (this.fd !== null) closeSync(this.fd);
    this.fd = null;
  }

  /** Closes and removes the lock. */
  release(): void {
    this.close();
    if (this.locked) unlock(this.path);
    this.locked = false;
  }
}

function lockPath(path: string): string {
  return `${path}.lock`;
}

function lock(path: string): void {
  const file = lockPath(path);
  try {
    writeFileSync(file, String(process.pid), { flag: 'wx' });
    return;
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code !== 'EEXIST') throw e;
  }
  const holder = Number(readFileSync(file, 'utf8').trim());
  if (Number.isInteger(holder) && holder > 0 && holder !== process.pid && isRunning(holder)) {
    throw new UsageError(`${path} is being written by another run (process ${holder}, see ${file}): wait for it, or stop it`);
  }
  writeFileSync(file, String(process.pid)); // a killed run's lock: take it over
}

function unlock(path: string): void {
  try {
    if (Number(readFileSync(lockPath(path), 'utf8').trim()) === process.pid) unlinkSync(lockPath(path));
  } catch {
    // already gone
  }
}

function isRunning(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** Writes a file through a temporary file and a rename. */
export function writeFileAtomic(path: string, content: string): void {
  mkdirSync(dirname(path), { recursive: true });
  const temp = `${path}.tmp-${process.pid}`;
  writeFileSync(temp, content);
  renameSync(temp, path);
}

/** Rewrites a dataset in dataset order (see dataset-order.ts), atomically. */
export function writeDatasetAtomic(path: string, lines: Iterable<KeyedLine>): void {
  writeFileAtomic(path, formatDataset([...lines]));
}

/** The stats file beside a dataset: data/positions.jsonl → data/positions.stats.json. */
export function statsPathFor(datasetPath: string): string {
  return datasetPath.endsWith('.jsonl') ? datasetPath.slice(0, -'.jsonl'.length) + '.stats.json' : datasetPath + '.stats.json';
}

function reason(e: unknown): string {
  return e instanceof Error ? e.message : String(e);
}
