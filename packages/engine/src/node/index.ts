export { saveModel, loadModelFromDir } from './model-files.ts';
