import { describe, expect, it } from 'vitest';
import { Game, Position, makeRng, MoveStringError, parseMoves, formatMoves, positionFromMoves } from '../src/index.ts';
import { NaiveBoard } from './naive-board.ts';

const wins = (moves: string) => Position.fromMoves(moves).winner();

describe('rules', () => {
  it('detects four in every direction', () => {
    expect(wins('1212121')).toBe(1); // vertical, left edge
    expect(wins('7676767')).toBe(1); // vertical, right edge
    expect(wins('1122334')).toBe(1); // horizontal, bottom-left
    expect(wins('4455667')).toBe(1); // horizontal, bottom-right edge
    expect(wins('12233434474')).toBe(1); // diagonal /
    expect(wins('76655454414')).toBe(1); // diagonal \
    expect(wins('12137475')).toBe(2); // second player, horizontal
  });

  it('does not count three, or four split by the column seam', () => {
    expect(wins('112233')).toBe(0);
    expect(wins('1122335')).toBe(0); // X on 1, 2, 3 and 5: a gap
    // stones at the top of column 4 and bottom of column 5 are not vertically connected
    expect(wins('444444' + '5' + '6' + '5')).toBe(0);
  });

  it('finds wins across the lo/hi word boundary (columns 4 and 5)', () => {
    expect(wins('3344556')).toBe(1); // horizontal cols 3-6
    expect(wins('2233445')).toBe(1); // horizontal cols 2-5
    expect(wins('34455656616')).toBe(1); // diagonal / from column 3 to 6
    const p = Position.fromMoves('3445565661');
    expect(p.isWinningMove(5)).toBe(true);
    expect(p.isWinningMove(4)).toBe(false);
  });

  it('reports winning moves', () => {
    const p = Position.fromMoves('112233');
    expect(p.isWinningMove(3)).toBe(true);
    expect(p.isWinningMove(4)).toBe(false);
    const q = Position.fromMoves('121212');
    expect(q.isWinningMove(0)).toBe(true);
    expect(q.isWinningMove(1)).toBe(false);
  });

  it('fills columns and refuses a seventh stone', () => {
    const p = Position.fromMoves('444444');
    expect(p.canPlay(3)).toBe(false);
    expect(p.height(3)).toBe(6);
    expect(p.legalMoves()).toEqual([0, 1, 2, 4, 5, 6]);
  });

  it('ends a full board without four as a draw', () => {
    const { position } = positionFromMoves('165714636124277213553262441645476177332553');
    expect(position.plies).toBe(42);
    expect(position.winner()).toBe(0);
    expect(position.isDraw()).toBe(true);
    expect(position.isOver()).toBe(true);
    expect(position.legalMoves()).toEqual([]);
  });

  it('knows whose turn it is', () => {
    expect(Position.empty().currentPlayer).toBe(1);
    expect(Position.fromMoves('4').currentPlayer).toBe(2);
    expect(Position.fromMoves('44').plies).toBe(2);
  });
});

describe('move strings', () => {
  it('round-trips', () => {
    expect(parseMoves('4453')).toEqual([3, 3, 4, 2]);
    expect(formatMoves([3, 3, 4, 2])).toBe('4453');
    expect(parseMoves('')).toEqual([]);
  });

  it.each([
    ['448', /move 3 \('8'\) is not a column 1-7/],
    ['40', /move 2 \('0'\) is not a column 1-7/],
    ['4a', /move 2 \('a'\) is not a column 1-7/],
    ['4 4', /move 2 \(' '\) is not a column 1-7/],
    ['4444444', /move 7 \('4'\) is played into column 4, which is full/],
    ['12121212', /move 8 \('2'\) comes after player 1 has already won/],
  ])('refuses %s', (moves, message) => {
    expect(() => parseMoves(moves)).toThrow(MoveStringError);
    expect(() => parseMoves(moves)).toThrow(message);
  });
});

describe('grid, mirror and keys', () => {
  it('draws the grid top row first', () => {
    const grid = Position.fromMoves('4453').grid();
    expect(grid[5]).toEqual([0, 0, 1, 1, 1, 0, 0].map((v, c) => (c === 3 ? 1 : c === 4 ? 1 : c === 2 ? 2 : 0)));
    expect(grid[4]).toEqual([0, 0, 0, 2, 0, 0, 0]);
    expect(Position.fromMoves('4453').toString().split('\n')[4]).toBe('. . . O . . .');
  });

  it('mirrors columns and keeps keys canonical', () => {
    const p = Position.fromMoves('1123');
    const m = p.mirror();
    expect(m.key()).toBe(Position.fromMoves('7765').key());
    expect(m.mirror().key()).toBe(p.key());
    expect(p.canonicalKey()).toBe(m.canonicalKey());
    expect(p.key()).not.toBe(m.key());
    const symmetric = Position.fromMoves('44');
    expect(symmetric.mirror().key()).toBe(symmetric.key());
  });

  it('gives distinct keys to distinct positions', () => {
    const rng = makeRng(7);
    const keys = new Map<number, string>();
    for (let g = 0; g < 300; g++) {
      const p = Position.empty();
      let moves = '';
      while (!p.isOver()) {
        const legal = p.legalMoves();
        const c = legal[Math.floor(rng() * legal.length)]!;
        p.play(c);
        moves += String(c + 1);
        const gridText = JSON.stringify(p.grid());
        const seen = keys.get(p.key());
        if (seen !== undefined) expect(seen).toBe(gridText);
        keys.set(p.key(), gridText);
      }
    }
  });
});

describe('cross-check against a naive board', () => {
  it('agrees over thousands of random games', () => {
    const rng = makeRng(2024);
    for (let g = 0; g < 3000; g++) {
      const p = Position.empty();
      const naive = new NaiveBoard();
      const game = Game.empty();
      while (true) {
        for (let c = 0; c < 7; c++) {
          expect(p.canPlay(c)).toBe(naive.canPlay(c));
          if (naive.canPlay(c)) expect(p.isWinningMove(c)).toBe(naive.wouldWin(c));
        }
        expect(p.winner()).toBe(naive.winner);
        expect(p.isOver()).toBe(naive.winner !== 0 || naive.plies === 42);
        if (p.isOver()) break;
        const legal = p.legalMoves();
        const c = legal[Math.floor(rng() * legal.length)]!;
        p.play(c);
        naive.play(c);
        game.play(c);
      }
      expect(p.grid()).toEqual(naive.gridTopFirst());
      expect(Position.fromMoves(game.moves).key()).toBe(p.key());
      expect(game.winningCells().length >= (naive.winner ? 4 : 0)).toBe(true);
    }
  });
});

describe('game', () => {
  it('plays, undoes and finds the winning four', () => {
    const g = Game.fromMoves('112233');
    g.play(3);
    expect(g.winner).toBe(1);
    expect(g.winningCells().sort()).toEqual([[0, 0], [0, 1], [0, 2], [0, 3]]);
    expect(() => g.play(4)).toThrow(/game is over/);
    expect(g.undo()).toBe(3);
    expect(g.moves).toBe('112233');
    expect(g.winner).toBe(0);
  });
});
