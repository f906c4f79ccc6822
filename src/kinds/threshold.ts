/**
 * Check `threshold`: where a claim states a bound (a step size, α ≤ 2, a momentum), find the
 * critical value numerically — bisection on the condition over a range, per instance — and
 * compare it with the claimed bound. Both values are shown. The condition must flip once in the
 * range; instances where it does not are counted, not judged.
 */
import { field, optional, required } from '../model/schema';
import { ClaimError } from '../model/source';
import { freeSymbols } from '../expr/parse';
import { asTruth } from '../numeric/compile';
import { toComplex } from '../numeric/complex';
import type { NumericEvidence, PointValue } from '../model/result';
import type { ArgsOf, CheckKind, CheckOutput } from './kind';
import { NumericEnv } from './support/numeric-env';
import { formatNumber } from '../model/text';
import type { ThresholdProbe } from '../model/decision';
import { compileDraws, drawField, type DrawSpec } from './support/draws';
import { scalarOfValue } from './support/compare';
import { specialPointsOf } from './support/specials';
import { accurateValue, certifiedTruth, localValueOf, type LocalValue } from './support/certify';
import { goldenMinimum } from './support/search';
import * as Q from '../certified/rational';
import { UNDECIDED_SHARE } from './support/conditions';
import { SPAN } from '../certified/evaluate';
import { callNode, constantNode, operatorNode, type ExprNode } from '../expr/mathjs-parser';

/** How close to the claimed value the switch is certified, relative to its size (or the range's). */
const NEAR = '1e-30';
/** Pieces of each side of the claimed value bounded at once in the search for a second switch, and the evaluations it may spend. */
const SWITCH_PIECES = 8;
const SWITCH_BUDGET = 64;
/** Grid points at which a threshold's condition is looked at for a second switch. */
const SWITCH_GRID = 200;
/** Local minima of |L − R| on that grid refined in search of a point where a comparison touches its boundary. */
const TOUCH_CANDIDATES = 3;
/** Relative to the comparison's size along the range: within rounding of the boundary, and touching it. */
const WITHIN_ROUNDING = 1e-7;
const TOUCHING = 1e-20;

const schema = field.object({
  threshold: required(field.expr(), 'the condition whose switching point is sought, e.g. spectralRadius(I + h*A) < 1'),
  in: required(
    field.name(),
    'the variable searched over: a declared symbol, a drawn value, or a name used only here (bound by the check, as t in minOver(…, t, …))',
  ),
  from: required(field.number()),
  to: required(field.number()),
  claimed: required(field.expr(), 'the claimed critical value'),
  tol: optional(
    field.number(),
    'relative agreement required (default 0: the claimed value must lie in the certified bracket of the switch)',
  ),
  draw: optional(drawField),
  count: optional(field.integer(1, 1_000_000)),
  label: optional(field.string()),
});

