export {
  Position, WIDTH, HEIGHT, COLUMN_BITS, LO_COLUMNS, LO_BITS, LO_FULL, HI_FULL, BOARD_LO, BOARD_HI,
  bottomBit, topBit, columnMask, hasFour,
} from './position.ts';
export { MoveStringError, positionFromMoves, parseMoves, formatMoves, mirrorColumn, CENTRE_ORDER } from './moves.ts';
export { Game, type Cell } from './game.ts';
export { encodePosition, encodeBatch, INPUT_SHAPE, INPUT_SIZE } from './encoding.ts';
export { makeRng, randomInt, shuffle, hashKey } from './rng.ts';
export { type PositionRecord, RecordError, parseRecord, makeRecord, bestFromScores } from './record.ts';
// TODO(lead, at integration): move the policy to '@c4/engine/policy' so the board loads without tfjs.
export * from './policy/index.ts';
