/**
 * The two kinds of failure a user of `generate` can meet, told apart by exit code:
 * a bad argument (exit 2), and a bad dataset file or a run that cannot go on (exit 1).
 * Both are reported as one line, without a stack trace.
 */
export class UsageError extends Error {
  readonly exitCode = 2;
  constructor(message: string) {
    super(message);
    this.name = 'UsageError';
  }
}

export class GenerateError extends Error {
  readonly exitCode = 1;
  constructor(message: string) {
    super(message);
    this.name = 'GenerateError';
  }
}
