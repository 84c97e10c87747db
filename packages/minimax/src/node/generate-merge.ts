/**
 * `generate merge`: combines shard files into the dataset a single run would have
 * written. Every line of every input is checked (`parseRecord`); a position found in
 * two inputs (counting mirrors) is kept once — the same line if the shards came from
 * one run; otherwise the lexicographically smaller line, so the result never depends on
 * the order of the inputs. The output is written in dataset order through a temporary
 * file and a rename, with a stats file beside it.
 */
import { existsSync, readFileSync } from 'node:fs';
import { datasetHistograms } from '../generate/dataset-stats.ts';
import { GenerateError } from './generate-errors.ts';
import { readDatasetFile, statsPathFor, writeDatasetAtomic, writeFileAtomic, type DatasetLine } from './generate-file.ts';
import { formatStats } from './generate-stats.ts';

export interface MergeSummary {
  readonly out: string;
  readonly stats: string;
  readonly count: number;
  readonly inputs: { readonly file: string; readonly records: number; readonly complete: boolean | null }[];
  /** Positions found in more than one input. */
  readonly repeated: number;
  readonly elapsedMs: number;
}

/** Merges dataset files. Throws `UsageError` for an unreadable input, `GenerateError` for a bad one. */
export function mergeDatasets(files: readonly string[], out: string): MergeSummary {
  const start = performance.now();
  const merged = new Map<number, DatasetLine>();
  const inputs: MergeSummary['inputs'][number][] = [];
  let repeated = 0;
  for (const file of files) {
    const { lines } = readDatasetFile(file);
    for (const l of lines.values()) {
      const earlier = merged.get(l.key);
      if (earlier) repeated++;
      if (!earlier || l.line < earlier.line) merged.set(l.key, l);
    }
    inputs.push({ file, records: lines.size, complete: shardComplete(file) });
  }
  if (merged.size === 0) throw new GenerateError(`nothing to merge: ${files.join(', ')} hold no records`);
  writeDatasetAtomic(out, merged.values());
  const summary: MergeSummary = {
    out,
    stats: statsPathFor(out),
    count: merged.size,
    inputs,
    repeated,
    elapsedMs: performance.now() - start,
  };
  const histograms = datasetHistograms([...merged.values()].map((l) => l.record));
  writeFileAtomic(summary.stats, formatStats({ ...summary, elapsedMs: Math.round(summary.elapsedMs), histograms }) + '\n');
  return summary;
}

/** What a shard's own stats file says of it: finished (true), stopped early (false), or no stats (null). */
function shardComplete(file: string): boolean | null {
  const path = statsPathFor(file);
  if (!existsSync(path)) return null;
  try {
    const stats = JSON.parse(readFileSync(path, 'utf8')) as { complete?: unknown };
    return typeof stats.complete === 'boolean' ? stats.complete : null;
  } catch {
    return null;
  }
}
