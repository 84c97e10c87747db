import { describe, expect, it } from 'vitest';
import { makeRng, Position } from '@c4/engine';
import { GameController } from '../src/game-controller.ts';

/** A full board with no four in a row (found by random play avoiding wins, checked below). */
const DRAWN_GAME = '117543424622642334372721136637657765514155';

function controller(moves = '', seed = 1): GameController {
  const c = new GameController({ rng: makeRng(seed) });
  c.loadMoves(moves);
  return c;
}

/** Probabilities that put all their mass on `col`. */
function certain(col: number): number[] {
  return Array.from({ length: 7 }, (_, c) => (c === col ? 1 : 0));
}

describe('GameController: loading a position', () => {
  it('sets up a move string and gives the person the side to move', () => {
    const c = controller('4453');
    expect(c.moves).toBe('4453');
    expect(c.loadError).toBeNull();
    expect(c.human).toBe(1);
    expect(controller('445').human).toBe(2);
    expect(c.isNetworkTurn()).toBe(false);
  });

  it('refuses a bad move string with a readable reason and an empty board', () => {
    for (const [bad, why] of [['44x3', "'x'"], ['4444444', 'full'], ['12121213', 'already won'], ['08', 'not a column']] as const) {
      const c = controller(bad);
      expect(c.moves).toBe('');
      expect(c.loadError).toContain(why);
      expect(c.loadError).toContain('Starting from an empty board');
    }
  });

  it('clears a previous load error when a good position is loaded', () => {
    const c = controller('9');
    expect(c.loadError).not.toBeNull();
    c.loadMoves('44');
    expect(c.loadError).toBeNull();
  });
});

describe('GameController: the person’s moves', () => {
  it('plays a legal move and reports where the piece lands', () => {
    const c = controller('44');
    const attempt = c.playHuman(3);
    expect(attempt).toEqual({ ok: true, move: { col: 3, row: 2, player: 1, by: 'human', moves: '444' } });
  });

  it('refuses input while busy, on the network’s turn, in a full column and after the end', () => {
    const c = controller();
    c.busy = true;
    expect(c.playHuman(3)).toMatchObject({ ok: false, reason: 'busy' });
    c.busy = false;
    expect(c.playHuman(3).ok).toBe(true);
    expect(c.isNetworkTurn()).toBe(true);
    expect(c.playHuman(3)).toMatchObject({ ok: false, reason: 'not-your-turn' });

    const full = controller('444444');
    expect(full.playHuman(3)).toMatchObject({ ok: false, reason: 'full', message: 'Column 4 is full: choose another one.' });
    expect(full.playHuman(7)).toMatchObject({ ok: false, reason: 'no-column' });
    expect(full.moves).toBe('444444');

    const won = controller('1212121');
    expect(won.isOver).toBe(true);
    expect(won.playHuman(4)).toMatchObject({ ok: false, reason: 'over' });
  });
});

describe('GameController: the network’s moves', () => {
  it('plays the most probable column at temperature 0', () => {
    const c = controller('4');
    c.human = 1;
    expect(c.isNetworkTurn()).toBe(true);
    const move = c.playNetwork([0.1, 0.05, 0.5, 0.2, 0.05, 0.05, 0.05]);
    expect(move).toEqual({ col: 2, row: 0, player: 2, by: 'network', moves: '43' });
    expect(c.isNetworkTurn()).toBe(false);
  });

  it('refuses to move when it is not its turn', () => {
    const c = controller();
    expect(() => c.playNetwork(certain(3))).toThrow(/not the network/);
  });

  it('samples with a temperature, reproducibly by seed, never an impossible column', () => {
    const pick = (seed: number) => {
      const c = controller('444444', seed);
      c.human = 2;
      c.temperature = 1.5;
      return c.playNetwork([0.2, 0.2, 0.2, 0, 0.2, 0.1, 0.1]).col;
    };
    const cols = Array.from({ length: 40 }, (_, i) => pick(i));
    expect(cols).not.toContain(3);
    expect(new Set(cols).size).toBeGreaterThan(2);
    expect(Array.from({ length: 40 }, (_, i) => pick(i))).toEqual(cols);
  });
});

