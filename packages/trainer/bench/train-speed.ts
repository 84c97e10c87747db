/**
 * Training and inference speed of the reference policy network on every backend available
 * here, side by side: `pnpm bench:train`. Figures only; nothing is asserted.
 */
import { availableParallelism, loadavg } from 'node:os';
import { Command, CommanderError, InvalidArgumentError } from 'commander';
import cliProgress from 'cli-progress';
import { makeRng } from '@c4/engine';
import { DEFAULT_POLICY_CONFIG, REFERENCE_POLICY_CONFIG } from '@c4/engine/policy';
import type { PolicyConfig } from '@c4/engine/policy';
import { BackendUnavailableError, selectBackend } from '../src/backend/select-backend.ts';
import type { BackendName } from '../src/backend/select-backend.ts';
import { createBatchTrainer } from '../src/fit/index.ts';
import type { BatchTrainer } from '../src/fit/index.ts';

const NETWORKS = { reference: REFERENCE_POLICY_CONFIG, default: DEFAULT_POLICY_CONFIG } as const;
type NetworkName = keyof typeof NETWORKS;

interface Options { steps: number; cpuSteps: number; batch: number; threads: number[]; backends: BackendName[]; networks: NetworkName[] }

interface Row {
  label: string;
  network: NetworkName;
  backend: BackendName;
  trainRate?: number;
  /** Samples per second of CPU time used by this process (all its threads): robust to a busy machine. */
  cpuRate?: number;
  infer1?: number;
  infer256?: number;
  note?: string;
}

function positiveInt(value: string): number {
  const n = Number(value);
  if (!Number.isInteger(n) || n < 1) throw new InvalidArgumentError('must be a positive integer');
  return n;
}

function list<T extends string>(allowed: readonly T[]) {
  return (value: string): T[] => {
    const items = value.split(',').map((s) => s.trim());
    for (const item of items) if (!allowed.includes(item as T)) throw new InvalidArgumentError(`unknown ${JSON.stringify(item)} (choose from ${allowed.join(', ')})`);
    return items as T[];
  };
}

/** Encoded positions with random stones: speed does not depend on realism. */
function randomBatch(n: number, seed: number): { x: Float32Array; y: Float32Array } {
  const rng = makeRng(seed);
  const x = new Float32Array(n * 84);
  for (let i = 0; i < n * 42; i++) {
    const r = rng();
    if (r < 0.2) x[2 * i] = 1;
    else if (r < 0.4) x[2 * i + 1] = 1;
  }
  return { x, y: Float32Array.from({ length: n }, () => Math.floor(rng() * 7)) };
}

async function timeTraining(trainer: BatchTrainer, label: string, steps: number, warmup: number, batch: number): Promise<{ wall: number; cpu: number }> {
  const batches = [0, 1, 2, 3].map((seed) => randomBatch(batch, seed));
  for (let i = 0; i < warmup; i++) await trainer.trainBatch(batches[i % 4].x, batches[i % 4].y, batch);
  const bar = new cliProgress.SingleBar({
    format: `${label.padEnd(22)} [{bar}] {value}/{total} steps | {rate} samples/s | ETA {eta}s`,
    stream: process.stderr,
    hideCursor: true,
  }, cliProgress.Presets.shades_classic);
  bar.start(steps, 0, { rate: '-' });
  const start = performance.now();
  const cpuStart = process.cpuUsage();
  for (let i = 0; i < steps; i++) {
    const { x, y } = batches[i % 4];
    await trainer.trainBatch(x, y, batch);
    bar.update(i + 1, { rate: (((i + 1) * batch * 1000) / (performance.now() - start)).toFixed(0) });
  }
  const wallMs = performance.now() - start;
  const cpu = process.cpuUsage(cpuStart);
  bar.stop();
  return { wall: (steps * batch * 1000) / wallMs, cpu: (steps * batch * 1e6) / (cpu.user + cpu.system) };
}

/** Positions per second through `predict` (tensor in, probabilities back) at batch size `n`. */
async function timeInference(trainer: BatchTrainer, n: number, budgetMs: number): Promise<number> {
  const { x } = randomBatch(n, 7);
  await trainer.predict(x, n);
  let calls = 0;
  const start = performance.now();
  while (performance.now() - start < budgetMs || calls < 2) {
    await trainer.predict(x, n);
    calls++;
  }
  return (calls * n * 1000) / (performance.now() - start);
}

