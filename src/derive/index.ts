/**
 * Derive stage: from a claim's model, run its derivation steps symbolically (nerdamer), one size
 * case at a time. Unknown functions are Taylor polynomials; the stage re-derives with one more
 * order and requires the same results, so truncation never decides a verdict.
 */
import type { Claim } from '../model/claim';
import { ClaimError } from '../model/source';
import type { Derivation, DerivedStep } from '../model/result';
import { STEPS } from '../kinds/registry';
import type { ClaimContext, Derived } from '../kinds/kind';
import { CHECKS } from '../kinds/registry';
import { expandsToZero } from '../symbolic/nerd';
import { createContext } from './context';
import { parseExpr } from '../expr/parse';
import { claimScope } from '../kinds/scope';

export { createContext } from './context';

/** The size cases of a claim: every combination of the integer symbols used as vector/matrix sizes. */
export function sizeCases(claim: Claim): Array<Map<string, number>> {
  const sizeNames = new Set<string>();
  for (const s of claim.symbols) {
    if (s.domain.kind === 'vector' && !/^\d+$/.test(s.domain.size)) sizeNames.add(s.domain.size);
    if (s.domain.kind === 'matrix') [s.domain.rows, s.domain.cols].filter((x) => !/^\d+$/.test(x)).forEach((x) => sizeNames.add(x));
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

function stepsOf(claim: Claim, ctx: ClaimContext & { setDerived(n: string, d: Derived): void }): { steps: DerivedStep[]; values: Map<string, Derived> } {
  const steps: DerivedStep[] = [];
  const values = new Map<string, Derived>();
  for (const spec of claim.derive) {
    const kind = STEPS.get(spec.kind)!;
    let out;
    try {
      out = kind.derive(spec.args, ctx);
    } catch (e) {
      if (e instanceof ClaimError && !e.pos) throw new ClaimError(`derive.${spec.name} (${spec.kind}): ${e.message}`, spec.pos, e.hint);
      throw e;
    }
    ctx.setDerived(spec.name, out.value);
    values.set(spec.name, out.value);
    steps.push({ name: spec.name, kind: spec.kind, tex: out.tex, notes: out.notes ?? [] });
  }
  return { steps, values };
}

function sameDerived(a: Derived, b: Derived): boolean {
  const strings = (d: Derived): string[] =>
    d.type === 'value' ? (d.value.kind === 'scalar' ? [d.value.expr] : d.value.rows.flat()) : d.type === 'spectrum' ? d.charpoly : [d.relation, d.bound ?? ''];
  const A = strings(a);
  const B = strings(b);
  if (a.type !== b.type || A.length !== B.length) return false;
  if (a.type === 'condition') return A[0] === B[0] && expandsToZero(`(${A[1]})-(${B[1]})`);
  return A.every((x, k) => expandsToZero(`(${x})-(${B[k]})`));
}

export interface CaseDerivation {
  ctx: ClaimContext;
  derivation: Derivation;
}

export function deriveCase(claim: Claim, sizes: Map<string, number>): CaseDerivation {
  const locals = claim.checks.flatMap((c) => CHECKS.get(c.kind)?.localNames?.(c.args) ?? []);
  const ctx = createContext(claim, sizes, { locals });
  const { steps, values } = stepsOf(claim, ctx);
  const notes: string[] = [];
  const functions = claim.symbols.filter((s) => s.domain.kind === 'function');
  if (functions.length && claim.derive.length) {
    const again = createContext(claim, sizes, { orderBoost: 1, locals });
    const second = stepsOf(claim, again).values;
    for (const [name, d] of values) {
      if (!sameDerived(d, second.get(name)!))
        throw new ClaimError(`the result of derive.${name} changes when the Taylor order of ${functions.map((f) => f.name).join(', ')} is raised: the truncation is not exact here`, claim.pos, 'raise the order in the domain, e.g. "function, order 8"');
    }
    for (const f of functions) {
      const d = f.domain as { order: number; about: number };
      notes.push(`${f.name} is unknown: it enters as its Taylor polynomial of order ${d.order} about ${d.about}, written with the symbols ${f.name}(${d.about}), ${f.name}'(${d.about}), …; re-deriving with order ${d.order + 1} gives the same results, so the truncation does not affect them`);
    }
  }
  const model = claim.model.map((m) => ({ name: m.name, tex: `${ctx.texName(m.name)} = ${ctx.tex(ctx.parse(m.expr))}` }));
  for (const d of claim.define) {
    const head = d.params ? `${ctx.texName(d.name)}(${d.params.map(ctx.texName).join(', ')})` : ctx.texName(d.name);
    const body = d.params ? ctx.tex(parseExpr(d.expr, claimScope(claim, [...d.params, ...locals]))) : ctx.tex(ctx.parse(d.expr));
    model.push({ name: d.name, tex: `${head} := ${body}` });
  }
  return { ctx, derivation: { model, steps, notes } };
}
