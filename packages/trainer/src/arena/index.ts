/** The arena (see ARENA.md): agents, openings, games, the optimality check and the report. Browser-safe. */
export {
  type AgentSpec, type Agent, type AgentContext, AgentSpecError, AGENT_SYNTAX, MAX_MINIMAX_DEPTH,
  parseAgentSpec, createAgent, randomMove, centreMove, opponentWinsAt, solverMove,
} from './agents.ts';
export { gamePositions, SAVED_MOVERS, type SavedMover } from './game-positions.ts';
export { Analyst, type ValueClass } from './analyst.ts';
export { Z95, wilsonInterval } from './confidence.ts';
export { type GameTask, type GameRecord, type SideRecord, planGames, playGame } from './match.ts';
export {
  type OpeningSource, DEFAULT_OPENING_PLIES, OpeningError, chooseOpenings, randomOpening, parseOpeningPlies, parseOpeningsText,
} from './openings.ts';
export {
  PHASES, PHASE_PLIES, type Phase, type PhaseCounts, type MoveCheck, phaseOf, keepsValue, checkMoves,
} from './optimality.ts';
export {
  type Tally, type Rate, type OptimalityTally, type ColourSplit, type GameSummary, type PairingReport,
  type ArenaSettingsSummary, type ArenaReport, tally, optimalityTally, pairingReport, formatReport, summaryLine, alignColumns,
} from './report.ts';
