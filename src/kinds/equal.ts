/**
 * Check `equal`: a derived quantity equals the claimed closed form. Values compare entry by
 * entry; spectra compare as multisets through the characteristic polynomial (well conditioned
 * at repeated eigenvalues, blind to the choice of square-root branch); conditions compare their
 * relation and their bound.
 */
import { field, optional, required, type ExprSource } from '../model/schema';
import { ClaimError } from '../model/source';
import type { ExprNode } from '../expr/mathjs-parser';
import { asScalar, shape } from '../symbolic/value';
import { eigenvalues as numericEigenvalues } from '../numeric/linalg';
import type { Complex } from '../numeric/complex';
import { formatNumber } from '../model/text';
import { NumericEnv } from './support/numeric-env';
import { texComplex, texOfEntries } from './support/value-tex';
import { comparePairs, EQUALITY_TOLERANCE, symbolicHint, scalarOfValue } from './support/compare';

import { UNDECIDED_SHARE, pointText } from './support/conditions';

import { PRECISIONS } from '../certified/number';

import { parseMath } from '../expr/mathjs-parser';
import { polynomialFromRoots } from './charpoly';
import { internalNamesIn } from '../symbolic/table';
import { specialPointsOf } from './support/specials';
import { searchInstances } from './support/search';
import type { ArgsOf, CheckKind, CheckOutput, ClaimContext, Derived } from './kind';
import type { Counterexample } from '../model/result';
import type { Decision } from '../model/decision';
import { KINK_CALL, PIECEWISE_CALL, exactAgreement, schwartzZippel } from './support/exact-agreement';

type AnyNode = ExprNode & Record<string, any>;

const schema = field.object({
  equal: required(
    field.expr(),
    'the derived quantity, e.g. lambda, or an expression of derived quantities, e.g. abs(lambda[1])^2',
  ),
  to: required(field.expr(), 'the claimed closed form'),
  label: optional(field.string()),
});

const REL: Record<string, string> = { smaller: '<', smallerEq: '<=', larger: '>', largerEq: '>=' };
const REL_TEX: Record<string, string> = { '<': '<', '<=': '\\le', '>': '>', '>=': '\\ge' };
const FLIPPED: Record<string, string> = { '<': '>', '<=': '>=', '>': '<', '>=': '<=' };

function claimedItems(node: AnyNode): AnyNode[] {
  const n = node.type === 'ParenthesisNode' ? node.content : node;
  return n.type === 'ArrayNode' ? n.items : [n];
}

interface Comparison {
  derivedTexts: string[];
  claimedTexts: string[];
  derivedTex: string;
  claimedTex: string;
  /** Values to show at a counterexample point, derived and claimed, in LaTeX (a matrix as a matrix). */
  show(env: NumericEnv, values: number[]): { derived: string; claimed: string };
  structural?: string;
}

function compareValue(d: Derived & { type: 'value' }, node: AnyNode, ctx: ClaimContext): Comparison {
  const claimed = ctx.sym(node);
  const [dr, dc] = shape(d.value);
  const [cr, cc] = shape(claimed);
  const derivedTexts = d.value.kind === 'scalar' ? [d.value.expr] : d.value.rows.flat();
  const claimedTexts = claimed.kind === 'scalar' ? [claimed.expr] : claimed.rows.flat();
  const structural =
    dr !== cr || dc !== cc ? `the derivation gives a ${dr}×${dc} result, the claim a ${cr}×${cc} one` : undefined;
  return {
    derivedTexts,
    claimedTexts,
    derivedTex: ctx.texValue(d.value),
    claimedTex: ctx.tex(node),
    structural,
    show(env, values) {
      const scope = env.scopeOf(values);
      const fmt = (texts: string[], rows: number, cols: number) =>
        texOfEntries(
          texts.map((t) => texComplex(scalarOfValue(env.compileInternal(t)(scope)) ?? NaN)),
          rows,
          cols,
        );
      return { derived: fmt(derivedTexts, dr, dc), claimed: fmt(claimedTexts, cr, cc) };
    },
  };
}

