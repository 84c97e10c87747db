/**
 * Writes an UNTRAINED policy network (the default architecture, seeded weights) for developing
 * and testing the web app before — or without — the trained model. It plays legal but
 * aimless moves; its report.json says so. Never ship it as the model.
 *
 *   pnpm -F @c4/web dev-model [--out <dir>] [--seed <n>]
 *   C4_MODEL_DIR=<dir> pnpm -F @c4/web start
 */
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { Command, InvalidArgumentError } from 'commander';
import { createPolicyModel, DEFAULT_POLICY_CONFIG } from '@c4/engine/policy';
import { saveModel } from '@c4/engine/node';

function integer(value: string): number {
  const n = Number(value);
  if (!Number.isInteger(n)) throw new InvalidArgumentError('not an integer');
  return n;
}

const program = new Command('make-dev-model')
  .description('Write an untrained policy model for developing and testing the web app.')
  .option('-o, --out <dir>', 'output directory (replaced)', join(tmpdir(), 'c4-dev-model'))
  .option('-s, --seed <n>', 'seed of the initial weights', integer, 1)
  .showHelpAfterError()
  .configureOutput({ outputError: (text, write) => write(text.split('\n')[0] + '\n') })
  .exitOverride((err) => process.exit(err.exitCode === 0 ? 0 : 2));

program.parse();
const { out, seed } = program.opts<{ out: string; seed: number }>();
const started = performance.now();
const model = createPolicyModel({ ...DEFAULT_POLICY_CONFIG, seed });
const report = { untrained: true, purpose: 'development and tests of @c4/web only', config: { ...DEFAULT_POLICY_CONFIG, seed } };
try {
  await saveModel(model, resolve(out), { 'report.json': JSON.stringify(report, null, 2) });
} catch (e) {
  console.error(`make-dev-model: cannot write ${out}: ${(e as Error).message}`);
  process.exit(2);
}
console.log(`wrote an untrained model (${model.countParams()} parameters) to ${resolve(out)} in ${((performance.now() - started) / 1000).toFixed(1)} s`);
