/**
 * Derive stage: from a claim's model, run its derivation steps symbolically (nerdamer), one size
 * case at a time. Unknown functions are Taylor polynomials of four orders more than declared, with
 * far terms besides, and no result may involve the coefficients beyond the declared order, so
 * truncation never decides a verdict.
 */
import type { Claim, GivenFunction } from '../model/claim';
import { ClaimError } from '../model/source';
import type { Derivation, DerivedStep } from '../model/result';
import type { ClaimContext, Derived } from '../kinds/kind';
import { CHECKS, FIGURES, STEPS } from '../kinds/registry';
import { expandRejections, rewriteRejections, variables } from '../symbolic/nerd';
import { derivativeName, parseDerivativeName, plainName } from '../expr/names';
import { createContext } from './context';
import { parseExpr } from '../expr/parse';
import { claimScope } from '../kinds/scope';

/** The size cases of a claim: every combination of the integer symbols used as vector/matrix sizes. */
export function sizeCases(claim: Claim): Array<Map<string, number>> {
  const sizeNames = new Set<string>();
  for (const s of claim.symbols) {
    if (s.domain.kind === 'vector' && !/^\d+$/.test(s.domain.size)) sizeNames.add(s.domain.size);
    if (s.domain.kind === 'matrix')
      [s.domain.rows, s.domain.cols].filter((x) => !/^\d+$/.test(x)).forEach((x) => sizeNames.add(x));
  }
  let cases: Array<Map<string, number>> = [new Map()];
  for (const name of sizeNames) {
    const d = claim.symbols.find((s) => s.name === name)!.domain as { min: number; max: number };
    const next: Array<Map<string, number>> = [];
    for (const c of cases) for (let v = d.min; v <= d.max; v++) next.push(new Map([...c, [name, v]]));
    cases = next;
  }
  return cases;
}

function stepsOf(
  claim: Claim,
  ctx: ClaimContext & { setDerived(n: string, d: Derived): void },
): { steps: DerivedStep[]; values: Map<string, Derived> } {
  const steps: DerivedStep[] = [];
  const values = new Map<string, Derived>();
  for (const spec of claim.derive) {
    const kind = STEPS.get(spec.kind)!;
    let out;
    try {
      out = kind.derive(spec.args, ctx);
    } catch (e) {
      if (e instanceof ClaimError && !e.pos)
        throw new ClaimError(`derive.${spec.name} (${spec.kind}): ${e.message}`, spec.pos, e.hint);
      throw e;
    }
    ctx.setDerived(spec.name, out.value);
    values.set(spec.name, out.value);
    steps.push({
      name: spec.name,
      nameTex: ctx.texName(spec.name),
      kind: spec.kind,
      tex: out.tex,
      notes: out.notes ?? [],
    });
  }
  return { steps, values };
}

/**
 * The claim re-derived with its unknown functions given concrete definitions (a check's `given:`),
 * so that the check runs the model's own expressions. Every unknown function must be given: a
 * Taylor polynomial left beside a concrete one would escape the truncation guard.
 */
export function concreteCase(claim: Claim, sizes: Map<string, number>, given: GivenFunction[]): ClaimContext {
  const missing = claim.symbols.filter((s) => s.domain.kind === 'function' && !given.some((g) => g.fn === s.name));
  if (missing.length)
    throw new ClaimError(
      `given: every unknown function must be given a definition here; ${missing.map((s) => s.name).join(', ')} is not`,
      given[0]!.pos,
    );
  const locals = [
    ...claim.checks.flatMap((c) => CHECKS.get(c.kind)?.localNames?.(c.args) ?? []),
    ...claim.figures.flatMap((f) => FIGURES.get(f.kind)?.localNames?.(f.args) ?? []),
  ];
  const ctx = createContext(claim, sizes, { locals, given });
  concreteSteps.set(ctx, stepsOf(claim, ctx).steps);
  return ctx;
}

