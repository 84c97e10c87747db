import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';
import { appAssetsPlugin } from './vite/app-assets-plugin.ts';

/** The shipped model; C4_MODEL_DIR overrides it (the end-to-end test builds with its own). */
const modelDir = process.env.C4_MODEL_DIR ?? fileURLToPath(new URL('../../models/c4-policy', import.meta.url));

/**
 * The workspace packages' modules only declare things (no import-time effects), so an unused
 * import of them may be dropped whole. Without this, the teacher worker, which needs only the
 * board and the solver, would carry all of tfjs through @c4/engine's policy exports. The one
 * exception is the engine's tfjs module: importing tfjs-layers through it registers the layer
 * classes a saved model is rebuilt from ("Unknown layer: Conv2D" without them).
 */
const treeshake = {
  moduleSideEffects: [{ test: /\/packages\/(engine|minimax)\/src\/(?!policy\/tf\.ts$)/, sideEffects: false }],
};

export default defineConfig({
  // Relative URLs: the build works from any folder of any static server.
  base: './',
  build: {
    target: 'es2022',
    outDir: 'dist',
    emptyOutDir: true,
    reportCompressedSize: true,
    // tfjs alone is over 1 MB minified; Vite's 500 kB warning would only be noise.
    chunkSizeWarningLimit: 2500,
    rolldownOptions: { treeshake },
  },
  worker: { format: 'es', rolldownOptions: { treeshake } },
  plugins: [appAssetsPlugin({ modelDir })],
  server: { host: 'localhost' },
  preview: { host: 'localhost' },
});
