// The entry file of the labelling workers — the one JavaScript file of the generator, and why:
//
// piscina loads a worker file with require() first. Under tsx, require() of a .ts file compiles
// it to CommonJS, where every call into another module goes through a property getter; the
// solver's search makes such calls at every node and ran 4.9x slower that way (measured: 230 vs
// 47 ms per ply-13 position, same node counts). This file is an ES module with top-level await,
// so require() refuses it and piscina imports it instead; it registers tsx's ES-module hooks in
// this worker thread and imports label-worker.ts as an ES module, at full speed.
import { register } from 'tsx/esm/api';

register();
const { default: labelBatch } = await import('./label-worker.ts');

export default labelBatch;
