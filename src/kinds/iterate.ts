/**
 * Checks `iterate` and `flow` (method D): run the dynamics and judge every run by a criterion.
 *   - iterate: {theta: theta - h*psi, psi: psi + h*theta}        (simultaneous update, from the old state)
 *   - iterate: [{map: {theta: …}, repeat: n_g}, {map: {psi: …}}]  (alternating stages, in turn)
 *   - flow: {theta: -psi, psi: theta}, dt: 0.01                  (an ODE, integrated by RK4)
 * with `steps` (or `time`), `start` (draws for the state), `runs`, and one criterion:
 *   converges (to a point, within tol), diverges (distance grows by a factor), stays (distance
 *   stays within factors of its start at every step), conserves (an expression stays constant), or rate (the
 *   distance to the point shrinks at least as fast as C·ρ^k: ‖x_k − x̄‖/ρ^k stays bounded).
 * `quantifier: all` (every run) or `some` (at least one). Parameters come from the claim's
 * domains per run; runs are seeded and bounded in steps.
 */
import { field, optional, required } from '../model/schema';
import type { ExprSource, Field } from '../model/schema';
import * as Q from '../certified/rational';
import type { SourcePos } from '../model/source';
import { ClaimError } from '../model/source';
import { freeSymbols } from '../expr/parse';
import { parseMath, type ExprNode } from '../expr/mathjs-parser';
import { asTruth } from '../numeric/compile';
import type { Compiled, Scope } from '../numeric/value';
import { isList, isMatrix, type NValue } from '../numeric/value';
import { numMatrix } from '../numeric/linalg';
import { toComplex } from '../numeric/complex';
import type { Counterexample, NumericEvidence } from '../model/result';
import type { ArgsOf, CheckKind, CheckOutput, ClaimContext } from './kind';
import { NumericEnv } from './support/numeric-env';
import { drawnValueTex } from './support/value-tex';
import { formatNumber } from '../model/text';
import type { Decision } from '../model/decision';
import { compileDraws, drawField, type DrawSpec, type Local } from './support/draws';
import { exceptionalStarts, nonsmoothArguments } from './support/exceptional-starts';
import { scalarOfValue } from './support/compare';
import {
  atRestExactly,
  exactValueAtStart,
  premiseExactly,
  runExactly,
  type ExactCriterion,
  type ExactRunInput,
} from './support/exact-run';
import { UNDECIDED_SHARE } from './support/conditions';
import { polynomialMapDegree } from './support/exact-rate';
import type { Bound } from './support/exact-run';

const mapField = field.record(field.expr());
const stageField = field.object({ map: required(mapField), repeat: optional(field.integer(1, 1000)) });
const pointField = field.record(field.expr());
/**
 * A number of the criterion (tol, factor, a bound of within) with the exact value written: the exact
 * run compares with 0.5000000000000000001 as written, not with the double 0.5 it rounds to.
 */
const boundField: Field<Bound> = {
  ...field.number(),
  read(node, issues, where) {
    const value = field.number().read(node, issues, where);
    if (value === undefined) return undefined;
    return node.type === 'scalar' ? { value, written: node.source.trim() } : { value };
  },
};

const updateField = field.either(mapField, field.list(stageField, { min: 1 }), (n) => (n.type === 'seq' ? 'b' : 'a'));

const shape = {
  iterate: optional(updateField, 'the update: new value of each state variable, or a list of stages applied in turn'),
  flow: optional(mapField, 'an ODE: the time derivative of each state variable'),
  state: required(field.list(field.name(), { min: 1 }), 'the state variables, e.g. [theta, psi]'),
  steps: optional(field.integer(1, 1_000_000)),
  time: optional(field.number()),
  dt: optional(field.number()),
  start: required(drawField, 'how each run starts: draws for the state (and any other random objects)'),
  runs: optional(field.integer(1, 100_000)),
  converges: optional(field.object({ to: required(pointField), tol: optional(boundField) })),
  diverges: optional(field.object({ from: required(pointField), factor: optional(boundField) })),
  stays: optional(field.object({ from: required(pointField), within: required(field.list(boundField, { min: 2 })) })),
  conserves: optional(field.object({ quantity: required(field.expr()), tol: optional(boundField) })),
  rate: optional(field.object({ to: required(pointField), rho: required(field.expr()) })),
  quantifier: optional(field.oneOf(['all', 'some'] as const)),
  when: optional(
    field.expr(),
    'only runs where this holds count (the premise of the claim, e.g. spectralRadius(J) < 1)',
  ),
  label: optional(field.string()),
};
const schema = field.object(shape);

type Args = ArgsOf<typeof schema>;
type Point = Array<{ name: string; pos: SourcePos; value: ExprSource }>;

function norm(v: NValue): number {
  if (typeof v === 'number') return Math.abs(v);
  if (isMatrix(v)) {
    let s = 0;
    for (let k = 0; k < v.data.length; k++) s += v.data[k]! * v.data[k]!;
    return Math.sqrt(s);
  }
  const z = scalarOfValue(v);
  return z === undefined ? NaN : Math.hypot(toComplex(z).re, toComplex(z).im);
}
function minus(a: NValue, b: NValue): NValue {
  if (typeof a === 'number' && typeof b === 'number') return a - b;
  if (isMatrix(a)) {
    const out = numMatrix(a.rows, a.cols);
    for (let k = 0; k < a.data.length; k++) out.data[k] = a.data[k]! - (isMatrix(b) ? b.data[k]! : (b as number));
    return out;
  }
  throw new ClaimError('state values must be numbers or vectors');
}
function axpy(a: NValue, s: number, b: NValue): NValue {
  if (typeof a === 'number' && typeof b === 'number') return a + s * b;
  if (isMatrix(a) && isMatrix(b)) {
    const out = numMatrix(a.rows, a.cols);
    for (let k = 0; k < a.data.length; k++) out.data[k] = a.data[k]! + s * b.data[k]!;
    return out;
  }
  throw new ClaimError('state values must be numbers or vectors of one size');
}
function finite(v: NValue): boolean {
  return typeof v === 'number' ? Number.isFinite(v) : isMatrix(v) ? v.data.every(Number.isFinite) : false;
}
const real = (v: NValue): NValue => {
  if (typeof v === 'number' || isMatrix(v)) return v;
  // A list of numbers, [0, 0], is the column a vector state is.
  if (isList(v) && v.items.every((x) => typeof x === 'number')) return numMatrix(v.items.length, 1, v.items);
  const z = scalarOfValue(v);
  if (z === undefined) throw new ClaimError('a state update must give a number or a vector');
  return toComplex(z).re;
};

