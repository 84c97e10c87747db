import { describe, expect, it } from 'vitest';
import { Position } from '@c4/engine';
import { NOT_IN_BOOK, OpeningBook, Solver, type BookEntry } from '../src/index.ts';

const keyOf = (p: Position) => ({ keyLo: p.curLo + p.maskLo, keyHi: p.curHi + p.maskHi });

/** Every position two plies after `root` (no finished games), with its exact score. */
function grandchildren(root: Position, solver: Solver): { position: Position; score: number }[] {
  const out: { position: Position; score: number }[] = [];
  for (const a of root.legalMoves()) {
    if (root.isWinningMove(a)) continue;
    const child = root.clone().play(a);
    for (const b of child.legalMoves()) {
      if (child.isWinningMove(b)) continue;
      const g = child.clone().play(b);
      solver.reset();
      out.push({ position: g, score: solver.solve(g) });
    }
  }
  return out;
}

describe('OpeningBook', () => {
  const solver = new Solver({ ttLog2: 20 });
  const root = Position.fromMoves('5275331143367744');
  const known = grandchildren(root, solver);
  const entries: BookEntry[] = known.map(({ position, score }) => ({ ...keyOf(position), score }));
  const book = OpeningBook.fromEntries(entries, root.plies + 2);

  it('finds every stored position and its mirror, and nothing else', () => {
    for (const { position, score } of known) {
      expect(book.get(keyOf(position).keyLo, keyOf(position).keyHi)).toBe(score);
      const m = position.mirror();
      expect(book.get(keyOf(m).keyLo, keyOf(m).keyHi)).toBe(score);
    }
    const other = Position.fromMoves('1234567');
    expect(book.get(keyOf(other).keyLo, keyOf(other).keyHi)).toBe(NOT_IN_BOOK);
  });

  it('survives encode / decode, and refuses damaged bytes', () => {
    const bytes = book.encode();
    const again = OpeningBook.decode(bytes);
    expect(again.size).toBe(book.size);
    expect(again.maxPly).toBe(book.maxPly);
    for (const { position, score } of known) expect(again.get(keyOf(position).keyLo, keyOf(position).keyHi)).toBe(score);
    expect(() => OpeningBook.decode(bytes.slice(0, bytes.length - 3))).toThrow(/truncated/);
    const bad = bytes.slice();
    bad[0] = 0;
    expect(() => OpeningBook.decode(bad)).toThrow(/magic/);
  });

  it('refuses one position with two scores', () => {
    const e = entries[0]!;
    expect(() => OpeningBook.fromEntries([e, { ...e, score: e.score + 1 }], 30)).toThrow(/two scores/);
  });

  it('gives the solver the same scores for fewer nodes', () => {
    const withBook = new Solver({ ttLog2: 20, book });
    const scores = solver.analyze(root);
    const nodes = solver.nodes;
    solver.reset();
    const plain = solver.analyze(root);
    const plainNodes = solver.nodes;
    expect(withBook.analyze(root)).toEqual(plain);
    expect(withBook.nodes).toBeLessThan(plainNodes);
    expect(scores).toEqual(plain);
    expect(nodes).toBeGreaterThan(0);
    // a position of the book itself costs no search
    const stored = known[0]!;
    expect(withBook.solve(stored.position)).toBe(stored.score);
    expect(withBook.nodes).toBe(0);
  });
});

describe('the shipped opening book', () => {
  it('loads, and gives the known values of the first moves without search', async () => {
    const { loadDefaultOpeningBook } = await import('../src/node/opening-book-file.ts');
    const book = loadDefaultOpeningBook();
    expect(book).not.toBeNull();
    const solver = new Solver({ ttLog2: 20, book });
    // the solved game: only the centre wins for the first player, with its last stone
    expect(solver.analyze(Position.empty())).toEqual([-2, -1, 0, 1, 0, -1, -2]);
    expect(solver.nodes).toBe(0);
    expect(solver.analyze(Position.fromMoves('4'))).toEqual([-4, -2, -2, -1, -2, -2, -4]);
    expect(solver.solve(Position.empty())).toBe(1);
  });
});
