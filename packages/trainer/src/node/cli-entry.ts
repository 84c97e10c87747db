/**
 * The last lines every command line of this package shares: run `main` when the file is
 * the process's entry point (not when a test imports it) and exit with its code. An error
 * that escapes `main` is a bug, not a user error, so only then is a stack printed.
 */
import { pathToFileURL } from 'node:url';

export function runIfEntry(moduleUrl: string, name: string, main: (args: string[]) => Promise<number>): void {
  const entry = process.argv[1];
  if (entry === undefined || moduleUrl !== pathToFileURL(entry).href) return;
  main(process.argv.slice(2)).then(
    (code) => process.exit(code),
    (e) => {
      process.stderr.write(`${name}: unexpected error: ${(e as Error)?.stack ?? String(e)}\n`);
      process.exit(1);
    },
  );
}

/**
 * Ctrl-C for long runs: the first asks the run to stop at its next check (it then saves
 * or reports what it has), the second quits at once with 130.
 */
export function listenForStop(message: string): { readonly requested: boolean; dispose(): void } {
  let requested = false;
  const onSigint = () => {
    if (requested) process.exit(130);
    requested = true;
    process.stderr.write(`\n${message} (Ctrl-C again to quit at once)…\n`);
  };
  process.on('SIGINT', onSigint);
  return {
    get requested() {
      return requested;
    },
    dispose: () => process.off('SIGINT', onSigint),
  };
}
