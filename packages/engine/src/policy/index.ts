export {
  type Activation, type Padding, type OptimizerName, type ConvLayerConfig, type DenseLayerConfig, type PolicyConfig,
  ACTIVATIONS, OPTIMIZER_NAMES, REFERENCE_POLICY_CONFIG, DEFAULT_POLICY_CONFIG, PolicyConfigError,
  validatePolicyConfig, withPolicyOverrides,
} from './config.ts';
export { POLICY_OUTPUTS, createOptimizer, createPolicyModel, compilePolicyModel } from './model.ts';
export { type ChooseMoveOptions, PolicyNet, maskIllegal, pickColumn } from './policy-net.ts';
export {
  MODEL_FILE, WEIGHTS_FILE, ModelFileError, loadPolicyNet, modelToArtifacts, artifactsToModelJson,
  artifactsWeightBytes, artifactsFromFiles, modelFromArtifacts,
} from './model-io.ts';
export * as tf from './tf.ts';