export const thresholdCheck: CheckKind<ArgsOf<typeof schema>> = {
  role: 'check',
  name: 'threshold',
  summary: 'find where a condition switches (bisection) and compare with the claimed bound',
  readme: [
    {
      example:
        '`- threshold: spectralRadius(I + t*A) < 1` / `in: t` / `from: 0.000001` / `to: 1000` / `claimed: min(bound(eigenvalues(A)))`',
      text: "finds where the condition switches by bisection and compares with the claimed bound c; both are shown. An instance where the condition does not switch between the range's ends is not judged, unless c lies inside the range: then the condition just below and just above c is decided exactly, and alike on both sides (no switch at c), or a switch at c with both ends alike (a second switch), refutes the claim. `in:` names a declared symbol, a drawn value, or a name used by this check alone (bound by it, as `t` in `minOver(…, t, …)`). Certified: the condition just below and just above c (c ∓ 10⁻³⁰·max(|c|, the range's width), decided exactly) is as at the range's start and as at its end, and at c itself a comparison of the condition has its two sides exactly equal (so the switch is at c, not merely within 10⁻³⁰ of it; ρ(M) = c for a rational matrix by Sturm counts on the circle). Where exact arithmetic cannot say whether the sides are equal at c (cosh² c = 1 + sinh² c), the instance is undecided, and a check with more than 1 % undecided is not checked. A comparison that touches its boundary elsewhere in the range without crossing it can make the condition switch there alone (`(t − 1)²(t − 2) < 0` is false at t = 1): the local minima of \\|L − R\\| along the range are located, the simplest rational beside each is decided exactly (refuting at t = 1), and a touching point no exact value shows (√2 in `(t² − 2)²(t − 2) < 0`), located within 10⁻²⁰ in accurate arithmetic, leaves the instance undecided",
    },
  ],
  schema,
  localNames: (args) => [...(args.draw ?? []).map((d: { name: string }) => d.name), args.in],
  run(args, ctx, opts): CheckOutput {
    const cond = ctx.parse(args.threshold);
    const claimed = ctx.parse(args.claimed);
    const given = (args.draw ?? []) as DrawSpec;
    // A variable declared nowhere is bound by the check: it gets a slot (a draw over the range,
    // which the bisection overwrites), as a bound variable of minOver does.
    const bound =
      ctx.symbol(args.in) || given.some((d) => d.name === args.in)
        ? []
        : [
            {
              name: args.in,
              pos: args.pos,
              value: `real in [${Math.min(args.from, args.to)}, ${Math.max(args.from, args.to)}]`,
            },
          ];
    const drawSpec: DrawSpec = [...given, ...bound];
    const localNames = new Set(drawSpec.map((d) => d.name));
    const names = [...freeSymbols(cond), ...freeSymbols(claimed)].filter((n) => !localNames.has(n));
    const env = new NumericEnv(ctx, NumericEnv.dependencies(ctx, [...names, args.in]));
    const { locals, slots } = compileDraws(drawSpec, ctx, env);
    const fCond = env.compileUser(cond, slots);
    const fClaimed = env.compileUser(claimed, slots);
    const own = env.symbolSlots(args.in);
    const varSlot = slots.get(args.in) ?? (own && own.length === 1 ? own[0] : undefined);
    if (varSlot === undefined)
      throw new ClaimError(`threshold: "${args.in}" must be a declared real symbol or a drawn value`, args.pos);
    const tol = args.tol ?? 0;
    const instances = env.plan(
      args.count ?? Math.min(opts.count, 2000),
      opts.rng,
      specialPointsOf(ctx, env),
      args.count ? Math.max(1, Math.floor(args.count / 4)) : undefined,
    );
    let worst = 0;
    let noSwitch = 0;
    let decided = 0;
    let example = '';
    let uncertified: string | undefined;
    let certified = 0;
    let undecided = 0;
    // Instances without a switch in floating point whose claimed value lies inside the range, where
    // certified arithmetic could not decide the condition beside it.
    let undecidedInside = 0;
    // Instances where the switch is certified within 1e-30 of c, but exact arithmetic cannot say whether it is at c.
    let notExactly = 0;
    // Instances where a comparison touches its boundary (to 10⁻²⁰) at a point no exact value shows.
    let touching = 0;
    // Where the condition switches: its comparisons with both sides equal (L < R switches where L = R).
    const boundaries = comparisonsOf(cond).map((n) => operatorNode('==', 'equal', n.args));
    // The comparisons' differences L − R, where a comparison can touch its boundary without crossing it.
    const comparisons = comparisonsOf(cond);
    const differences = comparisons.map((n) => operatorNode('-', 'subtract', n.args));
    const fDifferences = differences.map((d) => env.compileUser(d, slots));
    // Just below and just above the claimed value c: c ∓ 1e-30·max(|c|, width of the range), exact
    // decimals (c × (1 ∓ ε) swaps sides for a negative c and is c itself for c = 0, and a relative
    // 1e-14 let a claim 1e-15 off pass). Exact arithmetic decides there; floating point cannot.
    const width = Math.abs(args.to - args.from);
    const nearClaimed = ['-', '+'].map((sign) =>
      ctx.parse({
        text: `(${args.claimed.text}) ${sign} ${NEAR}*max(abs(${args.claimed.text}), ${width})`,
        pos: args.claimed.pos,
      }),
    );
    for (let k = 0; k < instances.length; k++) {
      const inst = instances[k]!;
      const scope = env.scopeOf(inst.values);
      const drawn = new Map<string, LocalValue>();
      for (const l of locals) {
        const d = l.draw(scope, opts.rng);
        scope[l.slot] = d.value;
        drawn.set(l.name, localValueOf(d));
      }
      // The truth at x in certified arithmetic (undefined where it cannot decide).
      const certifiedAt = (x: number) => {
        scope[varSlot] = x;
        const values = inst.values.slice();
        if (own && own[0] === varSlot) values[varSlot] = x;
        const local = drawn.has(args.in) ? new Map([...drawn, [args.in, { value: x }]]) : drawn;
        return certifiedTruth(cond, ctx, env, values, local, inst.exactOf?.());
      };
      /** A condition's truth, in certified arithmetic, with the variable bound to an expression (a value, a span). */
      const truthWith = (node: ExprNode, value: ExprNode, slow?: { left: number }) =>
        certifiedTruth(node, ctx, env, inst.values, drawn, inst.exactOf?.(), slow, new Map([[args.in, value]]));
      const exactValue = (q: Q.Rational) =>
        ctx.parse({ text: `(${q.n.toString()})/(${q.d.toString()})`, pos: args.pos });
      /** The truth at an exact rational value of the variable, in certified arithmetic. */
      const certifiedAtExactly = (q: Q.Rational) => truthWith(cond, exactValue(q));
      /**
       * Points where a comparison of the condition touches its boundary without crossing it: the
       * condition can be the other way there alone ((t − 1)²(t − 2) < 0 is false at t = 1 only), a
       * second switch no grid point shows. Local minima of |L − R| on the grid, refined by
       * golden-section search; the simplest rational within a hair of each is decided exactly
       * (returned with its text when it is on the wrong side of the claimed value). `touches` is
       * set where accurate arithmetic locates a minimum within 10⁻²⁰ of the boundary that no
       * exact point showed: an irrational touching point ((t² − 2)²(t − 2) < 0 is false at √2),
       * where the claim can be neither refuted at a point nor verified.
       */
      let touches = false;
      const touchSwitch = (c: number, start: number): { text: string; truth: 0 | 1 } | undefined => {
        const scopeAt = (x: number) => {
          scope[varSlot] = x;
          return scope;
        };
        for (const [j, f] of fDifferences.entries()) {
          const value = (x: number) => {
            try {
              const v = scalarOfValue(f(scopeAt(x)));
              const z = v === undefined ? undefined : toComplex(v);
              return z && z.im === 0 && Number.isFinite(z.re) ? z.re : NaN;
            } catch {
              return NaN;
            }
          };
          const xs = Array.from(
            { length: SWITCH_GRID + 1 },
            (_, k) => args.from + ((args.to - args.from) * k) / SWITCH_GRID,
          );
          const vs = xs.map((x) => Math.abs(value(x)));
          const finite = vs.filter(Number.isFinite).sort((a, b) => a - b);
          const scale = finite.length ? finite[Math.floor(finite.length / 2)]! : 0;
          const minima = vs
            .map((v, k) => ({ v, k }))
            .filter(({ v, k }) => Number.isFinite(v) && k > 0 && k < SWITCH_GRID && vs[k - 1]! > v && !(vs[k + 1]! < v))
            .sort((a, b) => a.v - b.v)
            .slice(0, TOUCH_CANDIDATES);
          for (const { k } of minima) {
            // A crossing (opposite signs on either side) is a switch, judged elsewhere; a touch keeps its sign.
            const [left, right] = [Math.sign(value(xs[k - 1]!)), Math.sign(value(xs[k + 1]!))];
            if (left === 0 || left !== right) continue;
            const located = goldenMinimum((x) => Math.abs(value(x)), xs[k - 1]!, xs[k + 1]!);
            if (!located || !(located.value <= WITHIN_ROUNDING * scale)) continue;
            const t = located.t;
            if (Math.abs(t - c) <= 1e-7 * Math.abs(args.to - args.from)) continue;
            const hair = Q.ofDouble(1e-7 * Math.abs(args.to - args.from));
            const q = Q.simplestBetween(Q.sub(Q.ofDouble(t), hair), Q.add(Q.ofDouble(t), hair));
            const x = Q.toNumber(q);
            const beyond = x > c + 1e-9 * Math.abs(c);
            const before = x < c - 1e-9 * Math.abs(c);
            const truth = before || beyond ? certifiedAtExactly(q) : undefined;
            if ((beyond && truth === start) || (before && truth !== undefined && truth !== start))
              return { truth, text: q.d === 1n ? q.n.toString() : `${q.n.toString()}/${q.d.toString()}` };
            // Not at a simple rational: is the minimum 0 (to 10⁻²⁰), where doubles cannot go? Only
            // where the comparison's truth at its boundary differs from beside it (a strict one
            // touched from its true side, a non-strict one from its false side), and not where the
            // simple rational is the touching point itself.
            if (!(before || beyond)) continue;
            const near = left;
            const fn = (comparisons[j] as { fn?: string }).fn;
            const flips =
              fn === 'smaller' || fn === 'largerEq'
                ? near < 0
                : fn === 'larger' || fn === 'smallerEq'
                  ? near > 0
                  : false;
            if (!flips) continue;
            const exactly = truthWith(boundaries[j]!, exactValue(q));
            if (exactly === 1) continue;
            const precise = (u: number) => {
              const values = inst.values.slice();
              if (own && own[0] === varSlot) values[varSlot] = u;
              const local = drawn.has(args.in) ? new Map([...drawn, [args.in, { value: u }]]) : drawn;
              const v = accurateValue(differences[j]!, ctx, env, values, inst.exactOf?.(), local);
              return v === undefined ? NaN : Math.abs(v);
            };
            const accurate = goldenMinimum(
              precise,
              t - 1e-6 * Math.abs(args.to - args.from),
              t + 1e-6 * Math.abs(args.to - args.from),
            );
            if (accurate && accurate.value <= TOUCHING * scale) touches = true;
          }
        }
        return undefined;
      };
      /** A grid point on the far side of the claimed value where the condition is as at the start, certified; undefined if none. */
      const secondSwitch = (c: number, start: number): number | undefined => {
        for (let j = 1; j < SWITCH_GRID; j++) {
          const x = Number((args.from + ((args.to - args.from) * j) / SWITCH_GRID).toPrecision(8));
          const beyond = x > c + 1e-9 * Math.abs(c);
          const before = x < c - 1e-9 * Math.abs(c);
          // Beyond the claimed value the condition should differ from the start; before it, agree.
          const wrong = (t: number | undefined) =>
            (beyond && t === start) || (before && t !== undefined && t !== 0.5 && t !== start);
          if (!wrong(end(x))) continue;
          if (wrong(certifiedAt(x))) return x;
        }
        return switchBetween(c, start);
      };
      /**
       * A switch between the grid points (a window narrower than the grid): the condition over
       * whole pieces of the range in interval arithmetic, pieces halved where undecided, and the
       * middle of a piece decided exactly when it is small. A piece certainly on the wrong side,
       * or such a middle, is the point returned. Abandoned when interval arithmetic decides none of
       * the first pieces (it cannot bound this condition).
       */
      const switchBetween = (c: number, start: number): number | undefined => {
        const near = 1e-9 * Math.max(Math.abs(c), Math.abs(args.to - args.from));
        const truthOn = (a: number, b: number) =>
          truthWith(cond, callNode(SPAN, [constantNode(a), constantNode(b)]), { left: 0 });
        // [a, b, depth, whether the piece ends at the claimed value, where the switch itself keeps it undecided]
        const pieces: Array<[number, number, number, boolean]> = [];
        for (const [a, b, side] of [
          [args.from, c - near, -1],
          [c + near, args.to, 1],
        ] as const) {
          if (!(b > a)) continue;
          for (let j = 0; j < SWITCH_PIECES; j++) {
            const lo = a + ((b - a) * j) / SWITCH_PIECES;
            const hi = j === SWITCH_PIECES - 1 ? b : a + ((b - a) * (j + 1)) / SWITCH_PIECES;
            pieces.push([lo, hi, 0, (side < 0 && j === SWITCH_PIECES - 1) || (side > 0 && j === 0)]);
          }
        }
        let budget = SWITCH_BUDGET;
        let decidedAny = false;
        let first = pieces.length;
        while (pieces.length && budget-- > 0) {
          const [a, b, depth, atClaim] = pieces.pop()!;
          const expected = b <= c ? start : 1 - start;
          const t = truthOn(a, b);
          if (first-- > 0 && t !== undefined) decidedAny = true;
          if (first === 0 && !decidedAny) return undefined;
          if (t === expected) continue;
          const mid = (a + b) / 2;
          if (t !== undefined) return mid;
          if (depth >= (atClaim ? 8 : 40) || b - a < 1e-12 * Math.max(1, Math.abs(mid))) {
            const m = certifiedAt(mid);
            if (m !== undefined && m !== expected) return mid;
            continue;
          }
          // The half that still touches the claimed value is searched last (taken from the stack first otherwise).
          const halves: Array<[number, number, number, boolean]> = [
            [a, mid, depth + 1, atClaim && a >= c],
            [mid, b, depth + 1, atClaim && b <= c],
          ];
          pieces.push(...halves.sort((x, y) => Number(y[3]) - Number(x[3])));
        }
        return undefined;
      };
      // Floating point for the bisection (it shows where the switch is); the claim itself is
      // decided in certified arithmetic below.
      const at = (x: number) => {
        scope[varSlot] = x;
        return asTruth(fCond(scope));
      };
      let lo = args.from;
      let hi = args.to;
      // The range's ends, in certified arithmetic where floating point cannot tell.
      const end = (x: number) => {
        const t = at(x);
        return t !== 0.5 ? t : (certifiedAt(x) ?? 0.5);
      };
      const tLo = end(lo);
      const tHi = end(hi);
      const c = scalarOfValue(fClaimed(scope));
      const cv = c === undefined ? NaN : toComplex(c).re;
      // A refutation at this instance, certified: the claimed value, what was found, and how.
      const refuted = (
        found: { derivedTex: string; detail: string; worstError: number; at?: PointValue },
        probe: ThresholdProbe,
      ): CheckOutput => ({
        label: args.label ?? 'threshold',
        status: 'refuted',
        claimTex: `${ctx.texName(args.in)}^{*} = ${ctx.tex(claimed)}`,
        numeric: {
          instances: k + 1,
          special: instances.slice(0, k + 1).filter((i) => i.special).length,
          seed: opts.seed,
          worstError: found.worstError,
          tolerance: tol,
        },
        counterexample: {
          point: [...env.pointOf(inst.values).filter((p) => p.name !== args.in), ...(found.at ? [found.at] : [])],
          derivedTex: found.derivedTex,
          claimedTex: `${ctx.tex(claimed)} = ${formatNumber(cv, 10)}`,
          detail: found.detail,
          seed: opts.seed,
          instance: k,
          exact: true,
        },
        decidedBy: [{ method: 'certified-threshold', probe }],
      });
      if (tLo === 0.5 || tHi === 0.5 || tLo === tHi) {
        // No switch between the ends (or an end undecided). Where the claimed value lies inside the
        // range, the claim still says the condition switches there: the same truth just below and
        // just above it (certified) refutes that; a switch there with the ends alike (certified)
        // means a second switch, which refutes "switches once, at c".
        if (cv > Math.min(args.from, args.to) && cv < Math.max(args.from, args.to)) {
          const around = nearClaimed.map((at) => truthWith(cond, at));
          const ends = tLo === 0.5 || tHi === 0.5 ? undefined : [certifiedAt(lo), certifiedAt(hi)];
          if (around[0] !== undefined && around[0] === around[1])
            return refuted(
              {
                derivedTex: `\\text{no switch at } ${ctx.texName(args.in)} = ${formatNumber(cv, 10)}`,
                detail: `certified: at ${args.in} = claimed ∓ 1e-30 × its size the condition is ${around[0] ? 'true' : 'false'} on both sides, so it does not switch at the claimed ${formatNumber(cv, 10)}${tLo === tHi ? ` (nor anywhere in floating point: it is ${tLo ? 'true' : 'false'} at both ends of the range)` : ''}`,
                worstError: 1,
              },
              'beside-claimed',
            );
          if (
            around[0] !== undefined &&
            around[1] !== undefined &&
            ends &&
            ends[0] !== undefined &&
            ends[0] === ends[1]
          )
            return refuted(
              {
                derivedTex: `\\text{a second switch in } [${String(lo)}, ${String(hi)}]`,
                detail: `certified: the condition switches at the claimed ${formatNumber(cv, 10)}, but it is ${ends[0] ? 'true' : 'false'} at both ends of the range (${String(lo)} and ${String(hi)}): it switches more than once`,
                worstError: 0,
              },
              'claimed-and-ends',
            );
          // The claim could not be decided at this instance.
          undecidedInside++;
          continue;
        }
        noSwitch++;
        continue;
      }
      // Bisect while the condition is decidable; where it is too flat to tell (undecided), the
      // switching point is only known to lie in the remaining interval, and that is what is judged.
      for (let it = 0; it < 200 && hi - lo > 1e-13 * Math.max(1, Math.abs(hi)); it++) {
        const mid = (lo + hi) / 2;
        const t = at(mid);
        if (t === 0.5) break;
        if (t === tLo) lo = mid;
        else hi = mid;
      }
      const found = (lo + hi) / 2;
      const slack = tol * Math.max(1e-300, Math.abs(cv));
      const inside = cv >= Math.min(lo, hi) - slack && cv <= Math.max(lo, hi) + slack;
      const err = inside
        ? Math.max(0, Math.abs(hi - lo) / 2 - slack) / Math.max(1e-300, Math.abs(cv))
        : Math.abs(found - cv) / Math.max(1e-300, Math.abs(cv));
      decided++;
      if (!example) example = `found ${formatNumber(found, 8)}, claimed ${formatNumber(cv, 8)}`;
      // The claim in certified arithmetic: the condition, with the variable at the claimed value
      // times 1 ∓ 1e-14, must be as at the start of the range just below and as at its end just above.
      const around = nearClaimed.map((at) => truthWith(cond, at));
      const certainHere = around[0] === tLo && around[1] !== undefined && around[1] !== tLo;
      const certainElsewhere = around.every((t) => t !== undefined) && !certainHere;
      if (certainHere) {
        // A switch at the claimed value, but maybe not the only one: a point of the range on the
        // wrong side of it (a second switch) refutes the claim that the condition switches there.
        const touched = touchSwitch(cv, tLo);
        if (touched)
          return refuted(
            {
              at: { name: args.in, tex: ctx.texName(args.in), value: touched.text },
              derivedTex: `${ctx.texName(args.in)} = ${touched.text}`,
              detail: `certified: the condition switches at the claimed value, but at ${args.in} = ${touched.text} exactly it is ${touched.truth === 1 ? 'true' : 'false'}, where a comparison touches its boundary: the condition switches more than once`,
              worstError: 0,
            },
            'touching-point',
          );
        const wrongSide = secondSwitch(cv, tLo);
        if (wrongSide === undefined && touches) {
          // A comparison touches its boundary at a point no exact value shows: undecided here.
          touching++;
          continue;
        }
        if (wrongSide === undefined) {
          // Certified so far only within 1e-30 of c: the switch is at c itself when a comparison of
          // the condition has its two sides exactly equal there.
          const exactly = boundaries.map((b) => truthWith(b, claimed));
          if (exactly.includes(1)) {
            certified++;
            worst = Math.max(worst, err);
            continue;
          }
          if (exactly.some((t) => t === undefined)) {
            notExactly++;
            continue;
          }
          return refuted(
            {
              derivedTex: `${ctx.texName(args.in)}^{*} \\approx ${formatNumber(found, 10)}`,
              detail: `certified: the condition switches within a relative 1e-30 of the claimed value, but not at it: at ${args.in} = ${args.claimed.text} exactly, no comparison in the condition has its two sides equal`,
              worstError: err,
            },
            'claimed-exactly',
          );
        }
        return refuted(
          {
            at: { name: args.in, tex: ctx.texName(args.in), value: String(wrongSide) },
            derivedTex: `${ctx.texName(args.in)} = ${String(wrongSide)}`,
            detail: `certified: the condition switches at the claimed value, but at ${args.in} = ${String(wrongSide)}, it is ${certifiedAt(wrongSide) === 1 ? 'true' : 'false'}: the condition switches more than once`,
            worstError: 0,
          },
          'beyond-claimed',
        );
      }
      // The bracket's ends decided in certified arithmetic: the switch is certainly between them.
      const certain =
        certainElsewhere ||
        (!inside && certifiedAt(lo) === tLo && certifiedAt(hi) !== undefined && certifiedAt(hi) !== tLo);
      if (!certain) {
        if (!inside)
          uncertified ??= `the condition switches at ${formatNumber(found, 10)} in floating point, not at the claimed ${formatNumber(cv, 10)}, and certified arithmetic could decide neither the claim nor the ends of the bracket`;
        else undecided++;
        continue;
      }
      return refuted(
        {
          derivedTex: `${ctx.texName(args.in)}^{*} \\approx ${formatNumber(found, 10)}`,
          detail: certainElsewhere
            ? `certified: at ${args.in} = claimed ∓ 1e-30 × its size the condition is ${around.map((t) => (t ? 'true' : 'false')).join(' and ')}, so it does not switch at the claimed ${formatNumber(cv, 10)} (floating point finds the switch at ${formatNumber(found, 10)})`
            : `the condition switches between ${String(Math.min(lo, hi))} and ${String(Math.max(lo, hi))} (certified at both ends), not at the claimed ${formatNumber(cv, 10)} (relative difference ${formatNumber(err, 3)})`,
          worstError: err,
        },
        'bisection',
      );
    }
    const numeric: NumericEvidence = {
      instances: instances.length,
      special: instances.filter((i) => i.special).length,
      seed: opts.seed,
      worstError: worst,
      tolerance: tol,
      note: `switching point found by bisection in [${args.from}, ${args.to}] at ${decided} instances${example ? ` (first: ${example})` : ''}${noSwitch ? `; at ${noSwitch} the condition did not switch once in the range (not judged)` : ''}`,
    };
    if (uncertified)
      return {
        label: args.label ?? 'threshold',
        status: 'not-checked',
        claimTex: `${ctx.texName(args.in)}^{*} = ${ctx.tex(claimed)}`,
        numeric,
        reason: uncertified,
        decidedBy: [],
      };
    if (undecidedInside > UNDECIDED_SHARE * (decided + undecidedInside))
      return {
        label: args.label ?? 'threshold',
        status: 'not-checked',
        claimTex: `${ctx.texName(args.in)}^{*} = ${ctx.tex(claimed)}`,
        numeric,
        reason: `at ${undecidedInside} instances the claimed value lies inside the range, the condition does not switch between the range's ends in floating point, and certified arithmetic could not decide it just beside the claimed value`,
        decidedBy: [],
      };
    if (decided === 0)
      return {
        label: args.label ?? 'threshold',
        status: 'not-checked',
        claimTex: `${ctx.texName(args.in)}^{*} = ${ctx.tex(claimed)}`,
        numeric,
        reason: 'the condition never switched in the range',
        decidedBy: [],
      };
    if (notExactly > UNDECIDED_SHARE * decided)
      return {
        label: args.label ?? 'threshold',
        status: 'not-checked',
        claimTex: `${ctx.texName(args.in)}^{*} = ${ctx.tex(claimed)}`,
        numeric,
        reason: `at ${notExactly} of ${decided} instances the switch is certified within a relative 1e-30 of the claimed value, but exact arithmetic could not decide whether it is at the claimed value itself`,
        decidedBy: [],
      };
    if (touching > UNDECIDED_SHARE * decided)
      return {
        label: args.label ?? 'threshold',
        status: 'not-checked',
        claimTex: `${ctx.texName(args.in)}^{*} = ${ctx.tex(claimed)}`,
        numeric,
        reason: `at ${touching} of ${decided} instances a comparison of the condition touches its boundary (within 1e-20 in accurate arithmetic) at a point of the range no exact value shows, where the condition may be the other way than the claimed switch says`,
        decidedBy: [],
      };
    if (undecided > UNDECIDED_SHARE * decided)
      return {
        label: args.label ?? 'threshold',
        status: 'not-checked',
        claimTex: `${ctx.texName(args.in)}^{*} = ${ctx.tex(claimed)}`,
        numeric,
        reason: `at ${undecided} of ${decided} instances certified arithmetic could not decide the condition at the claimed value (floating point agrees with it there)`,
        decidedBy: [],
      };
    return {
      label: args.label ?? 'threshold',
      status: 'verified',
      claimTex: `${ctx.texName(args.in)}^{*} = ${ctx.tex(claimed)}`,
      numeric,
      decidedBy: [
        { method: 'threshold-switch', certified, decided, undecided: undecided + notExactly + undecidedInside },
      ],
    };
  },
};

/** The comparisons of a condition (under and, or, not). */
function comparisonsOf(node: ExprNode): Array<ExprNode & { args: ExprNode[] }> {
  const n = node as ExprNode & { type: string; fn?: string; args?: ExprNode[]; content?: ExprNode };
  if (n.type === 'ParenthesisNode') return comparisonsOf(n.content!);
  if (n.type !== 'OperatorNode' || !n.args) return [];
  if (n.fn === 'and' || n.fn === 'or' || n.fn === 'not') return n.args.flatMap(comparisonsOf);
  return ['smaller', 'smallerEq', 'larger', 'largerEq'].includes(n.fn!) ? [n as ExprNode & { args: ExprNode[] }] : [];
}
