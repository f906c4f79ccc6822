/**
 * A targeted search for counterexamples, before the random draws are judged: random draws miss a
 * claim that fails only on a narrow interval or at a single point. For each comparison L op R in a
 * condition, along random lines through the domain: where L − R is smallest or largest (a grid,
 * then golden-section refinement) and where it changes sign (bisection). The points found are
 * rounded to the draws' decimal grid and added as special instances, which are decided in
 * certified arithmetic like every special point; on simple lines (through edge values, in small
 * integer directions) the simplest rational point within a hair is added as well, exactly.
 */
import type { ExprNode } from '../../expr/mathjs-parser';
import { parseMath } from '../../expr/mathjs-parser';
import { literalValue } from '../../expr/literal';
import type { Compiled } from '../../numeric/value';
import { edgeValues, inDomain, type ScalarDomain } from '../../numeric/sample';
import * as Q from '../../certified/rational';
import { decimalGrid, type Rng } from '../../numeric/rng';
import { toComplex } from '../../numeric/complex';
import type { NumericEnv, DrawnInstance } from './numeric-env';
import { scalarOfValue } from './compare';

type AnyNode = ExprNode & Record<string, any>;

const COMPARISONS = new Set(['smaller', 'smallerEq', 'larger', 'largerEq', 'equal', 'unequal']);
const LINES = 6;
const SIMPLE_LINES = 6;
const GRID = 201;
/** At most this many points found per check. */
const MAX_FOUND = 32;
/** Lines along the axes through the point nearest 0, and the points they may add beyond MAX_FOUND. */
const ZERO_LINES = 3;
const ZERO_FOUND = 12;
/** Points the dips and spikes of piece arguments across 0 may add, in all, besides MAX_FOUND. */
const PIECE_FOUND = 24;
/** Lines on which a piece argument's extreme is followed off the line by descent. */
const DESCENTS = 2;
/** What such a point is called (equal decides every one of them in certified arithmetic). */
export const DIP = 'an argument of |·|, sign, step, √, log or a fractional power across 0 between grid points';
/** Local extremes of a grid refined besides its largest or smallest value, on the side where a comparison fails. */
const LOCAL_EXTREMES = 2;
/** The distances 10⁻ᵏ (relative to the range's width) at which a value the domain leaves out is approached. */
const APPROACH_DIGITS = [1, 2, 3, 4, 5, 6, 8, 10, 12, 14, 17, 20, 24];

/** Functions whose argument's sign picks a piece: where it is 0 a claim can fail in a gap no grid sees. */
const PIECEWISE = new Set(['abs', 'sign', 'step']);
/** Functions with a branch cut along the negative reals. */
const BRANCH_CUT = new Set(['sqrt', 'log']);

/** An integer constant (through parentheses and a minus sign), or undefined. */
function integerOf(raw: ExprNode): number | undefined {
  const n = raw as AnyNode;
  if (n.type === 'ParenthesisNode') return integerOf(n.content);
  if (n.type === 'OperatorNode' && n.fn === 'unaryMinus') {
    const v = integerOf(n.args[0]);
    return v === undefined ? undefined : -v;
  }
  return n.type === 'ConstantNode' && Number.isInteger(Number(n.value)) ? Number(n.value) : undefined;
}

/** The expression and the factors its sign is made of: through products, quotients, negation and integer powers (u in u², whose √ is |u|). */
function signFactors(raw: ExprNode): ExprNode[] {
  const n = raw as AnyNode;
  if (n.type === 'ParenthesisNode') return signFactors(n.content);
  const out: ExprNode[] = [raw];
  if (n.type !== 'OperatorNode') return out;
  if (n.fn === 'multiply' || n.fn === 'divide') for (const a of n.args as ExprNode[]) out.push(...signFactors(a));
  if (n.fn === 'unaryMinus') out.push(...signFactors(n.args[0]));
  if (n.fn === 'pow' && integerOf(n.args[1]) !== undefined) out.push(...signFactors(n.args[0]));
  return out;
}

/**
 * The differences L − R of every comparison in the conditions (under and, or, not), and the
 * arguments of |·|, sign and step inside them (`piece`: only their zeros matter, the kinks where
 * |x − a − δ| + |x − a + δ| = 2|x − a| fails between a − δ and a + δ).
 */
