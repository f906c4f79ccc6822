/**
 * The bridge between a check's instances and certified arithmetic: the exact value of every drawn
 * number (the decimal it prints as, so a counterexample typed back in is the same point), and
 * certified evaluation of the claim's own expressions and of the derivation's results at an
 * instance. Every decision that makes a verdict goes through here; floating point only chooses
 * where to look.
 */
import { parseMath, type ExprNode } from '../../expr/mathjs-parser';
import * as Q from '../../certified/rational';
import { Undecidable, intervalsAt } from '../../certified/interval';
import { PointArithmetic, type CNum } from '../../certified/number';
import { FastArithmetic, type FastNum } from '../../certified/fast';
import type { Arithmetic } from '../../certified/arithmetic';
import {
  evaluateCertified,
  scalarValue,
  type CValue,
  type CertifiedScope,
  type Truth3,
} from '../../certified/evaluate';
import { eigenvalues as exactEigenvalues } from '../../certified/matrix';
import { isList, isMatrix, type NValue } from '../../numeric/value';
import type { SymValue } from '../../symbolic/value';
import type { ClaimContext } from '../kind';
import type { NumericEnv } from './numeric-env';

const parsed = new Map<string, ExprNode>();
function parseCached(text: string): ExprNode {
  let n = parsed.get(text);
  if (!n) {
    if (parsed.size > 5000) parsed.clear();
    parsed.set(text, (n = parseMath(text)));
  }
  return n;
}

/** Internal names (the derivation's strings) resolved to an instance's exact values. */
function internalScope<N>(
  env: NumericEnv,
  values: number[],
  pa: Arithmetic<N>,
  exact?: ReadonlyMap<number, Q.Rational>,
): CertifiedScope<N> {
  const cache = new Map<string, CValue<N>>();
  return {
    pa,
    resolve(name: string) {
      let v = cache.get(name);
      if (v) return v;
      const slot = env.slots.get(name);
      if (slot === undefined) return undefined;
      const x = values[slot]!;
      if (!Number.isFinite(x)) return undefined;
      cache.set(name, (v = scalarValue(pa.ofRational(exact?.get(slot) ?? Q.ofNumber(x)))));
      return v;
    },
  };
}

export type ZeroDecision = 'zero' | 'nonzero' | 'close' | undefined;

/** Is derived − claimed zero at this instance? Certain ('zero', 'nonzero'), agreeing to every precision tried without an exact form ('close'), or undecided. */
export function certifiedDifference(
  env: NumericEnv,
  values: number[],
  derived: string,
  claimed: string,
  exact?: ReadonlyMap<number, Q.Rational>,
): ZeroDecision {
  const node = parseCached(`(${derived})-(${claimed})`);
  const attempt = <N>(pa: Arithmetic<N>): ZeroDecision => {
    try {
      const v = evaluateCertified(node, internalScope(env, values, pa, exact));
      return v.kind === 'scalar' ? pa.zero(v.v) : undefined;
    } catch (e) {
      if (e instanceof Undecidable || e instanceof RangeError) return undefined;
      throw e;
    }
  };
  // Double intervals settle a clear difference; exact arithmetic the rest.
  return attempt(FAST) ?? attempt(new PointArithmetic());
}

const FAST = new FastArithmetic();

/**
 * The certified truth of one of the claim's conditions at an instance: 1 or 0 when certain,
 * undefined when certified arithmetic cannot decide it (an operation it has no certified form
 * for, or a value on the boundary to every precision tried).
 */
export function certifiedTruth(
  node: ExprNode,
  ctx: ClaimContext,
  env: NumericEnv,
  values: number[],
  locals: ReadonlyMap<string, LocalValue> = new Map(),
  exact?: ReadonlyMap<number, Q.Rational>,
  slow: SlowBudget = { left: Infinity },
  bound: ReadonlyMap<string, ExprNode> = new Map(),
): Truth3 {
  const fast = truthIn(FAST, node, ctx, env, values, locals, exact, bound);
  if (fast !== undefined || slow.left <= 0) return fast;
  slow.left--;
  return truthIn(new PointArithmetic(), node, ctx, env, values, locals, exact, bound, true);
}

/** How many decisions may still fall back to exact arithmetic (milliseconds each; double intervals cost microseconds). */
export interface SlowBudget {
  left: number;
}

