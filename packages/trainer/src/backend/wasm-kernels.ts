/**
 * Training kernels for the tfjs WebAssembly backend, which ships inference kernels only:
 *
 * - Conv2DBackpropFilter is missing, so no conv net can train on wasm at all;
 * - Conv2DBackpropInput exists but is a plain loop, several times slower than Conv2D;
 * - BatchMatMul with a transposed operand (every dense layer's backward pass) takes a slow path.
 *
 * Each is re-expressed through the backend's fast kernels (Conv2D and untransposed
 * BatchMatMul run on XNNPACK; Transpose is a tight copy), for stride 1 and dilation 1 — what
 * the policy networks use. Other cases fall back to the original kernel, or for the filter
 * gradient to a direct loop. `test/wasm-kernels.test.ts` checks every kernel against the
 * CPU backend's gradients.
 *
 * The filter gradient, drawn for one input channel i and one output channel o:
 *
 *   dW[a, b, i, o] = Σ_n Σ_p Σ_q  xpad[n, p + a, q + b, i] · dy[n, p, q, o]
 *
 * which is a convolution in which the input channels play the batch, the examples play the
 * channels and dy is the filter:
 *
 *   x  [N, H, W, Ci] ──transpose──▶ [Ci, H, W, N]      (batch Ci, channels N)
 *   dy [N, Ho, Wo, Co] ─transpose─▶ [Ho, Wo, N, Co]    (a Ho×Wo filter, N in, Co out)
 *   conv2d with the forward pass's padding ──▶ [Ci, kh, kw, Co] ──transpose──▶ [kh, kw, Ci, Co]
 *
 * The input gradient is the forward convolution of dy with the filter rotated by 180° and its
 * channel axes swapped, padded by (k - 1 - forward padding) on each side.
 */
import * as tf from '@tensorflow/tfjs';
import { backend_util } from '@tensorflow/tfjs';
import type { KernelConfig, KernelFunc, NamedAttrMap, TensorInfo } from '@tensorflow/tfjs';

const BACKEND = 'wasm';

/** The slice of the wasm backend these kernels use (its class is not exported with types we can import). */
interface WasmBackend {
  makeOutput(shape: number[], dtype: tf.DataType): TensorInfo;
  disposeData(dataId: object): boolean;
  typedArrayFromHeap(info: TensorInfo): Float32Array;
}

type Kernel = (args: { inputs: Record<string, TensorInfo>; backend: WasmBackend; attrs: NamedAttrMap }) => TensorInfo;

/** The backend's own kernels, captured before ours replace any of them. */
const original = new Map<string, Kernel>();

function baseKernel(name: string): Kernel {
  const saved = original.get(name);
  if (saved) return saved;
  const config = tf.getKernel(name, BACKEND);
  if (!config) throw new Error(`the wasm backend has no ${name} kernel`);
  const fn = config.kernelFunc as unknown as Kernel;
  original.set(name, fn);
  return fn;
}

function transpose(backend: WasmBackend, x: TensorInfo, perm: number[]): TensorInfo {
  return baseKernel('Transpose')({ inputs: { x }, backend, attrs: { perm } });
}

function conv2d(backend: WasmBackend, x: TensorInfo, filter: TensorInfo, pad: [[number, number], [number, number], [number, number], [number, number]]): TensorInfo {
  return baseKernel('Conv2D')({
    inputs: { x, filter },
    backend,
    attrs: { strides: [1, 1], pad, dataFormat: 'NHWC', dilations: [1, 1], dimRoundingMode: undefined } as unknown as NamedAttrMap,
  });
}

function dispose(backend: WasmBackend, ...infos: TensorInfo[]): void {
  for (const info of infos) backend.disposeData(info.dataId);
}

function isUnitStride(info: backend_util.Conv2DInfo): boolean {
  return info.strideHeight === 1 && info.strideWidth === 1 && info.dilationHeight === 1 && info.dilationWidth === 1
    && info.dataFormat === 'channelsLast';
}

