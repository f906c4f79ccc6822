/**
 * Instances for the numeric checks, drawn from each symbol's declared domain. Random draws never
 * hit measure-zero cases, so every run starts with the domain's special cases on purpose: zero
 * and sign boundaries, range ends, tiny values, coincident and opposite parameters, and the
 * claim's own special points. Each value stands for the decimal it prints as (or, for a special
 * point or a structured draw, the exact value it carries), so a floating-point near-miss is
 * decided in certified arithmetic at that exact point.
 */
import type { Rng } from './rng';
import { ofDecimal, type Rational } from '../certified/rational';
import type { SignConstraint } from '../model/claim';

export type ScalarDomain =
  | {
      kind: 'real';
      sign: SignConstraint;
      range: [number, number];
      open?: [boolean, boolean];
      written?: true;
      exactEnds?: [string | undefined, string | undefined];
    }
  | { kind: 'integer'; min: number; max: number };

export interface SampledSymbol {
  /** Index in the instance vector. */
  slot: number;
  /** Name to show (user spelling). */
  label: string;
  domain: ScalarDomain;
}

const TINY = 1 / 1024;

/**
 * Whether x is a value the claim is about: in a range the claim writes (x ≤ 1 on [0, 1] says
 * nothing of x = 2; n in 1..10 nothing of n = 0), with its sign and, for an integer, whole. A range
 * left to its default only says where draws come from: there the sign alone counts.
 */
function assumptionsHold(d: ScalarDomain, x: number): boolean {
  if (Number.isNaN(x)) return true;
  if (d.kind === 'integer' || d.written) return inDomain(d, x);
  return inDomain({ ...d, range: [-Infinity, Infinity], open: [false, false] }, x);
}

export function inDomain(d: ScalarDomain, x: number): boolean {
  if (d.kind === 'integer') return Number.isInteger(x) && x >= d.min && x <= d.max;
  if (x < d.range[0] || x > d.range[1]) return false;
  if ((d.open?.[0] && x === d.range[0]) || (d.open?.[1] && x === d.range[1])) return false;
  switch (d.sign) {
    case 'positive':
      return x > 0;
    case 'negative':
      return x < 0;
    case 'nonzero':
      return x !== 0;
    case 'nonnegative':
      return x >= 0;
    case 'nonpositive':
      return x <= 0;
    default:
      return true;
  }
}

export function edgeValues(d: ScalarDomain): number[] {
  const candidates =
    d.kind === 'integer'
      ? [d.min, d.max, d.min + 1, Math.floor((d.min + d.max) / 2)]
      : [0, 1, -1, TINY, -TINY, 0.5, -0.5, 2, -2, d.range[0], d.range[1]];
  const inside = [...new Set(candidates)].filter((x) => inDomain(d, x));
  // An open range that holds none of them ((1, 2)) has its midpoint: every edge combination needs a value.
  if (inside.length === 0 && d.kind !== 'integer') {
    const mid = (d.range[0] + d.range[1]) / 2;
    if (inDomain(d, mid)) return [mid];
  }
  return inside;
}

export function draw(d: ScalarDomain, rng: Rng): number {
  if (d.kind === 'integer') return rng.int(d.min, d.max);
  for (let k = 0; k < 64; k++) {
    const x = rng.uniform(d.range[0], d.range[1]);
    if (inDomain(d, x)) return x;
  }
  return edgeValues(d)[0] ?? d.range[1];
}

export interface Instance {
  values: number[];
  /**
   * Slots whose exact value is not the decimal their double prints as (a special point such as
   * h = 2/3, the entries of a structured matrix draw), computed on demand.
   */
  exactOf?: () => ReadonlyMap<number, Rational>;
  /** What makes it special ("edge: sigma = 1/1024", "coincident: a = b"); undefined for a generic draw. */
  special?: string;
}

/** A hand-named special point: sets some slots from the others (already drawn). */
export interface SpecialPoint {
  label: string;
  apply(values: number[]): void;
  /** The exact values it sets, where they are not the decimals their doubles print as (h = 1/3). */
  exact?(values: number[]): Map<number, Rational>;
}

export interface PlanOptions {
  count: number;
  rng: Rng;
  specials?: SpecialPoint[];
  /** Upper bound on generated edge-case instances. */
  maxEdges?: number;
  size: number;
}