function differences(nodes: ExprNode[]): Difference[] {
  const out: Difference[] = [];
  const walk = (raw: ExprNode, top: boolean) => {
    const n = raw as AnyNode;
    if (n.type === 'ParenthesisNode') return walk(n.content, top);
    if (n.type !== 'OperatorNode') return;
    if (n.fn === 'and' || n.fn === 'or' || n.fn === 'not')
      return (n.args as ExprNode[]).forEach((a) => walk(a, top && n.fn === 'and'));
    if (!COMPARISONS.has(n.fn)) return;
    // L < R fails where L − R is largest; the others where it is smallest (at 0 for ≠, on either side).
    const strict = top && STRICT.has(n.fn);
    out.push({
      node: parseMath(`(${(n.args[0] as AnyNode).toString()}) - (${(n.args[1] as AnyNode).toString()})`),
      failsBelow: n.fn === 'smaller' || n.fn === 'smallerEq' ? -1 : 1,
      ...(n.fn === 'unequal' ? { unequal: true as const } : {}),
      ...(strict ? { strict: n } : {}),
    });
    const seen = new Set<string>();
    const piece = (arg: ExprNode, branch: boolean) => {
      const text = arg.toString();
      if (seen.has(text)) return;
      seen.add(text);
      out.push({ node: arg, failsBelow: 1, piece: branch ? 'branch' : 'kink' });
    };
    for (const side of n.args as AnyNode[]) {
      side.traverse((x: AnyNode) => {
        if (x.type === 'FunctionNode' && PIECEWISE.has(x.fn.name) && x.args.length === 1) piece(x.args[0], false);
        // max and min switch where two arguments are equal: max(u, 0) = u fails only where u < 0.
        if (x.type === 'FunctionNode' && (x.fn.name === 'max' || x.fn.name === 'min') && x.args.length >= 2) {
          const args = x.args as AnyNode[];
          for (let i = 0; i < args.length; i++)
            for (let j = i + 1; j < args.length; j++)
              piece(parseMath(`(${args[i]!.toString()}) - (${args[j]!.toString()})`), true);
        }
        // A branch cut picks a piece too: √(u²) is |u|, log u gains iπ, u^(1/3) turns complex where
        // u < 0, which for u = (x − c)² − 10⁻¹⁰ is a window of width 2·10⁻⁵ no grid point meets.
        // The factors that make the argument's sign (u in u², u·w) are searched as well.
        const branchArg =
          x.type === 'FunctionNode' && BRANCH_CUT.has(x.fn.name) && x.args.length === 1
            ? x.args[0]
            : x.type === 'OperatorNode' && x.fn === 'pow' && integerOf(x.args[1]) === undefined
              ? x.args[0]
              : undefined;
        if (branchArg) for (const f of signFactors(branchArg)) piece(f, true);
      });
    }
  };
  nodes.forEach((n) => walk(n, true));
  return out;
}

interface Difference {
  node: ExprNode;
  failsBelow: 1 | -1;
  /** An argument whose sign picks a piece: of |·|, sign or step (a kink), or of a branch cut (√, log, a fractional power) or the difference of two arguments of max or min, searched for dips across 0 only. */
  piece?: 'kink' | 'branch';
  /** Descents in every coordinate tried for it so far. */
  descents?: number;
  unequal?: true;
  /** A strict comparison (<, >, ≠) the whole condition requires: touching its boundary at any real point makes the claim false. */
  strict?: ExprNode;
}

const STRICT = new Set(['smaller', 'larger', 'unequal']);

/**
 * Where a strict comparison came within rounding of its boundary without crossing it, located in
 * accurate arithmetic: (x − √2)² > 0 is 10⁻³³ at the double nearest √2 and 0 at √2, which no
 * double reaches. Such a claim can be neither refuted at a double nor verified by them.
 */
export interface NearBoundary {
  comparison: ExprNode;
  values: number[];
  value: number;
}

/** Relative to the size of the difference along the line, how close to the boundary an extremum must come to be searched again accurately, and to count as touching it. */
const WITHIN_ROUNDING = 1e-7;
const TOUCHING = 1e-20;

/** A point of edge values of the real symbols (0, ±1, ±2, ½, the range's ends), the others as in a draw. */
function simpleOrigin(env: NumericEnv, base: DrawnInstance[], rng: Rng): number[] {
  const v = base[Math.floor(rng.next() * base.length)]!.values.slice();
  for (const s of env.sampled) {
    if (s.domain.kind !== 'real') continue;
    const edges = edgeValues(s.domain).filter((x) => x === Math.round(2 * x) / 2);
    if (edges.length) v[s.slot] = edges[Math.floor(rng.next() * edges.length)]!;
  }
  return v;
}