/** The steps of each concrete derivation, for the derivation shown when only concrete ones can be done. */
const concreteSteps = new WeakMap<ClaimContext, DerivedStep[]>();

function derivedStrings(d: Derived): string[] {
  return d.type === 'value'
    ? d.value.kind === 'scalar'
      ? [d.value.expr]
      : d.value.rows.flat()
    : d.type === 'spectrum'
      ? d.charpoly
      : [d.bound ?? '0'];
}

/**
 * Far orders kept in an unknown function's Taylor polynomial beside the first `top`, each with its
 * own coefficient that no result may involve: a combination that annihilates every polynomial of
 * degree ≤ top (a seventh finite difference, a stencil cancelling the moments up to the sixth) is
 * exactly 0 in the truncation and involves no coefficient at all. Every order up to
 * top + 2 + 2·sites is kept, `sites` the number of points f is expanded at: a nonzero combination
 * of f's values at m points cannot annihilate every polynomial of degree m − 1 (Lagrange
 * interpolation), nor can m expectations E f(c·ε) of a symmetric ε annihilate the even orders up
 * to 2(m − 1), so no stencil hides behind orders chosen in advance. The orders 2·top + 1 and
 * 2·top + 2 besides (products of two expansions).
 */
/** The most points an unknown function is expanded at: each adds two far orders to every expansion. */
const MAX_SITES = 8;

function truncationProbes(top: number, sites: number): number[] {
  const near = Array.from({ length: 2 + 2 * sites }, (_, j) => top + 1 + j);
  return [...new Set([...near, 2 * top + 1, 2 * top + 2])].sort((a, b) => a - b);
}

/** Orders as runs: 7–12, 15, 16. */
function runsOf(orders: number[]): string {
  const runs: string[] = [];
  for (let i = 0; i < orders.length;) {
    let j = i;
    while (j + 1 < orders.length && orders[j + 1] === orders[j]! + 1) j++;
    runs.push(j - i >= 2 ? `${orders[i]}–${orders[j]}` : orders.slice(i, j + 1).join(', '));
    i = j + 1;
  }
  return runs.join(', ');
}

/**
 * The distinct points an unknown function is written at in the claim's text, the expansion point
 * aside (f(0) is its coefficient alone): the first guess at the sites, which a derivation may exceed.
 */
function writtenSites(claim: Claim, fn: string, about: number): number {
  const text = JSON.stringify([claim.model, claim.define, claim.derive, claim.checks, claim.figures]);
  const args = new Set<string>();
  for (const m of text.matchAll(new RegExp(`(?<![A-Za-z0-9_'])${fn}\\s*\\(`, 'g'))) {
    let depth = 1;
    let end = m.index + m[0].length;
    for (; end < text.length && depth > 0; end++) depth += text[end] === '(' ? 1 : text[end] === ')' ? -1 : 0;
    const arg = text.slice(m.index + m[0].length, end - 1).replace(/\s+/g, '');
    if (arg !== String(about)) args.add(arg);
  }
  return args.size;
}

export interface CaseDerivation {
  ctx: ClaimContext;
  derivation: Derivation;
}

/**
 * A claim whose every check and figure gives its unknown functions definitions (`given:`) uses no
 * result derived with them unknown: where that derivation fails (f at a point other than the
 * expansion point, beyond the Taylor polynomial), the derivation shown is the first check's.
 */
export function deriveCase(claim: Claim, sizes: Map<string, number>): CaseDerivation {
  const specs = [...claim.checks, ...claim.figures];
  const allGiven =
    claim.symbols.some((s) => s.domain.kind === 'function') && specs.length > 0 && specs.every((c) => c.given?.length);
  if (!allGiven) return deriveUnknown(claim, sizes);
  try {
    return deriveUnknown(claim, sizes);
  } catch (e) {
    if (!(e instanceof ClaimError)) throw e;
    const given = specs[0]!.given!;
    const ctx = concreteCase(claim, sizes, given);
    const steps = concreteSteps.get(ctx) ?? [];
    const definitions = given.map((g) => `${g.fn}(${g.param}) = ${g.body.text}`).join(', ');
    const notes = [
      `with ${given.map((g) => g.fn).join(', ')} unknown this derivation cannot be done (${e.message}); every check gives a definition and is derived with it, so the derivation shown is that of check 1, with ${definitions}`,
    ];
    return { ctx, derivation: { model: modelTex(claim, ctx), steps, notes } };
  }
}