function compareSpectrum(d: Derived & { type: 'spectrum' }, node: AnyNode, ctx: ClaimContext): Comparison {
  const items = claimedItems(node);
  const claimed = items.map((it) => asScalar(ctx.sym(it), 'a claimed eigenvalue'));
  const n = d.charpoly.length - 1;
  const structural =
    claimed.length !== n ? `the matrix is ${n}×${n} but the claim lists ${claimed.length} eigenvalue(s)` : undefined;
  const claimedPoly = polynomialFromRoots(claimed);
  return {
    // Compare characteristic polynomials: coefficients 0 … n−1 (both monic).
    derivedTexts: structural ? [] : d.charpoly.slice(0, n),
    claimedTexts: structural ? [] : claimedPoly.slice(0, n),
    derivedTex: d.eigenvalues
      ? `\\left\\{${d.eigenvalues.map((e) => ctx.texInternal(e)).join(',\\ ')}\\right\\}`
      : `\\text{roots of } ${'\\det(\\lambda I - J)'}`,
    claimedTex: `\\left\\{${items.map((it) => ctx.tex(it)).join(',\\ ')}\\right\\}`,
    structural,
    show(env, values) {
      const scope = env.scopeOf(values);
      const derived = d.eigenvalues
        ? d.eigenvalues.map((e) => scalarOfValue(env.compileInternal(e)(scope))!)
        : numericEigenvalues(env.compileMatrix(d.matrix)(scope));
      const cl = claimed.map((e) => scalarOfValue(env.compileInternal(e)(scope))!);
      const f = (xs: Array<number | Complex>) => `\\left\\{${xs.map(texComplex).join(',\\ ')}\\right\\}`;
      return { derived: f(derived), claimed: f(cl) };
    },
  };
}

function compareCondition(d: Derived & { type: 'condition' }, node: AnyNode, ctx: ClaimContext): Comparison {
  const n = node.type === 'ParenthesisNode' ? node.content : node;
  const written = n.type === 'OperatorNode' ? REL[n.fn] : undefined;
  if (!written)
    throw new ClaimError('the claimed form of a solved inequality must itself be an inequality, e.g. h < 2/abs(a)');
  // The variable may stand on either side: 2/|a| > h is h < 2/|a|.
  const left = asScalar(ctx.sym(n.args[0]), 'the claimed variable');
  const right = asScalar(ctx.sym(n.args[1]), 'the claimed bound');
  const flipped = left !== d.variable && right === d.variable;
  if (left !== d.variable && !flipped)
    throw new ClaimError(`the claimed inequality must have ${ctx.table.user(d.variable)} alone on one side`);
  const rel = flipped ? FLIPPED[written]! : written;
  const bound = flipped ? left : right;
  const structural =
    rel !== d.relation
      ? `the derivation gives ${ctx.table.user(d.variable)} ${d.relation} bound, the claim ${rel}: they differ at the bound itself`
      : undefined;
  const v = ctx.texName(ctx.table.user(d.variable));
  return {
    derivedTexts: [d.bound!],
    claimedTexts: [bound],
    derivedTex: `${v} ${REL_TEX[d.relation]} ${ctx.texInternal(d.bound!)}`,
    claimedTex: ctx.tex(node),
    structural,
    show(env, values) {
      const scope = env.scopeOf(values);
      const f = (t: string) => texComplex(scalarOfValue(env.compileInternal(t)(scope)) ?? NaN);
      return { derived: `${v} ${REL_TEX[d.relation]} ${f(d.bound!)}`, claimed: `${v} ${REL_TEX[rel]} ${f(bound)}` };
    },
  };
}

const IDENT = /^[A-Za-z][A-Za-z0-9_]*$/;

/** The derived side: a derived or model name (a spectrum and a solved condition keep their kind), or an expression of them. */
function derivedSide(src: ExprSource, ctx: ClaimContext): Derived {
  const name = src.text.trim();
  if (IDENT.test(name)) {
    const d = ctx.derived(name);
    if (d) return d;
    if (!ctx.scope.values.has(name)) throw new ClaimError(`"${name}" is not a derived or model quantity`, src.pos);
  }
  return { type: 'value', value: ctx.sym(ctx.parse(src)) };
}