/** The point nearest 0 in every coordinate the domains allow (0 itself, or the range's end nearest it), the others as in a draw. */
function zeroOrigin(env: NumericEnv, start: DrawnInstance): { values: number[]; exact: Map<number, Q.Rational> } {
  const v = start.values.slice();
  const exact = new Map<number, Q.Rational>();
  for (const s of env.sampled) {
    const [lo, hi] = s.domain.kind === 'integer' ? [s.domain.min, s.domain.max] : s.domain.range;
    const x = inDomain(s.domain, 0) ? 0 : Math.abs(lo) <= Math.abs(hi) ? lo : hi;
    if (!inDomain(s.domain, x)) {
      const edges = edgeValues(s.domain);
      if (!edges.length) continue;
      v[s.slot] = edges.reduce((a, b) => (Math.abs(b) < Math.abs(a) ? b : a));
    } else v[s.slot] = x;
    exact.set(s.slot, Q.ofNumber(v[s.slot]!));
  }
  return { values: v, exact };
}

/** inDomain for an exact value (a rational just outside a range can round to its end). */
function inDomainExactly(d: ScalarDomain, x: Q.Rational): boolean {
  if (d.kind === 'integer') return x.d === 1n && x.n >= BigInt(d.min) && x.n <= BigInt(d.max);
  const [lo, hi] = d.range.map(
    (e, i) => (d.exactEnds?.[i] ? Q.ofDecimal(d.exactEnds[i]) : undefined) ?? Q.ofNumber(e),
  ) as [Q.Rational, Q.Rational];
  const [cl, ch] = [Q.cmp(x, lo), Q.cmp(x, hi)];
  if (cl < 0 || ch > 0 || (d.open?.[0] && cl === 0) || (d.open?.[1] && ch === 0)) return false;
  const sg = Q.sign(x);
  return {
    positive: sg > 0,
    negative: sg < 0,
    nonzero: sg !== 0,
    nonnegative: sg >= 0,
    nonpositive: sg <= 0,
    any: true,
  }[d.sign];
}

/** Round to the draws' decimal grid of the domain's range, inside the domain; undefined if that fails. */
function snap(d: ScalarDomain, x: number): number | undefined {
  if (d.kind === 'integer') {
    const k = Math.round(x);
    return inDomain(d, k) ? k : undefined;
  }
  const g = decimalGrid(d.range[0], d.range[1]);
  const k = Math.round(x / 10 ** g.exponent);
  const y = g.exponent < 0 ? k / 10 ** -g.exponent : k * 10 ** g.exponent;
  return inDomain(d, y) ? y : undefined;
}

/**
 * Instances found by searching along lines, for conditions over the claim's scalar symbols. None
 * when the conditions draw their own objects or involve drawn matrices (a line has no meaning there).
 */
