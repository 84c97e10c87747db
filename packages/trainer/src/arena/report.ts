/**
 * What an arena run found, per pairing and per colour of the subject (the first agent
 * named): wins / draws / losses, the score (win 1, draw ½, loss 0) with its 95 % Wilson
 * interval (confidence.ts), and for a network the share of its moves that kept the
 * game-theoretic value, by phase (optimality.ts). Rendered as a terminal table; the report
 * object itself is the JSON output, games included as move strings.
 */
import { wilsonInterval } from './confidence.ts';
import type { GameRecord, SideRecord } from './match.ts';
import { addPhaseCounts, emptyPhaseCounts, PHASE_PLIES, PHASES } from './optimality.ts';
import type { Phase, PhaseCounts } from './optimality.ts';

export interface Tally {
  games: number;
  wins: number;
  draws: number;
  losses: number;
  /** (wins + draws / 2) / games; null without games. */
  score: number | null;
  /** 95 % Wilson interval of the score; null without games. */
  interval: [number, number] | null;
}

export interface Rate {
  checked: number;
  kept: number;
  /** kept / checked; null when nothing was checked. */
  rate: number | null;
}

export interface OptimalityTally {
  /** Moves checked in positions not already lost, and kept, by phase and in all. */
  phases: Record<Phase, Rate>;
  all: Rate;
  /** Moves made in positions already lost (nothing to keep): not counted above. */
  alreadyLost: number;
  /** Games in which at least one move was checked, and those in which every checked move kept the value. */
  gamesChecked: number;
  perfectGames: number;
}

export interface ColourSplit<T> {
  all: T;
  asFirst: T;
  asSecond: T;
}

/** One game, as the JSON lists it (from the subject's view). */
export interface GameSummary {
  game: number;
  opening: string;
  /** The whole game from the empty board: open the web front end with `?pos=<moves>`. */
  moves: string;
  first: string;
  second: string;
  result: 'win' | 'draw' | 'loss';
  /** Plies at which a checked move of a net lost the value, by agent role. */
  errors?: { subject?: number[]; opponent?: number[] };
}

export interface PairingReport {
  subject: string;
  opponent: string;
  results: ColourSplit<Tally>;
  /** For each side that is a network and was checked. */
  optimality: { subject?: ColourSplit<OptimalityTally>; opponent?: ColourSplit<OptimalityTally> };
  /** Mean thinking time per move, milliseconds. */
  msPerMove: { subject: number | null; opponent: number | null };
  games: GameSummary[];
}

export interface ArenaSettingsSummary {
  subject: string;
  opponents: string[];
  /** Directory of each net agent, by name. */
  nets: Record<string, string>;
  gamesPerPairing: number;
  seed: number;
  openings: string;
  /** Net moves checked from this ply on; null: no check. */
  checkFrom: number | null;
  workers: number;
  backend: string | null;
}

export interface ArenaReport {
  format: 'c4-arena/1';
  settings: ArenaSettingsSummary;
  pairings: PairingReport[];
  /** Stopped before every game was played: the report covers the games played. */
  interrupted: boolean;
  seconds: number;
  gamesPerSecond: number;
  /** Solver calls made by the check and the solver agents, all workers together. */
  solver: { analyses: number; weakSolves: number; ms: number };
}

type Role = 'subject' | 'opponent';

function sideOf(record: GameRecord, role: Role): SideRecord {
  return (role === 'subject') === record.subjectFirst ? record.first : record.second;
}

function subjectResult(record: GameRecord): 'win' | 'draw' | 'loss' {
  if (record.winner === 0) return 'draw';
  return (record.winner === 1) === record.subjectFirst ? 'win' : 'loss';
}

export function tally(records: readonly GameRecord[]): Tally {
  let wins = 0, draws = 0, losses = 0;
  for (const r of records) {
    const result = subjectResult(r);
    if (result === 'win') wins++;
    else if (result === 'draw') draws++;
    else losses++;
  }
  const games = records.length;
  const score = games > 0 ? (wins + draws / 2) / games : null;
  return { games, wins, draws, losses, score, interval: score === null ? null : wilsonInterval(score, games) };
}

function rate(checked: number, kept: number): Rate {
  return { checked, kept, rate: checked > 0 ? kept / checked : null };
}

/** The optimality of `role`'s moves over `records` (games without a check add nothing). */
export function optimalityTally(records: readonly GameRecord[], role: Role): OptimalityTally {
  const counts: PhaseCounts = emptyPhaseCounts();
  let gamesChecked = 0, perfectGames = 0, alreadyLost = 0;
  for (const r of records) {
    const check = sideOf(r, role).check;
    if (!check) continue;
    addPhaseCounts(counts, check.counts);
    alreadyLost += check.alreadyLost;
    if (PHASES.some((p) => check.counts[p].checked > 0)) {
      gamesChecked++;
      if (check.errors.length === 0) perfectGames++;
    }
  }
  const phases = Object.fromEntries(PHASES.map((p) => [p, rate(counts[p].checked, counts[p].kept)])) as Record<Phase, Rate>;
  const checked = PHASES.reduce((n, p) => n + counts[p].checked, 0);
  const kept = PHASES.reduce((n, p) => n + counts[p].kept, 0);
  return { phases, all: rate(checked, kept), alreadyLost, gamesChecked, perfectGames };
}

function split<T>(records: readonly GameRecord[], f: (rs: readonly GameRecord[]) => T): ColourSplit<T> {
  return { all: f(records), asFirst: f(records.filter((r) => r.subjectFirst)), asSecond: f(records.filter((r) => !r.subjectFirst)) };
}