/** A check's own draws at the two instances of a box, and which of them may span a segment. */
export interface DrawnBetween {
  p: ReadonlyMap<string, LocalValue>;
  q: ReadonlyMap<string, LocalValue>;
  holdsSegment: ReadonlyMap<string, (lo: number, hi: number) => boolean>;
}

/**
 * The claim's names over the box spanned by two instances, in double intervals: every coordinate
 * that differs is its span (derived quantities follow their symbols). Undefined when a coordinate
 * that differs is not a real symbol whose domain holds the segment between the two.
 */
function boxScope(
  ctx: ClaimContext,
  env: NumericEnv,
  p: number[],
  q: number[],
  drawn?: DrawnBetween,
): CertifiedScope<FastNum> | undefined {
  const locals = new Map(drawn?.p);
  for (const [name, at] of drawn?.p ?? []) {
    const x = at.value;
    const y = drawn!.q.get(name)?.value;
    if (x === y) continue;
    // A check's own draw: a real number whose domain holds the segment.
    if (typeof x !== 'number' || typeof y !== 'number' || !Number.isFinite(x) || !Number.isFinite(y)) return undefined;
    const [lo, hi] = [Math.min(x, y), Math.max(x, y)];
    if (!drawn!.holdsSegment.get(name)?.(lo, hi)) return undefined;
    locals.set(name, { value: x, span: [lo, hi] });
  }
  let scope: CertifiedScope<FastNum> | undefined = instanceScope(
    FAST,
    ctx,
    env,
    p,
    locals,
    undefined,
    new Map(),
    new Map(),
  );
  for (const [internal, slot] of env.slots) {
    if (p[slot] === q[slot]) continue;
    const user = ctx.table.user(internal);
    const [lo, hi] = [Math.min(p[slot]!, q[slot]!), Math.max(p[slot]!, q[slot]!)];
    // The segment must stay in the domain: an interval or the whole line, a nonzero symbol's
    // domain on one side of its hole at 0, an entry of a declared vector or matrix (free reals).
    const domain = ctx.symbol(user)?.domain;
    const parent = /^(.+?)_\d+(?:_\d+)?$/.exec(user)?.[1];
    const entry =
      !domain && parent !== undefined && ['vector', 'matrix'].includes(ctx.symbol(parent)?.domain.kind ?? '');
    const convex =
      domain?.kind === 'normal' || (domain?.kind === 'real' && (domain.sign !== 'nonzero' || lo > 0 || hi < 0));
    if (!convex && !entry) return undefined;
    if (!Number.isFinite(lo) || !Number.isFinite(hi)) return undefined;
    scope = scope?.bindSymbol?.(
      user,
      scalarValue(FAST.span(FAST.ofRational(Q.ofNumber(lo)), FAST.ofRational(Q.ofNumber(hi)))),
    );
    if (!scope) return undefined;
  }
  return scope;
}

/**
 * Whether a real scalar expression is defined, real and continuous on the whole box spanned by
 * two instances: its enclosure over the box comes without a division by a range holding 0, a
 * logarithm reaching 0, a step at a range holding 0 or anything else undecidable.
 */
export function continuousBetween(
  node: ExprNode,
  ctx: ClaimContext,
  env: NumericEnv,
  p: number[],
  q: number[],
  drawn?: DrawnBetween,
): boolean {
  try {
    const scope = boxScope(ctx, env, p, q, drawn);
    if (!scope) return false;
    const v = evaluateCertified(env.derivativesExpanded(node), scope);
    return v.kind === 'scalar' && v.v.ilo === 0 && v.v.ihi === 0 && Number.isFinite(v.v.lo) && Number.isFinite(v.v.hi);
  } catch (e) {
    if (undecided(e)) return false;
    throw e;
  }
}

/** Whether a condition is certainly true at every point of the box spanned by two instances. */
export function trueOnBox(
  node: ExprNode,
  ctx: ClaimContext,
  env: NumericEnv,
  p: number[],
  q: number[],
  drawn?: DrawnBetween,
): boolean {
  try {
    const scope = boxScope(ctx, env, p, q, drawn);
    if (!scope) return false;
    const v = evaluateCertified(env.derivativesExpanded(node), scope);
    return v.kind === 'truth' && v.t === 1;
  } catch (e) {
    if (undecided(e)) return false;
    throw e;
  }
}