/** A conserved quantity's value: a number, or a 1×1 matrix (xᵀx) as its entry. */
function quantityValue(v: NValue): number {
  const z = isMatrix(v) && v.data.length === 1 ? v.data[0]! : scalarOfValue(v);
  if (z === undefined) throw new ClaimError('the quantity of conserves: must be a number (xᵀx, a 1×1 matrix, counts)');
  return toComplex(z).re;
}

export const iterateCheck: CheckKind<Args> = {
  role: 'check',
  name: 'iterate',
  summary: 'run an update map (simultaneous, or stages in turn) and judge every run by a criterion',
  readme: [{ label: '`iterate`, `flow`', example: 'see below', text: 'runs the dynamics and judges every run' }],
  schema,
  localNames: (args) => [...(args.state ?? []), ...((args.start ?? []) as DrawSpec).map((d) => d.name)],
  run(args, ctx, opts): CheckOutput {
    const stagesArg =
      Array.isArray(args.iterate) && args.iterate.length > 0 && 'map' in (args.iterate[0] as object)
        ? (args.iterate as Array<{ map: Point; repeat?: number }>)
        : undefined;
    const mapArg = stagesArg ? undefined : (args.iterate as Point | undefined);
    const criteria = (['converges', 'diverges', 'stays', 'conserves', 'rate'] as const).filter((c) => args[c]);
    if (criteria.length !== 1)
      throw new ClaimError(
        'iterate needs exactly one criterion: converges, diverges, stays, conserves or rate',
        args.pos,
      );
    const criterion = criteria[0]!;
    const state = args.state;
    const startSpec = args.start as DrawSpec;
    for (const s of state)
      if (!startSpec.some((d) => d.name === s))
        throw new ClaimError(`start: says nothing of the state variable ${s}`, args.pos);

    // Which parameters the dynamics depend on: sample only those.
    const exprs: ExprSource[] = [];
    const collect = (m: Point | undefined) => m?.forEach((e) => exprs.push(e.value));
    collect(mapArg);
    collect(args.flow);
    (stagesArg ?? []).forEach((s) => collect(s.map));
    const pointOf = args.converges?.to ?? args.diverges?.from ?? args.stays?.from ?? args.rate?.to;
    collect(pointOf);
    if (args.conserves) exprs.push(args.conserves.quantity);
    if (args.rate) exprs.push(args.rate.rho);
    if (args.when) exprs.push(args.when);
    const localNames = new Set([...state, ...startSpec.map((d) => d.name)]);
    const nodes = exprs.map((e) => ctx.parse(e));
    const drawNodes = startSpec
      .filter((d) => /^near\s/.test(d.value.trim()))
      .map((d) => ctx.parse({ text: d.value.trim().slice(5), pos: d.pos }));
    const used = [...nodes, ...drawNodes].flatMap(freeSymbols).filter((n) => !localNames.has(n));
    const env = new NumericEnv(ctx, NumericEnv.dependencies(ctx, used));
    const { locals, slots } = compileDraws(startSpec, ctx, env);
    const stateSlots = state.map((s) => slots.get(s)!);
    // A state variable that is also a declared symbol of the model (theta, a vector x) is mirrored
    // into that symbol's slots, so model quantities (an update map F from the derivation) follow it.
    const mirrors = state.map((s) => env.symbolSlots(s));
    const write = (scope: Scope, k: number, v: NValue) => {
      scope[stateSlots[k]!] = v;
      const m = mirrors[k];
      if (!m) return;
      if (typeof v === 'number') m.forEach((slot) => (scope[slot] = v));
      else if (isMatrix(v)) m.forEach((slot, i) => (scope[slot] = v.data[i]!));
    };
    const compile = (src: ExprSource): Compiled => env.compileUser(ctx.parse(src), slots);
    const compileMap = (m: Point) =>
      m.map(({ name, pos, value }) => {
        const k = state.indexOf(name);
        if (k < 0) throw new ClaimError(`"${name}" is not a state variable`, pos);
        // Derivatives taken once, for both; the exact run and the shape of the map also read the names
        // expanded, while floating point computes them once per run.
        const derived = env.derivativesExpanded(ctx.parse(value));
        return { k, f: env.compileUser(derived, slots), node: env.namesExpanded(derived) };
      });
    const runs = args.runs ?? 20;
    const steps = args.steps ?? (args.time && args.dt ? Math.ceil(args.time / args.dt) : 1000);
    if (steps > 200_000) throw new ClaimError('at most 200 000 steps per run', args.pos);
    const dt = args.dt ?? 0.01;

    type Step = (scope: Scope) => void;
    let step: Step;
    // Flows only: one step of dt as two RK4 steps of dt/2, to see whether the integrator decides.
    let refinedStep: Step | undefined;
    // The update's stages as expressions, for running a failing run again exactly (not for flows:
    // RK4 is a numerical method, not the ODE the claim is about).
    let exactStages: ExactRunInput['stages'] | undefined;
    // A flow's field as expressions, to find starts where it vanishes exactly.
    let flowField: Array<{ node: ExprNode }> | undefined;
    if (args.flow) {
      const field = compileMap(args.flow);
      flowField = field;
      const deriv = (scope: Scope, x: NValue[]): NValue[] => {
        x.forEach((v, k) => write(scope, k, v));
        const out = x.map((v) => (typeof v === 'number' ? 0 : minus(v, v)));
        for (const { k, f } of field) out[k] = real(f(scope));
        return out;
      };
      // A state of numbers steps in preallocated buffers (the same operations in the same order as
      // below, so the same bits): a run is thousands of steps of four field evaluations.
      const n = stateSlots.length;
      const buffer = () => new Float64Array(n);
      const [x0n, k1n, k2n, k3n, k4n, xn] = [buffer(), buffer(), buffer(), buffer(), buffer(), buffer()];
      const derivInto = (scope: Scope, x: Float64Array, out: Float64Array) => {
        for (let k = 0; k < n; k++) write(scope, k, x[k]!);
        out.fill(0);
        for (const { k, f } of field) {
          const v = real(f(scope));
          if (typeof v !== 'number') throw new ClaimError('state values must be numbers or vectors of one size');
          out[k] = v;
        }
      };
      const rk4Numbers = (h: number, scope: Scope) => {
        for (let k = 0; k < n; k++) x0n[k] = scope[stateSlots[k]!] as number;
        derivInto(scope, x0n, k1n);
        for (let k = 0; k < n; k++) xn[k] = x0n[k]! + (h / 2) * k1n[k]!;
        derivInto(scope, xn, k2n);
        for (let k = 0; k < n; k++) xn[k] = x0n[k]! + (h / 2) * k2n[k]!;
        derivInto(scope, xn, k3n);
        for (let k = 0; k < n; k++) xn[k] = x0n[k]! + h * k3n[k]!;
        derivInto(scope, xn, k4n);
        for (let k = 0; k < n; k++)
          write(scope, k, x0n[k]! + (h / 6) * k1n[k]! + (h / 3) * k2n[k]! + (h / 3) * k3n[k]! + (h / 6) * k4n[k]!);
      };
      const rk4 =
        (h: number): Step =>
        (scope) => {
          if (stateSlots.every((s) => typeof scope[s] === 'number')) return rk4Numbers(h, scope);
          const x0 = stateSlots.map((s) => scope[s]!);
          const k1 = deriv(scope, x0);
          const k2 = deriv(
            scope,
            x0.map((v, k) => axpy(v, h / 2, k1[k]!)),
          );
          const k3 = deriv(
            scope,
            x0.map((v, k) => axpy(v, h / 2, k2[k]!)),
          );
          const k4 = deriv(
            scope,
            x0.map((v, k) => axpy(v, h, k3[k]!)),
          );
          x0.forEach((v, k) =>
            write(scope, k, axpy(axpy(axpy(axpy(v, h / 6, k1[k]!), h / 3, k2[k]!), h / 3, k3[k]!), h / 6, k4[k]!)),
          );
        };
      step = rk4(dt);
      const half = rk4(dt / 2);
      refinedStep = (scope) => {
        half(scope);
        half(scope);
      };
    } else {
      const stages = stagesArg
        ? stagesArg.map((s) => ({ map: compileMap(s.map), repeat: s.repeat ?? 1 }))
        : [{ map: compileMap(mapArg!), repeat: 1 }];
      exactStages = stages;
      // Each stage's new values in a buffer of its own (every update is evaluated before any is written).
      const buffers: NValue[][] = stages.map((s) => new Array<NValue>(s.map.length));
      step = (scope) => {
        for (let i = 0; i < stages.length; i++) {
          const s = stages[i]!;
          const next = buffers[i]!;
          const map = s.map;
          for (let r = 0; r < s.repeat; r++) {
            for (let j = 0; j < map.length; j++) next[j] = real(map[j]!.f(scope));
            for (let j = 0; j < map.length; j++) write(scope, map[j]!.k, next[j]!);
          }
        }
      };
    }
    // A rate claimed of a map polynomial in the state is decided exactly for every run, from its
    // linear part (a finite run only shows the start of the ratio).
    // (Scalar state variables only: the exact run follows no vector or list.)
    const scalarState = state.every((s) => locals.find((l) => l.name === s)!.scalar);
    const rateDegree =
      criterion === 'rate' && exactStages && scalarState ? polynomialMapDegree(exactStages, state, ctx) : undefined;
    const rateExact = rateDegree !== undefined;
    const point = pointOf ? compileMap(pointOf) : undefined;
    const when = args.when ? compile(args.when) : undefined;
    const whenNode = args.when ? ctx.parse(args.when) : undefined;
    const quantity = args.conserves ? compile(args.conserves.quantity) : undefined;
    const rho = args.rate ? compile(args.rate.rho) : undefined;
    const distance = (scope: Scope, target: NValue[]) => {
      let s = 0;
      for (let k = 0; k < stateSlots.length; k++) s += norm(minus(scope[stateSlots[k]!]!, target[k]!)) ** 2;
      return Math.sqrt(s);
    };

    // Runs are expensive: a few edge cases of the parameters, the rest drawn, `runs` in all.
    const instances = env.plan(runs, opts.rng, [], Math.max(1, Math.floor(runs / 4)));
    let passed = 0;
    const sides: Record<string, number> = {};
    const structures: Record<string, number> = {};
    // (`converged`: the run tended to the criterion's point, in floating point.)
    let firstFailure:
      { k: number; scope: Scope; summary: string; start: Map<string, NValue>; converged?: boolean } | undefined;
    // Failing runs kept to be certified by an exact run (the first few).
    const failures: Array<NonNullable<typeof firstFailure>> = [];
    let failureCount = 0;
    let firstPass: { k: number; summary: string; start: Map<string, NValue> } | undefined;
    // The first run's start (its other drawn values go with an exceptional start).
    let firstStart: Map<string, NValue> | undefined;
    // A flow's failing run from a start where its field vanishes exactly: a certified counterexample.
    let restingFailure: NonNullable<typeof firstFailure> | undefined;
    // Runs that met the criterion where floating point was at its edge, to be repeated exactly.
    const suspects: Array<NonNullable<typeof firstFailure>> = [];
    const underflowMatters =
      criterion === 'conserves' || (criterion === 'converges' && (args.converges!.tol ?? DEFAULT_TOL).value < 1e-290);
    // Runs whose premise neither floating point nor exact arithmetic could decide.
    let unsurePremises = 0;
    // Flow runs judged one way at dt and the other at dt/2.
    let integratorDecides = 0;
    const quantifier = args.quantifier ?? 'all';
    // At most a quarter of the runs start from edge values; the rest are random. They follow the
    // runs at the parameters' edge values, which start from random draws: a start at 0 would hide
    // what an edge parameter does (x ↦ (1 − a/4)x at a = 1 from x₀ = 0).
    const edgeRuns = Math.max(1, Math.floor(instances.length / 4));
    const parameterEdges = instances.findIndex((i) => !i.special?.startsWith('edge'));
    const firstStartEdge = parameterEdges < 0 ? 0 : Math.min(parameterEdges, instances.length - edgeRuns);
    for (let k0 = 0; k0 < instances.length; k0++) {
      const k = k0;
      const scope = env.scopeOf(instances[k]!.values, 512);
      const start = new Map<string, NValue>();
      for (const l of locals) {
        // The first runs start from the edge values of each start domain (0, ±1, the range's ends):
        // a fixed point or an end of the range is where such claims fail, and random draws never hit it.
        const e = k0 - firstStartEdge;
        const edge = l.edges && e >= 0 && e < Math.min(l.edges.length, edgeRuns) ? l.edges[e]! : undefined;
        const d =
          edge !== undefined ? { value: edge as NValue, structure: `start at an edge value` } : l.draw(scope, opts.rng);
        scope[l.slot] = d.value;
        start.set(l.name, d.value);
        if (d.structure) structures[d.structure] = (structures[d.structure] ?? 0) + 1;
        const k = state.indexOf(l.name);
        if (k >= 0) write(scope, k, d.value);
        else env.mirror(l.name, d.value, scope, instances[k0]!.values);
      }
      firstStart ??= start;
      // This run's start and parameters for exact arithmetic (made only where a decision needs them).
      const exactInput = () => ({
        ctx,
        env,
        state,
        values: instances[k]!.values,
        ...(instances[k]!.exactOf ? { exact: instances[k]!.exactOf() } : {}),
        start,
      });
      // A premise floating point cannot decide (x₀ = 0 against x ≥ 0) is not false: the run counts,
      // and an exact run decides the premise before it certifies anything.
      let premise: number | undefined = when ? asTruth(when(scope)) : 1;
      if (premise !== 0 && premise !== 1) {
        premise = premiseExactly({ ...exactInput(), when: whenNode });
        if (premise === undefined) {
          unsurePremises++;
          continue;
        }
      }
      if (premise === 0) {
        sides['premise false'] = (sides['premise false'] ?? 0) + 1;
        continue;
      }
      const target = point
        ? state.map((s, i) => {
            const entry = point.find((p) => p.k === i);
            return entry ? real(entry.f(scope)) : scope[stateSlots[i]!]!;
          })
        : [];
      const d0 = point ? distance(scope, target) : 0;
      const norm2 = (v: NValue[]) => Math.hypot(...v.map(norm));
      // Whether the criterion's comparison is met within rounding of its bound.
      const withinRounding = (
        dN: number,
        d0: number,
        dMin: number,
        dMax: number,
        drift: number,
        size: number,
      ): boolean => {
        // (An infinite value, a state that overflowed, is no comparison met within rounding.)
        const near = (a: number, b: number, scale: number) =>
          Number.isFinite(scale) && Math.abs(a - b) <= ROUNDING * scale;
        switch (criterion) {
          case 'converges': {
            const tol = (args.converges!.tol ?? DEFAULT_TOL).value;
            return near(dN, tol, dN + size + tol);
          }
          case 'diverges':
            return near(dN, (args.diverges!.factor ?? DEFAULT_FACTOR).value * d0, dN + size);
          case 'stays': {
            const [lo, hi] = (args.stays!.within as [Bound, Bound]).map((b) => b.value) as [number, number];
            return dMax > 0 && ((lo > 0 && near(dMin, lo * d0, dMax + size)) || near(dMax, hi * d0, dMax + size));
          }
          case 'conserves':
            return near(drift, (args.conserves!.tol ?? DEFAULT_TOL).value, 1);
        }
        return false;
      };
      const q0 = quantity ? quantityValue(quantity(scope)) : 0;
      const r = rho ? toComplex(scalarOfValue(rho(scope))!).re : 0;
      // One run from the start in `scope`, advanced by `advance`: whether it meets the criterion.
      const simulate = (scope: Scope, advance: Step) => {
        let ok = true;
        // How far the run is from the criterion's boundary, positive when it fails (to compare two integrations).
        let margin = 0;
        let summary = '';
        let maxDrift = 0;
        // For the rate criterion: log(‖x_k − x̄‖ / ρ^k), its maximum over the first quarter and its last value.
        let earlyMax = -Infinity;
        let lastLog = -Infinity;
        let reached = false;
        let stepsRun = 0;
        // Where floating point is at the edge of what it represents (the state overflows, underflows
        // to 0, or a step leaves it unchanged while a quantity is to be conserved), a run that meets
        // the criterion is repeated exactly before it counts.
        let suspect = false;
        let beyondFactor = false;
        // For the stays criterion: the smallest and largest distance over the whole run.
        let dMin = d0;
        let dMax = d0;
        // The same after the start (step 0 meets a bound of ×1 exactly, not by rounding).
        let dMinAfter = Infinity;
        let dMaxAfter = 0;
        const limit = rho && r > 0 && r < 1 ? Math.min(steps, Math.floor(600 / Math.abs(Math.log(r)))) : steps;
        let before: NValue[] = stateSlots.map((slot) => scope[slot]!);
        // The state after each step, in two arrays used in turn (this step's and the one before).
        let spare: NValue[] = before.slice();
        for (let s = 1; s <= limit; s++) {
          advance(scope);
          stepsRun = s;
          const now = spare;
          for (let i = 0; i < stateSlots.length; i++) now[i] = scope[stateSlots[i]!]!;
          if (!now.every(finite)) {
            summary = `the state ${now.some((v) => typeof v === 'number' && Number.isNaN(v)) ? 'became undefined (0/0, ∞ − ∞: the map is undefined there)' : 'left the floating-point range'} at step ${s}`;
            ok = criterion === 'diverges';
            // Suspect unless the run had already gone past the factor it must reach (x ↦ 2x for
            // thousands of steps overflows honestly; a product that overflows midway does not).
            suspect ||= !(criterion === 'diverges' && beyondFactor);
            break;
          }
          if (
            criterion === 'diverges' &&
            point &&
            distance(scope, target) >= (args.diverges!.factor ?? DEFAULT_FACTOR).value * d0
          )
            beyondFactor = true;
          // An underflow to 0 matters only where the criterion has no room for a tiny value (tol 0).
          if (!suspect && underflowMatters && now.some((v, i) => v === 0 && before[i] !== 0)) suspect = true;
          if (!suspect && quantity && exactStages && now.some((v) => v !== 0) && now.every((v, i) => v === before[i]))
            suspect = true;
          spare = before;
          before = now;
          if (quantity) {
            const q = quantityValue(quantity(scope));
            maxDrift = Math.max(maxDrift, Math.abs(q - q0) / Math.max(1e-300, Math.abs(q0)));
          }
          if (criterion === 'stays') {
            const d = distance(scope, target);
            dMin = Math.min(dMin, d);
            dMax = Math.max(dMax, d);
            dMinAfter = Math.min(dMinAfter, d);
            dMaxAfter = Math.max(dMaxAfter, d);
          }
          if (rho) {
            const d = distance(scope, target);
            if (d === 0 || d < 1e-280) {
              // A run that starts at the point stays there: the bound holds trivially.
              if (d0 === 0) reached = true;
              break;
            }
            const lr = Math.log(d) - s * Math.log(r);
            if (s <= limit / 4) earlyMax = Math.max(earlyMax, lr);
            lastLog = lr;
          }
        }
        const dN = point ? distance(scope, target) : 0;
        switch (criterion) {
          case 'converges': {
            const tol = (args.converges!.tol ?? DEFAULT_TOL).value;
            ok = ok && dN <= tol;
            margin = dN - tol;
            summary ||= `distance to the point: ${formatNumber(d0, 3)} at the start, ${formatNumber(dN, 3)} after ${stepsRun} steps (tolerance ${formatNumber(tol, 2)})`;
            break;
          }
          case 'diverges': {
            const factor = (args.diverges!.factor ?? DEFAULT_FACTOR).value;
            // A run that starts at the point has no distance to multiply: 0 ≥ 10·0 is no divergence.
            ok = ok && d0 > 0 && (!Number.isFinite(dN) || dN >= factor * d0);
            margin = factor * d0 - dN;
            summary ||= `distance to the point: ${formatNumber(d0, 3)} at the start, ${formatNumber(dN, 3)} after ${stepsRun} steps (diverging means at least ×${factor})`;
            break;
          }
          case 'stays': {
            const [lo, hi] = (args.stays!.within as [Bound, Bound]).map((b) => b.value) as [number, number];
            ok = ok && dMin >= lo * d0 && dMax <= hi * d0;
            margin = Math.max(lo * d0 - dMin, dMax - hi * d0);
            summary ||= `distance to the point: ${formatNumber(d0, 3)} at the start, between ${formatNumber(dMin, 3)} and ${formatNumber(dMax, 3)} over ${stepsRun} steps (staying means within ×${lo} … ×${hi} of the start at every step)`;
            break;
          }
          case 'conserves': {
            const tol = (args.conserves!.tol ?? DEFAULT_TOL).value;
            ok = ok && maxDrift <= tol;
            margin = maxDrift - tol;
            summary ||= `largest relative change of the quantity over ${stepsRun} steps: ${formatNumber(maxDrift, 3)} (tolerance ${formatNumber(tol, 2)})`;
            break;
          }
          case 'rate': {
            // Bounded ratio: the last value may not exceed the early maximum by more than a factor 2.
            const growth = Math.exp(lastLog - earlyMax);
            ok = ok && r > 0 && r < 1 && (reached || growth <= 2);
            margin = growth - 2;
            summary ||= `‖xₖ − x̄‖/ρᵏ with ρ = ${formatNumber(r, 4)}: ${formatNumber(Math.exp(earlyMax), 3)} at most in the first quarter of ${stepsRun} steps, ${formatNumber(Math.exp(lastLog), 3)} at the end (×${formatNumber(growth, 3)}; bounded means at most ×2)`;
            break;
          }
        }
        // A pass by less than rounding can move (a tolerance met with equality, a step absorbed by
        // rounding, a decimal bound that rounds to the value it must exclude) is no decision.
        if (ok && !suspect) suspect = withinRounding(dN, d0, dMinAfter, dMaxAfter, maxDrift, norm2(target));
        // (Tending to the point, in floating point: the distance fell a thousandfold over the run.)
        const converged = reached || (d0 > 0 && dN <= 1e-3 * d0);
        return { ok, summary, suspect, margin, converged };
      };
      const initial = scope.slice();
      let { ok, summary, suspect, margin, converged } = simulate(scope, step);
      // A flow started where its field vanishes exactly stays there: what the run says is exact.
      const atRest = flowField !== undefined && atRestExactly({ ...exactInput(), field: flowField });
      if (atRest && !ok) {
        restingFailure ??= {
          k,
          scope,
          summary: `${summary}; the field vanishes exactly at the start, so the solution stays there for all time`,
          start,
        };
        sides['criterion not met'] = (sides['criterion not met'] ?? 0) + 1;
        failureCount++;
        firstFailure ??= restingFailure;
        continue;
      }
      // A flow is judged by RK4: the same run at half the step must judge it alike, or the
      // integrator, not the ODE, decides (its damping can hide growth or fake a drift).
      if (refinedStep && !atRest) {
        const again = simulate(initial.slice(), refinedStep);
        // A failure stands only when the finer run fails too, by more than the two runs differ
        // (the integrator's error, estimated): otherwise the integrator may be what fails.
        const failureStands = !ok && !again.ok && again.margin - Math.abs(margin - again.margin) > 0;
        if (again.ok !== ok || (!ok && !failureStands)) {
          integratorDecides++;
          continue;
        }
        if (!ok)
          summary += `; at dt/2 the same run fails too (by ${formatNumber(again.margin, 3)}, the two integrations differing by ${formatNumber(Math.abs(margin - again.margin), 3)})`;
      }
      sides[ok ? 'criterion met' : 'criterion not met'] = (sides[ok ? 'criterion met' : 'criterion not met'] ?? 0) + 1;
      if (ok && (suspect || rateExact)) suspects.push({ k, scope, summary, start, converged });
      if (ok) {
        passed++;
        firstPass ??= { k, summary, start };
      } else {
        firstFailure ??= { k, scope, summary, start, converged };
        failureCount++;
        if (failures.length < CERTIFIED_FAILURES) failures.push({ k, scope, summary, start, converged });
      }
    }
    const numeric: NumericEvidence = {
      instances: instances.length,
      special: instances.filter((i) => i.special).length,
      seed: opts.seed,
      sides,
      ...(Object.keys(structures).length ? { coverage: structures } : {}),
      note: `${steps} steps per run${args.flow ? ` of RK4 with dt = ${dt}` : ''}; ${passed} of ${instances.length} runs met the criterion${firstPass ? `. A run that met it: ${firstPass.summary}` : ''}`,
    };
    const label = args.label ?? `dynamics: ${criterion}`;
    const claimTex = dynamicsTex(args, ctx, criterion, steps);
    const cx = (f: NonNullable<typeof firstFailure>): Counterexample => ({
      point: [
        ...env.pointOf(instances[f.k]!.values).filter((p) => !state.includes(p.name)),
        ...[...f.start]
          .filter(([name]) => !env.symbolSlots(name) || state.includes(name))
          .map(([name, v]) => ({ name, tex: ctx.texName(name), value: drawnValueTex(v) })),
      ],
      // The run's figures are in the detail line, in plain text that wraps.
      derivedTex: '',
      claimedTex: '',
      detail: `run ${f.k + 1} does not meet the criterion: ${f.summary}`,
      seed: opts.seed,
      instance: f.k,
      exact: false,
    });
    const eligible = instances.length - (sides['premise false'] ?? 0) - unsurePremises - integratorDecides;
    if (integratorDecides > UNDECIDED_SHARE * instances.length) {
      return {
        label,
        status: 'not-checked',
        claimTex,
        numeric,
        reason: `at ${integratorDecides} of ${instances.length} runs RK4 with step dt and with dt/2 judge the criterion differently: the integrator, not the ODE, decides (take a smaller dt or a looser tol)`,
        decidedBy: [],
      };
    }
    if (unsurePremises > UNDECIDED_SHARE * instances.length) {
      return {
        label,
        status: 'not-checked',
        claimTex,
        numeric,
        reason: `the premise in when: could be decided neither in floating point nor exactly at ${unsurePremises} of ${instances.length} starts`,
        decidedBy: [],
      };
    }
    if (eligible === 0) {
      return {
        label,
        status: 'not-checked',
        claimTex,
        numeric,
        reason: 'no run satisfied the condition in when:, so nothing was checked',
        decidedBy: [],
      };
    }
    const exactCriterion = exactCriterionOf(args, criterion, state, ctx, rateDegree);
    const exactRun = (f: NonNullable<typeof firstFailure>) =>
      runExactly({
        ctx,
        env,
        state,
        stages: exactStages!,
        steps,
        criterion:
          exactCriterion!.kind === 'rate' ? { ...exactCriterion!, converged: f.converged ?? false } : exactCriterion!,
        ...(whenNode ? { when: whenNode } : {}),
        values: instances[f.k]!.values,
        ...(instances[f.k]!.exactOf ? { exact: instances[f.k]!.exactOf!() } : {}),
        start: f.start,
      });
    const refuted = (counterexample: Counterexample, how: Decision): CheckOutput => ({
      label,
      status: 'refuted',
      claimTex,
      numeric,
      counterexample,
      decidedBy: [how],
    });
    if (quantifier === 'all' && restingFailure)
      return refuted(
        { ...cx(restingFailure), exact: true },
        { method: 'equilibrium-start', run: restingFailure.k + 1, runs: instances.length },
      );
    // Starts no draw meets, where a nonsmooth map of one variable hides what is wrong with the claim.
    const exceptional =
      quantifier === 'all' && exactCriterion && exactCriterion.kind !== 'rate' && firstStart
        ? exceptionalFailure({
            ctx,
            env,
            state,
            values: instances[0]!.values,
            ...(instances[0]!.exactOf ? { exact: instances[0]!.exactOf() } : {}),
            start: firstStart,
            local: locals.find((l) => l.name === state[0])!,
            stages: exactStages,
            field: flowField,
            steps,
            criterion: exactCriterion,
            ...(whenNode ? { when: whenNode } : {}),
          })
        : undefined;
    if (exceptional) {
      const { x, summary } = exceptional;
      const name = state[0]!;
      const counterexample: Counterexample = {
        ...cx({ k: 0, scope: [], summary, start: firstStart! }),
        detail: `the run from ${name} = ${Q.ratText(x)} does not meet the criterion: ${summary}`,
        exact: true,
      };
      counterexample.point = counterexample.point.map((p) =>
        p.name === name ? { ...p, value: drawnValueTex(Q.toNumber(x), [x]) } : p,
      );
      return refuted(counterexample, {
        method: 'exceptional-start',
        start: `${name} = ${Q.ratText(x)}`,
        flow: !!args.flow,
      });
    }
    if (quantifier === 'all' && firstFailure) {
      let exactPasses = 0;
      let undecided: (typeof failures)[number] | undefined;
      for (const f of exactStages && exactCriterion ? failures : []) {
        const exact = exactRun(f);
        if (exact === 'passes' || exact === 'premise false') exactPasses++;
        else if (exact) {
          return refuted(
            { ...cx({ ...f, summary: exact.summary }), exact: true },
            { method: 'exact-run', run: f.k + 1, runs: instances.length, atEdge: false },
          );
        } else {
          // A run exact arithmetic cannot decide (ρ = 0, say) refutes nothing; a later one may.
          undecided ??= f;
        }
      }
      // Failing runs that the exact run shows to meet the criterion are no counterexample; if that
      // is every failing run, nothing refutes the claim. Where runs can be repeated exactly, a run
      // exact arithmetic could not follow to the end, and failing runs beyond those repeated, are
      // undecided; so is a failure where no run can be repeated at all (below).
      const repeated = exactStages !== undefined && exactCriterion !== undefined && failures.length > 0;
      if (repeated && (undecided || failureCount > failures.length)) {
        const why = undecided
          ? rateExact
            ? `run ${undecided.k + 1} fails over its floating-point steps and its rate could not be decided exactly (${rateUndecided(rateDegree)})`
            : `run ${undecided.k + 1} fails in floating point and exact rational arithmetic could not follow it to the end (its numbers grew past the budget, or a value left the rationals)`
          : `${failureCount} runs fail in floating point; the ${failures.length} repeated in exact rational arithmetic ${exactPasses === failures.length ? 'all meet the criterion' : 'were not all decided'}, and the other ${failureCount - failures.length} were not repeated`;
        return {
          label,
          status: 'not-checked',
          claimTex,
          numeric,
          reason: `${why}, so floating point's failures are no certified counterexample`,
          decidedBy: [],
        };
      }
      // No run could be repeated exactly (a flow, integrated numerically; a map with no exact form): floating point's failure is no certified counterexample.
      const failing =
        undecided ?? (failureCount > failures.length || exactPasses < failures.length ? firstFailure : undefined);
      if (failing)
        return {
          label,
          status: 'not-checked',
          claimTex,
          numeric,
          reason: `run ${failing.k + 1} of ${instances.length} fails in floating point (${failing.summary}), but ${args.flow ? 'a flow is integrated numerically (RK4), not solved exactly' : exactStages && !exactCriterion ? 'a rate is decided in exact arithmetic only for a map that is a polynomial in the state, and this one is not' : 'the run cannot be repeated in exact arithmetic (an operation with no exact form)'}, so the failure is no certified counterexample`,
          decidedBy: [],
        };
      sides['criterion not met'] = (sides['criterion not met'] ?? 0) - exactPasses;
      if (!sides['criterion not met']) delete sides['criterion not met'];
      sides['criterion met in exact arithmetic (not in floating point)'] = exactPasses;
      numeric.note += `; ${exactPasses} run(s) that failed in floating point meet the criterion in exact rational arithmetic`;
    }
    if (quantifier === 'all' && suspects.length) {
      // A pass at the edge of floating point: certified by its exact run, refuted by it, or left undecided.
      let unsure = 0;
      const repeatable = rateExact ? suspects.length : SUSPECT_RUNS;
      for (const f of suspects.slice(0, repeatable)) {
        const exact = exactStages && exactCriterion ? exactRun(f) : undefined;
        if (exact === 'passes' || exact === 'premise false') continue;
        if (exact) {
          const counterexample = { ...cx({ ...f, summary: exact.summary }), exact: true };
          const how: Decision = rateExact
            ? { method: 'exact-rate-run', run: f.k + 1, runs: instances.length, steps }
            : { method: 'exact-run', run: f.k + 1, runs: instances.length, atEdge: true };
          return refuted(counterexample, how);
        }
        unsure++;
      }
      unsure += Math.max(0, suspects.length - repeatable);
      if (unsure > UNDECIDED_SHARE * eligible) {
        const why = rateExact
          ? `the rate of ${unsure} run(s) could not be decided exactly (${rateUndecided(rateDegree)}), and a finite run cannot show that the ratio stays bounded`
          : `${unsure} run(s) met the criterion only at the edge of floating point (an overflow, an underflow to 0, a step that changed nothing, or a comparison met within rounding), and exact arithmetic could not repeat them`;
        return { label, status: 'not-checked', claimTex, numeric, reason: why, decidedBy: [] };
      }
    }
    if (quantifier === 'some' && passed === 0) {
      // Runs that miss prove nothing about the starts never drawn (a fixed point among them).
      return {
        label,
        status: 'not-checked',
        claimTex,
        numeric,
        reason: `no run of ${instances.length} met the criterion; random starts cannot show that no start does`,
        decidedBy: [],
      };
    }
    const witness =
      quantifier === 'some' && firstPass
        ? {
            ...cx({ ...firstPass, scope: [] }),
            detail: `run ${firstPass.k + 1} meets the criterion: ${firstPass.summary}`,
          }
        : undefined;
    const decidedBy: Decision = rateExact
      ? { method: 'exact-rate', runs: instances.length, seed: opts.seed, fromMinimalPolynomial: rateDegree <= 1 }
      : { method: 'simulation', runs: instances.length, steps, seed: opts.seed };
    return { label, status: 'verified', claimTex, numeric, ...(witness ? { witness } : {}), decidedBy: [decidedBy] };
  },
};

