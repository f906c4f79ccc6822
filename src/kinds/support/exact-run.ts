/**
 * A run of an update map again in exact rational arithmetic, from its exact start and parameters:
 * a failure floating point saw is certified when the exact run fails the criterion too. Runs that
 * fail at a fixed point, an end of the start range or a division by zero (the usual way a claim
 * about dynamics is wrong) stay rational; a run whose values leave the rationals (a square root,
 * an exponential) or grow past a size limit is not certified here.
 */
import { constantNode, operatorNode, type ExprNode } from '../../expr/mathjs-parser';
import * as Q from '../../certified/rational';
import { isMatrix, type NValue } from '../../numeric/value';
import { numMatrix } from '../../numeric/linalg';
import type { ClaimContext } from '../kind';
import type { NumericEnv } from './numeric-env';
import { accurateValue, certifiedTruth, exactMatrix, exactScalar, type LocalValue } from './certify';
import { literalValue } from '../../expr/literal';
import { rateOfAffineMap, rateOfPolynomialMap, type ClaimedRate } from './exact-rate';

/** Past this many bits in a numerator or denominator the exact run stops (it would only slow down). */
const MAX_BITS = 4096;

/** A rational as text, or its approximate value when the text would be long. */
const short = (q: Q.Rational) => {
  const t = Q.ratText(q);
  return t.length <= 40 ? t : `≈ ${Q.toNumber(q).toPrecision(8)}`;
};

/** A number of a criterion: its double, and the text written, whose exact value counts (0.5000000000000000001, not 0.5). */
export interface Bound {
  value: number;
  written?: string;
}
const exactOf = (b: Bound) => (b.written !== undefined ? Q.ofDecimal(b.written) : undefined) ?? Q.ofNumber(b.value);

export type ExactCriterion =
  | { kind: 'converges'; to: Array<ExprNode | undefined>; tol: Bound }
  | { kind: 'diverges'; from: Array<ExprNode | undefined>; factor: Bound }
  | { kind: 'stays'; from: Array<ExprNode | undefined>; within: [Bound, Bound] }
  | { kind: 'conserves'; quantity: ExprNode; tol: Bound }
  /** ‖x_k − x̄‖/ρ^k bounded, for a map polynomial in the state of the degree given (exact-rate.ts); `converged`: floating point's run tends to x̄. */
  | { kind: 'rate'; to: Array<ExprNode | undefined>; rho: ExprNode; degree: number; converged?: boolean };

export interface ExactRunInput {
  ctx: ClaimContext;
  env: NumericEnv;
  state: string[];
  /** The stages of the update, each a map from state index to the new value's expression. */
  stages: Array<{ map: Array<{ k: number; node: ExprNode }>; repeat: number }>;
  steps: number;
  criterion: ExactCriterion;
  when?: ExprNode;
  /** The run's instance (parameters) and its exact values. */
  values: number[];
  exact?: ReadonlyMap<number, Q.Rational>;
  /** The run's start: the state and any other value the start drew. */
  start: ReadonlyMap<string, NValue>;
  /** Exact values of numbers in `start` that are not the double they show (1/3 for an exceptional start). */
  exactStart?: ReadonlyMap<string, Q.Rational>;
}

/** The premise (`when:`) at a run's exact start: 1, 0, or undefined where exact arithmetic cannot tell. */
export function premiseExactly(
  input: Pick<ExactRunInput, 'ctx' | 'env' | 'state' | 'when' | 'values' | 'exact' | 'start' | 'exactStart'>,
): 1 | 0 | undefined {
  const start = exactStart(input);
  if (!start || !input.when) return undefined;
  const t = certifiedTruth(input.when, input.ctx, input.env, start.values, start.locals, start.exact);
  return t === 1 || t === 0 ? t : undefined;
}

/**
 * Whether a flow's field vanishes exactly at the run's start (every component 0 in exact
 * arithmetic): the solution stays at the start for all time, whatever RK4 does with it.
 */