/** `bound`: names that stand for an expression of the claim here (a threshold's variable at the claimed value). */
function truthIn<N>(
  pa: Arithmetic<N>,
  node: ExprNode,
  ctx: ClaimContext,
  env: NumericEnv,
  values: number[],
  locals: ReadonlyMap<string, LocalValue>,
  exact: ReadonlyMap<number, Q.Rational> | undefined,
  bound: ReadonlyMap<string, ExprNode>,
  screened = false,
): Truth3 {
  try {
    const scope = instanceScope(pa, ctx, env, values, locals, exact, bound, new Map());
    if (screened)
      scope.screen = { owner: scope, scope: instanceScope(FAST, ctx, env, values, locals, exact, bound, new Map()) };
    const v = evaluateCertified(env.derivativesExpanded(node), scope);
    return v.kind === 'truth' ? v.t : undefined;
  } catch (e) {
    if (undecided(e)) return undefined;
    throw e;
  }
}

/** Failures that leave a certified value undecided (rather than a mistake of the tool). */
function undecided(e: unknown): boolean {
  return (
    e instanceof Undecidable ||
    e instanceof RangeError ||
    ['ClaimError', 'NumericError', 'SymbolicError'].includes((e as Error).name)
  );
}

/**
 * One of the claim's expressions at an instance in exact point arithmetic: its value, 'division by
 * zero', or undefined where certified arithmetic cannot decide (an operation with no certified form,
 * a value past its limits).
 */
function pointValue(
  node: ExprNode,
  ctx: ClaimContext,
  env: NumericEnv,
  values: number[],
  locals: ReadonlyMap<string, LocalValue>,
  exact: ReadonlyMap<number, Q.Rational> | undefined,
): { pa: PointArithmetic; v: CValue<CNum> } | 'division by zero' | undefined {
  const pa = new PointArithmetic();
  try {
    return { pa, v: valueIn(pa, node, ctx, env, values, locals, exact, new Map()) };
  } catch (e) {
    // (An exact divisor that is formally 0 is certainly 0.)
    if ((e instanceof RangeError || e instanceof Undecidable) && e.message === 'division by zero')
      return 'division by zero';
    if (undecided(e)) return undefined;
    throw e;
  }
}

/**
 * The exact value of one of the claim's scalar expressions where it is rational ('undefined' where
 * it divides by zero; undefined where exact arithmetic cannot tell or the value is irrational).
 */
export function exactScalar(
  node: ExprNode,
  ctx: ClaimContext,
  env: NumericEnv,
  values: number[],
  locals: ReadonlyMap<string, LocalValue>,
  exact?: ReadonlyMap<number, Q.Rational>,
): Q.Rational | 'undefined' | undefined {
  const r = pointValue(node, ctx, env, values, locals, exact);
  if (r === 'division by zero') return 'undefined';
  if (r?.v.kind === 'scalar') return r.pa.rationalOf(r.v.v);
  // A 1×1 matrix is its entry (xᵀx, say).
  return r?.v.kind === 'matrix' && r.v.m.data.length === 1 ? r.pa.rationalOf(r.v.m.data[0]!) : undefined;
}

/**
 * One of the claim's real scalar expressions at an instance to 40 significant digits of each
 * operation, where floating point cancels (x² − 2√2x + 2 near √2 is noise of 10⁻¹⁶ in doubles):
 * an approximation to search with, not a decision. Undefined where it cannot be enclosed or is not real.
 */
export function accurateValue(
  node: ExprNode,
  ctx: ClaimContext,
  env: NumericEnv,
  values: number[],
  exact?: ReadonlyMap<number, Q.Rational>,
  locals: ReadonlyMap<string, LocalValue> = new Map(),
): number | undefined {
  const r = pointValue(node, ctx, env, values, locals, exact);
  if (typeof r !== 'object' || r.v.kind !== 'scalar') return undefined;
  const iv = intervalsAt(40);
  try {
    const b = r.v.v.box(iv);
    return iv.isReal(b) ? iv.toNumber(b.re) : undefined;
  } catch (e) {
    if (undecided(e)) return undefined;
    throw e;
  }
}

/**
 * The exact entries of one of the claim's matrix expressions where they are rational (row by row),
 * or undefined. A list, [0, 0], is read as the column it stands for where a vector is expected.
 */
