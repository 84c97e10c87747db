/**
 * The order of the lines of a finished dataset file: by a hash of the position's
 * canonical key (then the key itself). It depends on the positions alone, so a single
 * run, a resumed run and merged shards write the same bytes, whatever the number of
 * workers or the order in which batches came back; and it is a pseudo-random order, so
 * a reader that takes the first lines gets a fair mix of plies.
 */
import { hashKey } from '@c4/engine';

const ORDER_SALT = 0x0c4d;

export interface KeyedLine {
  /** Canonical key of the record's position. */
  readonly key: number;
  /** The record's JSON line, without the newline. */
  readonly line: string;
}

export function compareDatasetOrder(a: KeyedLine, b: KeyedLine): number {
  const ha = hashKey(a.key, ORDER_SALT);
  const hb = hashKey(b.key, ORDER_SALT);
  return ha !== hb ? ha - hb : a.key - b.key;
}

/** The lines in dataset order, newline-terminated, as one string. */
export function formatDataset(lines: KeyedLine[]): string {
  const sorted = [...lines].sort(compareDatasetOrder);
  return sorted.map((l) => l.line + '\n').join('');
}
