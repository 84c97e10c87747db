import { describe, expect, it } from 'vitest';
import { Position, encodePosition, encodeBatch, INPUT_SIZE } from '../src/index.ts';

const at = (planes: Float32Array, rTop: number, c: number, plane: number) => planes[(rTop * 7 + c) * 2 + plane];

describe('encoding', () => {
  it('puts the side to move on plane 0, top row first', () => {
    const p = Position.fromMoves('45'); // X on col 4, O on col 5, X to move
    const x = encodePosition(p);
    expect(x.length).toBe(INPUT_SIZE);
    expect(at(x, 5, 3, 0)).toBe(1);
    expect(at(x, 5, 4, 1)).toBe(1);
    expect(x.reduce((a, b) => a + b, 0)).toBe(2);
    const q = Position.fromMoves('454'); // O to move: planes swap
    const y = encodePosition(q);
    expect(at(y, 5, 4, 0)).toBe(1);
    expect(at(y, 5, 3, 1)).toBe(1);
    expect(at(y, 4, 3, 1)).toBe(1);
  });

  it('mirrors with the position', () => {
    const p = Position.fromMoves('1123');
    const a = encodePosition(p);
    const b = encodePosition(p.mirror());
    for (let r = 0; r < 6; r++)
      for (let c = 0; c < 7; c++)
        for (let k = 0; k < 2; k++) expect(at(b, r, 6 - c, k)).toBe(at(a, r, c, k));
  });

  it('encodes a batch as consecutive blocks', () => {
    const ps = [Position.fromMoves('4'), Position.fromMoves('77')];
    const batch = encodeBatch(ps);
    expect(batch.length).toBe(2 * INPUT_SIZE);
    expect(Array.from(batch.subarray(INPUT_SIZE))).toEqual(Array.from(encodePosition(ps[1]!)));
  });
});
