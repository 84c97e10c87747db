import { describe, expect, it } from 'vitest';
import { encodePosition, INPUT_SIZE, makeRecord, Position } from '@c4/engine';
import { examplesFromRecords, scoresOf } from '../src/dataset.ts';
import { mirrorMoves, withMirrors } from '../src/augment.ts';
import { solvedRecords } from './fixtures.ts';

describe('withMirrors', () => {
  const records = solvedRecords(30, 5);
  const set = examplesFromRecords(records);
  const augmented = withMirrors(set);

  it('keeps the originals first, then one mirror per asymmetric position', () => {
    expect(augmented.size).toBe(2 * set.size); // random positions at ply ≥ 16 are never symmetric
    expect(Array.from(augmented.x.subarray(0, set.x.length))).toEqual(Array.from(set.x));
  });

  it('mirrors the board as encodePosition(position.mirror()), the label to 6 - c and the scores', () => {
    records.forEach((r, i) => {
      const j = set.size + i;
      const mirrored = Position.fromMoves(r.moves).mirror();
      expect(Array.from(augmented.x.subarray(j * INPUT_SIZE, (j + 1) * INPUT_SIZE))).toEqual(Array.from(encodePosition(mirrored)));
      expect(augmented.labels[j]).toBe(6 - r.best);
      expect(scoresOf(augmented, j)).toEqual([...r.scores].reverse());
      expect(augmented.plies[j]).toBe(r.ply);
      expect(augmented.keys[j]).toBe(set.keys[i]);
      expect(Position.fromMoves(augmented.moves[j]).key()).toBe(mirrored.key());
    });
  });

  it('does not add the mirror of a symmetric position', () => {
    const symmetric = makeRecord('44', [0, 0, 1, 2, 1, 0, 0]); // best 3: its own mirror
    const asymmetric = makeRecord('45', [0, 0, 1, 2, 1, 0, 0]);
    const out = withMirrors(examplesFromRecords([symmetric, asymmetric]));
    expect(out.size).toBe(3);
    expect(out.moves).toEqual(['44', '45', '43']);
  });

  it('mirrorMoves maps column d to 8 - d', () => {
    expect(mirrorMoves('1234567')).toBe('7654321');
    expect(mirrorMoves('')).toBe('');
  });
});
