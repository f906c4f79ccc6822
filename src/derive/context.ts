/**
 * Builds the ClaimContext for one size case of a claim: the symbol table, the lazily evaluated
 * model and define names (with cycle detection), random variables, unknown functions (Taylor
 * polynomials, or a check's `given:` definitions) and the truncation guard, and the LaTeX helpers
 * every kind uses.
 */
import type { Claim, GivenFunction, SymbolDecl } from '../model/claim';
import { ClaimError } from '../model/source';
import type { ExprSource } from '../model/schema';
import { parseExpr } from '../expr/parse';
import { parseMath, type ExprNode } from '../expr/mathjs-parser';
import { toTex } from '../expr/tex';
import { parseDerivativeCallName, parseDerivativeName } from '../expr/names';
import { SymbolTable } from '../symbolic/table';
import { evaluateSym, type SymContext } from '../symbolic/evaluate';
import { column, scalar, asScalar, expandAll, type SymValue } from '../symbolic/value';
import { diff, substitute } from '../symbolic/nerd';
import type { ClaimContext, Derived } from '../kinds/kind';
import { claimMacros, claimScope } from '../kinds/scope';
import { expandMacros, type Macro } from '../expr/macros';
import { claimTex } from './tex-names';
import { symbolValuesOf } from './symbol-values';
import { OPERATORS } from '../kinds/operators';
import type { RandomVariable } from '../kinds/expectation';

export interface ContextOptions {
  /** Added to every unknown function's Taylor order. */
  orderBoost?: number;
  /** The far orders kept besides, from the order kept (see derive/index.ts). */
  probes?: (order: number) => number[];
  /** Names introduced by checks (drawn matrices …), allowed in expressions. */
  locals?: string[];
  /** Unknown functions made concrete (a check's `given:`): a macro instead of a Taylor polynomial, and f'(0) … their values. */
  given?: GivenFunction[];
}

/** Macros that make the derivative calls of given functions (f__p1 …) on first use. */
class DerivativeMacros extends Map<string, Macro> {
  constructor(
    base: Map<string, Macro>,
    private readonly make: (name: string) => Macro | undefined,
  ) {
    super(base);
  }
  override get(name: string): Macro | undefined {
    const hit = super.get(name);
    if (hit || !/__p\d+$/.test(name)) return hit;
    const made = this.make(name);
    if (made) this.set(name, made);
    return made;
  }
  // expandMacros skips a tree when the map is empty: derivative calls may still need expanding.
  override get size(): number {
    return Math.max(1, super.size);
  }
}

