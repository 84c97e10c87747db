/**
 * Messages between the page and the teacher worker. The worker answers one request at a
 * time, column by column (centre first), so scores appear as they are found; the page cancels
 * a request by terminating the worker.
 */

export interface TeacherRequest {
  id: number;
  /** Move string of the position to analyse; the game must not be over. */
  moves: string;
}

export type TeacherReply =
  /** Exact score of playing `col` (0-based) for the side to move; null = full column. */
  | { id: number; type: 'column'; col: number; score: number | null }
  | { id: number; type: 'done'; ms: number; nodes: number }
  | { id: number; type: 'error'; message: string };