async function measure(network: NetworkName, backend: BackendName, threads: number, options: Options): Promise<Row> {
  const where = `${backend}${backend === 'wasm' ? `, ${threads} thread${threads > 1 ? 's' : ''}` : ''}`;
  const label = options.networks.length > 1 ? `${network}: ${where}` : where;
  const config: PolicyConfig = NETWORKS[network];
  const row: Row = { label, network, backend };
  try {
    const selected = await selectBackend(backend);
    row.note = selected.detail;
  } catch (e) {
    row.note = e instanceof BackendUnavailableError ? `not available: ${e.reason}` : (e as Error).message;
    return row;
  }
  const slow = backend === 'cpu';
  const trainer = await createBatchTrainer({ config, backend, threads });
  try {
    const rates = await timeTraining(trainer, label, slow ? options.cpuSteps : options.steps, slow ? 0 : 5, options.batch);
    row.trainRate = rates.wall;
    row.cpuRate = rates.cpu;
    // Inference runs on this thread only, whatever the trainer's thread count.
    row.infer1 = await timeInference(trainer, 1, slow ? 1000 : 2000);
    row.infer256 = await timeInference(trainer, 256, slow ? 1000 : 2000);
  } finally {
    await trainer.dispose();
  }
  return row;
}

function format(rate: number | undefined, digits = 0): string {
  return rate === undefined ? '-' : rate.toFixed(rate < 10 ? 1 : digits);
}

function printTable(rows: Row[], options: Options): void {
  const cpuOf = (r: Row) => rows.find((c) => c.backend === 'cpu' && c.network === r.network)?.trainRate;
  const header = ['backend', 'train samples/s', '× cpu', 'samples/CPU-s', 'infer pos/s b=1', 'infer pos/s b=256'];
  const lines = rows.filter((r) => r.trainRate !== undefined).map((r) => [
    r.label, format(r.trainRate), cpuOf(r) && r.trainRate ? `${(r.trainRate / cpuOf(r)!).toFixed(0)}×` : '-', format(r.cpuRate),
    format(r.infer1), format(r.infer256),
  ]);
  const widths = header.map((h, i) => Math.max(h.length, ...lines.map((l) => l[i].length)));
  const show = (cells: string[]) => cells.map((c, i) => (i === 0 ? c.padEnd(widths[i]) : c.padStart(widths[i]))).join('  ');
  const describe = (name: NetworkName) => `${name} (${NETWORKS[name].conv.map((c) => `conv ${c.filters} ${c.kernel}×${c.kernel}`).join(' → ')} → ${NETWORKS[name].dense.map((d) => `dense ${d.units}`).join(' → ')} → dense 7)`;
  console.log(`\n${options.networks.map(describe).join('; ')}; batch ${options.batch}, Adam; ${options.steps} timed steps (cpu ${options.cpuSteps})`);
  console.log(show(header));
  for (const l of lines) console.log(show(l));
  const notes = new Map(rows.filter((r) => r.note).map((r) => [r.backend, r.note]));
  for (const [backend, note] of notes) console.log(`  ${note!.startsWith(backend) ? note : `${backend}: ${note}`}`);
}

async function main(): Promise<void> {
  const program = new Command()
    .name('bench:train')
    .description('Training and inference speed of the policy network on each available backend (figures only).')
    .option('--steps <n>', 'timed training steps per fast backend', positiveInt, 60)
    .option('--cpu-steps <n>', 'timed training steps on the plain CPU backend (~15 s each)', positiveInt, 2)
    .option('--batch <n>', 'batch size', positiveInt, 64)
    .option('--threads <list>', 'wasm thread counts to measure', (v) => v.split(',').map(positiveInt), [1, 2])
    .option('--networks <list>', 'networks to train: reference (the issue\'s yardstick), default', list<NetworkName>(['reference', 'default']), ['reference'] as NetworkName[])
    .option('--backends <list>', 'backends to try', list<BackendName>(['tensorflow', 'wasm', 'cpu']), ['tensorflow', 'wasm', 'cpu'] as BackendName[])
    .exitOverride()
    .configureOutput({ writeErr: () => {} });
  try {
    program.parse();
  } catch (e) {
    if (e instanceof CommanderError && e.exitCode === 0) process.exit(0); // --help, --version
    const message = e instanceof Error ? e.message.replace(/^error: /, '') : String(e);
    console.error(`bench:train: ${message} (see --help)`);
    process.exit(2);
  }
  const options = program.opts<Options>();
  const loadBefore = loadavg()[0];
  const rows: Row[] = [];
  const started = performance.now();
  for (const network of options.networks) {
    for (const backend of options.backends) {
      for (const threads of backend === 'wasm' ? options.threads : [1]) {
        rows.push(await measure(network, backend, threads, options));
        if (rows.at(-1)!.trainRate === undefined) break;
      }
    }
  }
  printTable(rows, options);
  console.log(`1-min load average before the bench: ${loadBefore.toFixed(2)}, after: ${loadavg()[0].toFixed(2)} on ${availableParallelism()} cores `
    + '(other work lowers the wall-clock rates; samples/CPU-s is less affected)');
  const best = rows.filter((r) => r.trainRate).sort((a, b) => b.trainRate! - a.trainRate!)[0];
  console.log(`\nfastest: ${best ? `${best.label} at ${format(best.trainRate)} samples/s` : 'none'}; bench took ${((performance.now() - started) / 1000).toFixed(0)} s`);
}

main().catch((e: unknown) => {
  console.error(`bench:train: ${e instanceof Error ? e.message : String(e)}`);
  process.exit(2);
});
