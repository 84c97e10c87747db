import { loadModelFromDir } from '@c4/engine/node';
import { PolicyNet } from '@c4/engine/policy';
import { Position } from '@c4/engine';
import { readFileSync } from 'node:fs';
import { selectBackend } from '../src/backend/index.ts';
await selectBackend('auto');
const [data, dir] = process.argv.slice(2);
const net = new PolicyNet(await loadModelFromDir(dir));
const recs = readFileSync(data, 'utf8').trim().split('\n').map((l) => JSON.parse(l));
const cls = (s: number) => Math.sign(s);
const t: Record<string, number> = {};
let n = 0;
const probMass: number[] = [];
for (const r of recs) {
  const p = Position.fromMoves(r.moves);
  const scores: (number | null)[] = r.scores;
  const best = Math.max(...scores.filter((s): s is number => s !== null));
  const legal = scores.filter((s) => s !== null) as number[];
  if (legal.every((s) => cls(s) === cls(best))) continue;
  n++;
  const probs = net.probabilities(p);
  let mv = 0; for (let c = 0; c < 7; c++) if (probs[c] > probs[mv]) mv = c;
  const good = scores.map((s) => s !== null && cls(s) === cls(best));
  const goodMass = probs.reduce((a, q, c) => a + (good[c] ? q : 0), 0);
  if (!good[mv]) {
    const k = `${cls(best)}->${cls(scores[mv]!)} ply${r.ply < 14 ? '<14' : r.ply < 28 ? '14-27' : '28+'}`;
    t[k] = (t[k] || 0) + 1;
    probMass.push(goodMass);
  }
}
console.log(n, t);
probMass.sort((a, b) => a - b);
console.log('mass on value-keeping moves in error positions: quartiles', [0.1, 0.25, 0.5, 0.75, 0.9].map((q) => probMass[Math.floor(q * probMass.length)].toFixed(2)).join(' '));