describe('GameController: undo', () => {
  it('takes back the network’s reply together with the person’s move', () => {
    const c = controller();
    c.playHuman(3);
    c.playNetwork(certain(2));
    expect(c.canUndo()).toBe(true);
    expect(c.undo()).toBe(2);
    expect(c.moves).toBe('');
    expect(c.isNetworkTurn()).toBe(false);
  });

  it('takes back only the person’s move when it ended the game', () => {
    const c = controller('141414');
    c.human = 1;
    expect(c.playHuman(0).ok).toBe(true);
    expect(c.winner).toBe(1);
    expect(c.undo()).toBe(1);
    expect(c.moves).toBe('141414');
  });

  it('does not take back the network’s opening move alone', () => {
    const c = controller();
    c.newGame(false);
    c.playNetwork(certain(3));
    expect(c.canUndo()).toBe(false);
    expect(c.undo()).toBe(0);
    expect(c.moves).toBe('4');
  });

  it('takes back one move at a time in analysis mode, and nothing while busy', () => {
    const c = controller('4453');
    c.setMode('analysis');
    expect(c.undo()).toBe(1);
    expect(c.moves).toBe('445');
    c.busy = true;
    expect(c.undo()).toBe(0);
    expect(c.moves).toBe('445');
  });
});

describe('GameController: new games and modes', () => {
  it('lets the network start when asked', () => {
    const c = controller('4453');
    c.newGame(false);
    expect(c.moves).toBe('');
    expect(c.human).toBe(2);
    expect(c.isNetworkTurn()).toBe(true);
    c.newGame(true);
    expect(c.isNetworkTurn()).toBe(false);
  });

  it('in analysis mode the person moves for both sides', () => {
    const c = controller();
    c.setMode('analysis');
    expect(c.playHuman(3).ok).toBe(true);
    expect(c.isNetworkTurn()).toBe(false);
    expect(c.playHuman(3).ok).toBe(true);
    expect(c.status()).toBe('Yellow ◯ to move (two players, network off).');
  });

  it('switching the network back on mid-game gives the person the side to move', () => {
    const c = controller();
    c.setMode('analysis');
    c.playHuman(3);
    c.setMode('versus');
    expect(c.human).toBe(2);
    expect(c.isNetworkTurn()).toBe(false);
  });

  it('without a model only analysis mode remains', () => {
    const c = controller();
    c.disableNetwork();
    expect(c.mode).toBe('analysis');
    c.setMode('versus');
    expect(c.mode).toBe('analysis');
  });
});

describe('GameController: messages and the address', () => {
  it('names the winner and a draw', () => {
    const win = controller('1212121');
    win.human = 1;
    expect(win.status()).toBe('You win! (Yellow ◯)');
    win.human = 2;
    expect(win.status()).toBe('The network wins (Yellow ◯).');
    expect(win.winningCells()).toHaveLength(4);

    expect(Position.fromMoves(DRAWN_GAME).isDraw()).toBe(true);
    const draw = controller(DRAWN_GAME);
    expect(draw.isDraw).toBe(true);
    expect(draw.status()).toBe('Draw: the board is full.');
  });

  it('announces moves with who played where and the result', () => {
    const c = controller('141414');
    c.human = 1;
    const attempt = c.playHuman(0);
    if (!attempt.ok) throw new Error('refused');
    expect(c.describe(attempt.move)).toBe('You (Yellow ◯) play column 1. You win! (Yellow ◯)');
    const d = controller('4');
    d.human = 1;
    expect(d.describe(d.playNetwork(certain(4)))).toBe('The network (Red ✕) plays column 5.');
  });

  it('writes the position into the query string, keeping other parameters', () => {
    const c = controller('4453');
    expect(c.searchWithPosition('?model=/m/model.json&pos=11')).toBe('?model=%2Fm%2Fmodel.json&pos=4453');
    expect(controller().searchWithPosition('')).toBe('?pos=');
  });
});

describe('GameController: the board in words', () => {
  it('lists each column from the bottom', () => {
    const text = controller('4453').describeBoard();
    expect(text).toContain('Column 1 empty.');
    expect(text).toContain('Column 4, from the bottom: Yellow ◯, Red ✕.');
    expect(text).toContain('Column 3, from the bottom: Red ✕.');
    expect(text).toContain('Column 5, from the bottom: Yellow ◯.');
  });
});