export function searchInstances(
  env: NumericEnv,
  conditions: ExprNode[],
  compile: (n: ExprNode) => Compiled,
  base: DrawnInstance[],
  rng: Rng,
  accurate?: (node: ExprNode, values: number[]) => number | undefined,
  piecesOnly = false,
): { found: DrawnInstance[]; nearBoundary: NearBoundary[] } {
  const found: DrawnInstance[] = [];
  const nearBoundary: NearBoundary[] = [];
  // The points found so far may number at most this (raised for the lines through the zero point
  // and the approach to excluded values, which come last and must not be crowded out).
  let cap = MAX_FOUND;
  // A point found twice is one instance (the same edge point reached by several lines would count
  // several times among the undecided).
  const seen = new Set<string>();
  const fresh = (values: number[], exact?: ReadonlyMap<number, Q.Rational>) => {
    const key = env.sampled
      .map((s) => {
        const q = exact?.get(s.slot);
        return q ? `${q.n.toString()}/${q.d.toString()}` : String(values[s.slot]);
      })
      .join(',');
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  };
  // Integer symbols too: a point found is rounded to an integer (n ≠ 777777 fails at one integer).
  const symbols = env.sampled;
  if (!symbols.length || env.matrices.length) return { found, nearBoundary };
  let gs: Array<Difference & { f: Compiled }>;
  try {
    gs = differences(conditions).map((d) => ({ ...d, f: compile(d.node) }));
  } catch (e) {
    // A condition the compiler refuses leaves the search out; a bug of the tool must not (it once
    // skipped every search silently).
    if (e instanceof TypeError || e instanceof ReferenceError) throw e;
    return { found, nearBoundary };
  }
  const starts = base.filter((i) => !i.special);
  if (!gs.length || !starts.length) return { found, nearBoundary };
  const add = (values: number[], what: string) => {
    const v = values.slice();
    for (const s of env.sampled) {
      const y = snap(s.domain, v[s.slot]!);
      if (y === undefined) return;
      v[s.slot] = y;
    }
    if (found.length < cap && fresh(v)) found.push({ values: v, special: `search: ${what}`, structures: [] });
    // The point as found, to full double precision (it stands for the decimal it prints as): a
    // failure narrower than the grid (a dip of width 10⁻¹⁰) is only there. An integer symbol must
    // be whole already (on a line along the other symbols).
    if (
      found.length < cap &&
      env.sampled.every((s) => inDomain(s.domain, values[s.slot]!)) &&
      v.some((x, j) => x !== values[j]) &&
      fresh(values)
    ) {
      found.push({ values: values.slice(), special: `search: ${what} (to full precision)`, structures: [] });
    }
  };
  let chain: { values: number[]; exact: Map<number, Q.Rational> } | undefined;
  let pieceBudget = PIECE_FOUND;
  // A piece argument the draws already see on both sides of 0 hides no piece from them: the
  // descent off the line is for one that keeps its sign at every draw.
  const signsSeen = new Map<Difference, boolean>();
  const bothSigns = (g: Difference & { f: Compiled }): boolean => {
    const known = signsSeen.get(g);
    if (known !== undefined) return known;
    let pos = false;
    let neg = false;
    for (const inst of starts.slice(0, 200)) {
      try {
        const x = scalarOfValue(g.f(env.scopeOf(inst.values)));
        const z = x === undefined ? undefined : toComplex(x);
        if (z && z.im === 0) {
          if (z.re > 0) pos = true;
          if (z.re < 0) neg = true;
        }
      } catch {
        // undefined at a draw: no sign seen there
      }
    }
    signsSeen.set(g, pos && neg);
    return pos && neg;
  };
  const zeroLines = Math.min(symbols.length, ZERO_LINES);
  for (let line = 0; line < LINES + SIMPLE_LINES + zeroLines; line++) {
    // Last, the axes through the point nearest 0 in every coordinate (0 is where a claim most often
    // degenerates: a quotient of differences σ(x) − σ(y) is steepest at x = y = 0), each with a
    // budget of its own.
    const zeroAxis = line - (LINES + SIMPLE_LINES);
    if (zeroAxis === 0) cap = found.length + ZERO_FOUND;
    if (found.length >= cap) {
      if (zeroAxis >= 0) break;
      continue;
    }
    // Simple lines first (through a point of edge values, in a direction of small integers): they
    // cross a boundary with small integer coefficients, such as a + 5b = 0, at a simple rational
    // point, and that point itself is added, exactly. Then random lines through random draws.
    // The first simple lines are the axes in turn, each from the exact point where the previous one
    // came closest to failing: a coordinate search that reaches a simple point such as (0.3, 0.3).
    const simple = line < SIMPLE_LINES || zeroAxis >= 0;
    const axis = zeroAxis >= 0 ? zeroAxis : simple && line < 2 * symbols.length ? line % symbols.length : -1;
    const from = zeroAxis >= 0 ? zeroOrigin(env, starts[0]!) : axis >= 0 && chain ? chain : undefined;
    const origin = from
      ? from.values
      : simple
        ? simpleOrigin(env, base, rng)
        : starts[Math.floor(rng.next() * starts.length)]!.values;
    const originExact = from?.exact ?? new Map<number, Q.Rational>();
    const direction: number[] = symbols.map((_, j) =>
      axis >= 0 ? (j === axis ? 1 : 0) : simple ? Math.floor(rng.next() * 5) - 2 : rng.normal(),
    );
    if (!direction.some((u) => u !== 0)) direction[0] = 1;
    let closest: typeof chain;
    // The segment of the line inside the box of the ranges.
    let tMin = -Infinity;
    let tMax = Infinity;
    symbols.forEach((s, j) => {
      const [lo, hi] = s.domain.kind === 'integer' ? [s.domain.min, s.domain.max] : s.domain.range;
      const x = origin[s.slot]!;
      const u = direction[j]!;
      if (u === 0) return;
      const [a, b] = [(lo - x) / u, (hi - x) / u];
      tMin = Math.max(tMin, Math.min(a, b));
      tMax = Math.min(tMax, Math.max(a, b));
    });
    if (!(tMax > tMin)) continue;
    const point = (t: number) => {
      const v = origin.slice();
      symbols.forEach((s, j) => (v[s.slot] = origin[s.slot]! + t * direction[j]!));
      return v;
    };
    // On a simple line: the simplest rational parameter within a hair of t, and its exact point.
    const addExact = (t: number, what: string, closestToFailing = false) => {
      if (!simple || found.length >= cap) return;
      // (A smooth minimum is located only to about 1e-8 of the segment; a simple rational is the
      // only one that simple within 1e-7 of it.)
      const hair = Q.ofDouble(1e-7 * (tMax - tMin));
      const exactT = Q.simplestBetween(Q.sub(Q.ofDouble(t), hair), Q.add(Q.ofDouble(t), hair));
      const v = origin.slice();
      const exact = new Map<number, Q.Rational>();
      for (const [j, s] of symbols.entries()) {
        const onLine = Q.add(
          originExact.get(s.slot) ?? Q.ofNumber(origin[s.slot]!),
          Q.mul(exactT, Q.rat(BigInt(direction[j]!))),
        );
        // An integer symbol at the nearest integer, so that the coordinate search goes on from there.
        const x = s.domain.kind === 'integer' ? Q.ofNumber(Math.round(Q.toNumber(onLine))) : onLine;
        if (!inDomainExactly(s.domain, x)) return;
        exact.set(s.slot, x);
        v[s.slot] = Q.toNumber(x);
      }
      if (fresh(v, exact))
        found.push({ values: v, special: `search: ${what} (exactly)`, structures: [], exactOf: () => exact });
      if (closestToFailing) closest ??= { values: v, exact };
    };
    for (const g of gs) {
      const at = (t: number) => {
        try {
          const x = scalarOfValue(g.f(env.scopeOf(point(t))));
          const z = x === undefined ? undefined : toComplex(x);
          return z && z.im === 0 && Number.isFinite(z.re) ? z.re : NaN;
        } catch {
          return NaN;
        }
      };
      const ts = Array.from({ length: GRID }, (_, k) => tMin + ((tMax - tMin) * k) / (GRID - 1));
      const vs = ts.map(at);
      /** Where the comparison changes sign between a and b, located by bisection: both sides of it. */
      const crossing = (a: number, b: number, what = 'the boundary of a comparison along a line') => {
        const va = at(a);
        const vb = at(b);
        if (!Number.isFinite(va) || !Number.isFinite(vb) || Math.sign(va) === Math.sign(vb)) return;
        let [lo, hi] = [a, b];
        for (let it = 0; it < 60; it++) {
          const mid = (lo + hi) / 2;
          if (Math.sign(at(mid)) === Math.sign(va)) lo = mid;
          else hi = mid;
        }
        addExact((lo + hi) / 2, what);
        add(point(lo), what);
        add(point(hi), what);
      };
      // The size of the difference along the line: its median magnitude (a largest value can be 10³⁰⁰ where the range reaches far).
      const magnitudes = vs
        .filter(Number.isFinite)
        .map(Math.abs)
        .sort((x, y) => x - y);
      const scale = magnitudes.length ? magnitudes[Math.floor(magnitudes.length / 2)]! : 0;
      // Smallest and largest values: a narrow dip below (or spike above) the boundary.
      /** Refine an extreme of the grid (at index best) by golden-section search, and add what it finds. */
      const refineExtreme = (best: number, sign: 1 | -1) => {
        const bracket = [ts[Math.max(0, best - 1)]!, ts[Math.min(GRID - 1, best + 1)]!] as const;
        let [lo, hi] = bracket;
        const phi = (Math.sqrt(5) - 1) / 2;
        for (let it = 0; it < 60; it++) {
          const a = hi - phi * (hi - lo);
          const b = lo + phi * (hi - lo);
          if (sign * at(a) < sign * at(b)) hi = b;
          else lo = a;
        }
        const what =
          sign > 0
            ? 'the smallest value of a comparison along a line'
            : 'the largest value of a comparison along a line';
        addExact((lo + hi) / 2, what, sign === g.failsBelow);
        add(point((lo + hi) / 2), what);
        // An extreme across the boundary from its grid neighbours: a dip narrower than the grid,
        // whose two crossings the grid's sign changes miss ((n − 500)² − 1 is 0 at n = 499 and 501).
        for (const edge of bracket) crossing((lo + hi) / 2, edge);
        // An extremum within rounding of the boundary: floating point cannot tell where it is.
        const t = (lo + hi) / 2;
        if (
          !accurate ||
          g.piece ||
          !(sign === g.failsBelow || g.unequal) ||
          !(Math.abs(at(t)) <= WITHIN_ROUNDING * scale)
        )
          return;
        const precise = (u: number) => {
          const v = accurate(g.node, point(u));
          return v === undefined ? NaN : sign * v;
        };
        const located = goldenMinimum(
          precise,
          Math.max(tMin, t - 1e-3 * (tMax - tMin)),
          Math.min(tMax, t + 1e-3 * (tMax - tMin)),
        );
        if (!located) return;
        add(point(located.t), `${what}, located in accurate arithmetic`);
        const values = point(located.t);
        const real = symbols.every((s) => s.domain.kind === 'real');
        if (
          g.strict &&
          real &&
          located.value !== 0 &&
          Math.abs(located.value) <= TOUCHING * scale &&
          !nearExcluded(symbols, values)
        )
          nearBoundary.push({ comparison: g.strict, values, value: sign * located.value });
      };
      // An argument whose sign picks a piece matters where it crosses 0: at the grid's sign changes
      // below, and across a dip (or spike) narrower than the grid, found from its smallest (largest)
      // value as for a comparison.
      if (g.piece)
        for (const sign of [1, -1] as const) {
          let best = -1;
          vs.forEach((v, k) => {
            if (Number.isFinite(v) && (best < 0 || sign * v < sign * vs[best]!)) best = k;
          });
          if (best < 0 || !(sign * vs[best]! > 0) || pieceBudget <= 0) continue;
          const bracket = [ts[Math.max(0, best - 1)]!, ts[Math.min(GRID - 1, best + 1)]!] as const;
          let [lo, hi] = bracket;
          const phi = (Math.sqrt(5) - 1) / 2;
          for (let it = 0; it < 60; it++) {
            const a = hi - phi * (hi - lo);
            const b = lo + phi * (hi - lo);
            if (sign * at(a) < sign * at(b)) hi = b;
            else lo = a;
          }
          const t = (lo + hi) / 2;
          // Off the line, a dip of a function of several symbols (a disc of radius 10⁻⁵) is reached
          // by descending on the argument in every real coordinate from the line's extreme (on the
          // first lines only).
          const across = sign * at(t) < 0;
          const off =
            across || (g.descents ?? 0) >= DESCENTS || symbols.length < 2 || bothSigns(g)
              ? undefined
              : ((g.descents = (g.descents ?? 0) + 1), descendAcross(env, g.f, point(t), sign));
          // Nothing is added unless the argument crosses 0: only then is a piece hidden.
          if (!across && !off) continue;
          const before = found.length;
          const saved = cap;
          cap = found.length + pieceBudget;
          if (off) add(off, DIP);
          else {
            add(point(t), DIP);
            addExact(t, DIP);
            for (const edge of bracket) crossing(t, edge, DIP);
          }
          pieceBudget -= found.length - before;
          cap = saved + (found.length - before);
        }
      if (piecesOnly && !g.piece) continue;
      for (const sign of g.piece ? [] : ([1, -1] as const)) {
        // The grid's extreme, and on the side where the comparison fails its next local extremes
        // too: a failure at one point (cos(2πn/10007) = 1 at n = 10007) can sit at a local peak
        // lower on the grid than the range's end.
        const failing = sign === g.failsBelow || g.unequal === true;
        const order = vs
          .map((v, k) => ({ v, k }))
          .filter(
            ({ v, k }) =>
              Number.isFinite(v) &&
              (k === 0 || sign * vs[k - 1]! > sign * v) &&
              (k === GRID - 1 || !(sign * vs[k + 1]! < sign * v)),
          )
          .sort((a, b) => sign * a.v - sign * b.v);
        let best = -1;
        vs.forEach((v, k) => {
          if (Number.isFinite(v) && (best < 0 || sign * v < sign * vs[best]!)) best = k;
        });
        if (best < 0) continue;
        const extremes = [
          best,
          ...order
            .map(({ k }) => k)
            .filter((k) => Math.abs(k - best) > 1)
            .slice(0, failing ? LOCAL_EXTREMES : 0),
        ];
        for (const at0 of extremes) refineExtreme(at0, sign);
      }
      // Sign changes: the boundary itself, where a claim that fails only at one point fails. (Not
      // for a branch cut's argument: a sign change the grid sees, the draws see too.)
      if (g.piece !== 'branch') for (let k = 1; k < GRID && found.length < cap; k++) crossing(ts[k - 1]!, ts[k]!);
    }
    if (axis >= 0 && zeroAxis < 0 && closest) chain = closest;
  }
  if (accurate) approachExcluded(env, gs, chain?.values ?? starts[0]!.values, accurate, found, fresh);
  approachWrittenBounds(env, conditions, starts[0]!.values, found, fresh);
  return { found, nearBoundary };
}