function fmt(x: number): string {
  return Number.isInteger(x) ? String(x) : Math.abs(x) === TINY ? `${x < 0 ? '-' : ''}1/1024` : String(x);
}

/** The full, deterministic list of instances for one check: special cases first, then draws. */
export function planInstances(symbols: SampledSymbol[], opts: PlanOptions): Instance[] {
  return withExactEnds(symbols, plannedInstances(symbols, opts));
}

/**
 * An instance at a range's end written with more digits than its double keeps (x ∈ [0,
 * 0.33333333333333334]) stands for the decimal written there, not for the double nearest it (the
 * double of 1/3, where x − 1/3 vanishes): exact arithmetic decides it, and prints it, as written.
 */
function withExactEnds(symbols: SampledSymbol[], instances: Instance[]): Instance[] {
  const ends = symbols.flatMap((s) =>
    s.domain.kind === 'real' && s.domain.exactEnds
      ? s.domain.range.flatMap((x, i) => {
          const q = s.domain.kind === 'real' && s.domain.exactEnds?.[i] ? ofDecimal(s.domain.exactEnds[i]) : undefined;
          return q ? [{ slot: s.slot, x, q }] : [];
        })
      : [],
  );
  if (!ends.length) return instances;
  return instances.map((inst) => {
    const at = ends.filter((e) => inst.values[e.slot] === e.x);
    if (!at.length) return inst;
    const own = inst.exactOf;
    return { ...inst, exactOf: () => new Map([...(own?.() ?? []), ...at.map((e) => [e.slot, e.q] as const)]) };
  });
}

function plannedInstances(symbols: SampledSymbol[], opts: PlanOptions): Instance[] {
  const { rng, size } = opts;
  // Edge combinations take up to a quarter of the instances (at least 256): with three symbols of
  // eleven edge values each, 256 left a = b = 0, c < 0 to chance.
  const maxEdges = opts.maxEdges ?? Math.max(256, Math.floor(opts.count / 4));
  const fresh = () => {
    const v = new Array<number>(size).fill(0);
    for (const s of symbols) v[s.slot] = draw(s.domain, rng);
    return v;
  };
  const out: Instance[] = [];
  edgeInstances(symbols, maxEdges, fresh, opts, out);
  coincidentInstances(symbols, fresh, out);
  specialInstances(symbols, opts.specials ?? [], fresh, out);
  // A tight budget (dynamics: each instance is a whole run) keeps an even spread of the special cases.
  if (opts.maxEdges !== undefined && out.length > opts.maxEdges) {
    const stride = out.length / opts.maxEdges;
    const kept = Array.from({ length: opts.maxEdges }, (_, k) => out[Math.floor(k * stride)]!);
    out.length = 0;
    out.push(...kept);
  }
  // Integer symbols alone, with few combinations (and no tight budget): every combination instead
  // of draws (n² ≠ 2m² + 1 for n, m in 1..100 fails at 3 of 10 000; draws find them by chance).
  const combinations = symbols.reduce(
    (n, s) => (s.domain.kind === 'integer' ? n * (s.domain.max - s.domain.min + 1) : Infinity),
    1,
  );
  if (opts.maxEdges === undefined && symbols.length > 0 && combinations <= Math.max(opts.count, EVERY_COMBINATION))
    return [...out, ...integerCombinations(symbols, size, combinations)];
  while (out.length < opts.count) out.push({ values: fresh() });
  return out;
}

