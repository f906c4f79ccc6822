/**
 * Shared machinery of the condition checks (holds, implies, iff): check-local random draws, the
 * per-instance three-valued evaluation with exact re-decision at boundaries, coverage counts and
 * counterexamples that show the quantities involved.
 */
import type { ExprSource } from '../../model/schema';
import { ClaimError } from '../../model/source';
import type { ExprNode } from '../../expr/mathjs-parser';
import { freeSymbols } from '../../expr/parse';
import { textTex } from '../../expr/tex';
import { asTruth, type Compiled, type Scope } from '../../numeric/compile';
import { isMatrix, type Truth } from '../../numeric/value';
import type { Counterexample, NumericEvidence, PointValue } from '../../model/result';
import type { CheckOutput, CheckRunOptions, ClaimContext } from '../kind';
import { NumericEnv, exactDyadic, formatNumber, formatValue, type DrawnInstance } from './numeric-env';
import { compileDraws, type DrawSpec } from './draws';
export { drawField, type DrawSpec } from './draws';
import { exactTruth } from './exact';
import { specialPointsOf } from './specials';

/** Exact re-decisions allowed per condition check. */
export const EXACT_BUDGET = 100;

export interface ConditionRun {
  env: NumericEnv;
  instances: DrawnInstance[];
  /** Per instance: truth of each condition (1, 0, or undefined if undecidable even exactly). */
  evaluate(k: number): { truths: Array<Truth | undefined>; scope: Scope; structures: string[]; exact: boolean };
  counterexample(k: number, scope: Scope, detail: string, exact: boolean): Counterexample;
  conditionNodes: ExprNode[];
}

export function prepareConditions(count: number | undefined, conditions: ExprSource[], drawSpec: DrawSpec | undefined, ctx: ClaimContext, opts: CheckRunOptions): ConditionRun {
  const nodes = conditions.map((c) => ctx.parse(c));
  const localNames = new Set((drawSpec ?? []).map((d) => d.name));
  const drawExprs = (drawSpec ?? []).filter((d) => /^near\s/.test(d.value.trim())).map((d) => ctx.parse({ text: d.value.trim().slice(5), pos: d.pos }));
  const names = [...nodes, ...drawExprs].flatMap((n) => freeSymbols(n)).filter((n) => !localNames.has(n));
  const env = new NumericEnv(ctx, NumericEnv.dependencies(ctx, names));
  const { locals, slots } = compileDraws(drawSpec, ctx, env);
  const compiled: Compiled[] = nodes.map((n) => env.compileUser(n, slots));
  const instances = env.plan(count ?? opts.count, opts.rng, specialPointsOf(ctx, env), count !== undefined ? Math.max(1, Math.floor(count / 4)) : undefined);
  const localRng = opts.rng;
  // Exact decisions cost milliseconds each (nerdamer): a budget per check keeps a run bounded;
  // instances beyond it stay undecided (counted, never judged).
  let exactBudget = EXACT_BUDGET;
  const used = new Set(nodes.flatMap((n) => freeSymbols(n)));
  return {
    env,
    instances,
    conditionNodes: nodes,
    evaluate(k) {
      const inst = instances[k]!;
      const scope = env.scopeOf(inst.values);
      const structures = [...inst.structures];
      for (const l of locals) {
        const d = l.draw(scope, localRng);
        scope[l.slot] = d.value;
        if (d.structure) structures.push(d.structure);
        // A draw named like a declared symbol replaces it everywhere, derived quantities included.
        env.mirror(l.name, d.value, scope, inst.values);
      }
      let exact = false;
      const truths = compiled.map((f, j) => {
        let t: Truth;
        try {
          t = asTruth(f(scope));
        } catch (e) {
          throw new ClaimError(`cannot evaluate the condition "${conditions[j]!.text}": ${(e as Error).message}`, conditions[j]!.pos);
        }
        if (t !== 0.5) return t;
        if (exactBudget-- <= 0) return undefined;
        const exactLocals = new Map<string, string>();
        for (const l of locals) {
          const v = scope[l.slot]!;
          if (typeof v === 'number') exactLocals.set(l.name, exactDyadic(v));
        }
        const e = exactTruth(nodes[j]!, ctx, env, inst.values, exactLocals);
        if (e !== undefined) exact = true;
        return e;
      });
      return { truths, scope, structures, exact };
    },
    counterexample(k, scope, detail, exact) {
      const inst = instances[k]!;
      const point: PointValue[] = env.pointOf(inst.values).filter((p) => !locals.some((l) => l.name === p.name));
      for (const l of locals) {
        const v = scope[l.slot]!;
        point.push({ name: l.name, tex: ctx.texName(l.name), value: isMatrix(v) ? matrixTex(v) : formatValue(v) });
      }
      const shown: string[] = [];
      for (const name of used) {
        if (slots.has(name) || ctx.symbol(name)) continue;
        try {
          shown.push(`${ctx.texName(name)} = ${textTex(formatValue(env.computeName(name)(scope)))}`);
        } catch {
          /* not a value */
        }
      }
      return { point, derivedTex: shown.join(',\\quad ') || '\\text{—}', claimedTex: '', detail, seed: k >= 0 ? 0 : 0, instance: k, exact } as Counterexample;
    },
  };
}