/** Relative distances 10⁻ᵏ from a written bound at which it is approached, beyond what doubles resolve. */
const BOUND_DIGITS = [17, 20, 24, 30];

/**
 * A symbol compared with a written number, not an integer (x > 0.7071067811865475), approached from both sides
 * closer than doubles resolve, in exact rationals: where another condition's boundary lies within
 * 10⁻¹⁷ of it (2x² > 1, whose boundary 1/√2 lies 2.4·10⁻¹⁷ above), the two disagree on an
 * interval that holds no double, and only such a point decides the claim. Each point is an
 * instance whose exact value is the rational, decided in certified arithmetic.
 */
function approachWrittenBounds(
  env: NumericEnv,
  conditions: ExprNode[],
  base: number[],
  found: DrawnInstance[],
  fresh: (values: number[], exact?: ReadonlyMap<number, Q.Rational>) => boolean,
): void {
  const bounds: Array<{ slot: number; domain: ScalarDomain; at: Q.Rational }> = [];
  for (const root of conditions)
    root.traverse((n) => {
      const op = n as ExprNode & { fn?: string; args?: ExprNode[] };
      if (op.type !== 'OperatorNode' || !COMPARISONS.has(op.fn ?? '') || op.args?.length !== 2) return;
      const [a, b] = op.args;
      const [symbol, constant] = a!.type === 'SymbolNode' ? [a!, b!] : [b!, a!];
      const s = env.sampled.find((x) => x.label === (symbol as ExprNode & { name?: string }).name);
      if (!s || s.domain.kind !== 'real' || constant.type !== 'ConstantNode') return;
      // (An integer bound is among the edge values and the search's simple rationals already.)
      const at = literalValue(constant);
      if (at.d !== 1n) bounds.push({ slot: s.slot, domain: s.domain, at });
    });
  for (const { slot, domain, at } of bounds) {
    for (const k of BOUND_DIGITS)
      for (const side of [-1n, 1n]) {
        const x = Q.add(at, Q.mul(at, Q.rat(side, 10n ** BigInt(k))));
        if (!inDomainExactly(domain, x)) continue;
        const v = base.slice();
        v[slot] = Q.toNumber(x);
        const exact = new Map([[slot, x]]);
        if (fresh(v, exact))
          found.push({
            values: v,
            special: 'search: a written bound approached exactly',
            structures: [],
            exactOf: () => exact,
          });
      }
  }
}

