export {
  type BackendName, type BackendChoice, type SelectedBackend, BACKEND_CHOICES, BackendUnavailableError, selectBackend,
} from './select-backend.ts';
export { WASM_TRAINING_KERNELS, registerWasmTrainingKernels } from './wasm-kernels.ts';
