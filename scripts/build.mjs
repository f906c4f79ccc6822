// Bundles the command line and its worker with esbuild. Bundling lets esbuild keep only the
// parts of mathjs the tool imports (the full library takes most of a second to load).
import { build } from 'esbuild';

const started = performance.now();
await build({
  entryPoints: {
    claimcheck: 'src/cli/main.ts',
    worker: 'src/run/worker.ts',
    index: 'src/api.ts',
    testing: 'src/testing.ts',
  },
  outdir: 'dist',
  outExtension: { '.js': '.mjs' },
  bundle: true,
  platform: 'node',
  format: 'esm',
  target: 'node20',
  sourcemap: 'linked',
  logLevel: 'warning',
  // Some bundled CommonJS packages call require(); give the ESM bundle one.
  banner: {
    js: "import { createRequire as __cc_createRequire } from 'node:module'; const require = __cc_createRequire(import.meta.url);",
  },
});
if (process.argv.includes('--verbose')) console.log(`built dist/ in ${(performance.now() - started).toFixed(0)} ms`);
