/**
 * A worker thread holding one replica of the policy network: it computes gradients on its
 * shard of each batch and updates its share of the parameters. Started by
 * `worker-pool.ts`; speaks the messages of `protocol.ts`.
 */
import { parentPort } from 'node:worker_threads';
import { selectBackend } from '../backend/select-backend.ts';
import { PolicyReplica } from './replica.ts';
import type { FromWorker, ToWorker } from './protocol.ts';

if (!parentPort) throw new Error('gradient-worker.ts runs as a worker thread');
const port = parentPort;

let replica: PolicyReplica | undefined;
let allGradients: Float32Array[] = [];
/** The shared weights changed since this replica loaded them (after every update). */
let stale = true;
let queue = Promise.resolve();

const reply = (message: FromWorker) => port.postMessage(message);

function current(): PolicyReplica {
  if (!replica) throw new Error('worker used before init');
  // Other replicas update their shares after ours, so load only when the trainer asks for more.
  if (stale) replica.loadWeights();
  stale = false;
  return replica;
}

async function handle(message: ToWorker): Promise<void> {
  switch (message.kind) {
    case 'init': {
      await selectBackend(message.backend);
      allGradients = message.gradients.map((buffer) => new Float32Array(buffer));
      replica = new PolicyReplica(message.config, {
        weights: new Float32Array(message.weights),
        gradients: allGradients[message.index],
      });
      stale = true;
      reply({ kind: 'ready' });
      return;
    }
    case 'compute': {
      const stats = await current().computeGradients(message.x, message.y, message.n, message.batchSize);
      reply({ kind: 'computed', stats });
      return;
    }
    case 'update': {
      replica!.update(allGradients, message.from, message.to, message.lrScale);
      stale = true;
      reply({ kind: 'updated' });
      return;
    }
    case 'reload':
      stale = true;
      reply({ kind: 'reloaded' });
      return;
    case 'getWeights':
      reply({ kind: 'weights', weights: current().readWeights() });
      return;
  }
}

// Messages are handled strictly one after another, even across awaits.
port.on('message', (message: ToWorker) => {
  queue = queue.then(() => handle(message)).catch((e: unknown) => {
    reply({ kind: 'failed', message: e instanceof Error ? e.message : String(e) });
  });
});