export function exactMatrix(
  node: ExprNode,
  ctx: ClaimContext,
  env: NumericEnv,
  values: number[],
  locals: ReadonlyMap<string, LocalValue>,
  exact?: ReadonlyMap<number, Q.Rational>,
): { rows: number; entries: Q.Rational[] } | undefined {
  const r = pointValue(node, ctx, env, values, locals, exact);
  if (typeof r !== 'object' || (r.v.kind !== 'matrix' && r.v.kind !== 'list')) return undefined;
  const items = r.v.kind === 'matrix' ? r.v.m.data : r.v.items;
  const entries = items.map((e) => r.pa.rationalOf(e));
  const rows = r.v.kind === 'matrix' ? r.v.m.rows : items.length;
  return entries.every((q): q is Q.Rational => q !== undefined) ? { rows, entries } : undefined;
}

function valueIn<N>(
  pa: Arithmetic<N>,
  node: ExprNode,
  ctx: ClaimContext,
  env: NumericEnv,
  values: number[],
  locals: ReadonlyMap<string, LocalValue>,
  exact: ReadonlyMap<number, Q.Rational> | undefined,
  bound: ReadonlyMap<string, ExprNode>,
): CValue<N> {
  return evaluateCertified(
    env.derivativesExpanded(node),
    instanceScope(pa, ctx, env, values, locals, exact, bound, new Map()),
  );
}

/**
 * The claim's names at one instance, in an arithmetic. `rebound`: declared symbols given another
 * value (the variable of maxOver(Fstar, t, …) when t is a symbol), which the derived quantities
 * that depend on them follow.
 */
function instanceScope<N>(
  pa: Arithmetic<N>,
  ctx: ClaimContext,
  env: NumericEnv,
  values: number[],
  locals: ReadonlyMap<string, LocalValue>,
  exact: ReadonlyMap<number, Q.Rational> | undefined,
  bound: ReadonlyMap<string, ExprNode>,
  rebound: ReadonlyMap<string, CValue<N>>,
  shared?: CertifiedScope<N>,
): CertifiedScope<N> {
  // The instance's own values, the same in every scope rebound from this one: made once.
  const base = shared ?? internalScope(env, values, pa, exact);
  const internal = rebound.size
    ? { ...base, resolve: (name: string) => rebound.get(name) ?? base.resolve(name) }
    : base;
  const symValue = (v: SymValue): CValue<N> => {
    if (v.kind === 'scalar') return evaluateCertified(parseCached(v.expr), internal);
    const rows = v.rows.map((r) => r.map((e) => scalarOfValue(evaluateCertified(parseCached(e), internal))));
    return { kind: 'matrix', m: { rows: rows.length, cols: rows[0]!.length, data: rows.flat() } };
  };
  const cache = new Map<string, CValue<N> | undefined>();
  const resolve = (name: string): CValue<N> | undefined => {
    if (cache.has(name)) return cache.get(name);
    cache.set(name, undefined); // a definition that refers to itself decides nothing
    const v = resolveName(name);
    cache.set(name, v);
    return v;
  };
  const resolveName = (name: string): CValue<N> | undefined => {
    const expression = bound.get(name);
    if (expression) return evaluateCertified(expression, scope);
    const local = locals.get(name);
    if (local?.span)
      return pa.span
        ? scalarValue(pa.span(pa.ofRational(Q.ofNumber(local.span[0])), pa.ofRational(Q.ofNumber(local.span[1]))))
        : undefined;
    if (local !== undefined) {
      const v = ofNumeric(pa, local.value, local.exact);
      if (v?.kind === 'matrix' && local.spectrum)
        return {
          kind: 'matrix',
          m: { ...v.m, spectrum: local.spectrum().map(([re, im]) => pa.ofGaussian(Q.gauss(re, im))) },
        };
      return v;
    }
    const size = ctx.sizes.get(name);
    if (size !== undefined) return scalarValue(pa.ofRational(Q.rat(BigInt(size))));
    const decl = ctx.symbol(name);
    if (decl && (decl.domain.kind === 'real' || decl.domain.kind === 'integer'))
      return ctx.table.has(name) ? internal.resolve(ctx.table.internal(name)) : undefined;
    const def = ctx.claim.define.find((d) => d.name === name && !d.params);
    if (def) return evaluateCertified(ctx.parse(def.expr), scope);
    const drawn = env.matrices.find((m) => m.name === name);
    if (drawn) {
      const data = drawn.slots.map((s) => pa.ofRational(exact?.get(s) ?? Q.ofNumber(values[s]!)));
      return { kind: 'matrix', m: { rows: drawn.rows, cols: drawn.cols, data } };
    }
    const d = ctx.derived(name);
    if (d?.type === 'condition') return undefined;
    if (d?.type === 'spectrum') {
      if (d.eigenvalues)
        return {
          kind: 'list',
          items: d.eigenvalues.map((e) => scalarOfValue(evaluateCertified(parseCached(e), internal))),
        };
      const m = symValue(d.matrix);
      return {
        kind: 'list',
        items: exactEigenvalues(pa, m.kind === 'matrix' ? m.m : { rows: 1, cols: 1, data: [scalarOfValue(m)] }),
      };
    }
    let v: SymValue | undefined;
    try {
      v = ctx.symContext.lookup(name);
    } catch {
      return undefined;
    }
    return v ? symValue(v) : undefined;
  };
  const definition = (name: string) => {
    const def = ctx.claim.define.find((d) => d.name === name && d.params);
    return def ? { params: def.params!, body: ctx.parse(def.expr) } : undefined;
  };
  const bindSymbol = (name: string, value: CValue<N>): CertifiedScope<N> | undefined => {
    // A declared symbol, or an entry of a declared vector or matrix (x_1, A_1_2): a name of the table.
    if (!ctx.table.has(name) || locals.has(name)) return undefined;
    return instanceScope(
      pa,
      ctx,
      env,
      values,
      locals,
      exact,
      bound,
      new Map([...rebound, [ctx.table.internal(name), value]]),
      base,
    );
  };
  const scope: CertifiedScope<N> = { pa, resolve, definition, bindSymbol };
  return scope;
}

