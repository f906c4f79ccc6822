/**
 * Certified evaluation of an expression tree (the claim's own expressions, and the derivation's
 * internal-name strings parsed the same way) at one exact point. Values are certified scalars,
 * lists and matrices; conditions are three-valued (true, false, or undefined when no precision
 * decides). Names are resolved by the caller; anything this evaluator cannot certify throws
 * Undecidable, so an answer is always certain.
 */
import type { ExprNode } from '../expr/mathjs-parser';
import * as Q from './rational';
import { Undecidable } from './interval';
import type { Arithmetic } from './arithmetic';
import * as M from './matrix';
import * as P from './rational-polynomial';
import { selection } from '../expr/indexing';
import { literalValue } from '../expr/literal';
import { structurallyZero } from './structural';
import { EXTREMUM_SAMPLES, SIGN_CHANGE_SAMPLES } from '../numeric/binders';
import { eigenvalues as numericEigenvalues, numMatrix } from '../numeric/linalg';

type AnyNode = ExprNode & Record<string, any>;

export type CValue<N> =
  | { kind: 'scalar'; v: N }
  | { kind: 'list'; items: N[] }
  | { kind: 'matrix'; m: M.CMatrix<N> }
  | { kind: 'truth'; t: Truth3 };
export type Truth3 = 0 | 1 | undefined;

export interface CertifiedScope<N> {
  pa: Arithmetic<N>;
  /** The value of a name, or undefined when it has none here (which makes the expression undecidable). */
  resolve(name: string): CValue<N> | undefined;
  /** A function the claim defines (`bound(mu): …`): its parameters and body. */
  definition?(name: string): { params: string[]; body: ExprNode } | undefined;
  /** This scope with a declared symbol given another value, followed by every quantity derived from it. */
  bindSymbol?(name: string, value: CValue<N>): CertifiedScope<N> | undefined;
  /**
   * The same names in a cheaper arithmetic, whose certain answers are this one's (double
   * intervals beside exact arithmetic): a grid search asks it first. Valid only for `owner`,
   * so a scope derived by rebinding a name never inherits it.
   */
  screen?: { owner: CertifiedScope<N>; scope: CertifiedScope<unknown> };
}

export const scalarValue = <N>(v: N): CValue<N> => ({ kind: 'scalar', v });
const ELEMENTARY = new Set(['exp', 'log', 'sin', 'cos', 'tan', 'atan', 'sinh', 'cosh', 'tanh', 'sech', 'erf']);

function scalarOf<N>(v: CValue<N>, what: string): N {
  if (v.kind === 'scalar') return v.v;
  if (v.kind === 'matrix' && v.m.rows === 1 && v.m.cols === 1) return v.m.data[0]!;
  throw new Undecidable(`${what} needs a scalar`);
}
function matrixOf<N>(v: CValue<N>, what: string): M.CMatrix<N> {
  if (v.kind === 'matrix') return v.m;
  if (v.kind === 'scalar') return { rows: 1, cols: 1, data: [v.v] };
  throw new Undecidable(`${what} needs a matrix`);
}
function itemsOf<N>(args: CValue<N>[]): N[] {
  const out: N[] = [];
  for (const a of args) {
    if (a.kind === 'list') out.push(...a.items);
    else if (a.kind === 'matrix') out.push(...a.m.data);
    else out.push(scalarOf(a, 'min/max'));
  }
  return out;
}

const COMPARISONS: Record<string, (s: -1 | 0 | 1) => boolean> = {
  smaller: (s) => s < 0,
  smallerEq: (s) => s <= 0,
  larger: (s) => s > 0,
  largerEq: (s) => s >= 0,
  equal: (s) => s === 0,
  unequal: (s) => s !== 0,
};

type Sign3 = -1 | 0 | 1 | undefined;
/** The internal call for a range of values (no claim can write it: it is not a function of the language). */
export const SPAN = '__span';
const unwrap = (x: AnyNode): AnyNode => (x.type === 'ParenthesisNode' ? unwrap(x.content) : x);
/** The argument of a one-argument call of `name` (unwrapped), or undefined. */
const argOf = (y: AnyNode, name: string): AnyNode | undefined =>
  y.type === 'FunctionNode' && y.fn.name === name && y.args.length === 1 ? unwrap(y.args[0]) : undefined;
const MIRRORED: Record<string, string> = {
  smaller: 'larger',
  smallerEq: 'largerEq',
  larger: 'smaller',
  largerEq: 'smallerEq',
};

/**
 * A comparison with a recognised form on one side, turned so that form is on the left:
 * `c > ρ(M)` becomes `ρ(M) < c`. Undefined when neither side has the form.
 */
function oriented<T>(
  n: AnyNode,
  fn: string,
  recognise: (x: AnyNode) => T | undefined,
): { match: T; op: string; bound: AnyNode } | undefined {
  const left = recognise(n.args[0]);
  if (left !== undefined) return { match: left, op: fn, bound: n.args[1] };
  const right = recognise(n.args[1]);
  return right === undefined ? undefined : { match: right, op: MIRRORED[fn] ?? fn, bound: n.args[0] };
}

const negate3 = (t: Truth3): Truth3 => (t === undefined ? undefined : t === 1 ? 0 : 1);

/** Conjunction of three-valued truths: false wins, then undefined. */
function all3(ts: Truth3[]): Truth3 {
  if (ts.includes(0)) return 0;
  return ts.includes(undefined) ? undefined : 1;
}

/** The truth of a < b (or another comparison) for real scalars, certain or undefined. */
function compare<N>(pa: Arithmetic<N>, a: N, b: N, op: string): Truth3 {
  const test = COMPARISONS[op]!;
  const d = pa.sub(a, b);
  if (op === 'equal' || op === 'unequal') {
    const z = pa.zero(d);
    // 'close' (no exact form, and enclosures of 0 at every precision tried) decides neither = nor
    // ≠: sides that differ by 10⁻²⁰⁰ agree to 150 digits just as well (e^(−70x) + 1 ≠ 1 holds).
    if (z === 'zero') return test(0) ? 1 : 0;
    if (z === 'nonzero') return test(1) && test(-1) ? 1 : 0;
    return undefined;
  }
  const s = pa.sign(d);
  return s === undefined ? undefined : test(s) ? 1 : 0;
}

