import { describe, expect, it } from 'vitest';
import { bestFromScores, makeRecord, parseRecord, RecordError } from '../src/index.ts';

const scores = [-2, 1, 1, 0, null, -1, -3].map((s, c) => (c === 4 ? 1 : s));

describe('records', () => {
  it('breaks ties towards the centre', () => {
    expect(bestFromScores([1, 0, 0, 1, 0, 0, 1])).toBe(3);
    expect(bestFromScores([1, 0, 2, 0, 2, 0, 1])).toBe(2);
    expect(bestFromScores([5, 0, 0, null, 0, 0, 5])).toBe(0);
  });

  it('builds and parses a consistent record', () => {
    const record = makeRecord('4453', scores);
    expect(record).toMatchObject({ moves: '4453', ply: 4, player: 1, best: 2, score: 1 });
    expect(parseRecord(JSON.stringify(record))).toEqual(record);
  });

  it.each([
    ['{', /not valid JSON/],
    ['[1]', /not a JSON object/],
    [JSON.stringify({ ...makeRecord('4453', scores), moves: '44x' }), /is not a column 1-7/],
    [JSON.stringify({ ...makeRecord('4453', scores), ply: 5 }), /"ply" is 5/],
    [JSON.stringify({ ...makeRecord('4453', scores), player: 2 }), /"player" is 2/],
    [JSON.stringify({ ...makeRecord('4453', scores), best: 3 }), /"best" is 3/],
    [JSON.stringify({ ...makeRecord('4453', scores), score: 7 }), /"score" is 7/],
    [JSON.stringify({ ...makeRecord('4453', scores), scores: [1, 2] }), /array of 7/],
    [JSON.stringify({ ...makeRecord('4453', scores), grid: [[0]] }), /"grid" does not match/],
  ])('refuses %s', (line, message) => {
    expect(() => parseRecord(line)).toThrow(RecordError);
    expect(() => parseRecord(line)).toThrow(message);
  });

  it('wants null exactly for full columns', () => {
    const full = makeRecord('444444', [0, 0, 0, null, 0, 0, 0]);
    expect(parseRecord(JSON.stringify(full)).best).toBe(2);
    const bad = { ...full, scores: [0, 0, 0, 0, 0, 0, 0] };
    expect(() => parseRecord(JSON.stringify(bad))).toThrow(/should be null/);
  });
});