function scalarOfValue<N>(v: CValue<N>): N {
  if (v.kind === 'scalar') return v.v;
  throw new Undecidable('a scalar was expected');
}

/** A value a check drew itself, with the exact value it stands for when its doubles hold it only to rounding. */
export interface LocalValue {
  value: NValue;
  /** The exact entries (one for a number): a matrix's exact construction, a state computed exactly. */
  exact?: () => Q.Rational[];
  /** The exact eigenvalues of a drawn matrix, known from its construction. */
  spectrum?: () => Array<[Q.Rational, Q.Rational]>;
  /** A number drawn anywhere in [lo, hi]: the box between two instances (in an arithmetic of ranges only). */
  span?: [number, number];
}

/** A check's own draw as a LocalValue, its exact entries computed once (every certified scope of the instance asks for them). */
export function localValueOf(d: LocalValue): LocalValue {
  const exactOf = d.exact;
  let memo: Q.Rational[] | undefined;
  return {
    value: d.value,
    ...(exactOf ? { exact: () => (memo ??= exactOf()) } : {}),
    ...(d.spectrum ? { spectrum: d.spectrum } : {}),
  };
}

function ofNumeric<N>(pa: Arithmetic<N>, v: NValue, exact?: () => Q.Rational[]): CValue<N> | undefined {
  if (typeof v === 'number' && exact) return scalarValue(pa.ofRational(exact()[0]!));
  if (typeof v === 'number') return Number.isFinite(v) ? scalarValue(pa.ofRational(Q.ofNumber(v))) : undefined;
  if (isMatrix(v) && exact)
    return { kind: 'matrix', m: { rows: v.rows, cols: v.cols, data: exact().map((q) => pa.ofRational(q)) } };
  if (isMatrix(v)) {
    if (![...v.data].every(Number.isFinite)) return undefined;
    return {
      kind: 'matrix',
      m: { rows: v.rows, cols: v.cols, data: [...v.data].map((x) => pa.ofRational(Q.ofNumber(x))) },
    };
  }
  if (isList(v) && v.items.every((x) => typeof x === 'number' && Number.isFinite(x)))
    return { kind: 'list', items: v.items.map((x) => pa.ofRational(Q.ofNumber(x as number))) };
  return undefined;
}

/** The exact value of one of the claim's scalar expressions at an instance, when it is rational. */
export function exactRational(
  node: ExprNode,
  ctx: ClaimContext,
  env: NumericEnv,
  values: number[],
): Q.Rational | undefined {
  const pa = new PointArithmetic();
  const internal = internalScope(env, values, pa);
  try {
    const v = evaluateCertified(node, {
      pa,
      resolve: (name) => {
        const decl = ctx.symbol(name);
        return decl && ctx.table.has(name) ? internal.resolve(ctx.table.internal(name)) : undefined;
      },
    });
    return v.kind === 'scalar' ? pa.rationalOf(v.v) : undefined;
  } catch {
    return undefined;
  }
}