/** f (or f − c) on the grid of maxOver/minOver/signChanges(f, x, a, b) in one arithmetic. */
interface GridSigns<N> {
  bound: N;
  a: N;
  b: N;
  point: (j: number) => N;
  /** The sign of f(x) (of f(x) − c with minusBound) at x, a point or in interval arithmetic a whole range; undefined where uncertain. */
  signAt: (x: N, minusBound: boolean) => Sign3;
  /** Whether the variable is a symbol the claim's quantities depend on (they follow it). */
  symbolic: boolean;
}

function gridOf<N>(
  scope: CertifiedScope<N>,
  call: AnyNode,
  boundNode: AnyNode,
  samples: number,
): GridSigns<N> | undefined {
  const pa = scope.pa;
  const variable = unwrap(call.args[1]).name as string;
  // The bound variable may be a symbol the claim's quantities depend on (maxOver(Fstar, t, …)):
  // then they follow it.
  const symbolic = scope.resolve(variable) !== undefined;
  if (symbolic && !scope.bindSymbol) return undefined;
  const withVariable = (x: N): CertifiedScope<N> | undefined =>
    symbolic
      ? scope.bindSymbol!(variable, scalarValue(x))
      : { ...scope, resolve: (m) => (m === variable ? scalarValue(x) : scope.resolve(m)) };
  const bound = scalarOf(evaluateCertified(boundNode, scope), 'a bound');
  const a = scalarOf(evaluateCertified(call.args[2], scope), 'a limit');
  const b = scalarOf(evaluateCertified(call.args[3], scope), 'a limit');
  const point = (j: number): N => pa.add(a, pa.mul(pa.sub(b, a), pa.ofRational(Q.rat(BigInt(j), BigInt(samples - 1)))));
  const signAt = (x: N, minusBound: boolean): Sign3 => {
    try {
      const inner = withVariable(x);
      if (!inner) return undefined;
      const v = scalarOf(evaluateCertified(call.args[0], inner), 'the function');
      return pa.sign(minusBound ? pa.sub(v, bound) : v);
    } catch (e) {
      if (e instanceof Undecidable) return undefined;
      throw e;
    }
  };
  return { bound, a, b, point, signAt, symbolic };
}

