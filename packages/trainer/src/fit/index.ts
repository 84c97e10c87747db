export { createBatchTrainer, shardBounds } from './batch-trainer.ts';
export type { BatchTrainer, BatchTrainerOptions, BatchResult } from './batch-trainer.ts';
export { modelPredict } from './replica.ts';