const conv2DBackpropFilter: Kernel = ({ inputs, backend, attrs }) => {
  const { x, dy } = inputs;
  const { strides, pad, dataFormat, dimRoundingMode, filterShape } = attrs as unknown as tf.Conv2DBackpropFilterAttrs;
  const info = backend_util.computeConv2DInfo(
    x.shape as [number, number, number, number], filterShape, strides, 1, pad, dimRoundingMode, false,
    backend_util.convertConv2DDataFormat(dataFormat),
  );
  if (!isUnitStride(info)) return filterGradientByLoop(backend, x, dy, info);
  const { top, bottom, left, right } = info.padInfo;
  const xT = transpose(backend, x, [3, 1, 2, 0]);
  const dyT = transpose(backend, dy, [1, 2, 0, 3]);
  const byChannel = conv2d(backend, xT, dyT, [[0, 0], [top, bottom], [left, right], [0, 0]]);
  const dW = transpose(backend, byChannel, [1, 2, 0, 3]);
  dispose(backend, xT, dyT, byChannel);
  return dW;
};

/** Any stride or dilation: the definition, looped. Not used by the policy networks. */
function filterGradientByLoop(backend: WasmBackend, x: TensorInfo, dy: TensorInfo, info: backend_util.Conv2DInfo): TensorInfo {
  if (info.dataFormat !== 'channelsLast') throw new Error('Conv2DBackpropFilter on wasm supports NHWC only');
  const xs = backend.typedArrayFromHeap(x);
  const dys = backend.typedArrayFromHeap(dy);
  const { batchSize, inHeight, inWidth, inChannels, outHeight, outWidth, outChannels, filterHeight, filterWidth } = info;
  const dW = new Float32Array(filterHeight * filterWidth * inChannels * outChannels);
  for (let a = 0; a < filterHeight; a++) {
    for (let b = 0; b < filterWidth; b++) {
      for (let n = 0; n < batchSize; n++) {
        for (let p = 0; p < outHeight; p++) {
          const row = p * info.strideHeight + a * info.dilationHeight - info.padInfo.top;
          if (row < 0 || row >= inHeight) continue;
          for (let q = 0; q < outWidth; q++) {
            const col = q * info.strideWidth + b * info.dilationWidth - info.padInfo.left;
            if (col < 0 || col >= inWidth) continue;
            const xBase = ((n * inHeight + row) * inWidth + col) * inChannels;
            const dyBase = ((n * outHeight + p) * outWidth + q) * outChannels;
            for (let i = 0; i < inChannels; i++) {
              const xv = xs[xBase + i];
              if (xv === 0) continue;
              const wBase = ((a * filterWidth + b) * inChannels + i) * outChannels;
              for (let o = 0; o < outChannels; o++) dW[wBase + o] += xv * dys[dyBase + o];
            }
          }
        }
      }
    }
  }
  const out = backend.makeOutput([filterHeight, filterWidth, inChannels, outChannels], 'float32');
  backend.typedArrayFromHeap(out).set(dW);
  return out;
}

const conv2DBackpropInput: Kernel = (args) => {
  const { inputs, backend, attrs } = args;
  const { dy, filter } = inputs;
  const { inputShape, strides, pad, dataFormat, dimRoundingMode } = attrs as unknown as tf.Conv2DBackpropInputAttrs;
  const info = backend_util.computeConv2DInfo(
    inputShape, filter.shape as [number, number, number, number], strides, 1, pad, dimRoundingMode, false,
    backend_util.convertConv2DDataFormat(dataFormat),
  );
  if (!isUnitStride(info)) return baseKernel('Conv2DBackpropInput')(args);
  const { filterHeight: kh, filterWidth: kw, inHeight, inWidth, outHeight, outWidth } = info;
  const rotated = rotateFilter(backend, filter);
  const top = kh - 1 - info.padInfo.top;
  const left = kw - 1 - info.padInfo.left;
  const bottom = inHeight - outHeight + kh - 1 - top;
  const right = inWidth - outWidth + kw - 1 - left;
  const dx = conv2d(backend, dy, rotated, [[0, 0], [top, bottom], [left, right], [0, 0]]);
  dispose(backend, rotated);
  return dx;
};

/** W[a, b, i, o] ──▶ R[kh-1-a, kw-1-b, o, i]: the filter of the transposed convolution. */
function rotateFilter(backend: WasmBackend, filter: TensorInfo): TensorInfo {
  const [kh, kw, ci, co] = filter.shape;
  const w = backend.typedArrayFromHeap(filter);
  const out = backend.makeOutput([kh, kw, co, ci], 'float32');
  const r = backend.typedArrayFromHeap(out);
  for (let a = 0; a < kh; a++) {
    for (let b = 0; b < kw; b++) {
      const from = (a * kw + b) * ci * co;
      const to = ((kh - 1 - a) * kw + (kw - 1 - b)) * co * ci;
      for (let i = 0; i < ci; i++) for (let o = 0; o < co; o++) r[to + o * ci + i] = w[from + i * co + o];
    }
  }
  return out;
}

