// Node has no browser backend to fall back on: the plain CPU one is always registered, so the
// engine's models work in any script (the trainer adds faster backends and picks one).
import '@tensorflow/tfjs-backend-cpu';

export { saveModel, loadModelFromDir } from './model-files.ts';
