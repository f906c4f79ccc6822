/**
 * A targeted search for counterexamples, before the random draws are judged: random draws miss a
 * claim that fails only on a narrow interval or at a single point. For each comparison L op R in a
 * condition, along random lines through the domain: where L − R is smallest or largest (a grid,
 * then golden-section refinement) and where it changes sign (bisection). The points found are
 * rounded to the draws' decimal grid and added as special instances, which are decided in
 * certified arithmetic like every special point.
 */
import type { ExprNode } from '../../expr/mathjs-parser';
import { parseMath } from '../../expr/mathjs-parser';
import type { Compiled } from '../../numeric/compile';
import { inDomain, type ScalarDomain } from '../../numeric/sample';
import { decimalGrid, type Rng } from '../../numeric/rng';
import { toComplex } from '../../numeric/complex';
import type { NumericEnv, DrawnInstance } from './numeric-env';
import { scalarOfValue } from './compare';

type AnyNode = ExprNode & Record<string, any>;

const COMPARISONS = new Set(['smaller', 'smallerEq', 'larger', 'largerEq', 'equal', 'unequal']);
const LINES = 6;
const GRID = 201;
/** At most this many points found per check. */
const MAX_FOUND = 24;

/** The differences L − R of every comparison in the conditions (under and, or, not). */
function differences(nodes: ExprNode[]): ExprNode[] {
  const out: ExprNode[] = [];
  const walk = (raw: ExprNode) => {
    const n = raw as AnyNode;
    if (n.type === 'ParenthesisNode') return walk(n.content);
    if (n.type !== 'OperatorNode') return;
    if (n.fn === 'and' || n.fn === 'or' || n.fn === 'not') return (n.args as ExprNode[]).forEach(walk);
    if (COMPARISONS.has(n.fn)) out.push(parseMath(`(${(n.args[0] as AnyNode).toString()}) - (${(n.args[1] as AnyNode).toString()})`));
  };
  nodes.forEach(walk);
  return out;
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
export function searchInstances(env: NumericEnv, conditions: ExprNode[], compile: (n: ExprNode) => Compiled, base: DrawnInstance[], rng: Rng): DrawnInstance[] {
  const symbols = env.sampled.filter((s) => s.domain.kind === 'real');
  if (!symbols.length || env.matrices.length) return [];
  let gs: Compiled[];
  try {
    gs = differences(conditions).map(compile);
  } catch {
    return [];
  }
  const starts = base.filter((i) => !i.special);
  if (!gs.length || !starts.length) return [];
  const found: DrawnInstance[] = [];
  const add = (values: number[], what: string) => {
    const v = values.slice();
    for (const s of env.sampled) {
      const y = snap(s.domain, v[s.slot]!);
      if (y === undefined) return;
      v[s.slot] = y;
    }
    if (found.length < MAX_FOUND) found.push({ values: v, special: `search: ${what}`, structures: [] });
  };
  for (let line = 0; line < LINES && found.length < MAX_FOUND; line++) {
    const origin = starts[Math.floor(rng.next() * starts.length)]!.values;
    const direction = symbols.map(() => rng.normal());
    // The segment of the line inside the box of the ranges.
    let tMin = -Infinity;
    let tMax = Infinity;
    symbols.forEach((s, j) => {
      const [lo, hi] = (s.domain as { range: [number, number] }).range;
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
    for (const g of gs) {
      const at = (t: number) => {
        try {
          const x = scalarOfValue(g(env.scopeOf(point(t))));
          const z = x === undefined ? undefined : toComplex(x);
          return z && z.im === 0 && Number.isFinite(z.re) ? z.re : NaN;
        } catch {
          return NaN;
        }
      };
      const ts = Array.from({ length: GRID }, (_, k) => tMin + ((tMax - tMin) * k) / (GRID - 1));
      const vs = ts.map(at);
      // Smallest and largest values: a narrow dip below (or spike above) the boundary.
      for (const sign of [1, -1]) {
        let best = -1;
        vs.forEach((v, k) => {
          if (Number.isFinite(v) && (best < 0 || sign * v < sign * vs[best]!)) best = k;
        });
        if (best < 0) continue;
        let lo = ts[Math.max(0, best - 1)]!;
        let hi = ts[Math.min(GRID - 1, best + 1)]!;
        const phi = (Math.sqrt(5) - 1) / 2;
        for (let it = 0; it < 60; it++) {
          const a = hi - phi * (hi - lo);
          const b = lo + phi * (hi - lo);
          if (sign * at(a) < sign * at(b)) hi = b;
          else lo = a;
        }
        add(point((lo + hi) / 2), sign > 0 ? 'the smallest value of a comparison along a line' : 'the largest value of a comparison along a line');
      }
      // Sign changes: the boundary itself, where a claim that fails only at one point fails.
      for (let k = 1; k < GRID && found.length < MAX_FOUND; k++) {
        const [va, vb] = [vs[k - 1]!, vs[k]!];
        if (!Number.isFinite(va) || !Number.isFinite(vb) || Math.sign(va) === Math.sign(vb)) continue;
        let [lo, hi] = [ts[k - 1]!, ts[k]!];
        for (let it = 0; it < 60; it++) {
          const mid = (lo + hi) / 2;
          if (Math.sign(at(mid)) === Math.sign(va)) lo = mid;
          else hi = mid;
        }
        add(point(lo), 'the boundary of a comparison along a line');
        add(point(hi), 'the boundary of a comparison along a line');
      }
    }
  }
  return found;
}