/**
 * The first exceptional start (exceptional-starts.ts) of a map or flow of one number whose exact
 * run fails the criterion, with what it does; undefined when none does or none can be followed.
 * A flow is followed only from a start where its field vanishes exactly: the solution stays there,
 * as the identity map's run does.
 */
function exceptionalFailure(
  input: Omit<ExactRunInput, 'stages' | 'start'> & {
    start: ReadonlyMap<string, NValue>;
    local: Local;
    stages: ExactRunInput['stages'] | undefined;
    field: Array<{ node: ExprNode }> | undefined;
  },
): { x: Q.Rational; summary: string } | undefined {
  const { state, local, field } = input;
  const nodes = field ? field.map((f) => f.node) : (input.stages ?? []).flatMap((s) => s.map.map((m) => m.node));
  if (state.length !== 1 || !local.scalar || !local.exactRange || (!field && !input.stages)) return undefined;
  const kinks = nonsmoothArguments(nodes);
  if (kinks.length === 0) return undefined;
  const at = (x: Q.Rational) => ({
    ...input,
    start: new Map(input.start).set(state[0]!, Q.toNumber(x)),
    exactStart: new Map([[state[0]!, x]]),
  });
  const identity = [{ map: [{ k: 0, node: parseMath(state[0]!) }], repeat: 1 }];
  const candidates = exceptionalStarts(
    kinks,
    (node, x) => exactValueAtStart(at(x), node),
    local.exactRange.ends,
    local.exactRange.contains,
  );
  for (const x of candidates) {
    const from = at(x);
    if (field && !atRestExactly({ ...from, field })) continue;
    const run = runExactly({ ...from, stages: field ? identity : input.stages!, steps: field ? 1 : input.steps });
    if (run && typeof run === 'object')
      return {
        x,
        summary: field ? `the field vanishes exactly there, so the solution stays: ${run.summary}` : run.summary,
      };
  }
  return undefined;
}