/**
 * A transposed product, done as an untransposed one (the fast path) on explicitly transposed
 * operands. XNNPACK repacks the right operand b on every call, so a big b is costly: when
 * that is cheaper, C = op(A)·op(B) is computed as C = (op(B)ᵀ · op(A)ᵀ)ᵀ instead. Measured on
 * the policy network's dense layer (64×2688 · 2688×128): dy·Wᵀ 3.4 → 1.6 ms.
 */
const batchMatMul: Kernel = ({ inputs, backend, attrs }) => {
  const { a, b } = inputs;
  const { transposeA, transposeB } = attrs as unknown as tf.BatchMatMulAttrs;
  const product = baseKernel('BatchMatMul');
  const plain = { transposeA: false, transposeB: false };
  if (!transposeA && !transposeB) return product({ inputs: { a, b }, backend, attrs: plain });
  const size = (t: TensorInfo) => t.shape.reduce((p, q) => p * q, 1);
  const [sizeA, sizeB] = [size(a), size(b)];
  const rows = a.shape[a.shape.length - (transposeA ? 1 : 2)];
  const cols = b.shape[b.shape.length - (transposeB ? 2 : 1)];
  const batch = (t: TensorInfo) => t.shape.slice(0, -2).reduce((p, q) => p * q, 1);
  const sizeC = Math.max(batch(a), batch(b)) * rows * cols;
  // Elements moved: transposes, plus packing the right operand (counted twice: it is slower).
  const direct = (transposeA ? sizeA : 0) + (transposeB ? sizeB : 0) + 2 * sizeB;
  const swapped = (transposeB ? 0 : sizeB) + (transposeA ? 0 : sizeA) + 2 * sizeA + sizeC;
  const temporaries: TensorInfo[] = [];
  const transposed = (t: TensorInfo) => {
    const out = swapLastAxes(backend, t);
    temporaries.push(out);
    return out;
  };
  let out: TensorInfo;
  if (direct <= swapped) {
    out = product({ inputs: { a: transposeA ? transposed(a) : a, b: transposeB ? transposed(b) : b }, backend, attrs: plain });
  } else {
    const outT = product({ inputs: { a: transposeB ? b : transposed(b), b: transposeA ? a : transposed(a) }, backend, attrs: plain });
    temporaries.push(outT);
    out = swapLastAxes(backend, outT);
  }
  dispose(backend, ...temporaries);
  return out;
};

function swapLastAxes(backend: WasmBackend, t: TensorInfo): TensorInfo {
  const rank = t.shape.length;
  const perm = [...Array(rank).keys()];
  [perm[rank - 2], perm[rank - 1]] = [perm[rank - 1], perm[rank - 2]];
  return transpose(backend, t, perm);
}

const KERNELS: Record<string, Kernel> = {
  Conv2DBackpropFilter: conv2DBackpropFilter,
  Conv2DBackpropInput: conv2DBackpropInput,
  BatchMatMul: batchMatMul,
};

/** Names of the kernels this module provides, for the backend's description. */
export const WASM_TRAINING_KERNELS = Object.keys(KERNELS);

/**
 * Installs the training kernels on the wasm backend (idempotent). Call after
 * `tf.setBackend('wasm')` has resolved, before training.
 */
export function registerWasmTrainingKernels(): void {
  for (const name of ['Transpose', 'Conv2D', ...WASM_TRAINING_KERNELS]) {
    if (name !== 'Conv2DBackpropFilter') baseKernel(name);
  }
  for (const [name, kernelFunc] of Object.entries(KERNELS)) {
    // registerKernel keeps an existing registration, so ours must replace it explicitly.
    if (tf.getKernel(name, BACKEND)) tf.unregisterKernel(name, BACKEND);
    const config: KernelConfig = { kernelName: name, backendName: BACKEND, kernelFunc: kernelFunc as unknown as KernelFunc };
    tf.registerKernel(config);
  }
}