function msPerMove(records: readonly GameRecord[], role: Role): number | null {
  let ms = 0, moves = 0;
  for (const r of records) {
    const side = sideOf(r, role);
    ms += side.ms;
    moves += side.moves;
  }
  return moves > 0 ? ms / moves : null;
}

function summary(r: GameRecord): GameSummary {
  const game: GameSummary = { game: r.game, opening: r.opening, moves: r.moves, first: r.first.agent, second: r.second.agent, result: subjectResult(r) };
  const errors: GameSummary['errors'] = {};
  for (const role of ['subject', 'opponent'] as const) {
    const check = sideOf(r, role).check;
    if (check) errors[role] = check.errors;
  }
  if (Object.keys(errors).length > 0) game.errors = errors;
  return game;
}

/** The report of one pairing. Precondition: `records` are its games. */
export function pairingReport(subject: string, opponent: string, records: readonly GameRecord[]): PairingReport {
  const sorted = [...records].sort((a, b) => a.game - b.game);
  const optimality: PairingReport['optimality'] = {};
  for (const role of ['subject', 'opponent'] as const) {
    if (!sorted.some((r) => sideOf(r, role).check)) continue;
    optimality[role] = split(sorted, (rs) => optimalityTally(rs, role));
  }
  return {
    subject, opponent,
    results: split(sorted, tally),
    optimality,
    msPerMove: { subject: msPerMove(sorted, 'subject'), opponent: msPerMove(sorted, 'opponent') },
    games: sorted.map(summary),
  };
}

// ---- terminal table ----

function percent(x: number | null, digits = 1): string {
  return x === null ? '–' : `${(x * 100).toFixed(digits)}%`;
}

function rateCell(r: Rate | undefined): string {
  return !r || r.rate === null ? '–' : `${percent(r.rate)} of ${r.checked}`;
}

/** Right-aligns columns (the first left-aligned); rows of cells → lines. A one-cell row is a heading, printed as it is. */
export function alignColumns(rows: readonly (readonly string[])[]): string[] {
  const widths: number[] = [];
  for (const row of rows) {
    if (row.length > 1) row.forEach((cell, i) => (widths[i] = Math.max(widths[i] ?? 0, [...cell].length)));
  }
  return rows.map((row) => (row.length === 1 ? row[0] : row.map((cell, i) => {
    const pad = ' '.repeat(widths[i] - [...cell].length);
    return i === 0 ? cell + pad : pad + cell;
  }).join('  ').trimEnd()));
}

/** The terminal table of a report: one block of rows per pairing, then notes. */
export function formatReport(report: ArenaReport): string {
  const s = report.settings;
  const netRole = (p: PairingReport): Role | undefined => (p.optimality.subject ? 'subject' : p.optimality.opponent ? 'opponent' : undefined);
  const anyCheck = report.pairings.some((p) => netRole(p) !== undefined);
  const header = ['', 'games', 'wins', 'draws', 'losses', 'score', '95% CI'];
  if (anyCheck) header.push(...PHASES.map((p) => `${p} ${PHASE_PLIES[p][0]}-${PHASE_PLIES[p][1]}`));
  const rows: string[][] = [header];
  for (const p of report.pairings) {
    const role = netRole(p);
    const title = `${p.subject} vs ${p.opponent}` + (role === 'opponent' ? ` (optimal moves of ${p.opponent})` : '');
    rows.push([title]);
    for (const [label, key] of [['  as first', 'asFirst'], ['  as second', 'asSecond'], ['  all', 'all']] as const) {
      const t = p.results[key];
      const ci = t.interval ? `[${percent(t.interval[0])}, ${percent(t.interval[1])}]` : '–';
      const row = [label, `${t.games}`, `${t.wins}`, `${t.draws}`, `${t.losses}`, percent(t.score), ci];
      if (anyCheck) {
        const o = role ? p.optimality[role]?.[key] : undefined;
        row.push(...PHASES.map((phase) => rateCell(o?.phases[phase])));
      }
      rows.push(row);
    }
  }
  const lines = [
    `arena: ${s.subject} vs ${s.opponents.join(', ')} — ${s.gamesPerPairing} games per pairing (half as first player), openings: ${s.openings}, seed ${s.seed}`,
    ...Object.entries(s.nets).map(([name, dir]) => `  ${name} = ${dir}`),
    '',
    ...alignColumns(rows),
    '',
    'score: win 1, draw ½, loss 0, from the first-named agent\'s view; 95% CI: Wilson score interval on the score (conservative when there are draws).',
  ];
  if (anyCheck) {
    lines.push(`opening/middle/end: share of the net's moves at those plies that keep the game-theoretic value (solver-checked from ply ${s.checkFrom} on; "of n": moves checked, those in already lost positions left out).`);
  } else if (s.checkFrom === null) {
    lines.push('net moves not checked (--no-check).');
  }
  return lines.join('\n');
}

/** One line: what was played, how fast, the headline scores. */
export function summaryLine(report: ArenaReport, outputs: readonly string[]): string {
  const games = report.pairings.reduce((n, p) => n + p.results.all.games, 0);
  const scores = report.pairings.map((p) => `${p.opponent} ${percent(p.results.all.score)}`).join(', ');
  const written = outputs.length > 0 ? `; wrote ${outputs.join(', ')}` : '';
  return `arena: ${games} games in ${report.seconds.toFixed(1)} s (${report.gamesPerSecond.toFixed(2)} games/s); ${report.settings.subject} scores ${scores}${written}`;
}