/** Why the rate of a polynomial map's run can stay undecided. */
const rateUndecided = (degree: number) =>
  degree <= 1
    ? 'an eigenvalue the start excites may lie on the circle |λ| = ρ, or ρ is 0 or not rational'
    : 'the map is nonlinear: its linear part at the point has an eigenvalue of modulus ρ or more, so almost every run breaks the rate but a given start need not; or ρ is 0 or not rational; or the run did not tend to the point';

/** Defaults of `converges`/`conserves` (tol) and `diverges` (factor), for the floating and the exact run alike. */
const DEFAULT_TOL: Bound = { value: 1e-6 };
const DEFAULT_FACTOR: Bound = { value: 10 };

/** How many runs that passed at the edge of floating point are repeated in exact arithmetic. */
const SUSPECT_RUNS = 64;
/** A comparison met within this share of its values' size is met within rounding (256 ulps of the doubles compared). */
const ROUNDING = 2 ** -44;
/** How many failing runs are tried in exact arithmetic (until one cannot be followed exactly). */
const CERTIFIED_FAILURES = 64;

/** The criterion with its points as expressions, for the exact run; for rate only where the map is a polynomial in the state. */
function exactCriterionOf(
  args: Args,
  criterion: string,
  state: string[],
  ctx: ClaimContext,
  rateDegree: number | undefined,
): ExactCriterion | undefined {
  const at = (p: Point) =>
    state.map((s) => {
      const entry = p.find((e) => e.name === s);
      return entry ? ctx.parse(entry.value) : undefined;
    });
  switch (criterion) {
    case 'converges':
      return { kind: 'converges', to: at(args.converges!.to), tol: args.converges!.tol ?? DEFAULT_TOL };
    case 'diverges':
      return { kind: 'diverges', from: at(args.diverges!.from), factor: args.diverges!.factor ?? DEFAULT_FACTOR };
    case 'stays':
      return { kind: 'stays', from: at(args.stays!.from), within: args.stays!.within as [Bound, Bound] };
    case 'conserves':
      return {
        kind: 'conserves',
        quantity: ctx.parse(args.conserves!.quantity),
        tol: args.conserves!.tol ?? DEFAULT_TOL,
      };
    case 'rate':
      return rateDegree !== undefined
        ? { kind: 'rate', to: at(args.rate!.to), rho: ctx.parse(args.rate!.rho), degree: rateDegree }
        : undefined;
  }
  return undefined;
}

