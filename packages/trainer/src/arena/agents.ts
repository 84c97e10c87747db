/**
 * The players of the arena, and the text that names them on the command line:
 *
 *     net              the shipped model (models/c4-policy, else models/latest), greedy
 *     net:<dir>        the model saved in <dir>, greedy
 *     net@<T>          any net spec + @T: samples its moves at temperature T (0 = greedy)
 *     net+solver       any net spec + "+solver": the net's most probable move among those
 *                      that keep the game-theoretic value (solver-checked), a measuring
 *                      stick: what the net would score if it never lost the value;
 *                      "+solver:<ply>" only from that ply on (the net alone before it)
 *     random           a legal column, uniformly at random
 *     centre           wins at once if it can, else blocks the opponent's immediate win,
 *                      else the legal column nearest the centre (also spelt `center`)
 *     minimax:<N>      @c4/minimax's depth-N minimax with its heuristic evaluation
 *     solver           perfect play: a column of maximal exact score, chosen at random
 *                      among ties (so it wins soonest, or loses latest)
 *
 * Every agent is a function of the position and a seeded random source, nothing else, so
 * a game is the same whichever worker plays it.
 */
import { CENTRE_ORDER, randomInt } from '@c4/engine';
import type { Position } from '@c4/engine';
import type { PolicyNet } from '@c4/engine/policy';
import { minimaxMove } from '@c4/minimax';
import type { Analyst } from './analyst.ts';
import { keepsValue } from './optimality.ts';

export type AgentSpec =
  | {
      kind: 'net'; name: string; /** null: the default model, resolved by the caller */ dir: string | null; temperature: number;
      /** From this ply on, only moves that keep the game-theoretic value (checked by the solver), the net choosing among them; null: never. */
      keepValueFrom: number | null;
    }
  | { kind: 'random'; name: string }
  | { kind: 'centre'; name: string }
  | { kind: 'minimax'; name: string; depth: number }
  | { kind: 'solver'; name: string };

export interface Agent {
  readonly spec: AgentSpec;
  /** A column to play. Precondition: the game is not over. */
  chooseMove(position: Position, rng: () => number): number;
}

/** An agent spec that does not parse; the message says what is accepted. */
export class AgentSpecError extends Error {
  constructor(text: string, reason: string) {
    super(`bad agent "${text}": ${reason}`);
    this.name = 'AgentSpecError';
  }
}

export const AGENT_SYNTAX = 'net, net:<dir>, net@<temperature>, net:<dir>@<temperature>, any of these +solver or +solver:<ply>, random, centre, minimax:<depth>, solver';
/** `+solver` or `+solver:<ply>` at the end of a net spec. */
const KEEP_VALUE_SUFFIX = /\+solver(?::(\d+))?$/;
export const MAX_MINIMAX_DEPTH = 20;

/** Parses one agent spec (see the file comment). Throws `AgentSpecError`. */
export function parseAgentSpec(text: string): AgentSpec {
  const t = text.trim();
  if (t === 'random') return { kind: 'random', name: 'random' };
  if (t === 'centre' || t === 'center') return { kind: 'centre', name: 'centre' };
  if (t === 'solver') return { kind: 'solver', name: 'solver' };
  if (t.startsWith('minimax')) return parseMinimax(t);
  if (t === 'net' || t.startsWith('net:') || t.startsWith('net@') || t.startsWith('net+')) return parseNet(t);
  throw new AgentSpecError(text, `unknown agent (use one of: ${AGENT_SYNTAX})`);
}

function parseMinimax(text: string): AgentSpec {
  const match = /^minimax:(\d+)$/.exec(text);
  const depth = match ? Number(match[1]) : NaN;
  if (!(depth >= 1 && depth <= MAX_MINIMAX_DEPTH)) {
    throw new AgentSpecError(text, `minimax needs a search depth 1-${MAX_MINIMAX_DEPTH}, e.g. minimax:4`);
  }
  return { kind: 'minimax', name: `minimax:${depth}`, depth };
}