function matrixTex(m: { rows: number; cols: number; data: Float64Array }): string {
  const rows: string[] = [];
  for (let i = 0; i < m.rows; i++) rows.push(Array.from(m.data.subarray(i * m.cols, (i + 1) * m.cols), (x) => formatNumber(x, 4)).join(' & '));
  return `\\begin{pmatrix}${rows.join(' \\\\ ')}\\end{pmatrix}`;
}

export interface SideJudgement {
  side?: string;
  ok: boolean | undefined;
  detail?: string;
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
  for (let k = 0; k < run.instances.length; k++) {
    const { truths, scope, structures: st, exact } = run.evaluate(k);
    if (run.instances[k]!.special) special++;
    if (exact) exactly++;
    for (const s of st) structures[s] = (structures[s] ?? 0) + 1;
    const j = judge(truths);
    if (j.side) sides[j.side] = (sides[j.side] ?? 0) + 1;
    if (j.ok === undefined) {
      undecided++;
      continue;
    }
    if (!j.ok) {
      const numeric: NumericEvidence = { instances: k + 1, special, seed: opts.seed, sides, ...(exactly ? { exactlyDecided: exactly } : {}) };
      const cx = run.counterexample(k, scope, j.detail ?? 'the condition fails here', exact);
      cx.seed = opts.seed;
      return { label, status: 'refuted', claimTex, numeric, counterexample: cx, decidedBy: [exact ? 'exact evaluation at the counterexample' : `numeric evaluation at instance ${k}`] };
    }
  }
  const missing = minimumSides.filter((s) => !sides[s]);
  const notes: string[] = [];
  if (undecided) notes.push(`${undecided} instance(s) that neither floating point nor exact arithmetic could decide (at the boundary of a condition, or beyond floating point)`);
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
    return { label, status: 'not-checked', claimTex, numeric, reason: `none of the ${run.instances.length} instances could be decided (floating point and exact arithmetic both failed)`, decidedBy: [] };
  }
  if (missing.length) {
    return { label, status: 'not-checked', claimTex, numeric, reason: `no instance fell on the side(s): ${missing.join(', ')}; the draws do not exercise the claim`, decidedBy: [] };
  }
  return {
    label,
    status: 'verified',
    claimTex,
    numeric,
    decidedBy: [undecided ? `${decided} of ${run.instances.length} instances (${special} special) decided, seed ${opts.seed}` : `${run.instances.length} instances (${special} special), seed ${opts.seed}`],
  };
}
