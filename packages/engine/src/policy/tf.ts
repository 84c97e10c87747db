/**
 * The parts of TensorFlow.js the network's code uses: tensors, ops, optimisers and model I/O
 * (tfjs-core) and layers (tfjs-layers). Not the `@tensorflow/tfjs` union, which also bundles the
 * converter, tfjs-data and the WebGL and CPU backends: which backend runs the network is the
 * application's choice, and the web page, which parses every byte it imports before the board
 * appears, loads WebGL only where the hardware has it (packages/web/src/backend.ts).
 */
export * from '@tensorflow/tfjs-core';
export * from '@tensorflow/tfjs-layers';