function parseNet(whole: string): AgentSpec {
  const suffix = KEEP_VALUE_SUFFIX.exec(whole);
  const keepValueFrom = suffix ? Number(suffix[1] ?? 0) : null;
  if (keepValueFrom !== null && keepValueFrom > 41) throw new AgentSpecError(whole, `+solver:<ply> needs a ply 0-41 (got ${keepValueFrom})`);
  const text = suffix ? whole.slice(0, suffix.index) : whole;
  // The temperature is whatever follows the last '@', so a directory may itself contain '@'.
  const at = text.lastIndexOf('@');
  const head = at < 0 ? text : text.slice(0, at);
  let temperature = 0;
  if (at >= 0) {
    const t = text.slice(at + 1);
    temperature = t.trim() === '' ? NaN : Number(t);
    if (!(Number.isFinite(temperature) && temperature >= 0)) {
      throw new AgentSpecError(text, `the temperature after '@' must be a number ≥ 0 (got "${t}")`);
    }
  }
  let dir: string | null = null;
  if (head !== 'net') {
    if (!head.startsWith('net:')) throw new AgentSpecError(whole, `unknown agent (use one of: ${AGENT_SYNTAX})`);
    dir = head.slice('net:'.length);
    if (dir === '') throw new AgentSpecError(text, 'net: needs a model directory, e.g. net:models/latest');
  }
  return { kind: 'net', name: whole, dir, temperature, keepValueFrom };
}

/** What agents need from their surroundings: loaded nets, and the solver's memory. */
export interface AgentContext {
  /** The network saved in `dir`, already loaded. */
  net(dir: string): PolicyNet;
  analyst(): Analyst;
}

/** The agent of a spec. Precondition: a net spec's `dir` is resolved (not null). */
export function createAgent(spec: AgentSpec, context: AgentContext): Agent {
  switch (spec.kind) {
    case 'random':
      return { spec, chooseMove: randomMove };
    case 'centre':
      return { spec, chooseMove: centreMove };
    case 'minimax':
      return { spec, chooseMove: (position, rng) => minimaxMove(position, spec.depth, rng) };
    case 'solver': {
      const analyst = context.analyst();
      return { spec, chooseMove: (position, rng) => solverMove(analyst, position, rng) };
    }
    case 'net': {
      if (spec.dir === null) throw new Error(`${spec.name}: the model directory is not resolved`);
      const net = context.net(spec.dir);
      const temperature = spec.temperature;
      const from = spec.keepValueFrom;
      if (from !== null) {
        const analyst = context.analyst();
        return {
          spec,
          chooseMove: (position, rng) => (position.plies >= from
            ? valueKeepingNetMove(net, analyst, position)
            : net.chooseMove(position, { temperature, rng })),
        };
      }
      return { spec, chooseMove: (position, rng) => net.chooseMove(position, { temperature, rng }) };
    }
  }
}

export function randomMove(position: Position, rng: () => number): number {
  const legal = position.legalMoves();
  return legal[randomInt(rng, legal.length)];
}

/** Win now; else block the opponent's immediate win; else the legal column nearest the centre. */
export function centreMove(position: Position): number {
  const legal = CENTRE_ORDER.filter((c) => position.canPlay(c));
  const win = legal.find((c) => position.isWinningMove(c));
  if (win !== undefined) return win;
  const block = legal.find((c) => opponentWinsAt(position, c));
  return block ?? legal[0];
}

/**
 * Whether the opponent of the side to move would make four by playing `col` now. Tested by
 * letting the side to move play elsewhere first: a stone in another column neither changes
 * where `col`'s next stone lands nor takes away an opponent's four.
 */
export function opponentWinsAt(position: Position, col: number): boolean {
  if (!position.canPlay(col)) return false;
  for (const elsewhere of position.legalMoves()) {
    if (elsewhere === col) continue;
    const after = position.clone().play(elsewhere);
    if (!after.isOver()) return after.isWinningMove(col);
  }
  return false; // every other move ends the game (or there is none): the question does not arise
}

/**
 * The net's most probable column among those that keep the position's value class (win,
 * draw or loss; `keepsValue`). Columns are tried in the net's order, so the solver is asked
 * about as few as possible.
 */
export function valueKeepingNetMove(net: PolicyNet, analyst: Analyst, position: Position): number {
  const probabilities = net.probabilities(position);
  const order = CENTRE_ORDER.filter((c) => position.canPlay(c)).sort((a, b) => probabilities[b] - probabilities[a]);
  return order.find((c) => keepsValue(analyst, position, c)) ?? order[0]; // some move always keeps the value
}

/** A column of maximal exact score, uniformly among ties. */
export function solverMove(analyst: Analyst, position: Position, rng: () => number): number {
  const scores = analyst.analyze(position);
  let best = -Infinity;
  for (const s of scores) if (s !== null && s > best) best = s;
  const optimal = scores.flatMap((s, c) => (s === best ? [c] : []));
  return optimal[randomInt(rng, optimal.length)];
}
