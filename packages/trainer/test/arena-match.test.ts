/**
 * Arena games: the plan (colours, openings, seeds), the openings themselves, and games
 * played in this thread between the simple agents.
 */
import { Game, Position } from '@c4/engine';
import { describe, expect, it } from 'vitest';
import { parseAgentSpec } from '../src/arena/agents.ts';
import type { AgentContext } from '../src/arena/agents.ts';
import { planGames, playGame } from '../src/arena/match.ts';
import { chooseOpenings, decidedInTwo, OpeningError, parseOpeningPlies, parseOpeningsText } from '../src/arena/openings.ts';
import { tally } from '../src/arena/report.ts';

const noNets: AgentContext = {
  net: () => { throw new Error('no net in this test'); },
  analyst: () => { throw new Error('no solver in this test'); },
};
const centre = parseAgentSpec('centre');
const random = parseAgentSpec('random');
const solver = parseAgentSpec('solver');

describe('planGames', () => {
  const openings = ['44', '435', '1234', '77'];
  const tasks = planGames(centre, [random, solver], 8, openings, 7, 14);

  it('plays every pairing with both colours, half the games each', () => {
    expect(tasks).toHaveLength(16);
    for (const pairing of [0, 1]) {
      const games = tasks.filter((t) => t.pairing === pairing);
      expect(games.filter((t) => t.subjectFirst)).toHaveLength(4);
      expect(games.filter((t) => !t.subjectFirst)).toHaveLength(4);
      for (const t of games) expect(t.subjectFirst ? t.first : t.second).toBe(centre);
    }
  });

  it('starts games 2k and 2k + 1 from opening k, with the colours swapped, in every pairing', () => {
    for (const t of tasks) expect(t.opening).toBe(openings[t.game >> 1]);
    const [a, b] = tasks.filter((t) => t.pairing === 1 && t.game < 2);
    expect([a.first.name, a.second.name]).toEqual(['centre', 'solver']);
    expect([b.first.name, b.second.name]).toEqual(['solver', 'centre']);
  });

  it('refuses too few openings', () => {
    expect(() => planGames(centre, [random], 10, openings, 1, null)).toThrow(/need 5 openings/);
  });
});

describe('openings', () => {
  it('random openings: plies in range, none over or decided in two moves, distinct up to mirroring, seeded', () => {
    const openings = chooseOpenings({ kind: 'random', minPlies: 2, maxPlies: 4 }, 60, 11);
    const lengths = new Set(openings.map((m) => m.length));
    expect([...lengths].sort()).toEqual([2, 3, 4]);
    const keys = new Set<number>();
    for (const moves of openings) {
      const p = Position.fromMoves(moves);
      expect(p.isOver()).toBe(false);
      expect(decidedInTwo(p)).toBe(false);
      keys.add(p.canonicalKey());
    }
    expect(keys.size).toBe(60);
    expect(chooseOpenings({ kind: 'random', minPlies: 2, maxPlies: 4 }, 60, 11)).toEqual(openings);
    expect(chooseOpenings({ kind: 'random', minPlies: 2, maxPlies: 4 }, 60, 12)).not.toEqual(openings);
  });

  it('deeper random openings still leave the game open', () => {
    for (const moves of chooseOpenings({ kind: 'random', minPlies: 12, maxPlies: 16 }, 30, 3)) {
      const p = Position.fromMoves(moves);
      expect(moves.length).toBeGreaterThanOrEqual(12);
      expect(p.isOver() || decidedInTwo(p)).toBe(false);
    }
  });

  it('an opening two moves decide: a win at once, a double threat to come, or every move losing at once', () => {
    const decided = (moves: string) => decidedInTwo(Position.fromMoves(moves));
    expect(decided('121212')).toBe(true); // first wins at once in column 1
    expect(decided('5566')).toBe(true); // first plays 4: an open three on the bottom row, 3 and 7 both win
    expect(decided('455')).toBe(false);
    expect(decided('4')).toBe(false);
    expect(decided('')).toBe(false);
    // first has 2, 3, 4 on the bottom row, second to move: with 1 and 5 both open no move saves it...
    expect(decided('26364')).toBe(true);
    // ...with 5 already second's, playing 1 blocks the one threat
    expect(decided('25364')).toBe(false);
  });

  it('a list is used in order and cycled; the empty board is the empty string', () => {
    expect(chooseOpenings({ kind: 'list', moves: ['4', '45'], source: 'f' }, 5, 1)).toEqual(['4', '45', '4', '45', '4']);
    expect(chooseOpenings({ kind: 'empty' }, 3, 1)).toEqual(['', '', '']);
  });

  it('parses an openings file: first word per line, comments, blank lines, "-" for the empty board', () => {
    const text = '# openings\n4453 7\n\n  17  \n-\n1234567\n';
    expect(parseOpeningsText(text, 'o.txt')).toEqual(['4453', '17', '', '1234567']);
  });

  it('names the line of a bad or finished opening', () => {
    expect(() => parseOpeningsText('44\n48\n', 'o.txt')).toThrow(/^o\.txt:2: bad move string "48"/);
    expect(() => parseOpeningsText('1212121\n', 'o.txt')).toThrow(/o\.txt:1: opening "1212121" is already finished/);
    expect(() => parseOpeningsText('# nothing\n\n', 'o.txt')).toThrow(OpeningError);
  });

  it('parses opening plies', () => {
    expect(parseOpeningPlies('2-4')).toEqual({ minPlies: 2, maxPlies: 4 });
    expect(parseOpeningPlies('6')).toEqual({ minPlies: 6, maxPlies: 6 });
    for (const bad of ['4-2', '-1', 'a-b', '2-21', '']) expect(() => parseOpeningPlies(bad)).toThrow(OpeningError);
  });
});

describe('playGame', () => {
  const openings = chooseOpenings({ kind: 'random', minPlies: 2, maxPlies: 4 }, 30, 5);
  const play = (seed: number) => planGames(centre, [random], 60, openings, seed, null).map((t) => playGame(t, noNets));

  it('centre beats random in most games, with both colours', () => {
    const games = play(5);
    const all = tally(games);
    expect(all.games).toBe(60);
    expect(all.score).toBeGreaterThan(0.85);
    expect(tally(games.filter((g) => g.subjectFirst)).wins).toBeGreaterThan(24);
    expect(tally(games.filter((g) => !g.subjectFirst)).wins).toBeGreaterThan(24);
  });

  it('records replayable games that start with their opening and end when the game ends', () => {
    for (const g of play(5)) {
      expect(g.moves.startsWith(g.opening)).toBe(true);
      const replay = Game.fromMoves(g.moves);
      expect(replay.isOver).toBe(true);
      expect(replay.winner).toBe(g.winner);
      expect(g.first.moves + g.second.moves).toBe(g.moves.length - g.opening.length);
    }
  });

  it('is determined by the seed', () => {
    const moves = (seed: number) => play(seed).map((g) => g.moves);
    expect(moves(5)).toEqual(moves(5));
    expect(moves(6)).not.toEqual(moves(5));
  });
});
