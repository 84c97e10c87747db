/**
 * `pnpm exec tsx packages/trainer/bench/evaluate-models.ts --data <file> <model dir>…`:
 * several models on the same held-out positions — the test split `pnpm train` makes of
 * `--data` with its default split options — so that models trained on different datasets
 * can be compared like for like (each report.json measures on its own test split).
 *
 * `--train-data <file>` (repeatable): leave out the positions that fall in the training
 * split of that dataset, i.e. that a model trained on it has seen; the count is printed.
 *
 * `--split train` measures a model on the positions it was trained on instead (when `--data`
 * is its training file, repeats included): a rate well below 100% there means the network
 * does not fit what it is shown, which more data of the same kind cannot mend.
 */
import { Command, Option } from 'commander';
import { loadModelFromDir } from '@c4/engine/node';
import { selectBackend } from '../src/backend/index.ts';
import { evaluatePolicy, type PolicyMetrics } from '../src/metrics.ts';
import { selectExamples } from '../src/dataset.ts';
import { DEFAULT_SPLIT, splitExamples, splitIndices, type Split } from '../src/split.ts';
import { readDataset } from '../src/node/read-dataset.ts';
import { modelPredict } from '../src/fit/index.ts';

const program = new Command('evaluate-models')
  .argument('<models...>', 'model directories')
  .requiredOption('--data <file>', 'dataset whose split (--split) is evaluated')
  .addOption(new Option('--split <name>', 'which split of --data to evaluate').choices(['train', 'validation', 'test'] satisfies (keyof Split)[]).default('test'))
  .option('--train-data <file>', 'leave out positions in the training split of this dataset (repeatable)', (v, all: string[]) => [...all, v], [])
  .parse();
const o = program.opts<{ data: string; split: keyof Split; trainData: string[] }>();

await selectBackend('auto');
let positions = splitExamples((await readDataset(o.data)).examples, DEFAULT_SPLIT)[o.split];
for (const file of o.trainData) {
  const other = (await readDataset(file)).examples;
  const trained = new Set(splitIndices(other.keys, DEFAULT_SPLIT).train.map((i) => other.keys[i]));
  const keep = [...Array(positions.size).keys()].filter((i) => !trained.has(positions.keys[i]));
  console.log(`${file}: ${positions.size - keep.length} of the ${positions.size} positions are in its training split: left out`);
  positions = selectExamples(positions, keep);
}
console.log(`${positions.size} positions of the ${o.split} split of ${o.data}`);
const phases: [string, number, number][] = [['plies 8-13', 8, 13], ['14-27', 14, 27], ['28-41', 28, 41]];
for (const dir of program.args) {
  const m: PolicyMetrics = await evaluatePolicy(modelPredict(await loadModelFromDir(dir)), positions);
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
