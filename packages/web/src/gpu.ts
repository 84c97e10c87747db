/**
 * Whether the browser offers hardware-accelerated WebGL. Software rasterisers (SwiftShader,
 * as in headless Chromium without a GPU; llvmpipe) make WebGL slower than the alternatives:
 * measured in headless Chromium (README, *Measured*), the network replies in a median 11 ms
 * on SwiftShader WebGL against 1.1 ms on WebAssembly, and the board redraws several times
 * faster on a 2D canvas. Probing a throwaway canvas also spares the console tfjs's errors
 * when there is no WebGL at all.
 */
const SOFTWARE_RENDERERS = /swiftshader|llvmpipe|softpipe|software|basic render/i;

let answer: boolean | undefined;

export function hasHardwareWebGL(): boolean {
  answer ??= probe();
  return answer;
}

function probe(): boolean {
  try {
    const canvas = document.createElement('canvas');
    const gl = canvas.getContext('webgl2') ?? canvas.getContext('webgl');
    if (!gl) return false;
    const info = gl.getExtension('WEBGL_debug_renderer_info');
    const renderer = String(gl.getParameter(info ? info.UNMASKED_RENDERER_WEBGL : gl.RENDERER));
    gl.getExtension('WEBGL_lose_context')?.loseContext();
    return !SOFTWARE_RENDERERS.test(renderer);
  } catch {
    return false;
  }
}
