/**
 * The page's side of the teacher worker: one analysis at a time, scores handed over column by
 * column, and a cancel that really stops the search (the worker is terminated and a fresh one
 * started on the next request — a synchronous search cannot be interrupted any other way).
 */
import type { TeacherReply, TeacherRequest } from './teacher-protocol.ts';

export class TeacherCancelled extends Error {
  constructor() {
    super('the analysis was cancelled');
    this.name = 'TeacherCancelled';
  }
}

export interface TeacherDone {
  /** The 7 scores (null: full column). */
  scores: (number | null)[];
  ms: number;
  nodes: number;
}

interface Pending {
  id: number;
  scores: (number | null)[];
  onColumn: (col: number, score: number | null) => void;
  resolve: (done: TeacherDone) => void;
  reject: (error: Error) => void;
}

export class TeacherClient {
  private worker: Worker | null = null;
  private pending: Pending | null = null;
  private nextId = 1;

  /** Whether an analysis is running. */
  get busy(): boolean {
    return this.pending !== null;
  }

  /**
   * Analyses the position of `moves` (not a finished game); `onColumn` hears each score as it
   * is found. A running analysis is cancelled first.
   */
  analyze(moves: string, onColumn: (col: number, score: number | null) => void = () => {}): Promise<TeacherDone> {
    this.cancel();
    const worker = this.ensureWorker();
    const id = this.nextId++;
    return new Promise<TeacherDone>((resolve, reject) => {
      this.pending = { id, scores: new Array(7).fill(null), onColumn, resolve, reject };
      const request: TeacherRequest = { id, moves };
      worker.postMessage(request);
    });
  }

  /** Stops the running analysis, if any; its promise rejects with `TeacherCancelled`. */
  cancel(): void {
    const pending = this.pending;
    if (!pending) return;
    this.pending = null;
    this.worker?.terminate();
    this.worker = null;
    pending.reject(new TeacherCancelled());
  }

  private ensureWorker(): Worker {
    if (this.worker) return this.worker;
    const worker = new Worker(new URL('./teacher-worker.ts', import.meta.url), { type: 'module', name: 'teacher' });
    worker.onmessage = (event: MessageEvent<TeacherReply>) => this.receive(event.data);
    worker.onerror = (event) => {
      event.preventDefault();
      this.fail(new Error(`the teacher stopped: ${event.message || 'worker error'}`));
    };
    this.worker = worker;
    return worker;
  }

  private receive(message: TeacherReply): void {
    const pending = this.pending;
    if (!pending || pending.id !== message.id) return; // a cancelled request's late answer
    if (message.type === 'column') {
      pending.scores[message.col] = message.score;
      pending.onColumn(message.col, message.score);
    } else if (message.type === 'done') {
      this.pending = null;
      pending.resolve({ scores: pending.scores, ms: message.ms, nodes: message.nodes });
    } else {
      this.fail(new Error(message.message));
    }
  }

  private fail(error: Error): void {
    const pending = this.pending;
    this.pending = null;
    this.worker?.terminate();
    this.worker = null;
    pending?.reject(error);
  }
}
