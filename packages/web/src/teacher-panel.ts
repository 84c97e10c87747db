/**
 * What the teacher (the exact solver) says: under each column, the score of playing there and
 * what it means ("win in 3", "draw", "loss in 5"), the best moves outlined; and one line
 * comparing the network's favourite with the best move. Words and outlines carry the meaning,
 * colour only repeats it.
 *
 * Scores are from the side to move's view (see @c4/minimax scores.ts): with n stones on the
 * board, a win with the mover's s-th stone scores 22 - s, so a positive score means the mover
 * wins after 22 - score - floor(n/2) more stones of its own; a negative one, that the opponent
 * wins after 22 + score - ceil(n/2) more of its.
 */
import { WIDTH } from '@c4/engine';

export interface ScoreMeaning {
  kind: 'win' | 'draw' | 'loss';
  /** Stones the winner still has to play (0 for a draw). */
  moves: number;
  text: string;
}

/** What `score` means for the player to move in a position with `plies` stones. */
export function scoreMeaning(score: number, plies: number): ScoreMeaning {
  if (score === 0) return { kind: 'draw', moves: 0, text: 'draw' };
  if (score > 0) {
    const moves = 22 - score - Math.floor(plies / 2);
    return { kind: 'win', moves, text: moves === 1 ? 'wins now' : `win in ${moves}` };
  }
  const moves = 22 + score - Math.ceil(plies / 2);
  return { kind: 'loss', moves, text: `loss in ${moves}` };
}

/** Columns with the highest score (several when tied). */
export function bestColumns(scores: readonly (number | null)[]): number[] {
  const known = scores.filter((s): s is number => s !== null);
  if (known.length === 0) return [];
  const best = Math.max(...known);
  return scores.flatMap((s, col) => (s === best ? [col] : []));
}

export class TeacherPanel {
  private readonly cells: HTMLElement[] = [];
  private timer: ReturnType<typeof setInterval> | null = null;

  constructor(private readonly root: HTMLElement, private readonly summary: HTMLElement) {
    for (let col = 0; col < WIDTH; col++) {
      const cell = document.createElement('div');
      cell.className = 'col';
      cell.dataset.testid = `teacher-${col}`;
      root.append(cell);
      this.cells.push(cell);
    }
  }

  clear(): void {
    this.stopTimer();
    for (const cell of this.cells) {
      cell.replaceChildren();
      cell.className = 'col';
      cell.removeAttribute('aria-label');
      delete cell.dataset.score;
    }
    this.root.removeAttribute('data-state');
    this.summary.textContent = '';
  }

  /** The analysis started: shows elapsed time and how many columns are done until `finish`. */
  thinking(): void {
    this.clear();
    this.root.dataset.state = 'thinking';
    const started = performance.now();
    const update = () => {
      const done = this.cells.filter((c) => c.dataset.score !== undefined).length;
      const seconds = ((performance.now() - started) / 1000).toFixed(1);
      this.summary.textContent = `The teacher is thinking… ${done} of 7 columns, ${seconds} s (Esc cancels; early positions can take minutes).`;
    };
    update();
    this.timer = setInterval(update, 250);
  }

  /** One column's exact score (null: full column) in a position with `plies` stones. */
  setScore(col: number, score: number | null, plies: number): void {
    const cell = this.cells[col];
    cell.dataset.score = score === null ? 'full' : String(score);
    if (score === null) {
      cell.textContent = 'full';
      cell.setAttribute('aria-label', `Column ${col + 1}: full`);
      return;
    }
    const meaning = scoreMeaning(score, plies);
    const value = document.createElement('span');
    value.className = 'score';
    value.textContent = score > 0 ? `+${score}` : score < 0 ? `−${-score}` : '0';
    const text = document.createElement('span');
    text.textContent = meaning.text;
    cell.replaceChildren(value, text);
    cell.classList.add(meaning.kind);
    cell.setAttribute('aria-label', `Column ${col + 1}: ${meaning.text} (score ${score})`);
  }

  /**
   * All scores are in: outlines the best columns and compares with the network's favourite
   * column (`networkPick`, or null without a network).
   */
  finish(scores: readonly (number | null)[], plies: number, networkPick: number | null, seconds: number): void {
    this.stopTimer();
    this.root.dataset.state = 'done';
    const best = bestColumns(scores);
    for (const col of best) this.cells[col].classList.add('best');
    const bestScore = scores[best[0]] as number;
    const bestText = `${best.length > 1 ? 'columns' : 'column'} ${best.map((c) => c + 1).join(', ')} (${scoreMeaning(bestScore, plies).text})`;
    const time = `solved in ${seconds.toFixed(1)} s`;
    if (networkPick === null) {
      this.summary.textContent = `Best: ${bestText}; ${time}.`;
    } else if (best.includes(networkPick)) {
      this.summary.textContent = `The network’s favourite, column ${networkPick + 1}, is a best move: ${bestText}; ${time}.`;
    } else {
      const pickScore = scores[networkPick];
      const pickText = pickScore === null || pickScore === undefined ? '' : ` (${scoreMeaning(pickScore, plies).text})`;
      this.summary.textContent = `The network prefers column ${networkPick + 1}${pickText}; best is ${bestText}; ${time}.`;
    }
  }

  cancelled(): void {
    this.clear();
    this.summary.textContent = 'Analysis cancelled.';
  }

  failed(message: string): void {
    this.clear();
    this.summary.textContent = `The teacher could not answer: ${message}`;
  }

  private stopTimer(): void {
    if (this.timer !== null) clearInterval(this.timer);
    this.timer = null;
  }
}