export function evaluateCertified<N>(root: ExprNode, scope: CertifiedScope<N>): CValue<N> {
  const pa = scope.pa;
  const scalarMap = (v: CValue<N>, f: (x: N) => N): CValue<N> =>
    v.kind === 'list'
      ? { kind: 'list', items: v.items.map(f) }
      : v.kind === 'matrix'
        ? { kind: 'matrix', m: M.map(v.m, f) }
        : scalarValue(f(scalarOf(v, 'a function')));
  const go = (raw: ExprNode): CValue<N> => {
    const n = raw as AnyNode;
    switch (n.type) {
      case 'ParenthesisNode':
        return go(n.content);
      case 'ConstantNode': {
        if (typeof n.value === 'boolean') return { kind: 'truth', t: n.value ? 1 : 0 };
        if (typeof n.value !== 'number' || !Number.isFinite(n.value))
          throw new Undecidable(`the constant ${String(n.value)}`);
        // A literal means the decimal it writes (0.4 is 2/5, not the double nearest it).
        return scalarValue(pa.ofRational(literalValue(n)));
      }
      case 'SymbolNode': {
        const name: string = n.name;
        if (name === 'i') return scalarValue(pa.ofGaussian(Q.G_I));
        if (name === 'pi') return scalarValue(pa.pi());
        if (name === 'e') return scalarValue(pa.e());
        if (name === 'true' || name === 'false') return { kind: 'truth', t: name === 'true' ? 1 : 0 };
        const v = scope.resolve(name);
        // I, the identity of whatever size it meets: as a scalar 1, since a scalar added to a
        // square matrix here is that multiple of the identity.
        if (!v && name === 'I') return scalarValue(pa.ofRational(Q.ONE));
        if (!v) throw new Undecidable(`${name} has no certified value`);
        return v;
      }
      case 'ArrayNode': {
        const items = (n.items as AnyNode[]).map(go);
        if (items.length && items.every((it) => it.kind === 'list')) {
          const rows = items.map((it) => (it as { items: N[] }).items);
          const cols = rows[0]!.length;
          if (rows.some((r) => r.length !== cols)) throw new Undecidable('a ragged matrix');
          return { kind: 'matrix', m: { rows: rows.length, cols, data: rows.flat() } };
        }
        return { kind: 'list', items: items.map((it) => scalarOf(it, 'a list entry')) };
      }
      case 'OperatorNode':
        return operator(n);
      case 'FunctionNode': {
        const name = n.fn.name as string;
        if (name === 'integral') return integral(n);
        if (name === 'entry' || name === 'block') return indexed(name, go(n.args[0]), n.args.slice(1));
        // Every value from a to b at once (interval arithmetic only): what the checks bind a
        // variable to when they bound a condition over a whole piece of a range.
        if (name === SPAN && n.args.length === 2) {
          if (!pa.span) throw new Undecidable('a range of values in exact arithmetic');
          return scalarValue(pa.span(scalarOf(go(n.args[0]), 'a range'), scalarOf(go(n.args[1]), 'a range')));
        }
        const def = scope.definition?.(name);
        if (def) {
          if (def.params.length !== n.args.length)
            throw new Undecidable(`${name} takes ${def.params.length} arguments`);
          const bound = new Map(def.params.map((p, k) => [p, go(n.args[k])] as const));
          return evaluateCertified(def.body, { ...scope, resolve: (x) => bound.get(x) ?? scope.resolve(x) });
        }
        return call(name, (n.args as AnyNode[]).map(go));
      }
      default:
        throw new Undecidable(`${n.type} in certified arithmetic`);
    }
  };
  /** integral(body, x, a, b): a rigorous enclosure where the arithmetic can integrate (double intervals). */
  const integral = (n: AnyNode): CValue<N> => {
    const variable = n.args[1];
    if (!pa.integrate || n.args.length !== 4 || variable.type !== 'SymbolNode')
      throw new Undecidable('an integral in this arithmetic');
    const a = scalarOf(go(n.args[2]), 'a limit');
    const b = scalarOf(go(n.args[3]), 'a limit');
    const body = n.args[0] as ExprNode;
    const name = variable.name as string;
    // A variable that is also a symbol of the claim moves the quantities derived from it, which
    // are resolved at the instance's values here: not certified.
    if (scope.resolve(name) !== undefined)
      throw new Undecidable(`an integral over ${name}, a symbol the claim's quantities depend on`);
    return scalarValue(
      pa.integrate(
        (x) =>
          scalarOf(
            evaluateCertified(body, { ...scope, resolve: (m) => (m === name ? scalarValue(x) : scope.resolve(m)) }),
            'an integrand',
          ),
        a,
        b,
      ),
    );
  };
  const operator = (n: AnyNode): CValue<N> => {
    const fn: string = n.fn;
    if (fn === 'and' || fn === 'or') {
      const a = truthOf(go(n.args[0]));
      // Short-circuit only on a certain answer.
      if (fn === 'and' && a === 0) return { kind: 'truth', t: 0 };
      if (fn === 'or' && a === 1) return { kind: 'truth', t: 1 };
      const b = truthOf(go(n.args[1]));
      if (fn === 'and') return { kind: 'truth', t: all3([a, b]) };
      return { kind: 'truth', t: a === 1 || b === 1 ? 1 : a === 0 && b === 0 ? 0 : undefined };
    }
    if (fn === 'not') {
      return { kind: 'truth', t: negate3(truthOf(go(n.args[0]))) };
    }
    if (COMPARISONS[fn]) {
      // (null: not of the form; undefined: of the form, and undecided.)
      const radius = spectralRadiusComparison(n, fn);
      const spectral = radius !== null ? radius : spectralComparison(n, fn);
      if (spectral !== null) return { kind: 'truth', t: spectral };
      const realParts = realPartComparison(n, fn);
      if (realParts !== null) return { kind: 'truth', t: realParts };
      const grid = gridComparison(n, fn);
      if (grid !== null) return { kind: 'truth', t: grid };
    }
    const args = (n.args as AnyNode[]).map(go);
    if (COMPARISONS[fn]) {
      const [a, b] = args as [CValue<N>, CValue<N>];
      const left = a.kind === 'list' ? a.items : [scalarOf(a, 'a comparison')];
      const right = b.kind === 'list' ? b.items : [scalarOf(b, 'a comparison')];
      const ts: Truth3[] = [];
      // A list on either side means "for every element".
      for (const x of left) for (const y of right) ts.push(compare(pa, x, y, fn));
      return { kind: 'truth', t: all3(ts) };
    }
    switch (fn) {
      case 'unaryMinus':
        return withSpectrum(
          scalarMap(args[0]!, (x) => pa.neg(x)),
          args[0]!,
          (l) => pa.neg(l),
        );
      case 'unaryPlus':
        return args[0]!;
      case 'add':
      case 'subtract': {
        const f = fn === 'add' ? (x: N, y: N) => pa.add(x, y) : (x: N, y: N) => pa.sub(x, y);
        return shiftedSpectrum(elementwise(args[0]!, args[1]!, f, fn), args[0]!, args[1]!, f);
      }
      case 'multiply':
        return multiply(args[0]!, args[1]!);
      case 'divide': {
        if (args[0]!.kind === 'list' || args[1]!.kind === 'list')
          return elementwise(args[0]!, args[1]!, (x, y) => pa.div(x, y), 'divide');
        const d = scalarOf(args[1]!, 'a divisor');
        return scalarMap(args[0]!, (x) => pa.div(x, d));
      }
      case 'pow': {
        if (args[1]!.kind === 'list') return elementwise(args[0]!, args[1]!, (x, y) => pa.pow(x, y), 'pow');
        const e = scalarOf(args[1]!, 'an exponent');
        if (args[0]!.kind === 'matrix') throw new Undecidable('a matrix power in certified arithmetic');
        return scalarMap(args[0]!, (x) => pa.pow(x, e));
      }
      default:
        throw new Undecidable(`the operator ${fn} in certified arithmetic`);
    }
  };
  /**
   * The extreme eigenvalue of a symmetric matrix against a bound, decided exactly through
   * definiteness: max λ(M) ≤ c iff cI − M is positive semidefinite, max λ(M) < c iff it is
   * definite, and likewise for min λ(M) with M − cI (Sylvester's criterion on exact minors). A list
   * of eigenvalues compared with a bound means every one of them, that is the extreme one. null
   * when the comparison is not of this form (or the matrix is not exactly symmetric).
   */
  const spectralComparison = (n: AnyNode, fn: string): Truth3 | null => {
    if (fn === 'equal' || fn === 'unequal') return null;
    const spectrumOf = (x0: AnyNode): { which: 'max' | 'min' | 'all'; matrix: AnyNode } | undefined => {
      const x = unwrap(x0);
      if (x.type !== 'FunctionNode' || x.args.length !== 1) return undefined;
      const name = x.fn.name as string;
      const inner = unwrap(x.args[0]);
      if (name === 'eigenvalues') return { which: 'all', matrix: inner };
      if (
        (name === 'max' || name === 'min') &&
        inner.type === 'FunctionNode' &&
        inner.fn.name === 'eigenvalues' &&
        inner.args.length === 1
      )
        return { which: name, matrix: unwrap(inner.args[0]) };
      return undefined;
    };
    const found = oriented(n, fn, spectrumOf);
    if (!found) return null;
    const { match: side, op, bound } = found;
    const mv = go(side.matrix);
    if (mv.kind !== 'matrix' || mv.m.rows !== mv.m.cols || mv.m.rows < 3) return null;
    const m = mv.m;
    for (let i = 0; i < m.rows; i++)
      for (let j = 0; j < i; j++)
        if (pa.zero(pa.sub(m.data[i * m.cols + j]!, m.data[j * m.cols + i]!)) !== 'zero') return null;
    const c = scalarOf(go(bound), 'a bound');
    // "every eigenvalue < c" is "max < c"; "every eigenvalue > c" is "min > c".
    const which = side.which === 'all' ? (op === 'smaller' || op === 'smallerEq' ? 'max' : 'min') : side.which;
    const shifted = (sign: 1 | -1) =>
      M.zip(M.scaledIdentity(pa, m.rows, c), m, (x, y) => (sign > 0 ? pa.sub(x, y) : pa.sub(y, x)));
    if (which === 'max') {
      // cI − M: psd iff max ≤ c, pd iff max < c.
      const A = shifted(1);
      if (op === 'smallerEq') return M.definiteness(pa, A, 'psd');
      if (op === 'smaller') return M.definiteness(pa, A, 'pd');
      if (op === 'larger') return negate3(M.definiteness(pa, A, 'psd'));
      return negate3(M.definiteness(pa, A, 'pd'));
    }
    // M − cI: psd iff min ≥ c, pd iff min > c.
    const B = shifted(-1);
    if (op === 'largerEq') return M.definiteness(pa, B, 'psd');
    if (op === 'larger') return M.definiteness(pa, B, 'pd');
    if (op === 'smaller') return negate3(M.definiteness(pa, B, 'psd'));
    return negate3(M.definiteness(pa, B, 'pd'));
  };
  /**
   * maxOver, minOver and signChanges against a bound, decided by witnesses on the method's own
   * grid, each value certified: a grid point where f ≥ c shows max f ≥ c, and certified signs of
   * opposite kind at two grid points show a sign change between them. So these decide only the
   * direction a witness can show (max f < c false, signChanges(f) ≥ 4 true); the other direction
   * needs what no grid gives (the peak between two points) and stays undecided.
   */
  const gridComparison = (n: AnyNode, fn: string): Truth3 | null => {
    if (fn === 'equal' || fn === 'unequal') return null;
    const methodOf = (x0: AnyNode) => {
      const x = unwrap(x0);
      return x.type === 'FunctionNode' &&
        ['maxOver', 'minOver', 'signChanges'].includes(x.fn.name) &&
        x.args.length >= 4 &&
        unwrap(x.args[1]).type === 'SymbolNode'
        ? x
        : undefined;
    };
    const found = oriented(n, fn, methodOf);
    if (!found || !MIRRORED[found.op]) return null;
    const { match: call, op } = found;
    const name = call.fn.name as 'maxOver' | 'minOver' | 'signChanges';
    const variable = unwrap(call.args[1]).name as string;
    const samples = call.args[4]
      ? Number(unwrap(call.args[4]).value)
      : name === 'signChanges'
        ? SIGN_CHANGE_SAMPLES
        : EXTREMUM_SAMPLES;
    if (!Number.isInteger(samples) || samples < 2) return undefined;
    const grid = gridOf(scope, call, found.bound, samples);
    if (!grid) return undefined;
    const { bound, signAt, symbolic } = grid;
    // Where exact arithmetic runs, double intervals on the same grid settle most points first
    // (a certain sign there is the exact sign), so only the points they leave open cost digits.
    let screen: GridSigns<unknown> | undefined;
    if (scope.screen?.owner === scope) {
      try {
        screen = gridOf(scope.screen.scope, call, found.bound, samples);
      } catch (e) {
        if (!(e instanceof Undecidable)) throw e;
      }
    }
    // Any grid points witness soundly: exact arithmetic, at milliseconds a value, visits about 200
    // (every stride-th point), and only those the double intervals leave open.
    const stride = pa.rationalOf ? Math.max(1, Math.ceil((samples - 1) / 200)) : 1;
    const gridPoint = grid.point;
    /** The sign of f (or f − c) at grid point j: the screen's where certain, else exact arithmetic's at every stride-th point. */
    const signAtIndex = (j: number, minusBound: boolean): Sign3 => {
      const screened = screen?.signAt(screen.point(j), minusBound);
      if (screened !== undefined) return screened;
      return j % stride === 0 ? signAt(gridPoint(j), minusBound) : undefined;
    };
    const step = screen ? 1 : stride;
    // What a witness can show: "f reaches beyond c" (strictly or not), or "at least m sign changes".
    if (name === 'signChanges') {
      const k = pa.rationalOf?.(bound) ?? undefined;
      const threshold = k ? Q.toNumber(k) : Number.NaN;
      if (!Number.isFinite(threshold)) return undefined;
      // count > t decides >, and refutes ≤; count ≥ t decides ≥, and refutes <.
      const needed = op === 'larger' || op === 'smallerEq' ? Math.floor(threshold) + 1 : Math.ceil(threshold);
      // A function that vanishes identically has infinitely many (and no grid shows it): its
      // terms cancelling as written prove it.
      const exactValue = (name: string) => {
        const v = scope.resolve(name);
        return v?.kind === 'scalar' ? pa.rationalOf?.(v.v) : undefined;
      };
      let count =
        pa.rationalOf && !symbolic && structurallyZero(call.args[0], variable, exactValue, (f) => scope.definition?.(f))
          ? Number.POSITIVE_INFINITY
          : 0;
      let last = 0;
      for (let j = 0; j < samples && count < needed; j += step) {
        const sg = signAtIndex(j, false);
        if (!sg) continue;
        if (last !== 0 && sg !== last) count++;
        last = sg;
      }
      if (count < needed) return undefined;
      return COMPARISONS[op]!(count > threshold ? 1 : count < threshold ? -1 : 0) ? 1 : 0;
    }
    // max f (op) c: a point with f − c > 0 (or ≥ 0) is a witness; min f mirrors it. A witness
    // makes > and ≥ true (< and ≤ for min), and bounds on every value make them false.
    const flip = name === 'minOver' ? -1 : 1;
    const witnessSays: 0 | 1 = (
      name === 'maxOver' ? op === 'larger' || op === 'largerEq' : op === 'smaller' || op === 'smallerEq'
    )
      ? 1
      : 0;
    // Whether the witness must be strictly beyond c (max f > c, or refuting max f ≤ c).
    const strictWitness =
      op === (name === 'maxOver' ? 'larger' : 'smaller') || op === (name === 'maxOver' ? 'smallerEq' : 'largerEq');
    /** The sign of f − c, min f's turned round. */
    const turned = (s: Sign3): Sign3 => (s === undefined ? undefined : ((flip * s) as Sign3));
    for (let j = 0; j < samples; j += step) {
      const s = turned(signAtIndex(j, true));
      if (s === 1 || (s === 0 && !strictWitness)) return witnessSays;
    }
    // The other direction (max f < c, min f > c) needs a bound on every value, which interval
    // arithmetic gives: f on a whole piece of [a, b] at once, pieces halved where too wide.
    if (pa.span) {
      const pieces: Array<[N, N, number]> = [];
      for (let j = 0; j + 1 < samples; j++) pieces.push([gridPoint(j), gridPoint(j + 1), 0]);
      let budget = 2 * samples;
      while (pieces.length) {
        if (budget-- <= 0) break;
        const [lo, hi, depth] = pieces.pop()!;
        const s = turned(signAt(pa.span(lo, hi), true));
        // Every value of f on the piece below c (or at most c, where a witness had to be strict).
        if (s === -1 || (s === 0 && strictWitness)) continue;
        // f beyond c on a whole piece: a witness after all.
        if (s === 1) return witnessSays;
        if (depth >= 12) return undefined;
        const mid = pa.mul(pa.add(lo, hi), pa.ofRational(Q.rat(1n, 2n)));
        pieces.push([lo, mid, depth + 1], [mid, hi, depth + 1]);
      }
      if (pieces.length === 0) return witnessSays === 1 ? 0 : 1;
    }
    return undefined;
  };
  /**
   * The largest real part of a spectrum, max(re(eigenvalues(M))) (or re(eigenvalues(M)) < c,
   * every real part), against a rational value or another such side, for exact rational
   * matrices (exact arithmetic only). Floating-point eigenvalues say which side is larger; a
   * rational c strictly between them is then certified on each side by the Routh–Hurwitz test on
   * the exact characteristic polynomial (all roots left of Re = c, or some root strictly right).
   * undefined when the sides cannot be separated; null when the comparison is not of this form.
   */
  const realPartComparison = (n: AnyNode, fn: string): Truth3 | null => {
    if (!pa.rationalOf || fn === 'equal' || fn === 'unequal') return null;
    const spectral = (x0: AnyNode): AnyNode | undefined => {
      const x = unwrap(x0);
      const reOf = (y: AnyNode) => {
        const eig = argOf(y, 're');
        return eig && argOf(eig, 'eigenvalues');
      };
      const inMax = argOf(x, 'max');
      return (inMax && reOf(inMax)) ?? reOf(x);
    };
    const [left, right] = (n.args as AnyNode[]).map((side) => {
      const m = spectral(side);
      // A bare re(eigenvalues(M)) is a list: "every real part" is the largest only on the smaller side of < and ≤.
      const listForm = m && !argOf(unwrap(side), 'max');
      return { node: side, matrix: m, listForm };
    }) as [
      { node: AnyNode; matrix?: AnyNode; listForm?: boolean },
      { node: AnyNode; matrix?: AnyNode; listForm?: boolean },
    ];
    if (!left.matrix && !right.matrix) return null;
    if (
      (left.listForm && !(fn === 'smaller' || fn === 'smallerEq')) ||
      (right.listForm && !(fn === 'larger' || fn === 'largerEq'))
    )
      return null;
    const sideValue = (side: { node: AnyNode; matrix?: AnyNode }) => {
      if (!side.matrix) {
        const q = pa.rationalOf!(scalarOf(go(side.node), 'a bound'));
        return q ? { estimate: Q.toNumber(q), exact: q } : undefined;
      }
      const mv = go(side.matrix);
      if (mv.kind !== 'matrix' || mv.m.rows !== mv.m.cols) return undefined;
      const entries = mv.m.data.map((x) => pa.rationalOf!(x));
      if (entries.some((q) => q === undefined)) return undefined;
      const rows = mv.m.rows;
      const estimate = Math.max(
        ...numericEigenvalues(
          numMatrix(
            rows,
            rows,
            entries.map((q) => Q.toNumber(q!)),
          ),
        ).map((z) => z.re),
      );
      return { estimate, polynomial: M.rationalCharacteristicPolynomial(entries as Q.Rational[], rows) };
    };
    const a = sideValue(left);
    const b = sideValue(right);
    if (!a || !b || !Number.isFinite(a.estimate) || !Number.isFinite(b.estimate)) return null;
    // Sides closer than floating point can separate: against an exact bound c, max Re λ < c (and its
    // negation ≥) is still decided by the Routh–Hurwitz test at c itself (roots on the line are not left of it).
    if (Math.abs(a.estimate - b.estimate) <= 1e-9 * Math.max(1, Math.abs(a.estimate), Math.abs(b.estimate))) {
      const [spectrum, bound, strictBelow, atLeast] =
        a.polynomial && b.exact
          ? [a, b, 'smaller', 'largerEq']
          : b.polynomial && a.exact
            ? [b, a, 'larger', 'smallerEq']
            : [];
      if (!spectrum?.polynomial || !bound?.exact) return undefined;
      const left = M.rootsLeftOf(spectrum.polynomial, bound.exact);
      return fn === strictBelow ? left : fn === atLeast ? negate3(left) : undefined;
    }
    const lo = Math.min(a.estimate, b.estimate);
    const hi = Math.max(a.estimate, b.estimate);
    const c = Q.simplestBetween(Q.ofDouble(lo + (hi - lo) / 3), Q.ofDouble(hi - (hi - lo) / 3));
    const certain = (side: { estimate: number; exact?: Q.Rational; polynomial?: Q.Rational[] }): boolean => {
      const below = side.estimate < Q.toNumber(c);
      if (side.exact) return Q.cmp(side.exact, c) === (below ? -1 : 1);
      return M.rootsLeftOf(side.polynomial!, c) === (below ? 1 : 0);
    };
    if (!certain(a) || !certain(b)) return undefined;
    return COMPARISONS[fn]!(a.estimate < b.estimate ? -1 : 1) ? 1 : 0;
  };
  /**
   * ρ(M) against a positive bound c: a real 2×2 M by Jury's conditions (below); beyond closed
   * forms, ρ(M) < c iff every root of the exact characteristic polynomial lies inside the disk of
   * radius c (Schur–Cohn), and ρ(M) ≥ c is its negation. For rational M and c also ρ(M) ≤ c (no
   * root beyond the circle |z| = c) and ρ(M) = c (none beyond it, one on it: Sturm counts through
   * the Cayley map); otherwise those are decided only when ρ(M) < c. null when the comparison is
   * not of this form.
   */
  const spectralRadiusComparison = (n: AnyNode, fn: string): Truth3 | null => {
    const radiusOf = (x0: AnyNode) => {
      const x = unwrap(x0);
      return x.type === 'FunctionNode' && x.fn.name === 'spectralRadius' && x.args.length === 1
        ? unwrap(x.args[0])
        : undefined;
    };
    const found = oriented(n, fn, radiusOf);
    if (!found || !(MIRRORED[found.op] || found.op === 'equal' || found.op === 'unequal')) return null;
    const { match: matrix, op, bound } = found;
    const mv = go(matrix);
    if (mv.kind !== 'matrix' || mv.m.rows !== mv.m.cols || mv.m.rows < 2) return null;
    const c = scalarOf(go(bound), 'a bound');
    if (pa.sign(c) !== 1) return null;
    if (mv.m.spectrum) return radiusOfSpectrum(mv.m.spectrum, c, op);
    if (mv.m.rows === 2) return realQuadraticRadius(mv.m.data, c, op);
    const rational = pa.rationalOf && [c, ...mv.m.data].map((x) => pa.rationalOf!(x));
    // In interval arithmetic the characteristic polynomial of a larger matrix is too wide to decide anything.
    if (!pa.rationalOf && mv.m.rows > 4) return undefined;
    const exact = rational && rational.every((q) => q !== undefined) ? rational : undefined;
    const inside: Truth3 = exact
      ? M.rationalSpectralRadiusBelow(exact.slice(1), mv.m.rows, exact[0]!)
        ? 1
        : 0
      : M.rootsInsideDisk(pa, M.characteristicPolynomial(pa, mv.m), c);
    if (exact && inside === 0 && op !== 'largerEq') {
      const p = M.rationalCharacteristicPolynomial(exact.slice(1), mv.m.rows);
      const beyond = P.someRootBeyond(p, exact[0]!);
      const equal = !beyond && P.distinctRootsOnCircle(p, exact[0]!) > 0;
      return {
        smaller: 0,
        smallerEq: beyond ? 0 : 1,
        larger: beyond ? 1 : 0,
        equal: equal ? 1 : 0,
        unequal: equal ? 0 : 1,
      }[op as 'smaller'] as Truth3;
    }
    if (op === 'equal') return inside === 1 ? 0 : undefined;
    if (op === 'unequal') return inside === 1 ? 1 : undefined;
    if (op === 'smaller') return inside;
    if (op === 'largerEq') return negate3(inside);
    // ρ ≤ c and ρ > c: certain only when ρ < c.
    if (inside === 1) return op === 'smallerEq' ? 1 : 0;
    return undefined;
  };
  /** ρ(M) against c > 0 from M's known eigenvalues: |λ|² against c², each. */
  const radiusOfSpectrum = (spectrum: N[], c: N, op: string): Truth3 => {
    const c2 = pa.mul(c, c);
    const signs = spectrum.map((l) =>
      pa.sign(pa.sub(pa.add(pa.mul(pa.re(l), pa.re(l)), pa.mul(pa.im(l), pa.im(l))), c2)),
    );
    const inside: Truth3 = signs.every((x) => x === -1)
      ? 1
      : signs.some((x) => x !== undefined && x >= 0)
        ? 0
        : undefined;
    const closed: Truth3 = signs.every((x) => x !== undefined && x <= 0)
      ? 1
      : signs.some((x) => x === 1)
        ? 0
        : undefined;
    const onCircle: Truth3 = closed === 1 && inside === 0 ? 1 : closed === 0 || inside === 1 ? 0 : undefined;
    return {
      smaller: inside,
      largerEq: negate3(inside),
      smallerEq: closed,
      larger: negate3(closed),
      equal: onCircle,
      unequal: negate3(onCircle),
    }[op as 'smaller'];
  };
  /**
   * ρ(M) against c > 0 for a real 2×2 M, from its trace t and determinant d (Jury's conditions):
   * both roots of z² − tz + d lie in the open disk of radius c iff |d| < c² and |t|·c < c² + d, and
   * in the closed disk iff the same hold with ≤ (the closure). Polynomial in the entries, so exact
   * arithmetic decides the equality cases that closed-form moduli, nested square roots, leave open
   * (ρ = c on a whole interval of parameters). null for a matrix with entries not certainly real.
   */
  const realQuadraticRadius = (entries: N[], c: N, op: string): Truth3 | null => {
    if (entries.some((x) => pa.zero(pa.im(x)) !== 'zero')) return null;
    const [a, b, p, q] = entries as [N, N, N, N];
    const t = pa.add(a, q);
    const d = pa.sub(pa.mul(a, q), pa.mul(b, p));
    const c2 = pa.mul(c, c);
    const tc = pa.mul(t, c);
    const signs = [pa.sub(c2, d), pa.add(c2, d), pa.sub(pa.add(c2, d), tc), pa.add(pa.add(c2, d), tc)].map((x) =>
      pa.sign(x),
    );
    const open: Truth3 = signs.every((x) => x === 1) ? 1 : signs.some((x) => x !== undefined && x <= 0) ? 0 : undefined;
    const closed: Truth3 = signs.some((x) => x === -1) ? 0 : signs.every((x) => x !== undefined) ? 1 : undefined;
    if (op === 'smaller') return open;
    if (op === 'largerEq') return negate3(open);
    if (op === 'smallerEq') return closed;
    // ρ = c: in the closed disk and not in the open one.
    const onCircle: Truth3 = closed === 1 && open === 0 ? 1 : closed === 0 || open === 1 ? 0 : undefined;
    if (op === 'equal') return onCircle;
    if (op === 'unequal') return negate3(onCircle);
    return negate3(closed);
  };
  const elementwise = (a: CValue<N>, b: CValue<N>, f: (x: N, y: N) => N, what: string): CValue<N> => {
    if (a.kind === 'matrix' && b.kind === 'matrix') return { kind: 'matrix', m: M.zip(a.m, b.m, f) };
    if (a.kind === 'list' && b.kind === 'list') {
      if (a.items.length !== b.items.length) throw new Undecidable(`${what} of lists of different lengths`);
      return { kind: 'list', items: a.items.map((x, k) => f(x, b.items[k]!)) };
    }
    if (a.kind === 'list') return { kind: 'list', items: a.items.map((x) => f(x, scalarOf(b, what))) };
    if (b.kind === 'list') return { kind: 'list', items: b.items.map((y) => f(scalarOf(a, what), y)) };
    if (a.kind === 'matrix' || b.kind === 'matrix') {
      // A scalar added to a square matrix is a multiple of the identity (I + hA).
      const m = a.kind === 'matrix' ? a.m : matrixOf(b, what);
      const s = a.kind === 'matrix' ? scalarOf(b, what) : scalarOf(a, what);
      const sI = M.scaledIdentity(pa, m.rows, s);
      return { kind: 'matrix', m: a.kind === 'matrix' ? M.zip(m, sI, f) : M.zip(sI, m, f) };
    }
    return scalarValue(f(scalarOf(a, what), scalarOf(b, what)));
  };
  /**
   * A drawn matrix's exact spectrum, carried through what maps it simply: sI ± A and A ± sI shift
   * it, s·A scales it, −A negates it (so ρ(I + tA) = max |1 + tλ| is exact where A's λ are known).
   */
  const withSpectrum = (out: CValue<N>, from: CValue<N>, f: (l: N) => N): CValue<N> =>
    out.kind === 'matrix' && from.kind === 'matrix' && from.m.spectrum
      ? { kind: 'matrix', m: { ...out.m, spectrum: from.m.spectrum.map(f) } }
      : out;
  const shiftedSpectrum = (out: CValue<N>, a: CValue<N>, b: CValue<N>, f: (x: N, y: N) => N): CValue<N> => {
    if (out.kind !== 'matrix') return out;
    // The side that is a multiple of the identity (a scalar added to a matrix is one), and its multiple.
    const multiple = (v: CValue<N>): N | undefined => {
      if (v.kind === 'scalar') return v.v;
      if (v.kind !== 'matrix' || v.m.rows !== v.m.cols) return undefined;
      const n = v.m.rows;
      const s = v.m.data[0]!;
      for (let i = 0; i < n; i++)
        for (let j = 0; j < n; j++)
          if (pa.zero(pa.sub(v.m.data[i * n + j]!, i === j ? s : pa.ofRational(Q.ZERO))) !== 'zero') return undefined;
      return s;
    };
    if (b.kind === 'matrix' && b.m.spectrum) {
      const s = multiple(a);
      if (s !== undefined) return { kind: 'matrix', m: { ...out.m, spectrum: b.m.spectrum.map((l) => f(s, l)) } };
    }
    if (a.kind === 'matrix' && a.m.spectrum) {
      const s = multiple(b);
      if (s !== undefined) return { kind: 'matrix', m: { ...out.m, spectrum: a.m.spectrum.map((l) => f(l, s)) } };
    }
    return out;
  };
  const multiply = (a: CValue<N>, b: CValue<N>): CValue<N> => {
    if (a.kind === 'matrix' && b.kind === 'matrix') return collapse(M.product(pa, a.m, b.m));
    if (a.kind === 'matrix' && b.kind === 'list') return collapse(M.product(pa, a.m, M.column(b.items)));
    if (a.kind === 'scalar')
      return withSpectrum(
        scalarMapWith(b, (y) => pa.mul(a.v, y)),
        b,
        (l) => pa.mul(a.v, l),
      );
    if (b.kind === 'scalar')
      return withSpectrum(
        scalarMapWith(a, (x) => pa.mul(x, b.v)),
        a,
        (l) => pa.mul(l, b.v),
      );
    if (a.kind === 'list' && b.kind === 'list') return elementwise(a, b, (x, y) => pa.mul(x, y), 'multiply');
    throw new Undecidable('a product of these shapes');
  };
  /** v[k], M[i, j], blocks (expr/indexing): the indices must be exact whole numbers. */
  const indexed = (name: 'entry' | 'block', v: CValue<N>, indices: AnyNode[]): CValue<N> => {
    const ks = indices.map((node) => {
      const k = node.type === 'ParenthesisNode' ? node.content : node;
      if (k.type === 'ConstantNode' && typeof k.value === 'number') return k.value as number;
      const q = pa.rationalOf?.(scalarOf(go(k), 'an index'));
      if (!q || q.d !== 1n) throw new Undecidable('an index that is not an exact whole number');
      return Number(q.n);
    });
    const items = v.kind === 'list' ? v.items : v.kind === 'matrix' ? v.m.data : [scalarOf(v, name)];
    const shape: [number, number] =
      v.kind === 'list' ? [v.items.length, 1] : v.kind === 'matrix' ? [v.m.rows, v.m.cols] : [1, 1];
    const picked = selection(name, shape, ks);
    if (typeof picked === 'string') throw new Undecidable(picked);
    const out = picked.rows.flatMap((i) => picked.cols.map((j) => items[i * shape[1] + j]!));
    if (out.length === 1) return scalarValue(out[0]!);
    if (v.kind === 'list') return { kind: 'list', items: out };
    return { kind: 'matrix', m: { rows: picked.rows.length, cols: picked.cols.length, data: out } };
  };
  const scalarMapWith = (v: CValue<N>, f: (x: N) => N): CValue<N> => scalarMap(v, f);
  const call = (name: string, args: CValue<N>[]): CValue<N> => {
    if (ELEMENTARY.has(name)) return scalarMap(args[0]!, (x) => pa.apply(name, x));
    switch (name) {
      case 'sqrt':
        return scalarMap(args[0]!, (x) => pa.sqrt(x));
      case 'abs':
        return scalarMap(args[0]!, (x) => pa.abs(x));
      case 're':
        return scalarMap(args[0]!, (x) => pa.re(x));
      case 'im':
        return scalarMap(args[0]!, (x) => pa.im(x));
      case 'conj':
        return scalarMap(args[0]!, (x) => pa.conj(x));
      case 'phi':
        // The standard normal density, e^(−x²/2)/√(2π).
        return scalarMap(args[0]!, (x) =>
          pa.div(
            pa.apply('exp', pa.neg(pa.mul(pa.mul(x, x), pa.ofRational(Q.rat(1n, 2n))))),
            pa.sqrt(pa.mul(pa.ofRational(Q.rat(2n)), pa.pi())),
          ),
        );
      case 'Phi':
        // Φ(x) = (1 + erf(x/√2))/2.
        return scalarMap(args[0]!, (x) =>
          pa.mul(
            pa.add(pa.ofRational(Q.ONE), pa.apply('erf', pa.div(x, pa.sqrt(pa.ofRational(Q.rat(2n)))))),
            pa.ofRational(Q.rat(1n, 2n)),
          ),
        );
      case 'step':
      case 'sign':
        return scalarMap(args[0]!, (x) => {
          const s = pa.sign(x);
          if (s === undefined) throw new Undecidable(`${name} at a value that may be 0`);
          return pa.ofRational(Q.rat(BigInt(name === 'step' ? (s > 0 ? 1 : 0) : s)));
        });
      case 'xlogy': {
        // x·log y with 0·log 0 = 0, elementwise over lists.
        const xlogy = (x: N, y: N): N => {
          const z = pa.zero(x);
          if (z === 'zero') return pa.ofRational(Q.ZERO);
          if (z !== 'nonzero') throw new Undecidable('xlogy at a value that may be 0');
          return pa.mul(x, pa.apply('log', y));
        };
        if (args[0]!.kind === 'list' || args[1]!.kind === 'list')
          return elementwise(args[0]!, args[1]!, xlogy, 'xlogy');
        return scalarValue(xlogy(scalarOf(args[0]!, 'xlogy'), scalarOf(args[1]!, 'xlogy')));
      }
      case 'min':
      case 'max':
        return scalarValue(extreme(pa, itemsOf(args), name));
      case 'sum':
        return scalarValue(itemsOf(args).reduce((s: N, x: N) => pa.add(s, x), pa.ofRational(Q.ZERO)));
      case 'det':
        return scalarValue(M.determinant(pa, matrixOf(args[0]!, 'det')));
      case 'trace':
        return scalarValue(M.trace(pa, matrixOf(args[0]!, 'trace')));
      case 'identity': {
        const q = pa.rationalOf?.(scalarOf(args[0]!, 'identity'));
        if (!q || q.d !== 1n || q.n < 1n || q.n > 64n)
          throw new Undecidable('identity of a size that is not an exact whole number from 1 to 64');
        return { kind: 'matrix', m: M.scaledIdentity(pa, Number(q.n), pa.ofRational(Q.ONE)) };
      }
      case 'transpose':
        return { kind: 'matrix', m: M.transpose(matrixOf(args[0]!, 'transpose')) };
      case 'inv':
        if (args[0]!.kind !== 'matrix') return scalarValue(pa.div(pa.ofRational(Q.ONE), scalarOf(args[0]!, 'inv')));
        return { kind: 'matrix', m: M.inverse(pa, args[0]!.m) };
      case 'eigenvalues':
        return { kind: 'list', items: M.eigenvalues(pa, matrixOf(args[0]!, 'eigenvalues')) };
      case 'spectralRadius':
        return scalarValue(
          extreme(
            pa,
            M.eigenvalues(pa, matrixOf(args[0]!, 'spectralRadius')).map((x) => pa.abs(x)),
            'max',
          ),
        );
      case 'psd':
      case 'pd':
      case 'nsd':
      case 'nd':
        return { kind: 'truth', t: M.definiteness(pa, matrixOf(args[0]!, name), name) };
      default:
        throw new Undecidable(`${name} has no certified form`);
    }
  };
  return go(root);
}

function collapse<N>(m: M.CMatrix<N>): CValue<N> {
  return m.rows === 1 && m.cols === 1 ? scalarValue(m.data[0]!) : { kind: 'matrix', m };
}

function truthOf<N>(v: CValue<N>): Truth3 {
  if (v.kind === 'truth') return v.t;
  throw new Undecidable('a condition was expected');
}

/** min or max of real values: decided by certified comparisons, so the result is one of them, exactly. */
function extreme<N>(pa: Arithmetic<N>, xs: N[], which: 'min' | 'max'): N {
  if (xs.length === 0) throw new Undecidable(`${which} of nothing`);
  let best = xs[0] as N;
  for (const x of xs.slice(1)) {
    const s = pa.sign(pa.sub(x, best));
    // Undecided which is larger: an enclosure of both (sound, never exact).
    if (s === undefined) best = pa.hull(best, x, which);
    else if ((which === 'max' && s > 0) || (which === 'min' && s < 0)) best = x;
  }
  return best;
}