/** The values a real domain leaves out inside or at the end of its range: 0 for a nonzero or signed symbol, an open end. */
function excludedValues(d: ScalarDomain): number[] {
  if (d.kind !== 'real') return [];
  const [lo, hi] = d.range;
  const zero = d.sign === 'nonzero' || d.sign === 'positive' || d.sign === 'negative';
  return [
    ...new Set([
      ...(zero && lo <= 0 && hi >= 0 ? [0] : []),
      ...(d.open?.[0] ? [lo] : []),
      ...(d.open?.[1] ? [hi] : []),
    ]),
  ];
}

/**
 * A value the domain leaves out, approached: a condition that tends to its boundary there
 * ((1 − cos x)/x² → 1/2 as x → 0 for a nonzero x) fails, if at all, only within a distance that no
 * draw comes (|x| < 1.5·10⁻⁵ for (1 − cos x)/x² < 0.49999999999, x < 2·10⁻¹¹ for
 * log(1 + x)/x < 0.9999999999), and floating point's cancellation hides it there. Each comparison is
 * evaluated in accurate arithmetic at e ± 10⁻ᵏ·w (w the range's width, k from 1 to 24) along each coordinate
 * in turn, from the point where the search came closest to failing, and the point where it comes
 * closest to failing (or fails) is added, as the decimal it is.
 */
