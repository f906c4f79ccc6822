/**
 * Check `equal`: a derived quantity equals the claimed closed form. Values compare entry by
 * entry; spectra compare as multisets through the characteristic polynomial (well conditioned
 * at repeated eigenvalues, blind to the choice of square-root branch); conditions compare their
 * relation and their bound.
 */
import { field, optional, required } from '../model/schema';
import { ClaimError } from '../model/source';
import type { ExprNode } from '../expr/mathjs-parser';
import { asScalar, entries, shape } from '../symbolic/value';
import { textTex } from '../expr/tex';
import { eigenvalues as numericEigenvalues } from '../numeric/linalg';
import type { Complex } from '../numeric/complex';
import { formatNumber } from './support/numeric-env';
import { NumericEnv, formatComplex, texComplex } from './support/numeric-env';
import { comparePairs, EQUALITY_TOLERANCE, ROUNDING_ZONE, symbolicHint, scalarOfValue } from './support/compare';
import { polynomialFromRoots } from './charpoly';
import { internalNamesIn } from '../symbolic/table';
import { specialPointsOf } from './support/specials';
import type { ArgsOf, CheckKind, CheckOutput, ClaimContext, Derived } from './kind';
import type { Counterexample } from '../model/result';

type AnyNode = ExprNode & Record<string, any>;

const schema = field.object({
  equal: required(field.name(), 'the derived quantity, e.g. lambda'),
  to: required(field.expr(), 'the claimed closed form'),
  label: optional(field.string()),
});

const REL: Record<string, string> = { smaller: '<', smallerEq: '<=', larger: '>', largerEq: '>=' };
const REL_TEX: Record<string, string> = { '<': '<', '<=': '\\le', '>': '>', '>=': '\\ge' };

function claimedItems(node: AnyNode): AnyNode[] {
  const n = node.type === 'ParenthesisNode' ? node.content : node;
  return n.type === 'ArrayNode' ? n.items : [n];
}

interface Comparison {
  derivedTexts: string[];
  claimedTexts: string[];
  derivedTex: string;
  claimedTex: string;
  /** Values to show at a counterexample point: derived and claimed. */
  show(env: NumericEnv, values: Float64Array): { derived: string; claimed: string };
  structural?: string;
}

function compareValue(d: Derived & { type: 'value' }, node: AnyNode, ctx: ClaimContext): Comparison {
  const claimed = ctx.sym(node);
  const [dr, dc] = shape(d.value);
  const [cr, cc] = shape(claimed);
  const derivedTexts = d.value.kind === 'scalar' ? [d.value.expr] : d.value.rows.flat();
  const claimedTexts = claimed.kind === 'scalar' ? [claimed.expr] : claimed.rows.flat();
  const structural = dr !== cr || dc !== cc ? `the derivation gives a ${dr}×${dc} result, the claim a ${cr}×${cc} one` : undefined;
  return {
    derivedTexts,
    claimedTexts,
    derivedTex: ctx.texValue(d.value),
    claimedTex: ctx.tex(node),
    structural,
    show(env, values) {
      const scope = env.scopeOf(values);
      const fmt = (texts: string[]) => texts.map((t) => formatComplex(scalarOfValue(env.compileInternal(t)(scope)) ?? NaN)).join(', ');
      return { derived: fmt(derivedTexts), claimed: fmt(claimedTexts) };
    },
  };
}