export const equalCheck: CheckKind<ArgsOf<typeof schema>> = {
  role: 'check',
  name: 'equal',
  summary: 'a derived quantity equals the claimed closed form (values, eigenvalue multisets, solved inequalities)',
  readme: [
    {
      example: "`- equal: lambda` / `to: [f'(0)*i, -f'(0)*i]`",
      text: 'derived = claimed: values entry by entry, eigenvalue lists as multisets (through the characteristic polynomial), solved inequalities by relation and bound; the derived side may also be an expression of derived names (`- equal: abs(lambda[1])^2`)',
    },
  ],
  schema,
  run(args, ctx, opts): CheckOutput {
    const d = derivedSide(args.equal, ctx);
    const node = ctx.parse(args.to) as AnyNode;
    const cmp =
      d.type === 'spectrum'
        ? compareSpectrum(d, node, ctx)
        : d.type === 'condition'
          ? compareCondition(d, node, ctx)
          : compareValue(d, node, ctx);
    const name = args.equal.text.trim();
    const label = args.label ?? `${name} = claimed form`;
    const claimTex = `${IDENT.test(name) ? ctx.texName(name) : ctx.tex(ctx.parse(args.equal))} = ${cmp.claimedTex}`;
    const relevant = new Set<string>();
    for (const t of [...cmp.derivedTexts, ...cmp.claimedTexts]) for (const v of internalNamesIn(t)) relevant.add(v);
    const env = new NumericEnv(ctx, relevant);
    const pairs = cmp.derivedTexts.map((t, k) => [t, cmp.claimedTexts[k]!] as [string, string]);
    const planned = env.plan(opts.count, opts.rng, specialPointsOf(ctx, env));
    // Forms with |·|, sign or step are no rational functions: exact agreement at random points proves
    // nothing of them, and they can differ only between kinks closer than any draw (|x − a − δ| +
    // |x − a + δ| = 2|x − a| fails for |x − a| < δ). The search for counterexamples finds the kinks.
    const piecewise = pairs.some((pair) => pair.some((t) => PIECEWISE_CALL.test(t)));
    // Forms piecewise only across a branch cut are searched only for an argument that dips across 0
    // between grid points: where there is none, the instances are as before.
    const branchOnly = piecewise && !pairs.some((pair) => pair.some((t) => KINK_CALL.test(t)));
    const found =
      piecewise && !cmp.structural
        ? searchInstances(
            env,
            pairs.map(([a, b]) => parseMath(`(${a}) == (${b})`)),
            (n) => env.compileInternal(n.toString()),
            planned,
            opts.rng,
            undefined,
            branchOnly,
          ).found
        : [];
    const instances = [...found, ...planned];
    const special = instances.filter((i) => i.special).length;
    const counterexample = (k: number, detail: string, exact: boolean): Counterexample => {
      const inst = instances[k]!;
      const shown = cmp.show(env, inst.values);
      return {
        point: env.pointOf(inst.values),
        derivedTex: shown.derived,
        claimedTex: shown.claimed,
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
        decidedBy: [{ method: 'symbolic-structure' }],
      };
    }
    const compiled = pairs.map(
      ([a, b]) =>
        [env.compileInternal(a), env.compileInternal(b)] as [
          ReturnType<NumericEnv['compileInternal']>,
          ReturnType<NumericEnv['compileInternal']>,
        ],
    );
    const r = comparePairs(env, instances, compiled, pairs);
    // (Also where floating point disagreed beyond what certified arithmetic could clear: an identity
    // proved exactly settles those disagreements as floating point's own.)
    const proof = r.failedAt ? undefined : exactAgreement(env, instances, pairs);
    const failed = r.failedAt ?? proof?.failedAt;
    const numeric = {
      instances: failed ? failed.instance + 1 : instances.length,
      special,
      seed: opts.seed,
      worstError: r.worst,
      tolerance: EQUALITY_TOLERANCE,
      ...(r.exactlyDecided ? { exactlyDecided: r.exactlyDecided } : {}),
      ...(r.undefinedAt || r.undecidedAt
        ? {
            note: [
              r.undefinedAt ? `undefined (a pole of both sides) at ${r.undefinedAt} point(s)` : '',
              r.undecidedAt
                ? `${r.undecidedAt} point(s) where floating point disagreed and certified arithmetic could not decide, counted and not judged`
                : '',
            ]
              .filter(Boolean)
              .join('; '),
          }
        : {}),
    };
    // nerdamer's simplify is a hint that decides nothing, and can take seconds on a large rational
    // difference: after a certified disagreement it is not asked.
    const hint = failed
      ? ('not-tried' as const)
      : symbolicHint(
          pairs,
          new Map(
            env.sampled.map((s) => [
              env.internalName(s.slot),
              s.domain.kind === 'integer' ? [s.domain.min, s.domain.max] : s.domain.range,
            ]),
          ),
        );
    const symbolic = { derivedTex: cmp.derivedTex, claimedTex: cmp.claimedTex, simplifiesToZero: hint };
    if (failed) {
      const what =
        d.type === 'spectrum' ? 'characteristic polynomial coefficient' : d.type === 'condition' ? 'bound' : 'entry';
      const size = Number.isFinite(failed.error)
        ? ` (relative difference ${formatNumber(failed.error, 3)} in floating point)`
        : '';
      const detail = `certified: derived and claimed ${what}${pairs.length > 1 ? ` ${failed.index + 1}` : ''} differ${size}`;
      return {
        label,
        status: 'refuted',
        claimTex,
        symbolic,
        numeric,
        counterexample: counterexample(failed.instance, detail, true),
        decidedBy: [{ method: 'certified-counterexample', excludes: 'zero' }],
      };
    }
    const nerdamerZero = hint === true;
    const sz =
      proof && proof.exactPoints > 0 && proof.closePoints === 0 && proof.undecidedPoints === 0
        ? schwartzZippel(env, pairs, proof.genericPoints, proof.exhaustiveIntegers)
        : undefined;
    // nerdamer's symbolic zero counts once certified evaluation has checked it at every point tried.
    const checkedZero =
      nerdamerZero && !!proof && proof.exactPoints + proof.closePoints > 0 && proof.undecidedPoints === 0;
    // An identity proved exactly holds at every instance: floating point's disagreements that certified
    // arithmetic had no budget left to clear ((x + 10¹⁰)² − 10²⁰ against 2·10¹⁰x + x², where
    // cancellation spoils every double) are its own rounding, and no reason to withhold the proof.
    if (r.uncertifiedAt && !sz && !checkedZero) {
      const u = r.uncertifiedAt;
      return {
        label,
        status: 'not-checked',
        claimTex,
        symbolic,
        numeric,
        reason: Number.isFinite(u.error)
          ? `floating point shows a relative difference of ${formatNumber(u.error, 3)} at instance ${u.instance}, and certified arithmetic could neither confirm nor clear it`
          : `at instance ${u.instance} (${pointText(env.pointOf(instances[u.instance]!.values))}) one side of ${pairs.length > 1 ? `entry ${u.index + 1} (counted row by row)` : 'the equality'} is undefined or infinite in floating point and the other is not (a division by zero, a pole, the inverse of a singular matrix, or a value beyond floating point's range, such as exp of a large negative number divided by another), and certified arithmetic could not decide it; if the claim is not meant there, declare ranges that leave such points out (a nonzero symbol, a range that stops short of the pole)`,
        decidedBy: [],
      };
    }
    // An agreement rests on the points compared: none compared (a pole or an overflow everywhere) decides nothing.
    if (r.comparedAt + r.exactlyDecided === 0 && !sz && !checkedZero) {
      return {
        label,
        status: 'not-checked',
        claimTex,
        symbolic,
        numeric,
        reason: `no instance could be compared: both sides were undefined or beyond floating point at all ${instances.length}, and certified arithmetic could not decide`,
        decidedBy: [],
      };
    }
    if (r.undecidedAt > UNDECIDED_SHARE * instances.length && !sz && !checkedZero) {
      return {
        label,
        status: 'not-checked',
        claimTex,
        symbolic,
        numeric,
        reason: `${r.undecidedAt} of ${instances.length} points (more than ${UNDECIDED_SHARE * 100} %) could not be decided with certainty`,
        decidedBy: [],
      };
    }
    const agreement: Decision = {
      method: 'float-agreement',
      compared: r.comparedAt + r.exactlyDecided,
      points: instances.length,
      special,
      worstError: r.worst,
      restRounding: !!r.uncertifiedAt,
    };
    if (sz || checkedZero) {
      return {
        label,
        status: 'proved',
        claimTex,
        symbolic,
        numeric,
        decidedBy: [
          { method: 'symbolic-derivation' },
          sz ?? { method: 'checked-symbolic-zero', points: proof!.tried, exactPoints: proof!.exactPoints },
          agreement,
        ],
      };
    }
    if (proof!.exactPoints + proof!.closePoints === 0) {
      return {
        label,
        status: 'not-checked',
        claimTex,
        symbolic,
        numeric,
        reason: `certified arithmetic could not evaluate the two sides at any of ${proof!.tried} points (${proof!.why ?? 'an operation without a certified form'}); floating point alone agrees within ${EQUALITY_TOLERANCE}`,
        decidedBy: [],
      };
    }
    // Agreement of transcendental forms to the last digit is no decision: a difference of 10⁻²⁰⁰ agrees as well.
    if (proof!.closePoints > 0) {
      return {
        label,
        status: 'not-checked',
        claimTex,
        symbolic,
        numeric,
        reason: `the forms involve transcendental functions with no exact form here: they agree in certified enclosures to ${PRECISIONS[PRECISIONS.length - 1]} digits at ${proof!.closePoints} of ${proof!.tried} points, which sides differing by less than that would too, and nerdamer finds no symbolic zero of the difference to check`,
        decidedBy: [],
      };
    }
    return {
      label,
      status: 'verified',
      claimTex,
      symbolic,
      numeric,
      reason: `exact agreement at every point tried, but the forms involve roots or functions with no identity bound`,
      decidedBy: [
        { method: 'symbolic-derivation' },
        {
          method: 'certified-agreement',
          agreeing: proof!.exactPoints + proof!.closePoints,
          points: proof!.tried,
          exactPoints: proof!.exactPoints,
        },
        agreement,
      ],
    };
  },
};