function approachExcluded(
  env: NumericEnv,
  gs: Array<Difference & { f: Compiled }>,
  base: number[],
  accurate: (node: ExprNode, values: number[]) => number | undefined,
  found: DrawnInstance[],
  fresh: (values: number[]) => boolean,
): void {
  for (const s of env.sampled) {
    const excluded = excludedValues(s.domain);
    if (!excluded.length || s.domain.kind !== 'real') continue;
    const [lo, hi] = s.domain.range;
    const width = hi - lo;
    for (const g of gs) {
      if (g.piece) continue;
      let worst: { values: number[]; badness: number } | undefined;
      for (const e of excluded) {
        for (const side of [-1, 1]) {
          for (const k of APPROACH_DIGITS) {
            const x = Number((e + side * width * 10 ** -k).toPrecision(15));
            if (x === e || !inDomain(s.domain, x)) continue;
            const values = base.slice();
            values[s.slot] = x;
            const v = accurate(g.node, values);
            if (v === undefined || !Number.isFinite(v)) continue;
            // How far from failing: L − R ≥ 0 fails below 0, L < R fails at or above 0, L ≠ R at 0.
            const badness = g.unequal ? Math.abs(v) : g.failsBelow * v;
            if (!worst || badness < worst.badness) worst = { values, badness };
          }
        }
      }
      if (worst && fresh(worst.values))
        found.push({
          values: worst.values,
          special: 'search: approaching a value the domain leaves out',
          structures: [],
        });
    }
  }
}

