export {
  Position, WIDTH, HEIGHT, COLUMN_BITS, LO_COLUMNS, LO_BITS, LO_FULL, HI_FULL, BOARD_LO, BOARD_HI,
  bottomBit, topBit, columnMask, hasFour,
} from './position.ts';
export { MoveStringError, positionFromMoves, parseMoves, formatMoves, mirrorColumn, moveStringLines, CENTRE_ORDER } from './moves.ts';
export { Game, type Cell } from './game.ts';
export { encodePosition, encodeBatch, INPUT_SHAPE, INPUT_SIZE } from './encoding.ts';
export { makeRng, randomInt, shuffle, hashKey } from './rng.ts';
export { type PositionRecord, RecordError, parseRecord, makeRecord, bestFromScores } from './record.ts';
// The policy network is imported from '@c4/engine/policy' (file IO from '@c4/engine/node'),
// not from here: the board must load without TensorFlow.js, which the solver's workers and
// the browser's teacher worker do not need.
