/**
 * Shared machinery of the condition checks (holds, implies, iff): check-local random draws, the
 * per-instance three-valued evaluation with exact re-decision at boundaries, coverage counts and
 * counterexamples that show the quantities involved.
 */
import type { ExprSource } from '../../model/schema';
import { ClaimError } from '../../model/source';
import type { ExprNode } from '../../expr/mathjs-parser';
import { freeSymbols } from '../../expr/parse';
import { asTruth } from '../../numeric/compile';
import type { Compiled, Scope } from '../../numeric/value';
import { refinement } from '../../numeric/binders';
import type { NValue, Truth } from '../../numeric/value';
import type { Counterexample, NumericEvidence, PointValue } from '../../model/result';
import type { CheckOutput, CheckRunOptions, ClaimContext } from '../kind';
import { NumericEnv, type DrawnInstance } from './numeric-env';
import { comparedSides, namesOutsideBinders } from './condition-sides';
import { drawnValueTex, texOfValue } from './value-tex';
import { INFINITELY_MANY } from '../../numeric/binders';
import { compileDraws, type DrawSpec } from './draws';
export { drawField, type DrawSpec } from './draws';
import { accurateValue, certifiedTruth, localValueOf, type LocalValue, type SlowBudget } from './certify';
import { specialPointsOf } from './specials';
import { searchInstances, type NearBoundary } from './search';
import { texAsText } from '../../run/replay';