/**
 * The check as mathematics: the update rule typeset (θ⁺ = θ − h·∇…, stages in turn, or the ODE's
 * θ̇ = …), then what every (or some) run of it does, with the premise in when: before it.
 */
function dynamicsTex(args: Args, ctx: ClaimContext, criterion: string, steps: number): string {
  const state = args.state;
  const rule = (map: Point, mark: (name: string) => string) =>
    map.map((e) => `${mark(ctx.texName(e.name))} = ${ctx.tex(ctx.parse(e.value))}`).join(',\\quad ');
  const lines: string[] = [];
  if (args.flow) lines.push(rule(args.flow, (n) => `\\dot{${n}}`));
  else {
    const stages =
      Array.isArray(args.iterate) && args.iterate.length > 0 && 'map' in (args.iterate[0] as object)
        ? (args.iterate as Array<{ map: Point; repeat?: number }>)
        : [{ map: args.iterate as Point }];
    const plus = (n: string) => `{${n}}^{+}`;
    if (stages.length === 1 && !stages[0]!.repeat) lines.push(rule(stages[0]!.map, plus));
    else
      stages.forEach((s, k) =>
        lines.push(
          `\\text{${k === 0 ? 'stage 1' : `then stage ${k + 1}`}${s.repeat && s.repeat > 1 ? `, ${s.repeat} times` : ''}: } ${rule(s.map, plus)}`,
        ),
      );
  }
  const x = state.length === 1 ? ctx.texName(state[0]!) : `\\left(${state.map(ctx.texName).join(',\\, ')}\\right)`;
  const at = (k: string) => `{${x}}_{${k}}`;
  const pointTex = (p: Point) => {
    const byName = new Map(p.map((e) => [e.name, ctx.tex(ctx.parse(e.value))]));
    const items = state.filter((s) => byName.has(s)).map((s) => byName.get(s)!);
    return items.length === 1 ? items[0]! : `\\left(${items.join(',\\, ')}\\right)`;
  };
  const dist = (k: string, p: Point) => `\\left\\|${at(k)} - ${pointTex(p)}\\right\\|`;
  let what: string;
  switch (criterion) {
    case 'converges':
      what = `${dist(String(steps), args.converges!.to)} \\le ${(args.converges!.tol ?? DEFAULT_TOL).value}`;
      break;
    case 'diverges':
      what = `${dist(String(steps), args.diverges!.from)} \\ge ${(args.diverges!.factor ?? DEFAULT_FACTOR).value}\\,${dist('0', args.diverges!.from)}`;
      break;
    case 'stays': {
      const [lo, hi] = (args.stays!.within as [Bound, Bound]).map((b) => b.value) as [number, number];
      const from = args.stays!.from as Point;
      what = `${lo}\\,${dist('0', from)} \\le ${dist('k', from)} \\le ${hi}\\,${dist('0', from)}\\ \\text{for } k \\le ${steps}`;
      break;
    }
    case 'conserves': {
      const q = ctx.tex(ctx.parse(args.conserves!.quantity));
      what = `\\frac{\\left|Q_k - Q_0\\right|}{\\left|Q_0\\right|} \\le ${(args.conserves!.tol ?? DEFAULT_TOL).value}\\ \\text{for } k \\le ${steps},\\quad Q = ${q}`;
      break;
    }
    default:
      what = `${dist('k', args.rate!.to)} \\le C\\,\\rho^{k}\\ \\text{for } k \\le ${steps},\\quad \\rho = ${ctx.tex(ctx.parse(args.rate!.rho))}`;
  }
  const who = (args.quantifier ?? 'all') === 'all' ? 'every run' : 'some run';
  lines.push(
    args.when ? `\\text{${who} with } ${ctx.tex(ctx.parse(args.when))}\\text{: }${what}` : `\\text{${who}: }${what}`,
  );
  return `\\begin{gathered}${lines.join(' \\\\ ')}\\end{gathered}`;
}

/** `flow`: the same runs for an ODE, integrated by RK4 with step dt. */
export const flowCheck: CheckKind<Args> = {
  ...iterateCheck,
  name: 'flow',
  summary: 'integrate an ODE (RK4) and judge every run by a criterion',
  // (Documented in iterate's row.)
  readme: [],
};
