import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { encodePosition, INPUT_SIZE, makeRecord, Position } from '@c4/engine';
import type { PositionRecord } from '@c4/engine';
import { bestMoves, examplesFromRecords, FULL_COLUMN, scoresOf } from '../src/dataset.ts';
import { DatasetError, readDataset } from '../src/node/read-dataset.ts';
import { solvedRecords, toJsonl } from './fixtures.ts';

let dir: string;
let records: PositionRecord[];

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'c4-dataset-'));
  records = solvedRecords(40, 3);
});

async function file(name: string, text: string): Promise<string> {
  const path = join(dir, name);
  await writeFile(path, text);
  return path;
}

describe('examplesFromRecords', () => {
  it('encodes each position as encodePosition does, with float labels, scores and plies', () => {
    const set = examplesFromRecords(records);
    expect(set.size).toBe(records.length);
    expect(set.labels).toBeInstanceOf(Float32Array);
    records.forEach((r, i) => {
      const p = Position.fromMoves(r.moves);
      expect(Array.from(set.x.subarray(i * INPUT_SIZE, (i + 1) * INPUT_SIZE))).toEqual(Array.from(encodePosition(p)));
      expect(set.labels[i]).toBe(r.best);
      expect(scoresOf(set, i)).toEqual(r.scores);
      expect(set.plies[i]).toBe(r.ply);
      expect(set.keys[i]).toBe(p.canonicalKey());
      expect(set.moves[i]).toBe(r.moves);
    });
  });

  it('marks full columns', () => {
    // Column 1 filled: "111111" then a move elsewhere.
    const r = makeRecord('1111112', [null, 1, 2, 3, 2, 1, 0]);
    const set = examplesFromRecords([r]);
    expect(set.scores[0]).toBe(FULL_COLUMN);
    expect(scoresOf(set, 0)[0]).toBeNull();
  });

  it('lists the tied best moves, never a full column', () => {
    const set = examplesFromRecords([
      makeRecord('1111112', [null, 1, 2, 3, 2, 3, 0]),
      makeRecord('4', [-2, -1, 0, 0, 0, -1, -2]),
    ]);
    expect(bestMoves(set, 0)).toEqual([3, 5]);
    expect(bestMoves(set, 1)).toEqual([2, 3, 4]);
  });
});

describe('readDataset', () => {
  it('reads every record, ignoring blank lines', async () => {
    const path = await file('good.jsonl', toJsonl(records.slice(0, 10)) + '\n\n');
    const result = await readDataset(path);
    expect(result.examples.size).toBe(10);
    expect(result.skippedCount).toBe(0);
    expect(result.examples.moves).toEqual(records.slice(0, 10).map((r) => r.moves));
  });

  it('stops at --limit records', async () => {
    const path = await file('limit.jsonl', toJsonl(records));
    expect((await readDataset(path, { limit: 7 })).examples.size).toBe(7);
  });

  it('names the file, the line and parseRecord\'s reason for a malformed line', async () => {
    const bad = { ...records[2], best: (records[2].best + 1) % 7 };
    const lines = [JSON.stringify(records[0]), JSON.stringify(records[1]), JSON.stringify(bad), JSON.stringify(records[3])];
    const path = await file('bad-best.jsonl', lines.join('\n'));
    const error = await readDataset(path).catch((e) => e);
    expect(error).toBeInstanceOf(DatasetError);
    expect(error.line).toBe(3);
    expect(error.message).toMatch(new RegExp(`^${path.replace(/[.]/g, '\\.')}:3: "best" is \\d, the scores give ${records[2].best}$`));
  });

  it('reports JSON that does not parse and moves that cannot be played', async () => {
    const path = await file('bad-json.jsonl', `${JSON.stringify(records[0])}\n{"moves": "44"\n`);
    await expect(readDataset(path)).rejects.toThrow(/bad-json\.jsonl:2: not valid JSON/);
    const path2 = await file('bad-moves.jsonl', `${JSON.stringify({ ...records[0], moves: '4448' })}\n`);
    await expect(readDataset(path2)).rejects.toThrow(/bad-moves\.jsonl:1: .*move 4 \('8'\) is not a column 1-7/);
  });

  it('with skipBad, counts and skips malformed lines', async () => {
    const lines = [JSON.stringify(records[0]), 'garbage', JSON.stringify(records[1]), '{}', JSON.stringify(records[2])];
    const path = await file('mixed.jsonl', lines.join('\n'));
    const result = await readDataset(path, { skipBad: true });
    expect(result.examples.size).toBe(3);
    expect(result.skippedCount).toBe(2);
    expect(result.skipped.map((s) => s.line)).toEqual([2, 4]);
    expect(result.skipped[0].reason).toBe('not valid JSON');
  });

  it('refuses a missing file, a directory, an empty file and a file of bad lines only', async () => {
    await expect(readDataset(join(dir, 'nope.jsonl'))).rejects.toThrow(/nope\.jsonl: no such file/);
    await expect(readDataset(dir)).rejects.toThrow(/is not a file/);
    await expect(readDataset(await file('empty.jsonl', '\n'))).rejects.toThrow(/empty\.jsonl: holds no record/);
    await expect(readDataset(await file('allbad.jsonl', 'x\ny\n'), { skipBad: true })).rejects.toThrow(/no valid record \(2 bad lines skipped\)/);
  });
});