function compareSpectrum(d: Derived & { type: 'spectrum' }, node: AnyNode, ctx: ClaimContext): Comparison {
  const items = claimedItems(node);
  const claimed = items.map((it) => asScalar(ctx.sym(it), 'a claimed eigenvalue'));
  const n = d.charpoly.length - 1;
  const structural = claimed.length !== n ? `the matrix is ${n}×${n} but the claim lists ${claimed.length} eigenvalue(s)` : undefined;
  const claimedPoly = polynomialFromRoots(claimed);
  return {
    // Compare characteristic polynomials: coefficients 0 … n−1 (both monic).
    derivedTexts: structural ? [] : d.charpoly.slice(0, n),
    claimedTexts: structural ? [] : claimedPoly.slice(0, n),
    derivedTex: d.eigenvalues ? `\\left\\{${d.eigenvalues.map((e) => ctx.texInternal(e)).join(',\\ ')}\\right\\}` : `\\text{roots of } ${'\\det(\\lambda I - J)'}`,
    claimedTex: `\\left\\{${items.map((it) => ctx.tex(it)).join(',\\ ')}\\right\\}`,
    structural,
    show(env, values) {
      const scope = env.scopeOf(values);
      const derived = d.eigenvalues
        ? d.eigenvalues.map((e) => scalarOfValue(env.compileInternal(e)(scope))!)
        : numericEigenvalues(env.compileMatrix(d.matrix)(scope));
      const cl = claimed.map((e) => scalarOfValue(env.compileInternal(e)(scope))!);
      const f = (xs: Array<number | Complex>) => `{${xs.map(formatComplex).join(', ')}}`;
      return { derived: f(derived), claimed: f(cl) };
    },
  };
}

function compareCondition(d: Derived & { type: 'condition' }, node: AnyNode, ctx: ClaimContext): Comparison {
  const n = node.type === 'ParenthesisNode' ? node.content : node;
  const rel = n.type === 'OperatorNode' ? REL[n.fn] : undefined;
  if (!rel) throw new ClaimError('the claimed form of a solved inequality must itself be an inequality, e.g. h < 2/abs(a)');
  const lhs = asScalar(ctx.sym(n.args[0]), 'the claimed variable');
  if (lhs !== d.variable) throw new ClaimError(`the claimed inequality must have ${ctx.table.user(d.variable)} alone on the left`);
  const bound = asScalar(ctx.sym(n.args[1]), 'the claimed bound');
  const structural = rel !== d.relation ? `the derivation gives ${ctx.table.user(d.variable)} ${d.relation} bound, the claim ${rel}: they differ at the bound itself` : undefined;
  const v = ctx.texName(ctx.table.user(d.variable));
  return {
    derivedTexts: [d.bound!],
    claimedTexts: [bound],
    derivedTex: `${v} ${REL_TEX[d.relation]} ${ctx.texInternal(d.bound!)}`,
    claimedTex: ctx.tex(node),
    structural,
    show(env, values) {
      const scope = env.scopeOf(values);
      const f = (t: string) => formatComplex(scalarOfValue(env.compileInternal(t)(scope)) ?? NaN);
      return { derived: `${ctx.table.user(d.variable)} ${d.relation} ${f(d.bound!)}`, claimed: `${ctx.table.user(d.variable)} ${rel} ${f(bound)}` };
    },
  };
}