/** Certified decisions per condition check (double intervals: microseconds each). */
const CERTIFY_BUDGET = 20_000;
/** Of those, decisions that may fall back to exact arithmetic (milliseconds each). */
const EXACT_FALLBACKS = 2500;
/** Generic draws decided in certified arithmetic even where floating point agrees. */
const CERTIFIED_SAMPLE = 32;
/** Special points (edge values first) decided in certified arithmetic even where floating point agrees. */
const CERTIFIED_SPECIALS = 64;
/** Numeric methods whose floating-point failures a refined recomputation may clear (never confirm: a refutation is certified). */
const NUMERIC_METHODS = /\b(signChanges|maxOver|minOver|eigenvalues|spectralRadius|psd|pd|nsd|nd)\s*\(/;
const QUADRATURE = /\bintegral\s*\(/;
const GRID_METHODS = /\b(signChanges|maxOver|minOver)\s*\(/;

const NO_SLOW: SlowBudget = { left: 0 };
/** Sampled agreements certified arithmetic could not decide, after which it samples no more. */
const FRUITLESS_SAMPLES = 8;
/** Undecided certifications after which a check stops trying. */
const FRUITLESS_LIMIT = 64;
/** Sampled instances of a check that integrates or searches a grid decided in certified arithmetic where floating point agrees. */
const CERTIFIED_COSTLY = 8;
/** The largest share of undecided instances a verified check may have. */
export const UNDECIDED_SHARE = 0.01;

export interface ConditionRun {
  env: NumericEnv;
  instances: DrawnInstance[];
  /**
   * Per instance: the floating-point truth of each condition (undefined where floating point
   * cannot tell), and `certify`, the certified truths at the same exact point (undefined where
   * certified arithmetic cannot decide). Floating point only says where to look.
   */
  /** `certify(fastOnly)`: fastOnly, in double intervals alone (a sampled agreement of a costly check). */
  evaluate(k: number): {
    truths: Array<Truth | undefined>;
    scope: Scope;
    structures: string[];
    certify: (fastOnly?: boolean) => Array<Truth | undefined>;
  };
  /** Exact-arithmetic fallbacks left to this check. */
  slow: SlowBudget;
  /** The conditions use numeric methods (quadrature, grid searches, iterative eigenvalues): a refined recomputation can clear their failures. */
  usesNumericMethod: boolean;
  /**
   * A condition floating point judges only to a tolerance or from one side: an equality (== holds
   * in floating point within a tolerance), a grid's count of sign changes (a lower bound) or a
   * grid's extreme (a bound from one side: a dip narrower than the grid is not seen).
   */
  oneSidedInFloat: boolean;
  /** The conditions integrate or search a grid: one certified decision costs hundreds of evaluations. */
  costly: boolean;
  /** The floating-point truths at an instance already drawn, recomputed with refined numeric methods. */
  refine(k: number, scope: Scope): Array<Truth | undefined>;
  counterexample(k: number, scope: Scope, detail: string, exact: boolean): Counterexample;
  conditionNodes: ExprNode[];
  /** A scalar expression of the claim compiled with the check's own draws in scope. */
  compile(node: ExprNode): Compiled;
  /** The check's own draws at an instance evaluated already (none when it draws nothing). */
  drawnAt(k: number): { scope: Scope; locals: ReadonlyMap<string, LocalValue> } | undefined;
  /** The check's own real draws, each with whether its domain holds a segment. */
  drawnSegments: ReadonlyMap<string, (lo: number, hi: number) => boolean>;
  /** Where the search saw a strict comparison touch its boundary closer than doubles resolve. */
  nearBoundary: NearBoundary[];
}

const NO_LOCALS: ReadonlyMap<string, LocalValue> = new Map();

export function prepareConditions(
  count: number | undefined,
  conditions: ExprSource[],
  drawSpec: DrawSpec | undefined,
  ctx: ClaimContext,
  opts: CheckRunOptions,
): ConditionRun {
  const nodes = conditions.map((c) => ctx.parse(c));
  const localNames = new Set((drawSpec ?? []).map((d) => d.name));
  const drawExprs = (drawSpec ?? [])
    .filter((d) => /^near\s/.test(d.value.trim()))
    .map((d) => ctx.parse({ text: d.value.trim().slice(5), pos: d.pos }));
  const names = [...nodes, ...drawExprs].flatMap((n) => freeSymbols(n)).filter((n) => !localNames.has(n));
  const env = new NumericEnv(ctx, NumericEnv.dependencies(ctx, names));
  const { locals, slots } = compileDraws(drawSpec, ctx, env);
  const compiled: Compiled[] = nodes.map((n) => env.compileUser(n, slots));
  const planned = env.plan(
    count ?? opts.count,
    opts.rng,
    specialPointsOf(ctx, env),
    count !== undefined ? Math.max(1, Math.floor(count / 4)) : undefined,
  );
  // Points a targeted search finds come first (special points, each decided in certified arithmetic).
  // (Not where one evaluation is itself a quadrature or a grid search: the search evaluates
  // thousands of times. Eigenvalues of the small literal matrices it can reach are cheap.)
  const costly = [...conditions.map((c) => c.text), ...ctx.claim.define.map((d) => d.expr.text)].some(
    (t) => QUADRATURE.test(t) || GRID_METHODS.test(t),
  );
  const { found, nearBoundary } =
    drawSpec?.length || costly || count !== undefined
      ? { found: [], nearBoundary: [] }
      : searchInstances(
          env,
          nodes,
          (n) => env.compileUser(n, slots),
          planned,
          opts.rng,
          (n, values) => accurateValue(n, ctx, env, values),
        );
  const instances = [...found, ...planned];
  const localRng = opts.rng;
  const drawnByInstance = new Map<number, { scope: Scope; locals: ReadonlyMap<string, LocalValue> }>();
  const used = new Set(nodes.flatMap((n) => freeSymbols(n)));
  const slow: SlowBudget = { left: EXACT_FALLBACKS };
  const texts = [...conditions.map((c) => c.text), ...ctx.claim.define.map((d) => d.expr.text)];
  const usesNumericMethod =
    texts.some((t) => QUADRATURE.test(t) || NUMERIC_METHODS.test(t)) ||
    [...used].some((n) => ctx.derived(n)?.type === 'spectrum');
  const evaluateAll = (scope: Scope) =>
    compiled.map((f, j) => {
      let t: Truth;
      try {
        t = asTruth(f(scope));
      } catch (e) {
        throw new ClaimError(
          `cannot evaluate the condition "${conditions[j]!.text}": ${(e as Error).message}`,
          conditions[j]!.pos,
        );
      }
      return t === 0.5 ? undefined : t;
    });
  return {
    slow,
    usesNumericMethod,
    // (A count of sign changes or a grid's extreme may sit in a define the condition calls.)
    oneSidedInFloat:
      nodes.some(
        (n) => n.filter((x) => x.type === 'OperatorNode' && (x as { fn?: string }).fn === 'equal').length > 0,
      ) ||
      [
        ...conditions.map((c) => c.text),
        ...ctx.claim.define
          .filter((d) => nodes.some((n) => n.filter((x) => (x as { name?: string }).name === d.name).length > 0))
          .map((d) => d.expr.text),
      ].some((t) => /\b(signChanges|minOver|maxOver)\s*\(/.test(t)),
    costly: texts.some((t) => QUADRATURE.test(t) || GRID_METHODS.test(t)),
    refine(_k, scope) {
      refinement.on = true;
      try {
        return evaluateAll(scope);
      } finally {
        refinement.on = false;
      }
    },
    env,
    instances,
    conditionNodes: nodes,
    compile: (n) => env.compileUser(n, slots),
    drawnAt: (k) => drawnByInstance.get(k),
    nearBoundary,
    drawnSegments: new Map(locals.flatMap((l) => (l.holdsSegment ? [[l.name, l.holdsSegment] as const] : []))),
    evaluate(k) {
      const inst = instances[k]!;
      const scope = env.scopeOf(inst.values);
      // (Copied only where this check's own draws add to it: the caller only reads it.)
      const structures = locals.length ? [...inst.structures] : inst.structures;
      // (No map per instance where the check draws nothing: that was most of its allocation.)
      const drawn = locals.length ? new Map<string, LocalValue>() : undefined;
      for (const l of locals) {
        const d = l.draw(scope, localRng);
        scope[l.slot] = d.value;
        drawn?.set(l.name, localValueOf(d));
        if (d.structure) structures.push(d.structure);
        // A draw named like a declared symbol replaces it everywhere, derived quantities included.
        env.mirror(l.name, d.value, scope, inst.values);
      }
      if (drawn) drawnByInstance.set(k, { scope, locals: drawn });
      const truths = evaluateAll(scope);
      const certified: Array<Array<Truth | undefined> | undefined> = [];
      const certify = (fastOnly = false) =>
        (certified[+fastOnly] ??= nodes.map((n) =>
          certifiedTruth(
            n,
            ctx,
            env,
            inst.values,
            drawn ?? NO_LOCALS,
            inst.exactOf?.(),
            fastOnly ? NO_SLOW : slow,
            new Map(),
          ),
        ));
      return { truths, scope, structures, certify };
    },
    counterexample(k, scope, detail, exact) {
      const inst = instances[k]!;
      const point: PointValue[] = env
        .pointOf(inst.values, undefined, inst.exactOf?.())
        .filter((p) => !locals.some((l) => l.name === p.name));
      for (const l of locals) {
        const v = scope[l.slot]!;
        point.push({
          name: l.name,
          tex: ctx.texName(l.name),
          value: drawnValueTex(v, drawnByInstance.get(k)?.locals.get(l.name)?.exact?.()),
        });
      }
      // Both sides of every comparison the conditions make, then the derived names they read
      // outside a bound variable (Fstar in maxOver(Fstar, t, …) depends on t, which the max binds).
      const shown: string[] = [];
      const valueTex = (f: () => NValue): string | undefined => {
        try {
          return texOfValue(f());
        } catch {
          return undefined;
        }
      };
      const sideNames = new Set<string>();
      for (const side of nodes.flatMap(comparedSides)) {
        const name = side.type === 'SymbolNode' ? (side as unknown as { name: string }).name : undefined;
        if (name !== undefined && (slots.has(name) || ctx.symbol(name))) continue;
        // signChanges of a function that is identically 0 counts infinitely many, held as a large finite number.
        const countsSigns =
          side.type === 'FunctionNode' && (side as unknown as { fn: { name: string } }).fn.name === 'signChanges';
        // At a certified counterexample a scalar side is shown as certified arithmetic has it: floating
        // point may give x² − 2√2x + 2 a sign it does not have.
        const accurate =
          exact && !locals.length ? accurateValue(side, ctx, env, inst.values, inst.exactOf?.()) : undefined;
        const v = accurate !== undefined ? texOfValue(accurate) : valueTex(() => env.compileUser(side, slots)(scope));
        if (v === undefined) continue;
        if (name !== undefined) sideNames.add(name);
        shown.push(`${ctx.tex(side)} = ${countsSigns && v === texOfValue(INFINITELY_MANY) ? '\\infty' : v}`);
      }
      for (const name of new Set(nodes.flatMap(namesOutsideBinders))) {
        if (slots.has(name) || ctx.symbol(name) || sideNames.has(name)) continue;
        const v = valueTex(() => env.computeName(name)(scope));
        if (v !== undefined) shown.push(`${ctx.texName(name)} = ${v}`);
      }
      return { point, derivedTex: shown.join(',\\quad '), claimedTex: '', detail, seed: 0, instance: k, exact };
    },
  };
}

/** A point as one line of text: x = 0, a = 1. */
export const pointText = (point: PointValue[]): string =>
  point.map((p) => `${p.name} = ${texAsText(p.value)}`).join(', ') || 'no symbols';

export interface SideJudgement {
  side?: string;
  ok: boolean | undefined;
  detail?: string;
}

/** An undecided instance named by its index and point, so the reader can see why it is undecided. */
function undecidedAt(run: ConditionRun, at: { k: number; scope: Scope }): string {
  return `${at.k} (${pointText(run.counterexample(at.k, at.scope, '', false).point)})`;
}

/** Run a condition check: `judge` maps the truths of the conditions to a side and a verdict. */
export function runConditionCheck(
  run: ConditionRun,
  opts: CheckRunOptions,
  label: string,
  claimTex: string,
  judge: (truths: Array<Truth | undefined>) => SideJudgement,
  minimumSides: string[] = [],
): CheckOutput {
  const sides: Record<string, number> = {};
  const structures: Record<string, number> = {};
  let undecided = 0;
  let exactly = 0;
  let special = 0;
  let certifyBudget = CERTIFY_BUDGET;
  let genericSample = CERTIFIED_SAMPLE;
  let specialSample = CERTIFIED_SPECIALS;
  let costlySample = CERTIFIED_COSTLY;
  let fruitless = 0;
  let fruitlessSamples = 0;
  const undecidedNamed: string[] = [];
  let firstUndecided: { k: number; scope: Scope } | undefined;
  let uncertifiedFailure: number | undefined;
  // Whether the check's exact decisions were used up by the first such failure (it may then be an
  // instance on the boundary that exact arithmetic would have decided).
  let budgetSpent = false;
  for (let k = 0; k < run.instances.length; k++) {
    const { truths, scope, structures: st, certify } = run.evaluate(k);
    if (run.instances[k]!.special) special++;
    for (const s of st) structures[s] = (structures[s] ?? 0) + 1;
    let j = judge(truths);
    // A failure, an undecided instance, the first special points and a first sample of generic draws
    // are decided in certified arithmetic (the sample catches a claim that floating point passes
    // on a whole region: a tolerance inside ==, psd or pd, or cancellation); the remaining
    // agreements at generic draws are taken from floating point.
    const sampled = run.instances[k]!.special ? specialSample-- > 0 : genericSample-- > 0;
    // (An integral's enclosure or a grid search costs hundreds of evaluations: beyond failures and undecided
    // instances, only the first few sampled ones get one.)
    const agreed = j.ok === true;
    if (!agreed || (sampled && fruitlessSamples < FRUITLESS_SAMPLES && (!run.costly || costlySample-- > 0))) {
      const certified =
        certifyBudget-- > 0 && fruitless < FRUITLESS_LIMIT ? judge(certify(agreed && run.costly)) : { ok: undefined };
      // Instances certified arithmetic cannot decide (an operation it has no form for) cost
      // without deciding: past a limit, no more attempts. Agreements sampled in vain have a
      // limit of their own, so that they never use up the attempts a failure needs (a claim
      // certified arithmetic can only refute, such as a grid search's count, is undecided at
      // every agreement).
      if (certified.ok === undefined) {
        if (agreed) fruitlessSamples++;
        else fruitless++;
      }
      if (certified.ok !== undefined) {
        j = certified;
        exactly++;
      } else if (j.ok === false) {
        // A failure only floating point sees: a refined recomputation (finer grids, quadrature
        // from non-dyadic panels) may clear it; otherwise it stays open. A numeric method's
        // failure seen again by a numeric method is no certificate (a grid misses the same peak).
        const refined = run.usesNumericMethod ? judge(run.refine(k, scope)) : j;
        if (refined.ok === true) j = refined;
        else {
          if (uncertifiedFailure === undefined) budgetSpent = run.slow.left <= 0 || certifyBudget < 0;
          uncertifiedFailure ??= k;
          j = { ok: undefined, ...(j.side ? { side: j.side } : {}) };
        }
      }
    }
    if (j.side) sides[j.side] = (sides[j.side] ?? 0) + 1;
    if (j.ok === undefined) {
      undecided++;
      firstUndecided ??= { k, scope };
      if (undecidedNamed.length < 5)
        undecidedNamed.push(`${k}${run.instances[k]!.special ? ` (${run.instances[k]!.special})` : ''}`);
      continue;
    }
    if (!j.ok) {
      const numeric: NumericEvidence = {
        instances: k + 1,
        special,
        seed: opts.seed,
        sides,
        ...(exactly ? { exactlyDecided: exactly } : {}),
      };
      // (A failure reaches here only decided in certified arithmetic: floating point's alone is cleared or left undecided above.)
      const cx = run.counterexample(k, scope, j.detail ?? 'the condition fails here', true);
      cx.seed = opts.seed;
      return {
        label,
        status: 'refuted',
        claimTex,
        numeric,
        counterexample: cx,
        decidedBy: [{ method: 'certified-counterexample', excludes: 'the boundary' }],
      };
    }
  }
  const missing = minimumSides.filter((s) => !sides[s]);
  const notes: string[] = [];
  if (undecided)
    notes.push(
      `${undecided} instance(s) that neither floating point nor certified arithmetic could decide (at the boundary of a condition, beyond floating point, or an operation with no certified form): instance ${undecidedNamed.join(', ')}${undecided > undecidedNamed.length ? ' …' : ''}`,
    );
  const decided = run.instances.length - undecided;

  const numeric: NumericEvidence = {
    instances: run.instances.length,
    special,
    seed: opts.seed,
    sides,
    ...(exactly ? { exactlyDecided: exactly } : {}),
    ...(Object.keys(structures).length ? { coverage: structures } : {}),
    ...(notes.length ? { note: notes.join('. ') } : {}),
  };
  // Verified means verified somewhere: with every instance undecided (overflow everywhere, say) nothing was checked.
  if (decided === 0) {
    return {
      label,
      status: 'not-checked',
      claimTex,
      numeric,
      reason: `none of the ${run.instances.length} instances could be decided (floating point and exact arithmetic both failed)`,
      decidedBy: [],
    };
  }
  // A failure seen in floating point that certified arithmetic could neither confirm nor clear is
  // not a counterexample, and not an agreement either.
  if (uncertifiedFailure !== undefined) {
    return {
      label,
      status: 'not-checked',
      claimTex,
      numeric,
      reason: budgetSpent
        ? `the condition fails in floating point at instance ${uncertifiedFailure}, where the check's ${EXACT_FALLBACKS} exact decisions were already used up (floating point cannot tell an instance on the condition's boundary from a failure): a smaller count may leave exact arithmetic enough for every instance`
        : `the condition fails in floating point at instance ${uncertifiedFailure}, and certified arithmetic could not decide that instance, so it is neither a certified counterexample nor an agreement`,
      decidedBy: [],
    };
  }
  if (undecided > UNDECIDED_SHARE * run.instances.length) {
    return {
      label,
      status: 'not-checked',
      claimTex,
      numeric,
      reason: `${undecided} of ${run.instances.length} instances (more than ${UNDECIDED_SHARE * 100} %) could not be decided with certainty${run.slow.left <= 0 ? `; the check's ${EXACT_FALLBACKS} exact decisions were used up (instances on the condition's boundary each need one), and a smaller count may leave enough for every instance` : `; the first is instance ${undecidedAt(run, firstUndecided!)}, on the boundary of a condition, beyond floating point, where an operation has no certified form, or where a quantity is undefined (a division by zero: if the claim is not meant there, declare ranges that leave such points out)`}`,
      decidedBy: [],
    };
  }
  if (missing.length) {
    return {
      label,
      status: 'not-checked',
      claimTex,
      numeric,
      reason: `no instance fell on the side(s): ${missing.join(', ')}; the draws do not exercise the claim`,
      decidedBy: [],
    };
  }
  // Agreements at generic draws are taken from floating point only where certified arithmetic
  // confirms a sample of them; where it decided none it tried and floating point judges only to a
  // tolerance or from one side (an equality of integrals, a grid's count of sign changes), the
  // agreement is no evidence: a claim false by 10⁻¹² agrees just as well.
  if (run.oneSidedInFloat && exactly === 0 && fruitlessSamples > 0) {
    return {
      label,
      status: 'not-checked',
      claimTex,
      numeric,
      reason: `the condition holds in floating point at every instance, but only to its tolerance or from one side (an equality, a grid's count of sign changes), and certified arithmetic decided none of the ${fruitlessSamples} instance(s) it tried (${run.costly ? 'no certified form for a quadrature or grid search against this bound' : 'an operation with no certified form here, or an equality of transcendental values, which agree to every precision tried but have no exact form that shows them equal'}), so nothing certain was checked`,
      decidedBy: [],
    };
  }
  return {
    label,
    status: 'verified',
    claimTex,
    numeric,
    decidedBy: [
      {
        method: 'instances',
        instances: run.instances.length,
        special,
        seed: opts.seed,
        ...(undecided ? { decided } : {}),
      },
    ],
  };
}
