/**
 * The teacher: the exact solver, run in a Web Worker so that a long search (early positions
 * can take minutes) never freezes the page. Each column's score is posted as soon as it is
 * known, centre first: the score of a move that wins at once is `winNowScore(plies)`, of any
 * other move minus the score of the position after it — the definition `Solver.analyze` uses.
 */
import { CENTRE_ORDER, Position } from '@c4/engine';
import { Solver, fetchOpeningBook, winNowScore } from '@c4/minimax';
// The solver's opening book (exact scores of every position up to 3 stones) makes the
// first moves of a game instant instead of minutes; Vite serves it as an asset.
import openingBookUrl from '../../minimax/data/opening-book.bin?url';
import type { TeacherReply, TeacherRequest } from './teacher-protocol.ts';

/** 2^23 entries (about 40 MB): big enough for mid-game positions, modest for a phone. */
const TT_LOG2 = 23;

let solver: Solver | null = null;

function reply(message: TeacherReply): void {
  postMessage(message);
}

/** The solver, with the opening book when it can be fetched (it only saves time). */
async function getSolver(): Promise<Solver> {
  if (!solver) {
    const book = await fetchOpeningBook(new URL(openingBookUrl, self.location.href)).catch(() => null);
    solver = new Solver({ ttLog2: TT_LOG2, book });
  }
  return solver;
}

async function analyse({ id, moves }: TeacherRequest): Promise<void> {
  const started = performance.now();
  const position = Position.fromMoves(moves);
  if (position.isOver()) throw new Error('the game is over: there is nothing to analyse');
  const solver = await getSolver();
  let nodes = 0;
  for (const col of CENTRE_ORDER) {
    let score: number | null = null;
    if (!position.canPlay(col)) {
      score = null;
    } else if (position.isWinningMove(col)) {
      score = winNowScore(position.plies);
    } else {
      score = -solver.solve(position.clone().play(col));
      nodes += solver.nodes;
    }
    reply({ id, type: 'column', col, score });
  }
  reply({ id, type: 'done', ms: performance.now() - started, nodes });
}

onmessage = async (event: MessageEvent<TeacherRequest>) => {
  try {
    await analyse(event.data);
  } catch (e) {
    reply({ id: event.data.id, type: 'error', message: (e as Error).message });
  }
};