export const equalCheck: CheckKind<ArgsOf<typeof schema>> = {
  role: 'check',
  name: 'equal',
  summary: 'a derived quantity equals the claimed closed form (values, eigenvalue multisets, solved inequalities)',
  schema,
  run(args, ctx, opts): CheckOutput {
    const d = ctx.derived(args.equal) ?? (ctx.symContext.lookup(args.equal) ? ({ type: 'value', value: ctx.symContext.lookup(args.equal)! } as Derived) : undefined);
    if (!d) throw new ClaimError(`"${args.equal}" is not a derived or model quantity`, args.pos);
    const node = ctx.parse(args.to) as AnyNode;
    const cmp = d.type === 'spectrum' ? compareSpectrum(d, node, ctx) : d.type === 'condition' ? compareCondition(d, node, ctx) : compareValue(d, node, ctx);
    const label = args.label ?? `${args.equal} = claimed form`;
    const claimTex = `${ctx.texName(args.equal)} = ${cmp.claimedTex}`;
    const relevant = new Set<string>();
    for (const t of [...cmp.derivedTexts, ...cmp.claimedTexts]) for (const v of internalNamesIn(t)) relevant.add(v);
    const env = new NumericEnv(ctx, relevant);
    const instances = env.plan(opts.count, opts.rng, specialPointsOf(ctx, env));
    const special = instances.filter((i) => i.special).length;
    const counterexample = (k: number, detail: string, exact: boolean): Counterexample => {
      const inst = instances[k]!;
      const shown = cmp.show(env, inst.values);
      return {
        point: env.pointOf(inst.values),
        derivedTex: textTex(shown.derived),
        claimedTex: textTex(shown.claimed),
        detail,
        seed: opts.seed,
        instance: k,
        exact,
      };
    };
    if (cmp.structural) {
      return {
        label,
        status: 'refuted',
        claimTex,
        reason: cmp.structural,
        symbolic: { derivedTex: cmp.derivedTex, claimedTex: cmp.claimedTex, simplifiesToZero: false },
        counterexample: counterexample(0, cmp.structural, true),
        decidedBy: ['symbolic derivation (structure of the result)'],
      };
    }
    const pairs = cmp.derivedTexts.map((t, k) => [t, cmp.claimedTexts[k]!] as [string, string]);
    const hint = symbolicHint(pairs);
    const compiled = pairs.map(([a, b]) => [env.compileInternal(a), env.compileInternal(b)] as [ReturnType<NumericEnv['compileInternal']>, ReturnType<NumericEnv['compileInternal']>]);
    const r = comparePairs(env, instances, compiled, pairs);
    const numeric = {
      instances: r.failedAt ? r.failedAt.instance + 1 : instances.length,
      special,
      seed: opts.seed,
      worstError: r.worst,
      tolerance: EQUALITY_TOLERANCE,
      ...(r.exactlyDecided ? { exactlyDecided: r.exactlyDecided } : {}),
      ...(r.undefinedAt || r.undecidedAt
        ? {
            note: [
              r.undefinedAt ? `undefined (a pole of both sides) at ${r.undefinedAt} point(s)` : '',
              r.undecidedAt ? `${r.undecidedAt} point(s) with a relative difference between ${EQUALITY_TOLERANCE} and ${ROUNDING_ZONE} (possible rounding) that exact arithmetic could not decide, counted and not judged` : '',
            ].filter(Boolean).join('; '),
          }
        : {}),
    };
    const symbolic = { derivedTex: cmp.derivedTex, claimedTex: cmp.claimedTex, simplifiesToZero: hint };
    if (r.failedAt) {
      const f = r.failedAt;
      const what = d.type === 'spectrum' ? 'characteristic polynomial coefficient' : d.type === 'condition' ? 'bound' : 'entry';
      const detail = `${f.exact ? 'exact arithmetic' : `relative difference ${formatNumber(f.error, 3)}`}: derived and claimed ${what}${pairs.length > 1 ? ` ${f.index + 1}` : ''} differ`;
      return {
        label,
        status: 'refuted',
        claimTex,
        symbolic,
        numeric,
        counterexample: counterexample(f.instance, detail, f.exact),
        decidedBy: [f.exact ? 'exact evaluation at the counterexample' : 'numeric evaluation at the counterexample'],
      };
    }
    // An agreement rests on the points compared: none compared (a pole or an overflow everywhere) decides nothing.
    if (r.comparedAt === 0) {
      return { label, status: 'not-checked', claimTex, symbolic, numeric, reason: `no instance could be compared: both sides were undefined or beyond floating point at all ${instances.length}, and exact arithmetic could not decide`, decidedBy: [] };
    }
    const gaps = ctx.notes.filter((n) => n.startsWith('gap:'));
    const decidedBy = [
      'symbolic derivation',
      `agreement at ${r.comparedAt === instances.length ? instances.length : `${r.comparedAt} of ${instances.length}`} points (${special} special), worst relative error ${formatNumber(r.worst, 2)}`,
      hint === true ? 'nerdamer: the difference simplifies to 0' : 'nerdamer did not simplify the difference to 0 (not decisive)',
    ];
    return {
      label,
      status: gaps.length ? 'verified' : 'proved',
      claimTex,
      symbolic,
      numeric,
      ...(gaps.length ? { reason: gaps.map((g) => g.slice(4).trim()).join('; ') } : {}),
      decidedBy,
    };
  },
};

export { texComplex, entries };