export function createContext(
  claim: Claim,
  sizes: ReadonlyMap<string, number>,
  opts: ContextOptions = {},
): ClaimContext & { setDerived(name: string, d: Derived): void } {
  const table = new SymbolTable();
  const scope = claimScope(claim, opts.locals);
  const decls = new Map<string, SymbolDecl>(claim.symbols.map((s) => [s.name, s]));
  const aboutOf = new Map<string, number>();
  for (const s of claim.symbols) if (s.domain.kind === 'function') aboutOf.set(s.name, s.domain.about);
  const { texName, texInternal, texValue } = claimTex(claim, table, decls, aboutOf);

  const given = new Map((opts.given ?? []).map((g) => [g.fn, g]));
  const { unknownFunctions, symbolValues } = symbolValuesOf(claim, sizes, table, scope.values, given, opts);
  const randomVariables: RandomVariable[] = [];

  const exprs = new Map<string, ExprSource>();
  const section = new Map<string, 'define' | 'model'>();
  for (const m of claim.define) if (!m.params) (exprs.set(m.name, m.expr), section.set(m.name, 'define'));
  for (const m of claim.model) if (!m.params) (exprs.set(m.name, m.expr), section.set(m.name, 'model'));
  const cache = new Map<string, SymValue>();
  /** Set once the derivation is done: what the checks read of the model must not depend on the truncation. */
  let truncationGuard: ((v: SymValue, name: string) => void) | undefined;
  /** Inside an expression a check evaluates: only its result is held to the guard (diff(D, t) at 0 may be exact where D is not). */
  let inExpression = false;
  const evaluating = new Set<string>();
  const readByCheck = (depth: number) => !inExpression && evaluating.size === depth;
  const derived = new Map<string, Derived>();

  let macros: Map<string, Macro> | undefined;
  const parseWith = (src: ExprSource, params: string[]) =>
    parseExpr(src, claimScope(claim, [...(opts.locals ?? []), ...params]));
  const macrosOf = (): Map<string, Macro> => {
    if (!macros) {
      macros = new DerivativeMacros(claimMacros(claim, parseWith), derivativeMacro);
      for (const g of given.values()) macros.set(g.fn, { params: [g.param], body: parseWith(g.body, [g.param]) });
    }
    return macros;
  };
  /** The body of a given function, in internal names, with its parameter as the internal symbol t. */
  const givenBody = (g: GivenFunction): { expr: string; t: string } => {
    const t = table.internal(`${g.fn}__given_${g.param}`);
    const expr = asScalar(
      evaluateSym(macrosOf().get(g.fn)!.body, {
        ...symContext,
        lookup: (n) => (n === g.param ? scalar(t) : symContext.lookup(n)),
      }),
      `the definition of ${g.fn}`,
    );
    return { expr, t };
  };
  /** f'(x), f''(x) … of a given function as macros: its derivatives, taken symbolically, with the parameter free. */
  const derivativeMacro = (name: string): Macro | undefined => {
    const call = parseDerivativeCallName(name);
    const g = call && given.get(call.fn);
    if (!call || !g) return undefined;
    let { expr, t } = givenBody(g);
    for (let k = 0; k < call.order; k++) expr = diff(expr, t);
    return { params: [table.user(t)], body: parseMath(table.toUserText(expr)) };
  };
  const parse = (src: ExprSource): ExprNode => expandMacros(parseExpr(src, scope), macrosOf());
  /** f'(0), f''(0) … of a given function: its derivatives at the expansion point, derived from its definition. */
  const givenDerivatives = new Map<string, SymValue>();
  const givenDerivative = (name: string): SymValue | undefined => {
    const der = parseDerivativeName(name);
    const g = der && given.get(der.fn);
    if (!der || !g) return undefined;
    let v = givenDerivatives.get(name);
    if (!v) {
      let { expr, t } = givenBody(g);
      for (let k = 0; k < der.order; k++) expr = diff(expr, t);
      v = scalar(substitute(expr, { [t]: String(aboutOf.get(g.fn) ?? 0) }));
      givenDerivatives.set(name, v);
    }
    return v;
  };

  const symContext: SymContext & { randomVariables: RandomVariable[] } = {
    table,
    operators: OPERATORS,
    unknownFunctions,
    randomVariables,
    lookup(name) {
      const v = symbolValues.get(name) ?? givenDerivative(name);
      if (v) return v;
      const d = derived.get(name);
      if (d) {
        if (d.type === 'value') return d.value;
        // Eigenvalues with closed forms are a column of them, in the derivation's order (lambda[1]).
        if (d.type === 'spectrum' && d.eigenvalues) return column(d.eigenvalues);
        throw new ClaimError(
          d.type === 'spectrum'
            ? `"${name}" is a list of eigenvalues known only through the characteristic polynomial (no closed forms), so its entries have no order: it cannot be used in an expression here (numeric checks can: max(abs(${name})) < 1)`
            : `"${name}" is a condition, not a value, and cannot be used in an expression here`,
        );
      }
      const src = exprs.get(name);
      if (!src) return undefined;
      const hit = cache.get(name);
      if (hit) {
        if (readByCheck(0)) truncationGuard?.(hit, name);
        return hit;
      }
      if (evaluating.has(name))
        throw new ClaimError(`"${name}" is defined in terms of itself (${[...evaluating, name].join(' → ')})`, src.pos);
      evaluating.add(name);
      try {
        // Products the tool built itself, (a)*(b), are expanded once here so later steps parse a
        // short normal form; values from operators are already normal (each nerdamer call costs ms).
        const raw = evaluateSym(parse(src), symContext);
        const nested = (raw.kind === 'scalar' ? [raw.expr] : raw.rows.flat()).some((e) => e.includes(')*('));
        const value = nested ? expandAll(raw) : raw;
        cache.set(name, value);
        // (Checked after the evaluation: it is the outermost read again once this name is done.)
        if (readByCheck(1)) truncationGuard?.(value, name);
        return value;
      } catch (e) {
        // A name's own expression is at fault, not the step that first needed it: say so, at its line.
        if (e instanceof ClaimError && !e.pos)
          throw new ClaimError(`${section.get(name)}.${name}: ${e.message}`, src.pos, e.hint);
        throw e;
      } finally {
        evaluating.delete(name);
      }
    },
    evaluate(node) {
      return evaluateSym(node, symContext);
    },
  };
  for (const s of claim.symbols) {
    if (s.domain.kind === 'normal') {
      const internal = table.internal(s.name);
      symbolValues.set(s.name, scalar(internal));
      randomVariables.push({
        internal,
        user: s.name,
        mean: asScalar(evaluateSym(parse(s.domain.mean), symContext), `the mean of ${s.name}`),
        variance: asScalar(evaluateSym(parse(s.domain.variance), symContext), `the variance of ${s.name}`),
      });
    }
  }

  return {
    claim,
    table,
    scope,
    sizes,
    parse,
    sym: (node) => {
      const outer = inExpression;
      inExpression = true;
      try {
        const v = symContext.evaluate(node);
        if (!outer) truncationGuard?.(v, node.toString());
        return v;
      } finally {
        inExpression = outer;
      }
    },
    guardTruncation: (check) => {
      truncationGuard = check;
    },
    symContext,
    derived: (name) => derived.get(name),
    setDerived: (name, d) => derived.set(name, d),
    symbol: (name) => {
      const d = decls.get(name);
      const der = parseDerivativeName(name);
      if (der && given.has(der.fn)) return undefined;
      if (d) return d;
      if (der && unknownFunctions.has(der.fn))
        return { name, domain: { kind: 'real', sign: 'any', range: [-3, 3] }, pos: claim.pos };
      return undefined;
    },
    texName,
    tex: (node) => toTex(node, texName),
    texInternal,
    texValue,
    notes: [],
  };
}
