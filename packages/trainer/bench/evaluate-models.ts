/**
 * `pnpm exec tsx packages/trainer/bench/evaluate-models.ts --data <file> <model dir>…`:
 * several models on the same held-out positions — the test split `pnpm train` makes of
 * `--data` with its default split options — so that models trained on different datasets
 * can be compared like for like (each report.json measures on its own test split).
 *
 * `--train-data <file>` (repeatable): leave out test positions that fall in the training
 * split of that dataset, i.e. that a model trained on it has seen; the count is printed.
 */
import { Command } from 'commander';
import { loadModelFromDir } from '@c4/engine/node';
import { selectBackend } from '../src/backend/index.ts';
import { evaluatePolicy, type PolicyMetrics } from '../src/metrics.ts';
import { selectExamples } from '../src/dataset.ts';
import { DEFAULT_SPLIT, splitExamples, splitIndices } from '../src/split.ts';
import { readDataset } from '../src/node/read-dataset.ts';
import { modelPredict } from '../src/fit/index.ts';

const program = new Command('evaluate-models')
  .argument('<models...>', 'model directories')
  .requiredOption('--data <file>', 'dataset whose test split is evaluated')
  .option('--train-data <file>', 'leave out test positions in the training split of this dataset (repeatable)', (v, all: string[]) => [...all, v], [])
  .parse();
const o = program.opts<{ data: string; trainData: string[] }>();

await selectBackend('auto');
let test = splitExamples((await readDataset(o.data)).examples, DEFAULT_SPLIT).test;
for (const file of o.trainData) {
  const other = (await readDataset(file)).examples;
  const trained = new Set(splitIndices(other.keys, DEFAULT_SPLIT).train.map((i) => other.keys[i]));
  const keep = [...Array(test.size).keys()].filter((i) => !trained.has(test.keys[i]));
  console.log(`${file}: ${test.size - keep.length} of the ${test.size} test positions are in its training split: left out`);
  test = selectExamples(test, keep);
}
console.log(`${test.size} test positions of ${o.data}`);
const phases: [string, number, number][] = [['plies 8-13', 8, 13], ['14-27', 14, 27], ['28-41', 28, 41]];
for (const dir of program.args) {
  const m: PolicyMetrics = await evaluatePolicy(modelPredict(await loadModelFromDir(dir)), test);
  const byPhase = phases.map(([name, from, to]) => {
    const rows = m.byPly.filter((r) => r.ply >= from && r.ply <= to);
    const counted = rows.reduce((a, r) => a + r.counted, 0);
    const optimal = rows.reduce((a, r) => a + r.optimal, 0);
    return `${name} ${counted === 0 ? '–' : `${((100 * optimal) / counted).toFixed(1)}%`}`;
  });
  console.log(
    `${dir}: optimal-move rate ${(100 * m.optimalRate!).toFixed(1)}% (${m.optimal} of ${m.counted}), ` +
      `accuracy ${(100 * m.accuracy).toFixed(1)}%; ${byPhase.join(', ')}`,
  );
}
