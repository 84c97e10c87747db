/**
 * The arena's report: the Wilson interval against published values, the tallies per colour,
 * the optimality counts, and the terminal table.
 */
import { describe, expect, it } from 'vitest';
import { wilsonInterval } from '../src/arena/confidence.ts';
import type { GameRecord, SideRecord } from '../src/arena/match.ts';
import type { MoveCheck } from '../src/arena/optimality.ts';
import { formatReport, pairingReport, summaryLine, tally } from '../src/arena/report.ts';
import type { ArenaReport } from '../src/arena/report.ts';

describe('wilsonInterval', () => {
  it.each([
    // p, n, low, high: the textbook 8 of 10, a fair coin, all and none
    [0.8, 10, 0.4902, 0.9433],
    [0.5, 100, 0.4038, 0.5962],
    [1, 200, 0.9812, 1],
    [0, 10, 0, 0.2775],
    [0.75, 200, 0.6857, 0.8049],
  ])('p = %s, n = %s → [%s, %s]', (p, n, low, high) => {
    const [lo, hi] = wilsonInterval(p, n);
    expect(lo).toBeCloseTo(low, 4);
    expect(hi).toBeCloseTo(high, 4);
  });

  it('is [0, 1] without trials and narrows as n grows', () => {
    expect(wilsonInterval(0.5, 0)).toEqual([0, 1]);
    const width = (n: number) => wilsonInterval(0.9, n)[1] - wilsonInterval(0.9, n)[0];
    expect(width(400)).toBeLessThan(width(100));
  });
});

function check(ply: number, kept: boolean): MoveCheck {
  const phase = ply < 14 ? 'opening' : ply < 28 ? 'middle' : 'end';
  const counts = { opening: { checked: 0, kept: 0 }, middle: { checked: 0, kept: 0 }, end: { checked: 0, kept: 0 } };
  counts[phase] = { checked: 1, kept: kept ? 1 : 0 };
  return { counts, alreadyLost: 1, errors: kept ? [] : [ply] };
}

function side(agent: string, moveCheck?: MoveCheck): SideRecord {
  return { agent, moves: 10, ms: 20, ...(moveCheck ? { check: moveCheck } : {}) };
}

/** A game of the net (subject) against random: winner from the board's view. */
function game(index: number, winner: 0 | 1 | 2, netCheck: MoveCheck): GameRecord {
  const subjectFirst = index % 2 === 0;
  return {
    pairing: 0, game: index, opening: '44', moves: '4412', subjectFirst, winner, checkMs: 0,
    first: subjectFirst ? side('net', netCheck) : side('random'),
    second: subjectFirst ? side('random') : side('net', netCheck),
  };
}

describe('pairingReport', () => {
  // net first: win, win, draw; net second: win (winner 2), loss (winner 1), loss
  const games = [
    game(0, 1, check(20, true)), game(2, 1, check(30, true)), game(4, 0, check(10, false)),
    game(1, 2, check(15, true)), game(3, 1, check(16, false)), game(5, 1, check(29, true)),
  ];
  const report = pairingReport('net', 'random', games);

  it('counts results from the subject\'s view, per colour', () => {
    expect(report.results.asFirst).toMatchObject({ games: 3, wins: 2, draws: 1, losses: 0 });
    expect(report.results.asFirst.score).toBeCloseTo(2.5 / 3);
    expect(report.results.asSecond).toMatchObject({ games: 3, wins: 1, draws: 0, losses: 2 });
    expect(report.results.all).toMatchObject({ games: 6, wins: 3, draws: 1, losses: 2, score: 3.5 / 6 });
    expect(report.results.all.interval).toEqual(wilsonInterval(3.5 / 6, 6));
  });

  it('counts the net\'s checked moves by phase and colour', () => {
    const o = report.optimality.subject!;
    expect(report.optimality.opponent).toBeUndefined();
    expect(o.all.phases.opening).toEqual({ checked: 1, kept: 0, rate: 0 });
    expect(o.all.phases.middle).toEqual({ checked: 3, kept: 2, rate: 2 / 3 });
    expect(o.all.phases.end).toEqual({ checked: 2, kept: 2, rate: 1 });
    expect(o.asFirst.all).toEqual({ checked: 3, kept: 2, rate: 2 / 3 });
    expect(o.all.perfectGames).toBe(4);
    expect(o.all.alreadyLost).toBe(6);
    expect(o.asSecond.alreadyLost).toBe(3);
    expect(o.all.gamesChecked).toBe(6);
  });

  it('lists the games in order, as replayable move strings with results and errors', () => {
    expect(report.games.map((g) => g.game)).toEqual([0, 1, 2, 3, 4, 5]);
    expect(report.games[4]).toEqual({ game: 4, opening: '44', moves: '4412', first: 'net', second: 'random', result: 'draw', errors: { subject: [10] } });
    expect(report.games[1].result).toBe('win');
    expect(report.msPerMove).toEqual({ subject: 2, opponent: 2 });
  });

  it('an empty pairing has no score', () => {
    expect(tally([])).toEqual({ games: 0, wins: 0, draws: 0, losses: 0, score: null, interval: null });
  });

  it('renders a table with a row per colour and the phases, and a one-line summary', () => {
    const full: ArenaReport = {
      format: 'c4-arena/1',
      settings: { subject: 'net', opponents: ['random'], nets: { net: 'models/latest' }, gamesPerPairing: 6, seed: 1, openings: '2-4 random plies', checkFrom: 0, workers: 2, backend: 'cpu' },
      pairings: [report], interrupted: false, seconds: 2, gamesPerSecond: 3, solver: { analyses: 0, weakSolves: 0, ms: 0 },
    };
    const text = formatReport(full);
    expect(text).toContain('net = models/latest');
    expect(text).toMatch(/net vs random\n/);
    expect(text).toMatch(/as first +3 +2 +1 +0 +83\.3% +\[\d+\.\d%, \d+\.\d%\] +0\.0% of 1 +100\.0% of 1 +100\.0% of 1/);
    expect(text).toMatch(/as second +3 +1 +0 +2 +33\.3%/);
    expect(text).toMatch(/all +6 +3 +1 +2 +58\.3%/);
    expect(summaryLine(full, ['out.json'])).toBe('arena: 6 games in 2.0 s (3.00 games/s); net scores random 58.3%; wrote out.json');
  });
});
