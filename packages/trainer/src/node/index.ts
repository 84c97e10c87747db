export { DatasetError, readDataset, type ReadDatasetOptions, type ReadDatasetResult, type SkippedLine } from './read-dataset.ts';
export { STATE_FILE, CheckpointError, readState, serializeState, dataMismatch, type TrainingState, type DataIdentity } from './checkpoint.ts';
export { runTraining, type RunSettings, type RunOutcome } from './run-training.ts';
export { main as trainCli, buildProgram as buildTrainProgram } from './train-cli.ts';
export { createBatchTrainer, type BatchTrainer, type BatchTrainerOptions, type BatchResult } from '../fit/index.ts';
export { selectBackend, BACKEND_CHOICES, BackendUnavailableError, type BackendChoice, type BackendName, type SelectedBackend } from '../backend/index.ts';
export { runArena, checkNets, describeOpenings, type ArenaOptions, type ArenaOutcome } from './arena-run.ts';
export { main as arenaCli, buildProgram as buildArenaProgram, resolveNet, DEFAULT_NET_DIRS } from './arena-cli.ts';
