/**
 * Reads the generator's JSONL file (one `PositionRecord` per line) into an `ExampleSet`,
 * streaming line by line so a large file is never held as one string.
 */
import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import { createInterface } from 'node:readline';
import { parseRecord, RecordError } from '@c4/engine';
import { ExampleSetBuilder } from '../dataset.ts';
import type { ExampleSet } from '../dataset.ts';

/** A dataset that cannot be used; the message names the file and, for a bad line, its number. */
export class DatasetError extends Error {
  constructor(readonly file: string, readonly line: number | undefined, readonly reason: string) {
    super(line === undefined ? `${file}: ${reason}` : `${file}:${line}: ${reason}`);
    this.name = 'DatasetError';
  }
}

export interface ReadDatasetOptions {
  /** Count and skip malformed lines instead of failing on the first. */
  skipBad?: boolean;
  /** Keep only the first `limit` good records (the rest of the file is not read). */
  limit?: number;
}

export interface SkippedLine {
  line: number;
  reason: string;
}

export interface ReadDatasetResult {
  examples: ExampleSet;
  /** Lines read (including blank and skipped ones). */
  lines: number;
  /** Malformed lines skipped under `skipBad` (all of them counted; the first 100 kept with reasons). */
  skippedCount: number;
  skipped: SkippedLine[];
}

const KEPT_SKIPPED = 100;

/**
 * Reads `file`. Blank lines are ignored. A malformed line throws `DatasetError` naming the line
 * and `parseRecord`'s reason, unless `skipBad`. A file with no usable record is an error too.
 */
export async function readDataset(file: string, options: ReadDatasetOptions = {}): Promise<ReadDatasetResult> {
  const limit = options.limit ?? Infinity;
  await checkReadable(file);
  const builder = new ExampleSetBuilder(Number.isFinite(limit) ? Math.min(limit, 1 << 17) : 1 << 14);
  const skipped: SkippedLine[] = [];
  let skippedCount = 0;
  let lines = 0;
  const stream = createReadStream(file, { encoding: 'utf8' });
  const reader = createInterface({ input: stream, crlfDelay: Infinity });
  try {
    for await (const text of reader) {
      lines++;
      if (text.trim() === '') continue;
      let record;
      try {
        record = parseRecord(text);
      } catch (e) {
        const reason = e instanceof RecordError ? e.message : String(e);
        if (!options.skipBad) throw new DatasetError(file, lines, reason);
        skippedCount++;
        if (skipped.length < KEPT_SKIPPED) skipped.push({ line: lines, reason });
        continue;
      }
      builder.add(record);
      if (builder.size >= limit) break;
    }
  } catch (e) {
    if (e instanceof DatasetError) throw e;
    throw new DatasetError(file, undefined, `cannot be read (${(e as Error).message})`);
  } finally {
    reader.close();
    stream.destroy();
  }
  if (builder.size === 0) {
    throw new DatasetError(file, undefined, skippedCount > 0 ? `no valid record (${skippedCount} bad lines skipped)` : 'holds no record');
  }
  return { examples: builder.build(), lines, skippedCount, skipped };
}

async function checkReadable(file: string): Promise<void> {
  let info;
  try {
    info = await stat(file);
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    throw new DatasetError(file, undefined, code === 'ENOENT' ? 'no such file' : `cannot be read (${(e as Error).message})`);
  }
  if (!info.isFile()) throw new DatasetError(file, undefined, 'is not a file');
}
