/**
 * The solver's memory (Analyst) and the optimality check built on it, against plain exact
 * analysis, on mid-game benchmark positions (exact analysis there takes milliseconds).
 */
import { Position } from '@c4/engine';
import { Solver } from '@c4/minimax';
import { describe, expect, it } from 'vitest';
import { Analyst } from '../src/arena/analyst.ts';
import { checkMoves, judgeMove, keepsValue, phaseOf } from '../src/arena/optimality.ts';

// From /work/shared/data/solver-benchmarks/Test_L2_R1 (plies 15-28), asymmetric positions.
const POSITIONS = ['47611556754127222', '175617344365477255', '522264452736756', '7532455277545526', '3262221111647466', '271713432331713132'];

const reference = new Solver({ ttLog2: 20 });
const sign = (s: number) => Math.sign(s) + 0;

describe('Analyst', () => {
  it('answers exact analyses, and their mirror images from memory', () => {
    const analyst = new Analyst(new Solver({ ttLog2: 20 }));
    for (const moves of POSITIONS) {
      const p = Position.fromMoves(moves);
      const exact = reference.analyze(p).map((s) => (s === null ? null : s + 0));
      expect(analyst.analyze(p)).toEqual(exact);
      expect(analyst.analyze(p.mirror())).toEqual([...exact].reverse());
    }
    expect(analyst.calls.analyze).toBe(POSITIONS.length);
  });

  it('knows the value class of a position and of its children after analysing it, without solving again', () => {
    const analyst = new Analyst(new Solver({ ttLog2: 20 }));
    const p = Position.fromMoves(POSITIONS[1]);
    const scores = analyst.analyze(p);
    const best = Math.max(...scores.filter((s): s is number => s !== null));
    expect(analyst.valueClass(p)).toBe(sign(best));
    for (const c of p.legalMoves()) {
      if (p.isWinningMove(c)) continue;
      expect(analyst.valueClass(p.clone().play(c))).toBe(sign(-scores[c]!));
    }
    expect(analyst.calls.weak).toBe(0);
  });

  it('answers value classes by weak solving when it must', () => {
    const analyst = new Analyst(new Solver({ ttLog2: 20 }));
    for (const moves of POSITIONS) {
      const p = Position.fromMoves(moves);
      expect(analyst.valueClass(p)).toBe(sign(reference.solve(p)));
    }
    expect(analyst.calls.weak).toBe(POSITIONS.length);
  });
});

describe('optimality check', () => {
  it('keepsValue agrees with the sign classes of exact analysis, column by column', () => {
    const analyst = new Analyst(new Solver({ ttLog2: 20 }));
    let errors = 0;
    for (const moves of POSITIONS) {
      const p = Position.fromMoves(moves);
      const scores = reference.analyze(p);
      const bestClass = Math.max(...scores.filter((s): s is number => s !== null).map(sign));
      for (const c of p.legalMoves()) {
        const expected = sign(scores[c]!) === bestClass;
        expect(keepsValue(analyst, p, c), `${moves} column ${c + 1}`).toBe(expected);
        if (!expected) errors++;
      }
    }
    expect(errors).toBeGreaterThan(5); // the positions do offer mistakes to catch
  });

  it('leaves out moves in positions already lost', () => {
    const analyst = new Analyst(new Solver({ ttLog2: 20 }));
    const lost = Position.fromMoves('7532455277545526'); // side to move loses whatever it plays
    for (const c of lost.legalMoves()) expect(judgeMove(analyst, lost, c)).toBe('lost');
    const won = Position.fromMoves('47611556754127222');
    const scores = reference.analyze(won);
    for (const c of won.legalMoves()) expect(judgeMove(analyst, won, c)).toBe(scores[c]! > 0 ? 'kept' : 'error');
  });

  it('checks the moves of one side from a ply on, counting by phase and listing errors', () => {
    const analyst = new Analyst(new Solver({ ttLog2: 20 }));
    const start = Position.fromMoves('47611556754127222'); // ply 17, the second player to move and winning
    const scores = reference.analyze(start);
    const losing = scores.findIndex((s) => s !== null && s < 0);
    const winning = scores.findIndex((s) => s !== null && s > 0);
    // Player 2 throws the win away at ply 17 (now lost), player 1 replies, player 2 plays again at ply 19.
    const after = start.clone().play(losing);
    const reply = reference.analyze(after).findIndex((s) => s !== null && s > 0); // keeps player 1's win
    const third = after.clone().play(reply).legalMoves()[0];
    const check = checkMoves(analyst, start, [losing, reply, third], 2, 14);
    expect(check).toEqual({ counts: { opening: { checked: 0, kept: 0 }, middle: { checked: 1, kept: 0 }, end: { checked: 0, kept: 0 } }, alreadyLost: 1, errors: [17] });
    expect(checkMoves(analyst, start, [winning], 2, 14)).toEqual({ counts: { opening: { checked: 0, kept: 0 }, middle: { checked: 1, kept: 1 }, end: { checked: 0, kept: 0 } }, alreadyLost: 0, errors: [] });
    expect(checkMoves(analyst, start, [losing, reply, third], 2, 18)).toMatchObject({ alreadyLost: 1, errors: [] });
    expect(checkMoves(analyst, start, [losing, reply, third], 1, 14)).toMatchObject({ counts: { middle: { checked: 1, kept: 1 } }, errors: [] });
  });

  it('phases: opening 0-13, middle 14-27, end 28-41', () => {
    expect([0, 13, 14, 27, 28, 41].map(phaseOf)).toEqual(['opening', 'opening', 'middle', 'middle', 'end', 'end']);
  });
});