/**
 * Whether a point lies within a hair of a value a domain leaves out (0 for a nonzero or signed
 * symbol, the end of an open range): a strict comparison that tends to its boundary there
 * (eˣ − 1 − x > 0 for x ≠ 0) touches it nowhere in the domain.
 */
function nearExcluded(symbols: NumericEnv['sampled'], values: number[]): boolean {
  return symbols.some((s) => {
    if (s.domain.kind !== 'real') return false;
    const [lo, hi] = s.domain.range;
    const hair = 1e-9 * Math.max(hi - lo, 1e-300);
    const x = values[s.slot]!;
    const excluded = [
      ...(s.domain.sign === 'any' || s.domain.sign === 'nonnegative' || s.domain.sign === 'nonpositive' ? [] : [0]),
      ...(s.domain.open?.[0] ? [lo] : []),
      ...(s.domain.open?.[1] ? [hi] : []),
    ];
    return excluded.some((e) => Math.abs(x - e) <= hair);
  });
}

/** The minimum of f on [a, b] by golden-section search to the resolution of doubles (f unimodal there; NaN where undefined). */
export function goldenMinimum(
  f: (t: number) => number,
  a: number,
  b: number,
): { t: number; value: number } | undefined {
  const phi = (Math.sqrt(5) - 1) / 2;
  let [lo, hi] = [a, b];
  let x1 = hi - phi * (hi - lo);
  let x2 = lo + phi * (hi - lo);
  let [f1, f2] = [f(x1), f(x2)];
  for (let it = 0; it < 100 && x1 < x2; it++) {
    if (!Number.isFinite(f1) || !Number.isFinite(f2)) return undefined;
    if (f1 < f2) {
      [hi, x2, f2] = [x2, x1, f1];
      x1 = hi - phi * (hi - lo);
      f1 = f(x1);
    } else {
      [lo, x1, f1] = [x1, x2, f2];
      x2 = lo + phi * (hi - lo);
      f2 = f(x2);
    }
  }
  const [t, value] = f1 < f2 ? [x1, f1] : [x2, f2];
  return Number.isFinite(value) ? { t, value } : undefined;
}

/**
 * From start, coordinate Newton steps (halved until the value falls, kept inside the ranges) on
 * sign·f over the real symbols, until sign·f < 0: the point then, or undefined.
 */
function descendAcross(env: NumericEnv, f: Compiled, start: number[], sign: 1 | -1): number[] | undefined {
  const value = (v: number[]) => {
    try {
      const x = scalarOfValue(f(env.scopeOf(v)));
      const z = x === undefined ? undefined : toComplex(x);
      return z && z.im === 0 && Number.isFinite(z.re) ? sign * z.re : undefined;
    } catch {
      return undefined;
    }
  };
  const reals = env.sampled.filter((s) => s.domain.kind === 'real');
  let x = start.slice();
  let fx = value(x);
  if (fx === undefined) return undefined;
  for (let it = 0; it < 40 && fx >= 0; it++) {
    let moved = false;
    for (const s of reals) {
      if (fx < 0) break;
      const k = s.slot;
      const [lo, hi] = (s.domain as Extract<ScalarDomain, { kind: 'real' }>).range;
      const h = 1e-4 * Math.max(1e-300, hi - lo);
      const at = (t: number) => {
        const y = x.slice();
        y[k] = t;
        return y;
      };
      const fp = value(at(x[k]! + h));
      const fm = value(at(x[k]! - h));
      if (fp === undefined || fm === undefined) continue;
      const g = (fp - fm) / (2 * h);
      const H = (fp - 2 * fx + fm) / (h * h);
      if (g === 0) continue;
      let step = H > 0 ? -g / H : (-Math.sign(g) * (hi - lo)) / 4;
      for (let tries = 0; tries < 30; tries++, step /= 2) {
        const t = x[k]! + step;
        if (t < lo || t > hi) continue;
        const y = at(t);
        const fy = value(y);
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
  return fx < 0 && env.sampled.every((s) => inDomain(s.domain, x[s.slot]!)) ? x : undefined;
}