export function atRestExactly(
  input: Pick<ExactRunInput, 'ctx' | 'env' | 'state' | 'values' | 'exact' | 'start' | 'exactStart'> & {
    field: Array<{ node: ExprNode }>;
  },
): boolean {
  const start = exactStart(input);
  if (!start) return false;
  return input.field.every(({ node }) => {
    const q = exactScalar(node, input.ctx, input.env, start.values, start.locals, start.exact);
    return q !== undefined && q !== 'undefined' && Q.isZero(q);
  });
}

/** An expression of the state at the run's exact start, in exact arithmetic (undefined where it has no exact value). */
export function exactValueAtStart(
  input: Pick<ExactRunInput, 'ctx' | 'env' | 'state' | 'values' | 'exact' | 'start' | 'exactStart'>,
  node: ExprNode,
): Q.Rational | undefined {
  const start = exactStart(input);
  const q = start && exactScalar(node, input.ctx, input.env, start.values, start.locals, start.exact);
  return q === 'undefined' ? undefined : q;
}

/** Where a state variable's entries sit in the run's flat list of entries (a number is one entry). */
interface Part {
  offset: number;
  rows: number;
  cols: number;
  vector: boolean;
}

/**
 * The run's start in exact arithmetic: the state, as one flat list of rational entries (a vector
 * state contributes its entries, row by row), and the values and locals certified evaluation reads.
 */
function exactStart(input: Pick<ExactRunInput, 'env' | 'state' | 'values' | 'exact' | 'start' | 'exactStart'>) {
  const { env, state } = input;
  const values = input.values.slice();
  const exact = new Map(input.exact ?? []);
  const locals = new Map<string, LocalValue>();
  const starts: Array<{ entries: Q.Rational[]; rows: number; cols: number; vector: boolean } | undefined> = [];
  for (const [name, v] of input.start) {
    const k = state.indexOf(name);
    if (isMatrix(v) && v.data.every(Number.isFinite)) {
      const entries = Array.from(v.data, (e) => Q.ofNumber(e));
      locals.set(name, { value: v, exact: () => entries });
      if (k >= 0) starts[k] = { entries, rows: v.rows, cols: v.cols, vector: true };
      continue;
    }
    if (typeof v !== 'number' || !Number.isFinite(v)) return undefined;
    const q = input.exactStart?.get(name) ?? Q.ofNumber(v);
    locals.set(name, { value: v, exact: () => [q] });
    if (k >= 0) starts[k] = { entries: [q], rows: 1, cols: 1, vector: false };
  }
  if (state.some((_, k) => !starts[k])) return undefined;
  const parts: Part[] = [];
  let offset = 0;
  for (const st of starts as NonNullable<(typeof starts)[number]>[]) {
    parts.push({ offset, rows: st.rows, cols: st.cols, vector: st.vector });
    offset += st.entries.length;
  }
  const x: Q.Rational[] = starts.flatMap((st) => st!.entries);
  const setState = (k: number, entries: Q.Rational[]) => {
    const part = parts[k]!;
    entries.forEach((q, i) => (x[part.offset + i] = q));
    const numbers = entries.map((q) => Q.toNumber(q));
    locals.set(state[k]!, {
      value: part.vector ? numMatrix(part.rows, part.cols, numbers) : numbers[0]!,
      exact: () => entries,
    });
    // A state variable that is a symbol of the model (a number, or a vector's entries): derived quantities read its slots.
    (env.symbolSlots(state[k]!) ?? []).forEach((slot, i) => {
      if (i >= entries.length) return;
      values[slot] = numbers[i]!;
      exact.set(slot, entries[i]!);
    });
  };
  parts.forEach((part, k) => setState(k, x.slice(part.offset, part.offset + part.rows * part.cols)));
  return { values, exact, locals, x, parts, setState };
}

