// Benchmark (run with `npm run bench`, which builds first). Prints:
//  - the check command as a cold process (the built entry, no npm wrapper, no cache) on the whole
//    catalogue at the default instance count: wall time, per stage and per claim;
//  - seven claims side by side with a SymPy + NumPy checker (bench/reference.py): CPU time and verdicts;
//  - a warm re-run (every claim unchanged: results reused from the cache);
//  - a re-check after editing one claim, as watch mode does it (a live worker pool and the cache);
//  - the numeric evaluator's throughput: the compiled real path and the complex (mathjs) path.
import { spawnSync } from 'node:child_process';
import { cpSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { checkCatalogue, compileNumeric, parseMath, renderReport, writeReport, WorkerPool } from '../dist/index.mjs';

const RUNS = Number(process.env.BENCH_RUNS ?? 3);
const TARGET_COLD_S = Number(process.env.BENCH_TARGET_S ?? 4);
const tmp = mkdtempSync(join(tmpdir(), 'claimcheck-bench-'));
const ms = (x) => `${x.toFixed(0).padStart(6)} ms`;

/** Runs bench/reference.py (installing Debian's python3-sympy and python3-numpy when missing); undefined if it cannot. */
function pythonReference() {
  const hasLibraries = () => spawnSync('python3', ['-c', 'import sympy, numpy'], { encoding: 'utf8' }).status === 0;
  if (!hasLibraries()) {
    console.log('\ninstalling python3-sympy and python3-numpy for the reference checker …');
    spawnSync('apt-get', ['install', '-y', '-qq', 'python3-sympy', 'python3-numpy'], { stdio: 'ignore' });
    if (!hasLibraries()) return undefined;
  }
  const t0 = performance.now();
  const r = spawnSync('python3', ['bench/reference.py'], { encoding: 'utf8', maxBuffer: 16 << 20 });
  if (r.status !== 0) {
    console.error(`the reference checker failed:\n${r.stderr}`);
    return undefined;
  }
  return { ...JSON.parse(r.stdout.trim().split('\n').pop()), processWall: (performance.now() - t0) / 1000 };
}

function cli(args, allowed = [0]) {
  const t0 = performance.now();
  const r = spawnSync(process.execPath, ['dist/claimcheck.mjs', '--json', '--out', join(tmp, 'report'), ...args], {
    encoding: 'utf8',
    maxBuffer: 64 << 20,
    cwd: process.cwd(),
  });
  const wall = performance.now() - t0;
  if (!allowed.includes(r.status)) {
    console.error(`claimcheck exited ${r.status}\n${r.stderr}`);
    process.exit(1);
  }
  return { wall, json: JSON.parse(r.stdout) };
}

// 1. Cold runs.
const runs = [];
for (let k = 0; k < RUNS; k++) runs.push(cli(['--no-cache']));
const walls = runs.map((r) => r.wall).sort((a, b) => a - b);
const median = walls[Math.floor(walls.length / 2)];
const best = runs.find((r) => r.wall === median).json;
console.log(
  `claimcheck bench — ${best.claims.length} claims, ${best.count} instances per numeric check, seed ${best.seed}`,
);
console.log(
  `\ncold run (median of ${RUNS}): ${(median / 1000).toFixed(2)} s   [runs: ${walls.map((w) => (w / 1000).toFixed(2)).join(', ')} s]`,
);
console.log('per stage (median run):');
console.log(`  process start + load ${ms(median - best.timings.totalMs)}`);
console.log(`  parse                ${ms(best.timings.parseMs)}`);
console.log(`  derive + check       ${ms(best.timings.checkMs)}   (wall, on the worker pool)`);
console.log(`  render + write       ${ms(best.timings.renderMs)}`);
const derive = best.claims.reduce((s, c) => s + c.timings.deriveMs, 0);
const check = best.claims.reduce((s, c) => s + c.timings.checkMs, 0);
console.log(`  (summed over claims: derive ${derive.toFixed(0)} ms, check ${check.toFixed(0)} ms)`);
console.log('\nper claim (slowest first):');
console.log(`  ${'claim'.padEnd(36)} ${'derive'.padStart(9)} ${'check'.padStart(9)}  verdict`);
for (const c of [...best.claims].sort(
  (a, b) => b.timings.deriveMs + b.timings.checkMs - (a.timings.deriveMs + a.timings.checkMs),
))
  console.log(`  ${c.id.padEnd(36)} ${ms(c.timings.deriveMs)} ${ms(c.timings.checkMs)}  ${c.verdict}`);

// 1b. The same cold run with 100 instances per numeric check: what the instance count costs, and
// what it does not (derivations, and checks whose claims set their own counts).
// (Exit 1 is allowed: with 100 draws a check can miss a side it must cover, and says so.)
const few = cli(['--no-cache', '--count', '100'], [0, 1]);

// 1c. Side by side with a SymPy + NumPy checker of seven claims (bench/reference.py), as a Python
// user would write one: symbolic derivation with SymPy, the instances with NumPy. CPU time is what
// is compared (both sides count their own start-up and imports).
const SEVEN = [
  'p.dirac-eigenvalues',
  'p.simgd-spectrum',
  'p.altgd-spectrum',
  'p.instance-noise',
  'l14.lemma10',
  'l14.lemma7',
  'l14.def6-jacobian',
];
const ours = cli(['--no-cache', '--only', SEVEN.join(',')]);
const reference = pythonReference();

// 2. Warm re-run: populate the cache, then run again.
const claimsCopy = join(tmp, 'claims');
cpSync('claims', claimsCopy, { recursive: true });
cli(['--claims', claimsCopy]);
const warm = cli(['--claims', claimsCopy]);

// 3. Watch-mode re-check after editing one claim: a live pool, the cache, the report rewritten.
const cacheDir = join(tmp, 'cache');
const pool = new WorkerPool({ workers: 2, timeoutMs: 60_000, heapMb: 2048 });
const once = async () => {
  const t0 = performance.now();
  const report = await checkCatalogue({ claimsDir: claimsCopy, cacheDir, pool });
  writeReport(
    renderReport({ ...report, runInfo: { generated: '', node: process.version, timings: {} } }),
    join(tmp, 'watch-report'),
  );
  return performance.now() - t0;
};
await once();
// Five edits, alternating between two titles (each is a real change), and their median: one
// sub-second figure on a shared machine varies too much to read alone.
const file = join(claimsCopy, '002-dirac-gan.md');
const titles = [
  'title: The Dirac-GAN vector field is a pure rotation at the equilibrium',
  'title: The Dirac-GAN vector field is a pure rotation at its equilibrium',
];
const edits = [];
for (let k = 0; k < 5; k++) {
  writeFileSync(file, readFileSync(file, 'utf8').replace(titles[k % 2], titles[(k + 1) % 2]));
  edits.push(await once());
}
pool.close();
const edited = [...edits].sort((a, b) => a - b)[2];

// 4. Evaluator throughput: the larger eigenvalue of a 2×2 matrix [[a, b], [c, d]] in closed form.
const expr = parseMath('(a + d)/2 + sqrt(((a - d)/2)^2 + b*c)');
const f = compileNumeric(expr, { slot: (n) => ({ a: 0, b: 1, c: 2, d: 3 })[n] });
const rate = (scope, n) => {
  let s = 0;
  const t0 = performance.now();
  for (let k = 0; k < n; k++) {
    scope[0] = 1 + (k & 7) * 0.125;
    const v = f(scope);
    s += typeof v === 'number' ? v : v.re;
  }
  return { perSecond: n / ((performance.now() - t0) / 1000), s };
};
rate([1, 2, 3, 4], 200_000); // warm up
const real = rate([1, 2, 3, 4], 2_000_000).perSecond;
const cplx = rate([1, -2, 3, 4], 300_000).perSecond; // bc < 0: the square root leaves the reals

console.log(
  '\nside by side on seven claims (10 000 instances per numeric check): claimcheck against a SymPy + NumPy checker',
);
const ourCpu = ours.json.timings.cpuMs / 1000;
console.log(`  ${'claim'.padEnd(24)} ${'claimcheck'.padEnd(12)} reference`);
for (const id of SEVEN)
  console.log(
    `  ${id.padEnd(24)} ${(ours.json.claims.find((c) => c.id === id)?.verdict ?? '—').padEnd(12)} ${reference?.verdicts[id] ?? '—'}`,
  );
console.log(`  claimcheck:  ${(ours.wall / 1000).toFixed(2)} s wall, ${ourCpu.toFixed(2)} s CPU (certified decisions)`);
if (reference)
  console.log(
    `  SymPy+NumPy: ${reference.processWall.toFixed(2)} s wall, ${reference.cpu.toFixed(2)} s CPU (floating-point tolerances)`,
  );
else console.log('  SymPy+NumPy: not run (python3 with sympy and numpy is not available)');

console.log('\nsummary');
console.log(
  `  cold full run (no cache):            ${(median / 1000).toFixed(2)} s   target < ${TARGET_COLD_S} s — ${median / 1000 < TARGET_COLD_S ? 'met' : 'NOT met'}`,
);
console.log(
  `  cold run, 100 instances per check:   ${(few.wall / 1000).toFixed(2)} s   target ≤ 2 s — ${few.wall / 1000 <= 2 ? 'met' : 'NOT met'}`,
);
if (reference)
  console.log(
    `  CPU on seven claims, ours/SymPy+NumPy: ${(ourCpu / reference.cpu).toFixed(2)}   target ≤ 0.33 — ${ourCpu / reference.cpu <= 1 / 3 ? 'met' : 'NOT met'}`,
  );
console.log(`  warm re-run (all claims unchanged):  ${(warm.wall / 1000).toFixed(2)} s`);
console.log(
  `  re-check after editing one claim:    ${edited.toFixed(0)} ms   target < 300 ms — ${edited < 300 ? 'met' : 'NOT met'}   [median of ${edits.map((e) => e.toFixed(0)).join(', ')} ms]`,
);
console.log(
  `  2×2 instances per second, real path: ${(real / 1e6).toFixed(2)} M/s   target ≥ 1 M/s — ${real >= 1e6 ? 'met' : 'NOT met'}`,
);
console.log(`  2×2 instances per second, complex:   ${(cplx / 1e6).toFixed(2)} M/s`);
