import { loadModelFromDir } from '@c4/engine/node';
import { selectBackend } from '../src/backend/index.ts';
import { evaluatePolicy } from '../src/metrics.ts';
import { readDataset } from '../src/node/read-dataset.ts';
import { modelPredict } from '../src/node/run-training.ts';
await selectBackend('auto');
const [data, ...dirs] = process.argv.slice(2);
const ex = (await readDataset(data)).examples;
for (const dir of dirs) {
  const m = await evaluatePolicy(modelPredict(await loadModelFromDir(dir)), ex);
  const ph = [[6, 9], [10, 13], [14, 27], [28, 41]].map(([a, b]) => { const rows = m.byPly.filter((r) => r.ply >= a && r.ply <= b); const c = rows.reduce((x, r) => x + r.counted, 0); const o = rows.reduce((x, r) => x + r.optimal, 0); return `${a}-${b} ${(100 * o / c).toFixed(1)}% of ${c}`; });
  console.log(dir, (100 * m.optimalRate!).toFixed(1), ph.join(', '));
}
