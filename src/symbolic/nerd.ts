/**
 * The one door to nerdamer. Everything symbolic goes through these functions, on strings in the
 * tool's internal names (see SymbolTable), so quirks are handled in one place:
 * - user names are renamed (nerdamer reads a_1_1, Ci, S … as something else);
 * - differentiate before substituting (sub-then-diff gives 0 for a derivative "at 0");
 * - every call is bounded by nerdamer's TIMEOUT; the worker pool bounds what TIMEOUT misses.
 */
import nerdamer from 'nerdamer-prime';
import { splitTopLevel } from '../model/text';
import { parseMath } from '../expr/mathjs-parser';
import { freeSymbols } from '../expr/parse';
import { compileNumeric } from '../numeric/compile';
import type { Compiled } from '../numeric/value';
import { relDistance } from '../numeric/complex';
import { expandPolynomial, expandWithAtoms, polynomialCoefficients, polynomialDerivative } from './polynomial';
import { derivativeText } from './derivative';

let timeoutMs = 10_000;
function setSymbolicTimeout(ms: number): void {
  timeoutMs = ms;
  nerdamer.set('TIMEOUT', ms);
}
setSymbolicTimeout(timeoutMs);

/** Calls, repeats answered from memory and milliseconds per kind of symbolic operation (for tests and profiling). */
export const symbolicStats: Record<string, { calls: number; repeats: number; ms: number }> = {};

/**
 * nerdamer's answers are pure functions of their input text, and derivations repeat the same
 * expansions (the same entries of a Jacobian, the same moments) within a claim and across claims
 * on one worker: answers are remembered by operation and input. Failures (thrown) are not
 * remembered: a timeout depends on the load of the moment.
 */
const answers = new Map<string, unknown>();
const ANSWERS_LIMIT = 20_000;
function remembered<T>(what: string, input: string, f: () => T): T {
  const key = `${what}\u0000${input}`;
  if (answers.has(key)) {
    (symbolicStats[what] ??= { calls: 0, repeats: 0, ms: 0 }).repeats++;
    return answers.get(key) as T;
  }
  const out = f();
  if (answers.size >= ANSWERS_LIMIT) answers.clear();
  answers.set(key, out);
  return out;
}

function run<T>(what: string, f: () => T): T {
  const t0 = performance.now();
  try {
    return f();
  } catch (e) {
    const msg = (e as Error).message ?? String(e);
    if (/timeout/i.test(msg)) throw new SymbolicTimeout(what, timeoutMs);
    throw new SymbolicError(`${what}: ${msg}`);
  } finally {
    const st = (symbolicStats[what] ??= { calls: 0, repeats: 0, ms: 0 });
    st.calls++;
    st.ms += performance.now() - t0;
  }
}

export class SymbolicError extends Error {
  override name = 'SymbolicError';
}
export class SymbolicTimeout extends Error {
  override name = 'SymbolicTimeout';
  constructor(what: string, ms: number) {
    super(`symbolic ${what} timed out after ${ms} ms`);
  }
}

/**
 * nerdamer's normal form, checked: it rewrites as if every symbol were positive (sqrt(x*y) becomes
 * sqrt(x)*sqrt(y), log(x^2) becomes 2*log(x)), which is false for negative values. A rewrite that
 * changes the value at any probe point (signs mixed) is refused and the expression kept as written.
 * Its powers with symbolic exponents are merged wrongly too, exp(x) included (it reads e^x):
 * exp(x)/(exp(x) + exp(y)) becomes (e^x + e^y)^(x − 1).
 */
