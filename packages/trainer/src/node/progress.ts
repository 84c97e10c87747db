/**
 * The per-epoch progress bar on stderr: samples done, samples/s, ETA, running loss/accuracy.
 * When stderr is not a terminal (a log file) it writes a plain line every 30 s instead, as
 * `generate` and `arena` do, so a long run in a log still shows how far it is.
 */
import cliProgress from 'cli-progress';
import type { TrainHooks } from '../train.ts';

/** Redraws at most every this many batches: drawing is not free next to a 2 ms step. */
const UPDATE_EVERY = 16;

/** With `enabled` false (`--no-progress`) nothing is drawn. */
export function epochProgressBar(epochs: number, enabled = true): Pick<TrainHooks, 'onEpochStart' | 'onBatch'> & { stop(): void } {
  let bar: cliProgress.SingleBar | undefined;
  let started = 0;
  let batches = 0;
  const stop = () => {
    bar?.stop();
    bar = undefined;
  };
  return {
    onEpochStart(epoch, samples) {
      stop();
      if (!enabled) return;
      bar = new cliProgress.SingleBar({
        stream: process.stderr,
        format: `epoch ${epoch}/${epochs} |{bar}| {value}/{total} | {speed} samples/s | ETA {eta_formatted} | loss {loss} acc {accuracy}`,
        barsize: 24,
        etaBuffer: 200,
        hideCursor: true,
        clearOnComplete: true,
        noTTYOutput: true,
        notTTYSchedule: 30_000,
      }, cliProgress.Presets.shades_classic);
      bar.start(samples, 0, { speed: '-', loss: '-', accuracy: '-' });
      started = performance.now();
      batches = 0;
    },
    onBatch(done, total, running) {
      if (++batches % UPDATE_EVERY !== 0 && done < total) return;
      const seconds = (performance.now() - started) / 1000;
      bar?.update(done, {
        speed: seconds > 0 ? Math.round(done / seconds) : '-',
        loss: running.loss.toFixed(3),
        accuracy: `${(running.accuracy * 100).toFixed(1)}%`,
      });
      if (done >= total) stop();
    },
    stop,
  };
}