/** What the exact run says: the failure certified (with a summary), the criterion met ('passes'), the premise false in exact arithmetic, or undefined (not decided). */
export function runExactly(input: ExactRunInput): { summary: string } | 'passes' | 'premise false' | undefined {
  const { ctx, env, state, criterion } = input;
  const start = exactStart(input);
  if (!start) return undefined;
  const { values, exact, locals, x, parts, setState } = start;
  if (input.when) {
    const premise = certifiedTruth(input.when, ctx, env, values, locals, exact);
    if (premise === 0) return 'premise false';
    if (premise !== 1) return undefined;
  }
  const value = (node: ExprNode) => exactScalar(node, ctx, env, values, locals, exact);

  // The criterion's point (a state variable it leaves out is compared with itself) and squared distance.
  const entriesOf = (k: number): Q.Rational[] =>
    x.slice(parts[k]!.offset, parts[k]!.offset + parts[k]!.rows * parts[k]!.cols);
  // A state variable's new value or point: a number, or a vector's entries (a number stands for every entry).
  const valueFor = (k: number, node: ExprNode): Q.Rational[] | 'undefined' | undefined => {
    const part = parts[k]!;
    const size = part.rows * part.cols;
    if (part.vector) {
      const m = exactMatrix(node, ctx, env, values, locals, exact);
      if (m) return m.entries.length === size ? m.entries : undefined;
    }
    const q = value(node);
    return q === undefined || q === 'undefined' ? q : Array.from({ length: size }, () => q);
  };
  const pointOf = (at: Array<ExprNode | undefined>): Q.Rational[] | undefined => {
    const out: Q.Rational[] = [];
    for (const [k, n] of at.entries()) {
      const v = n ? valueFor(k, n) : entriesOf(k);
      if (!Array.isArray(v)) return undefined;
      out.push(...v);
    }
    return out;
  };
  // The point is taken at the start's parameters; it may be irrational (√2), which only matters
  // if the run gets as far as being compared with it.
  const target =
    criterion.kind === 'conserves' || criterion.kind === 'rate'
      ? []
      : pointOf(criterion.kind === 'converges' ? criterion.to : criterion.from);
  const distance2 = (to: Q.Rational[]) =>
    x.reduce((s, q, k) => {
      const d = Q.sub(q, to[k] ?? q);
      return Q.add(s, Q.mul(d, d));
    }, Q.ZERO);
  const d0 = target && distance2(target);
  const q0 = criterion.kind === 'conserves' ? value(criterion.quantity) : undefined;
  if (criterion.kind === 'conserves' && (q0 === undefined || q0 === 'undefined')) return undefined;
  const square = (t: Bound) => Q.mul(exactOf(t), exactOf(t));
  // One step of the map from the current state: false where the map divides by zero, undefined where exact arithmetic cannot follow.
  const advance = (): boolean | undefined => {
    for (const stage of input.stages)
      for (let r = 0; r < stage.repeat; r++) {
        const next = stage.map.map(({ k, node }) => ({ k, v: valueFor(k, node) }));
        for (const { v } of next) {
          if (v === undefined) return undefined;
          if (v === 'undefined') return false;
          if (v.some((q) => q.n.toString(2).length > MAX_BITS || q.d.toString(2).length > MAX_BITS)) return undefined;
        }
        for (const { k, v } of next) setState(k, v as Q.Rational[]);
      }
    return true;
  };
  // ρ exactly: a rational, or the spectral radius of a rational matrix (irrational in general).
  const claimedRate = (node: ExprNode): ClaimedRate | undefined => {
    const q = value(node);
    if (q !== undefined && q !== 'undefined') return q;
    const n = node as ExprNode & { fn?: { name?: string }; args?: ExprNode[] };
    if (n.type === 'FunctionNode' && n.fn?.name === 'spectralRadius' && n.args?.length === 1) {
      const matrix = exactMatrix(n.args[0]!, ctx, env, values, locals, exact);
      if (matrix && matrix.rows * matrix.rows === matrix.entries.length) return { spectralRadiusOf: matrix.entries };
    }
    // Otherwise rational bounds a hair either side of ρ, each certified.
    const approx = accurateValue(node, ctx, env, values, exact, locals);
    if (approx === undefined || !(approx > 0)) return undefined;
    const bounds = [approx * (1 - 1e-9), approx * (1 + 1e-9)];
    const certified = bounds.every(
      (b, i) =>
        certifiedTruth(
          operatorNode(i === 0 ? '>' : '<', i === 0 ? 'larger' : 'smaller', [node, constantNode(b)]),
          ctx,
          env,
          values,
          locals,
          exact,
        ) === 1,
    );
    return certified
      ? { between: bounds.map((b) => literalValue(constantNode(b))) as [Q.Rational, Q.Rational] }
      : undefined;
  };
  if (criterion.kind === 'rate') {
    const to = pointOf(criterion.to);
    const rho = claimedRate(criterion.rho);
    if (!to || criterion.to.some((n) => !n) || !rho) return undefined;
    const x0 = x.slice();
    const step = (from: Q.Rational[]) => {
      parts.forEach((part, k) => setState(k, from.slice(part.offset, part.offset + part.rows * part.cols)));
      return advance() ? x.slice() : undefined;
    };
    const decision =
      criterion.degree <= 1
        ? rateOfAffineMap(step, to, x0, rho)
        : rateOfPolynomialMap(step, to, rho, criterion.degree, criterion.converged ?? false);
    return decision && (decision.met ? 'passes' : { summary: decision.summary });
  }

  for (let s = 1; s <= input.steps; s++) {
    const moved = advance();
    if (moved === undefined) return undefined;
    // The map is undefined at this state (a division by zero): the run has no next state.
    if (!moved)
      return criterion.kind === 'diverges'
        ? undefined
        : { summary: `in exact arithmetic the update divides by zero at step ${s}: the run is undefined from there` };
    if (criterion.kind === 'stays') {
      if (!target || !d0) return undefined;
      const d = distance2(target);
      const [lo, hi] = criterion.within;
      if (Q.cmp(d, Q.mul(square(lo), d0)) < 0 || Q.cmp(d, Q.mul(square(hi), d0)) > 0)
        return {
          summary: `in exact arithmetic the squared distance to the point is ${short(d)} at step ${s}, against ${short(d0)} at the start: outside ×${lo.written ?? lo.value} … ×${hi.written ?? hi.value}`,
        };
    }
    if (criterion.kind === 'conserves') {
      const q = value(criterion.quantity);
      if (q === undefined || q === 'undefined') return undefined;
      const q0r = q0 as Q.Rational;
      const drift = Q.sub(q, q0r);
      if (Q.cmp(Q.mul(drift, drift), Q.mul(square(criterion.tol), Q.mul(q0r, q0r))) > 0)
        return {
          summary: `in exact arithmetic the quantity is ${short(q)} at step ${s}, against ${short(q0r)} at the start`,
        };
    }
  }
  if (!target || !d0) return undefined;
  if (criterion.kind === 'diverges' && Q.isZero(d0))
    return { summary: 'in exact arithmetic the run starts at the point: a distance of 0 grows by no factor' };
  const dN = distance2(target);
  const state0 = state
    .map(
      (n, k) => `${n} = ${parts[k]!.vector ? `[${entriesOf(k).map(short).join(', ')}]` : short(x[parts[k]!.offset]!)}`,
    )
    .join(', ');
  if (criterion.kind === 'converges' && Q.cmp(dN, square(criterion.tol)) > 0)
    return {
      summary: `in exact arithmetic, after ${input.steps} steps ${state0}: squared distance ${short(dN)} to the point, above the tolerance ${criterion.tol.written ?? criterion.tol.value} squared`,
    };
  if (criterion.kind === 'diverges' && Q.cmp(dN, Q.mul(square(criterion.factor), d0)) < 0)
    return {
      summary: `in exact arithmetic, after ${input.steps} steps ${state0}: squared distance ${short(dN)} to the point, against ${short(d0)} at the start (diverging means at least ×${criterion.factor.written ?? criterion.factor.value})`,
    };
  // The exact run meets the criterion: what floating point saw was rounding.
  return 'passes';
}