function localsOf(claim: Claim): string[] {
  return [
    ...claim.checks.flatMap((c) => CHECKS.get(c.kind)?.localNames?.(c.args) ?? []),
    ...claim.figures.flatMap((f) => FIGURES.get(f.kind)?.localNames?.(f.args) ?? []),
  ];
}

/** The model and the definitions, as the derivation shows them. */
function modelTex(claim: Claim, ctx: ClaimContext): Array<{ name: string; tex: string }> {
  const locals = localsOf(claim);
  const model = claim.model.map((m) => ({
    name: m.name,
    tex: `${ctx.texName(m.name)} = ${ctx.tex(ctx.parse(m.expr))}`,
  }));
  for (const d of claim.define) {
    const head = d.params ? `${ctx.texName(d.name)}(${d.params.map(ctx.texName).join(', ')})` : ctx.texName(d.name);
    const body = d.params
      ? ctx.tex(parseExpr(d.expr, claimScope(claim, [...d.params, ...locals])))
      : ctx.tex(ctx.parse(d.expr));
    model.push({ name: d.name, tex: `${head} := ${body}` });
  }
  return model;
}

function deriveUnknown(claim: Claim, sizes: Map<string, number>): CaseDerivation {
  const locals = localsOf(claim);
  const rejectedBefore = expandRejections.count;
  const rewritesBefore = rewriteRejections.count;
  const functions = claim.symbols.filter((s) => s.domain.kind === 'function');
  // Unknown functions enter as Taylor polynomials of four orders more than declared, and a result
  // may involve none of the four top coefficients. One extra order is not enough: E f(ε) with
  // ε ~ N(0, σ²) loses the order-3 coefficient to E ε³ = 0 but not the order-4 one (every even
  // moment contributes), and a one-order guard let the truncation prove f(0) + f''(0)σ²/2.
  // Of two consecutive orders one is even, so a result that depends on the whole series is caught.
  // Two orders are still beaten by a combination that cancels them (E f(2ε) − 4 E f(ε) + 3 f(0)
  // with f of order 1 is 0 through order 3 and (3/2) f''''(0) σ⁴ beyond): four extra orders leave
  // a far smaller target, and the far probes (truncationProbes) catch a stencil that cancels them.
  const BOOST = 4;
  // The far orders are sized to the points f is expanded at; a derivation that reaches more points
  // than the claim's text shows (a define applied many times) is derived again with enough of them.
  let sites = Math.max(0, ...functions.map((f) => writtenSites(claim, f.name, (f.domain as { about: number }).about)));
  const tooMany = (n: number) =>
    new ClaimError(
      `an unknown function is expanded at ${n} points here: deciding that the truncation of its Taylor polynomial does not decide the result needs every order up to twice that many, more than the ${MAX_SITES} points derived here allow`,
      claim.pos,
      'give the function a definition for the check that needs it (given: f(t) = …), or write the claim with fewer points',
    );
  if (sites > MAX_SITES) throw tooMany(sites);
  let ctx = createContext(claim, sizes, {
    locals,
    orderBoost: functions.length ? BOOST : 0,
    probes: (top) => truncationProbes(top, sites),
  });
  let { steps, values } = stepsOf(claim, ctx);
  const reached = () => Math.max(0, ...[...ctx.symContext.unknownFunctions.values()].map((f) => f.sites?.size ?? 0));
  if (reached() > MAX_SITES) throw tooMany(reached());
  if (reached() > sites) {
    sites = reached();
    ctx = createContext(claim, sizes, {
      locals,
      orderBoost: functions.length ? BOOST : 0,
      probes: (top) => truncationProbes(top, sites),
    });
    ({ steps, values } = stepsOf(claim, ctx));
  }
  const notes: string[] = [];
  if (functions.length) {
    // The coefficients a result may not involve: the orders above the declared one, and the far probes.
    const top = new Map<string, string>();
    for (const f of functions) {
      const { order } = f.domain as { order: number };
      for (const k of [
        ...Array.from({ length: BOOST }, (_, j) => order + 1 + j),
        ...truncationProbes(order + BOOST, sites),
      ])
        top.set(ctx.table.internal(derivativeName(f.name, k)), derivativeName(f.name, k));
    }
    const beyond = (strings: string[]) => strings.flatMap((s) => variables(s)).find((v) => top.has(v));
    const hint =
      'raise the order in the domain, e.g. "function, order 6", if the result is a finite sum; a result that needs every order (an expectation of a general f, f at other points than the expansion point) cannot be derived this way';
    for (const [name, d] of values) {
      const hit = beyond(derivedStrings(d));
      if (hit)
        throw new ClaimError(
          `the result of derive.${name} involves ${plainName(ctx.table.user(hit))}, beyond the declared order of the Taylor polynomial: the truncation may decide it`,
          claim.pos,
          hint,
        );
    }
    // A check that reads the model itself (equal: D, with D = f(7t) − 7f(6t) + …) is held to the same rule.
    ctx.guardTruncation?.((v, name) => {
      if (reached() > sites)
        throw new ClaimError(
          `${plainName(name)} expands an unknown function at ${reached()} points, more than the ${sites} its far Taylor orders were kept for, where a check reads it: the truncation may decide the check`,
          claim.pos,
          hint,
        );
      const hit = beyond(v.kind === 'scalar' ? [v.expr] : v.rows.flat());
      if (hit) {
        const fn = parseDerivativeName(ctx.table.user(hit))?.fn ?? 'f';
        throw new ClaimError(
          `${plainName(name)} involves ${plainName(ctx.table.user(hit))}, beyond the declared order of the Taylor polynomial, where a check reads it: the truncation may decide the check`,
          claim.pos,
          `give ${fn} a definition for the check that needs it (given: ${fn}(t) = …), or ${hint}`,
        );
      }
    });
    for (const f of functions) {
      const d = f.domain as { order: number; about: number };
      const probes = truncationProbes(d.order + BOOST, sites);
      notes.push(
        `$${ctx.texName(f.name)}$ is unknown: it enters as its Taylor polynomial of order ${d.order + BOOST} about ${d.about}, in the symbols $${ctx.texName(derivativeName(f.name, 0))}, ${ctx.texName(derivativeName(f.name, 1))}, \\dots$, with terms of orders ${runsOf(probes)} besides (as many as the ${sites} point(s) it is expanded at call for); no result involves the coefficients $${ctx.texName(derivativeName(f.name, d.order + 1))}$ to $${ctx.texName(derivativeName(f.name, d.order + BOOST))}$ above the declared order, or those of the far terms, so the truncation does not decide them`,
      );
    }
  }
  const rejected = expandRejections.count - rejectedBefore;
  if (rejected > 0)
    notes.push(
      `nerdamer's expand gave a wrong result ${rejected} time(s) here (caught by evaluating both forms at sample points); the unexpanded forms were kept`,
    );
  const rewrites = rewriteRejections.count - rewritesBefore;
  if (rewrites > 0)
    notes.push(
      `nerdamer rewrote an expression ${rewrites} time(s) here in a way that changes its value at sample points (such as √(xy) = √x·√y, which holds only for positive values); the expressions were kept as written`,
    );
  return { ctx, derivation: { model: modelTex(claim, ctx), steps, notes } };
}