/** The domains' edge values: every combination where they fit in the budget, else the simplest ones, each symbol's alone and random mixes. */
function edgeInstances(
  symbols: SampledSymbol[],
  maxEdges: number,
  fresh: () => number[],
  { rng, size }: PlanOptions,
  out: Instance[],
): void {
  const edges = symbols.map((s) => edgeValues(s.domain));
  const total = edges.reduce((n, e) => n * Math.max(1, e.length), 1);
  if (symbols.length > 0 && total <= maxEdges) {
    // Every combination of edge values (they fit in the budget).
    const idx = symbols.map(() => 0);
    for (let k = 0; k < total; k++) {
      const v = new Array<number>(size).fill(0);
      symbols.forEach((s, j) => (v[s.slot] = edges[j]![idx[j]!]!));
      out.push({
        values: v,
        special: `edge: ${symbols.map((s, j) => `${s.label} = ${fmt(edges[j]![idx[j]!]!)}`).join(', ')}`,
      });
      for (let j = 0; j < idx.length; j++) {
        idx[j]!++;
        if (idx[j]! < edges[j]!.length) break;
        idx[j] = 0;
      }
    }
  } else if (symbols.length > 0) {
    // Every combination of the three simplest edge values of each symbol (0, ±1 where the domain
    // has them: edgeValues lists them first), when they fit in half the budget: where a claim about
    // singular or degenerate cases fails (a = b = 0, c = −1).
    const simplest = edges.map((e) => e.slice(0, 3));
    const simpleCount = simplest.reduce((n, e) => n * Math.max(1, e.length), 1);
    if (simpleCount <= maxEdges / 2) {
      const idx = symbols.map(() => 0);
      for (let c = 0; c < simpleCount; c++) {
        const v = fresh();
        symbols.forEach((s, j) => {
          if (simplest[j]!.length) v[s.slot] = simplest[j]![idx[j]!]!;
        });
        out.push({
          values: v,
          special: `edge: ${symbols
            .filter((_, j) => simplest[j]!.length)
            .map((s) => `${s.label} = ${fmt(v[s.slot]!)}`)
            .join(', ')}`,
        });
        for (let j = 0; j < idx.length; j++) {
          idx[j]!++;
          if (idx[j]! < Math.max(1, simplest[j]!.length)) break;
          idx[j] = 0;
        }
      }
    }
    // One symbol at an edge, the others drawn; then random mixes of edge values.
    symbols.forEach((s, j) => {
      for (const x of edges[j]!) {
        const v = fresh();
        v[s.slot] = x;
        out.push({ values: v, special: `edge: ${s.label} = ${fmt(x)}` });
      }
    });
    while (out.length < maxEdges && symbols.length > 0) {
      const v = new Array<number>(size).fill(0);
      symbols.forEach((s, j) => (v[s.slot] = edges[j]!.length ? rng.pick(edges[j]!) : draw(s.domain, rng)));
      out.push({ values: v, special: 'edge: mixed edge values' });
    }
  }
}

/** Coincident and opposite parameters: b = a and b = −a, the others drawn. */
function coincidentInstances(symbols: SampledSymbol[], fresh: () => number[], out: Instance[]): void {
  for (let a = 0; a < symbols.length; a++)
    for (let b = a + 1; b < symbols.length; b++) {
      const A = symbols[a]!;
      const B = symbols[b]!;
      for (const sign of [1, -1]) {
        const v = fresh();
        const x = sign * v[A.slot]!;
        if (!inDomain(B.domain, x)) continue;
        v[B.slot] = x;
        out.push({ values: v, special: `coincident: ${B.label} = ${sign < 0 ? '-' : ''}${A.label}` });
      }
    }
}

/** Each special point of the claim, eight times with the other symbols drawn. */
function specialInstances(
  symbols: SampledSymbol[],
  specials: SpecialPoint[],
  fresh: () => number[],
  out: Instance[],
): void {
  for (const sp of specials) {
    for (let k = 0; k < 8; k++) {
      const v = fresh();
      sp.apply(v);
      // A claim assumes its symbols' signs (a range only says where draws come from): a special
      // point against them is no instance of the claim, and is left out (it could refute a true
      // claim, or witness an existence the signs rule out).
      if (symbols.some((s) => !assumptionsHold(s.domain, v[s.slot]!))) continue;
      const exact = sp.exact?.(v);
      out.push({
        values: v,
        special: `special: ${sp.label}`,
        ...(exact && exact.size ? { exactOf: () => exact } : {}),
      });
    }
  }
}

/** Every combination of the integer symbols' values, in order. */
function integerCombinations(symbols: SampledSymbol[], size: number, combinations: number): Instance[] {
  const out: Instance[] = [];
  for (let k = 0; k < combinations; k++) {
    const v = new Array<number>(size).fill(0);
    let rest = k;
    for (const s of symbols) {
      const d = s.domain as { min: number; max: number };
      const width = d.max - d.min + 1;
      v[s.slot] = d.min + (rest % width);
      rest = Math.floor(rest / width);
    }
    out.push({ values: v });
  }
  return out;
}

/** Up to this many combinations of integer symbols are tried one by one, whatever the count. */
const EVERY_COMBINATION = 10_000;
