import { describe, expect, it } from 'vitest';
import { parsePositionList, PositionListError } from '../src/generate/position-list.ts';

describe('parsePositionList', () => {
  it('reads the first word of each line, "-" as the empty board, skipping comments and blank lines', () => {
    const list = parsePositionList('# early positions\n-\n4\n\n44 0   # a benchmark line\n', 'early.txt');
    expect(list.candidates.map((c) => [c.moves, c.ply])).toEqual([['', 0], ['4', 1], ['44', 2]]);
    expect(list.distinct).toBe(3);
  });

  it('counts a position and its mirror once', () => {
    expect(parsePositionList('12\n76\n21\n', 'f').distinct).toBe(2);
  });

  it('names the line of a bad move string', () => {
    expect(() => parsePositionList('4\n48\n', 'f.txt')).toThrow(PositionListError);
    expect(() => parsePositionList('4\n48\n', 'f.txt')).toThrow(/^f\.txt:2: /);
  });
});