export const rewriteRejections = { count: 0 };
// (Exponents as the tool writes them, in nested brackets: x^((1)/(3)) is a fractional power too.)
const BRANCHED = /sqrt|log|abs|atan|exp|\^[\s(]*-?\s*\d*\.\d|\^[\s(]*-?\s*\d+[\s)]*\/|\^[\s(]*-?\s*[a-zA-Z]/;
export function normal(expr: string): string {
  const answer = remembered('checked evaluation', expr, () => {
    const out = run('evaluation', () => nerdamer(expr).toString());
    // Only branch-cut functions and fractional or symbolic powers are rewritten unsoundly;
    // polynomial and rational normal forms are exact.
    if (out === expr || !BRANCHED.test(expr) || sameAtRandomPoints(expr, out)) return { out, rejected: false };
    return { out: expr, rejected: true };
  });
  if (answer.rejected) rewriteRejections.count++;
  return answer.out;
}
/**
 * nerdamer's expand is wrong on some products: expand((c*(z+b)-c*b)^2) gives c*z^2+c^2*z. Every
 * expansion is therefore checked by evaluating both forms at random points; when they disagree
 * the unexpanded form is kept (correct, if longer) and the event counted. Polynomials, and
 * rational expressions in elementary functions of them, are expanded exactly in ./polynomial
 * (nerdamer is an order of magnitude slower on them).
 */
export const expandRejections = { count: 0 };
export function expand(expr: string): string {
  // The rejection is remembered with the answer and counted again on a repeat, so that what a
  // derivation reports does not depend on which worker ran which claim before it.
  const answer = remembered('checked expansion', expr, () => {
    // A polynomial is expanded exactly here, in the module's own order (by degree, then by name).
    const polynomial = expandPolynomial(expr) ?? expandWithAtoms(expr);
    if (polynomial !== undefined) return { out: polynomial, rejected: false };
    const out = run('expand', () => nerdamer(`expand(${expr})`).toString());
    if (out === expr || sameAtRandomPoints(expr, out)) return { out, rejected: false };
    return { out: normal(expr), rejected: true };
  });
  if (answer.rejected) expandRejections.count++;
  return answer.out;
}
export function simplify(expr: string, limitMs?: number): string {
  if (limitMs === undefined) return run('simplify', () => nerdamer(`simplify(${expr})`).toString());
  nerdamer.set('TIMEOUT', limitMs);
  try {
    return run('simplify', () => nerdamer(`simplify(${expr})`).toString());
  } finally {
    nerdamer.set('TIMEOUT', timeoutMs);
  }
}
/**
 * nerdamer's diff is wrong on some constants: d/dm of exp(-(x-m)^2/2)/sqrt(2*pi) comes out with
 * pi^(1/4) for pi^(-1/2). Every derivative is checked against a central difference at sample
 * points; a derivative that fails is refused (a derivation error), never used. The unevaluated
 * form diff(…) is asked for: nerdamer.diff evaluates its result, which turns e^(−t) in a
 * denominator into 119696244^t·325368125^(−t), a rational approximation of e.
 */
export function diff(expr: string, x: string): string {
  // The numerical check is remembered with the answer, so a repeat costs neither.
  const { out, agrees } = remembered('checked diff', `${x}\u0000${expr}`, () => {
    // A polynomial is differentiated exactly here (nerdamer takes an order of magnitude longer).
    const polynomial = polynomialDerivative(expr, x);
    if (polynomial !== undefined) return { out: polynomial, agrees: true };
    const out = run('diff', () => nerdamer(`diff(${expr},${x})`).toString());
    return { out, agrees: derivativeAgrees(expr, out, x) };
  });
  if (agrees) return out;
  // nerdamer's answer is wrong here: the textbook rules, unsimplified, checked the same way.
  const plain = remembered('plain diff', `${x}\u0000${expr}`, () => {
    const d = derivativeText(expr, x);
    return d !== undefined && derivativeAgrees(expr, d, x) ? d : undefined;
  });
  if (plain === undefined)
    throw new SymbolicError(
      `nerdamer's derivative of ${expr} with respect to ${x} fails a numerical check (it gave ${out})`,
    );
  return plain;
}

function derivativeAgrees(f: string, df: string, x: string): boolean {
  if (df === '0' && !new RegExp(`\\b${x}\\b`).test(f)) return true;
  let F: Compiled;
  let D: Compiled;
  let names: string[];
  try {
    const nf = parseMath(f);
    const nd = parseMath(df);
    names = [...new Set([x, ...freeSymbols(nf), ...freeSymbols(nd)])].filter((n) => !['i', 'e', 'pi'].includes(n));
    const env = {
      slot: (n: string) => {
        const k = names.indexOf(n);
        return k >= 0 ? k : undefined;
      },
    };
    F = compileNumeric(nf, env);
    D = compileNumeric(nd, env);
  } catch {
    return true; // not evaluable (an unknown function): nothing to compare
  }
  const xi = names.indexOf(x);
  let compared = 0;
  for (const probe of PROBES) {
    const scope: number[] = names.map((_, k) => probe[k % probe.length]! * (1 + k / 97));
    const h = 1e-4 * Math.max(1, Math.abs(scope[xi]!));
    try {
      const at = (t: number) => {
        const s = [...scope];
        s[xi] = t;
        return F(s);
      };
      const fp = complexOf(at(scope[xi]! + h));
      const fm = complexOf(at(scope[xi]! - h));
      const d = complexOf(D(scope));
      // Complex values compare too (a model off its real domain, √(x − 10) at x = 1): skipping
      // them let a wrong derivative through wherever every probe was complex.
      if (!fp || !fm || !d) continue;
      const fd = { re: (fp.re - fm.re) / (2 * h), im: (fp.im - fm.im) / (2 * h) };
      compared++;
      // Central differences are accurate to O(h²) (1e-8 relative here): allow 1e-5.
      if (Math.hypot(fd.re - d.re, fd.im - d.im) > 1e-5 * Math.max(1, Math.hypot(d.re, d.im), Math.hypot(fd.re, fd.im)))
        return false;
    } catch {
      return true;
    }
  }
  void compared;
  return true;
}
/** Substitute values (expressions) for names, all at once, and normalise. */
/**
 * expr with values put in. nerdamer simplifies as it substitutes, and not always validly
 * (log(x^y) at y = 2 becomes 2·log(x), false at x = −1): its answer is compared with the plain
 * textual substitution at sample points, complex values included, and the plain form is kept
 * when they differ.
 */
export function substitute(expr: string, values: Record<string, string>): string {
  if (Object.keys(values).length === 0) return normal(expr);
  const answer = remembered('checked substitution', `${JSON.stringify(values)}\u0000${expr}`, () => {
    const out = run('substitution', () => nerdamer(expr, values).toString());
    const written = expr.replace(/[A-Za-z_][A-Za-z0-9_]*/g, (name) =>
      Object.hasOwn(values, name) ? `(${values[name]})` : name,
    );
    if (out === written || sameAtRandomPoints(written, out)) return { out, rejected: false };
    return { out: written, rejected: true };
  });
  if (answer.rejected) rewriteRejections.count++;
  return answer.out;
}
/** Coefficients of a polynomial in x, lowest power first. */
export function coefficients(expr: string, x: string): string[] {
  // A copy: the remembered list is shared.
  return [
    ...remembered(
      'coeffs',
      `${x}\u0000${expr}`,
      () =>
        polynomialCoefficients(expr, x) ??
        run('coeffs', () => {
          const v = nerdamer.coeffs(nerdamer(`expand(${expr})`), x) as unknown as { toString(): string };
          const text = v.toString().trim();
          const inner = text.startsWith('[') ? text.slice(1, -1) : text;
          return splitTopLevel(inner).map((s) => (s.trim() === '' ? '0' : s.trim()));
        }),
    ),
  ];
}
export function variables(expr: string): string[] {
  return [
    ...remembered('variables', expr, () => symbolsIn(expr) ?? run('variables', () => nerdamer(expr).variables())),
  ];
}
/** The free names of an expression as mathjs reads it (nerdamer parses far slower), sorted; undefined when mathjs cannot read it. */
function symbolsIn(expr: string): string[] | undefined {
  try {
    return freeSymbols(parseMath(expr))
      .filter((n) => !CONSTANT_NAMES.has(n))
      .sort();
  } catch {
    return undefined;
  }
}
const CONSTANT_NAMES = new Set(['i', 'e', 'pi', 'Infinity', 'NaN']);
/** Is the expression identically zero after expansion? Reliable for polynomials; a hint otherwise. */
export function expandsToZero(expr: string): boolean {
  return expand(expr) === '0';
}

/**
 * At a point where a branch-cut argument is negative, forms are compared relative to their own
 * values (there they can be as small as the argument: −2√(uw) ≈ 3·10⁻¹⁰ against 0), and beyond
 * the rounding their largest summands leave (a difference of equal O(1) terms is not exactly 0).
 */
type Summands = Compiled[];
function summandsOf(text: string, env: { slot: (n: string) => number | undefined }): Summands {
  const out: Compiled[] = [];
  const walk = (raw: ReturnType<typeof parseMath>) => {
    const n = raw as unknown as {
      type: string;
      fn?: string;
      content?: ReturnType<typeof parseMath>;
      args?: ReturnType<typeof parseMath>[];
    };
    if (n.type === 'ParenthesisNode') return walk(n.content!);
    if (n.type === 'OperatorNode' && (n.fn === 'add' || n.fn === 'subtract')) return n.args!.forEach(walk);
    if (n.type === 'OperatorNode' && n.fn === 'unaryMinus') return walk(n.args![0]!);
    out.push(compileNumeric(raw, env));
  };
  try {
    walk(parseMath(text));
  } catch {
    return [];
  }
  return out;
}
function termScale(terms: Summands, scope: number[]): number {
  let m = 0;
  for (const t of terms) {
    try {
      const z = complexOf(t(scope));
      if (z) m = Math.max(m, Math.hypot(z.re, z.im));
    } catch {
      // a summand undefined there adds no scale
    }
  }
  return m;
}

/** Probe points with every sign pattern that matters: nerdamer's rewrites fail for negative values. */
const PROBES = [
  [0.7316, 1.2207, 0.8904, 1.4311, 0.6653, 1.1139, 0.9521, 1.3377],
  [1.3127, 0.5931, 1.1783, 0.8167, 1.4741, 0.7009, 1.2553, 0.6247],
  [-0.8173, -1.3361, -0.6029, -1.2457, -0.9613, -1.4087, -0.7291, -1.1123],
  [-1.1447, 0.6791, -0.9337, 1.3013, -0.5519, 0.8831, -1.3729, 1.0267],
  [0.9041, -1.1873, 1.2649, -0.7717, 1.0559, -1.4471, 0.6421, -0.8863],
  // Beyond π: log(exp(i·x)) = i·x and friends hold only on one branch.
  [3.7213, -4.3391, 3.2437, -3.9127, 4.1189, -3.4471, 3.6421, -4.2863],
];

/** A finite scalar value as re/im, or undefined (a list, a matrix, a truth, an overflow). */
function complexOf(v: unknown): { re: number; im: number } | undefined {
  const z =
    typeof v === 'number'
      ? { re: v, im: 0 }
      : v && typeof v === 'object' && (v as { isComplex?: boolean }).isComplex
        ? (v as { re: number; im: number })
        : undefined;
  return z && Number.isFinite(z.re) && Number.isFinite(z.im) ? z : undefined;
}

/** Two expressions compiled over their free names (in one slot order); undefined when either cannot be. */
function compiledPair(a: string, b: string) {
  const names: string[] = [];
  const env = {
    slot: (n: string) => {
      const k = names.indexOf(n);
      return k >= 0 ? k : undefined;
    },
  };
  try {
    const na = parseMath(a);
    const nb = parseMath(b);
    names.push(...new Set([...freeSymbols(na), ...freeSymbols(nb)].filter((n) => !['i', 'e', 'pi'].includes(n))));
    return { fa: compileNumeric(na, env), fb: compileNumeric(nb, env), names, env };
  } catch {
    return undefined;
  }
}

/**
 * Do two expressions (internal names) agree at fixed points of every sign pattern, and where a
 * branch-cut argument is negative? No when either cannot be evaluated, or at no point could be.
 */
export function sameAtRandomPoints(a: string, b: string): boolean {
  const pair = compiledPair(a, b);
  // Cannot evaluate (an unknown function): nothing shows the rewrite right, so it is not taken
  // (nerdamer's expand turns (c(z + b) − cb)²·g(q) into c·g·q·z² + c²·g·q·z).
  if (!pair) return false;
  const { fa, fb, names, env } = pair;
  const scopes = PROBES.map((probe) => names.map((_, k) => probe[k % probe.length]! * (1 + k / 97)));
  let compared = 0;
  for (const scope of scopes) {
    const both = bothAt(fa, fb, scope);
    if (!both) continue;
    const d = relDistance(both[0] as number, both[1] as number);
    if (!Number.isFinite(d)) continue;
    if (d > 1e-7) return false;
    compared++;
  }
  // Agreement at no point at all shows nothing: the rewrite is not taken.
  if (compared === 0) return false;
  // The fixed probes give every symbol both signs, not every branch-cut argument: √u·√w = √(uw)
  // and log(u²) = 2 log u fail only where u < 0, which for u = (x − c)² − 10⁻¹⁰ is a window of
  // width 2·10⁻⁵ no fixed point meets. Points where an argument is a negative real are looked
  // for (there −2√(uw) ≈ 3·10⁻¹⁰ against 0).
  return agreeAt(
    [a, b].flatMap((text) => branchArgumentProbes(text, env, scopes)),
    a,
    b,
    fa,
    fb,
    env,
  );
}

/**
 * The two forms at a point, each a finite real or complex number; undefined where either is not
 * (a domain error, a matrix where a number was meant, an overflow).
 */
function bothAt(fa: Compiled, fb: Compiled, scope: number[]): [unknown, unknown] | undefined {
  try {
    const x = fa(scope);
    const y = fb(scope);
    return complexOf(x) && complexOf(y) ? [x, y] : undefined;
  } catch {
    return undefined;
  }
}

/**
 * Do the two forms agree at these points (where a branch-cut argument is negative)? Relative to
 * the values and above the rounding of the largest summands: there the values can be as small as
 * the argument.
 */
function agreeAt(
  points: number[][],
  a: string,
  b: string,
  fa: Compiled,
  fb: Compiled,
  env: { slot: (n: string) => number | undefined },
): boolean {
  const ta = points.length ? summandsOf(a, env) : [];
  const tb = points.length ? summandsOf(b, env) : [];
  for (const scope of points) {
    const both = bothAt(fa, fb, scope);
    if (!both) continue;
    const X = complexOf(both[0])!;
    const Y = complexOf(both[1])!;
    const d = Math.hypot(X.re - Y.re, X.im - Y.im);
    if (
      d > 1e-6 * Math.max(Math.hypot(X.re, X.im), Math.hypot(Y.re, Y.im)) &&
      d > 1e-12 * Math.max(termScale(ta, scope), termScale(tb, scope))
    )
      return false;
  }
  return true;
}

/**
 * Points where a branch-cut argument of the expression (the argument of log or √, the base of a
 * power whose exponent is not an integer) is a negative real, found by descending on the argument
 * from each start (Newton steps along one coordinate at a time, halved until the value falls).
 * Arguments that are complex, undefined or never negative near a start give no point. The probes
 * are remembered with the expression.
 */
function branchArgumentProbes(
  text: string,
  env: { slot: (n: string) => number | undefined },
  starts: number[][],
  box?: Array<[number, number]>,
): number[][] {
  const key = `${JSON.stringify(starts)}\u0000${JSON.stringify(box ?? null)}\u0000${text}`;
  return remembered('branch probes', key, () => {
    const out: number[][] = [];
    let root: ReturnType<typeof parseMath>;
    try {
      root = parseMath(text);
    } catch {
      return out;
    }
    const args: ReturnType<typeof parseMath>[] = [];
    root.traverse((node) => {
      const n = node as unknown as {
        type: string;
        fn?: { name?: string } | string;
        op?: string;
        args?: ReturnType<typeof parseMath>[];
      };
      if (n.type === 'FunctionNode' && typeof n.fn === 'object' && (n.fn.name === 'log' || n.fn.name === 'sqrt'))
        args.push(...signFactors(n.args![0]!));
      if (n.type === 'OperatorNode' && n.op === '^' && integerExponent(n.args![1]!) === undefined)
        args.push(...signFactors(n.args![0]!));
    });
    for (const arg of args) {
      if (freeSymbols(arg).every((name) => env.slot(name) === undefined)) continue;
      let f: Compiled;
      try {
        f = compileNumeric(arg, env);
      } catch {
        continue;
      }
      const real = (s: number[]): number | undefined => {
        try {
          const v = f(s);
          return typeof v === 'number' && Number.isFinite(v) ? v : undefined;
        } catch {
          return undefined;
        }
      };
      for (const start of starts) {
        const found = descendBelowZero(real, start, box);
        if (found) {
          out.push(found);
          break;
        }
      }
    }
    return out;
  });
}

/**
 * A point near start where f < 0, by coordinate Newton steps with halving; undefined if none is
 * reached. No coordinate changes sign (the starts give the symbols their signs; a rewrite that
 * holds only for positive symbols is judged by them), nor leaves the box when one is given.
 */
function descendBelowZero(
  f: (s: number[]) => number | undefined,
  start: number[],
  box?: Array<[number, number]>,
): number[] | undefined {
  let x = [...start];
  let fx = f(x);
  if (fx === undefined) return undefined;
  // Past 0 a few more rounds take the argument to its most negative value nearby, so that the
  // forms compared there are as far from 0 as the window allows.
  let extra = 4;
  for (let it = 0; it < 40 && (fx >= 0 || extra-- > 0); it++) {
    let moved = false;
    for (let k = 0; k < x.length; k++) {
      const h = 1e-4 * Math.max(1, Math.abs(x[k]!));
      const at = (t: number) => {
        const y = [...x];
        y[k] = t;
        return y;
      };
      const fp = f(at(x[k]! + h));
      const fm = f(at(x[k]! - h));
      if (fp === undefined || fm === undefined) continue;
      const g = (fp - fm) / (2 * h);
      const H = (fp - 2 * fx + fm) / (h * h);
      if (g === 0) continue;
      let step = H > 0 ? -g / H : -Math.sign(g) * Math.max(1, Math.abs(x[k]!));
      if (Math.abs(x[k]! + step) > 1e3) continue;
      const [lo, hi] = box?.[k] ?? [-Infinity, Infinity];
      for (let t = 0; t < 30; t++, step /= 2) {
        const to = x[k]! + step;
        if (Math.sign(to) !== Math.sign(x[k]!) || to < lo || to > hi) continue;
        const y = at(to);
        const fy = f(y);
        if (fy !== undefined && fy < fx) {
          x = y;
          fx = fy;
          moved = true;
          break;
        }
      }
    }
    if (!moved) break;
  }
  return fx < 0 ? x : undefined;
}

type AnyMath = ReturnType<typeof parseMath>;
/** An integer constant exponent (through parentheses and a minus), or undefined. */
function integerExponent(raw: AnyMath): number | undefined {
  const n = raw as unknown as { type: string; value?: unknown; content?: AnyMath; fn?: string; args?: AnyMath[] };
  if (n.type === 'ParenthesisNode') return integerExponent(n.content!);
  if (n.type === 'OperatorNode' && n.fn === 'unaryMinus') {
    const e = integerExponent(n.args![0]!);
    return e === undefined ? undefined : -e;
  }
  return n.type === 'ConstantNode' && Number.isInteger(Number(n.value)) ? Number(n.value) : undefined;
}
/**
 * The expression and the factors its sign is made of (through products, quotients, negation and
 * odd integer powers): descending on u finds where u³ < 0, which descending on u³ itself, flat
 * at its zero, does not reach.
 */
function signFactors(raw: AnyMath): AnyMath[] {
  const out: AnyMath[] = [raw];
  const n = raw as unknown as { type: string; content?: AnyMath; fn?: string; args?: AnyMath[] };
  if (n.type === 'ParenthesisNode') return [raw, ...signFactors(n.content!).slice(1)];
  if (n.type !== 'OperatorNode') return out;
  if (n.fn === 'multiply' || n.fn === 'divide') for (const a of n.args!) out.push(...signFactors(a));
  if (n.fn === 'unaryMinus') out.push(...signFactors(n.args![0]!));
  if (n.fn === 'pow') {
    const e = integerExponent(n.args![1]!);
    if (e !== undefined && e % 2 !== 0) out.push(...signFactors(n.args![0]!));
  }
  return out;
}

/**
 * Do two expressions agree (relative to their values, 10⁻⁶) at the points inside the box where an
 * argument of a logarithm, a square root or a fractional power is a negative real? Those points
 * are found by descent from a few points of the box (each coordinate keeping its sign); true when
 * there are none or the expressions cannot be evaluated. nerdamer's simplify takes every argument
 * for positive, so its zero is worth nothing where one is not.
 */
export function sameAcrossBranchCuts(a: string, b: string, box: ReadonlyMap<string, [number, number]>): boolean {
  const pair = compiledPair(a, b);
  if (!pair || pair.names.some((n) => !box.has(n))) return true;
  const { fa, fb, names, env } = pair;
  const ranges = names.map((n) => box.get(n)!);
  const starts = [0.13, 0.37, 0.61, 0.89].map((u, j) =>
    ranges.map(([lo, hi], k) => {
      const x = lo + (hi - lo) * ((u + 0.29 * k + 0.07 * j) % 1);
      return x === 0 ? (hi > 0 ? Math.min(hi, 1e-3) : lo) : x;
    }),
  );
  return agreeAt(
    [a, b].flatMap((text) => branchArgumentProbes(text, env, starts, ranges)),
    a,
    b,
    fa,
    fb,
    env,
  );
}
