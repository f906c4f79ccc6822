// Benchmark: the check command as a cold process (the built entry, no npm wrapper), on the
// whole catalogue at the default instance count. Prints wall time, per-stage and per-claim times.
import { spawnSync } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const RUNS = Number(process.env.BENCH_RUNS ?? 3);
const TARGET_S = Number(process.env.BENCH_TARGET_S ?? 3);
const out = mkdtempSync(join(tmpdir(), 'claimcheck-bench-'));
const runs = [];
for (let k = 0; k < RUNS; k++) {
  const t0 = performance.now();
  const r = spawnSync(process.execPath, ['dist/claimcheck.mjs', '--json', '--out', out], { encoding: 'utf8', maxBuffer: 64 << 20 });
  const wall = performance.now() - t0;
  if (r.status !== 0) {
    console.error(`run ${k + 1} exited ${r.status}\n${r.stderr}`);
    process.exit(1);
  }
  runs.push({ wall, json: JSON.parse(r.stdout) });
}
const walls = runs.map((r) => r.wall).sort((a, b) => a - b);
const median = walls[Math.floor(walls.length / 2)];
const best = runs.find((r) => r.wall === median).json;
const ms = (x) => `${x.toFixed(0).padStart(6)} ms`;
console.log(`claimcheck bench — ${best.claims.length} claims, ${best.count} instances per numeric check, seed ${best.seed}`);
console.log(`cold wall time (median of ${RUNS}): ${(median / 1000).toFixed(2)} s   [runs: ${walls.map((w) => (w / 1000).toFixed(2)).join(', ')} s]`);
console.log('\nper stage (median run):');
console.log(`  process start + load ${ms(median - best.timings.totalMs)}`);
console.log(`  parse                ${ms(best.timings.parseMs)}`);
console.log(`  derive + check       ${ms(best.timings.checkMs)}   (wall, ${best.claims.length} claims on the worker pool)`);
console.log(`  render + write       ${ms(best.timings.renderMs)}`);
const derive = best.claims.reduce((s, c) => s + c.timings.deriveMs, 0);
const check = best.claims.reduce((s, c) => s + c.timings.checkMs, 0);
console.log(`  (summed over claims: derive ${derive.toFixed(0)} ms, check ${check.toFixed(0)} ms)`);
console.log('\nper claim (slowest first):');
console.log(`  ${'claim'.padEnd(34)} ${'derive'.padStart(9)} ${'check'.padStart(9)}  verdict`);
for (const c of [...best.claims].sort((a, b) => b.timings.deriveMs + b.timings.checkMs - (a.timings.deriveMs + a.timings.checkMs)))
  console.log(`  ${c.id.padEnd(34)} ${ms(c.timings.deriveMs)} ${ms(c.timings.checkMs)}  ${c.verdict}`);
console.log(`\ntarget: under ${TARGET_S} s wall — ${median / 1000 < TARGET_S ? 'met' : 'NOT met'}`);
