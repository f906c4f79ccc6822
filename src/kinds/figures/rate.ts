/**
 * Figure `rate`: the ratio ‖x_k − x̄‖ / ρ^k along runs of an `iterate` check's own update map, with
 * its own point and ρ, at fixed parameter values and starts. A rate O(ρ^k) holds where the ratio
 * stays bounded; a Jordan block makes it grow like k.
 */
import { field, optional, required } from '../../model/schema';
import { ClaimError } from '../../model/source';
import type { ExprSource } from '../../model/schema';
import type { SourcePos } from '../../model/source';
import { toComplex } from '../../numeric/complex';
import type { Compiled, NValue } from '../../numeric/value';
import type { FigureData, FigureSeries } from '../../model/result';
import type { ArgsOf, FigureKind } from '../kind';
import { fixedScope } from '../support/fixed-point-env';
import { scalarOfValue } from '../support/compare';

type Point = Array<{ name: string; pos: SourcePos; value: ExprSource }>;
interface IterateArgs {
  iterate?: Point | Array<{ map: Point; repeat?: number }>;
  state: string[];
  rate?: { to: Point; rho: ExprSource };
}

const run = field.object({
  at: required(field.record(field.expr(), { keys: 'any' }), "values of the map's parameters"),
  from: required(field.record(field.expr()), 'the start: a value for each state variable'),
  label: optional(field.string()),
});

const schema = field.object({
  rate: required(field.integer(1, 1000), 'the number of an iterate check with a rate (checks counted from 1)'),
  runs: required(field.list(run, { min: 1 }), 'the runs drawn, each with its parameter values and start'),
  steps: optional(field.integer(2, 2000)),
  title: optional(field.string()),
  caption: optional(field.string()),
});

const real = (v: NValue): number => toComplex(scalarOfValue(v) ?? NaN).re;

export const rateFigure: FigureKind<ArgsOf<typeof schema>> = {
  role: 'figure',
  name: 'rate',
  summary: "the ratio ‖x_k − x̄‖/ρ^k along runs of an iterate check's map",
  readme: [
    {
      example: '`- rate: 3` / `runs: [{at: {a: 1, b: 0, c: -2, d: 1}, from: {x1: 1, x2: 1}, label: …}]` / `steps: 40`',
      text: "‖xₖ − x̄‖/ρᵏ against k along runs of check 3's own map, point and ρ (an `iterate` check with `rate:`): bounded where the rate holds, growing like k for a Jordan block",
    },
  ],
  schema,
  localNames: (args) => ((args.runs ?? []) as Array<{ from: Point }>).flatMap((r) => r.from.map((e) => e.name)),
  compute(args, ctx): FigureData {
    const spec = ctx.claim.checks[args.rate - 1];
    const it = spec?.args as IterateArgs | undefined;
    if (!spec || spec.kind !== 'iterate' || !it?.rate || !it.iterate)
      throw new ClaimError(`rate: check ${args.rate} is not an iterate check with a rate`, args.pos);
    const state = it.state;
    const stages =
      Array.isArray(it.iterate) && it.iterate.length > 0 && 'map' in (it.iterate[0] as object)
        ? (it.iterate as Array<{ map: Point; repeat?: number }>)
        : [{ map: it.iterate as Point }];
    const rate = it.rate;
    const nodes = [
      ...stages.flatMap((s) => s.map.map((e) => ctx.parse(e.value))),
      ctx.parse(rate.rho),
      ...rate.to.map((e) => ctx.parse(e.value)),
    ];
    const steps = args.steps ?? 40;
    const runs = args.runs as Array<{ at: Point; from: Point; label?: string }>;
    const series: FigureSeries[] = [];
    const said: string[] = [];
    for (const r of runs) {
      const { env, scope } = fixedScope(ctx, r.at, nodes, state);
      const slots = new Map(state.map((s, k) => [s, env.symbolSlots(s)?.[0] ?? env.size + k]));
      const compile = (e: ExprSource): Compiled => env.compileUser(ctx.parse(e), slots);
      const maps = stages.map((s) => ({
        repeat: s.repeat ?? 1,
        map: s.map.map((e) => {
          if (!slots.has(e.name)) throw new ClaimError(`"${e.name}" is not a state variable`, e.pos);
          return { slot: slots.get(e.name)!, f: compile(e.value) };
        }),
      }));
      for (const s of state) {
        const start = r.from.find((e) => e.name === s);
        if (!start) throw new ClaimError(`rate: from: says nothing of the state variable ${s}`, args.pos);
        const x = real(compile(start.value)(scope));
        if (!Number.isFinite(x))
          throw new ClaimError(
            `rate: the start of ${s} is not a number (the figure runs scalar states only)`,
            start.pos,
          );
        scope[slots.get(s)!] = x;
      }
      const target = state.map((s) => {
        const t = rate.to.find((e) => e.name === s);
        return t ? real(compile(t.value)(scope)) : 0;
      });
      const rho = real(compile(rate.rho)(scope));
      if (!(rho > 0 && rho < 1)) throw new ClaimError(`rate: ρ is ${rho} for this run, not in (0, 1)`, args.pos);
      const data: number[][] = [];
      for (let k = 0; k <= steps; k++) {
        if (k > 0)
          for (const st of maps)
            for (let n = 0; n < st.repeat; n++) {
              const next = st.map.map(({ slot, f }) => ({ slot, x: real(f(scope)) }));
              for (const { slot, x } of next) scope[slot] = x;
            }
        const d = Math.hypot(...state.map((s, j) => (scope[slots.get(s)!] as number) - target[j]!));
        if (!Number.isFinite(d) || d === 0) break;
        data.push([k, Math.exp(Math.log(d) - k * Math.log(rho))]);
      }
      const label = r.label ?? r.at.map((a) => `${a.name} = ${a.value.text}`).join(', ');
      series.push({ label, style: 'line', data });
      const ratios = data.map((p) => p[1]!);
      const quarter = Math.max(...ratios.slice(0, Math.max(1, Math.floor(ratios.length / 4))));
      const last = ratios[ratios.length - 1]!;
      said.push(
        `${label} (ρ = ${Number(rho.toPrecision(4))}): the ratio goes from ${ratios[0]!.toFixed(3)} at k = 0 to ${last.toFixed(3)} at k = ${data.length - 1}, ${(last / quarter).toFixed(2)} times its largest value over the first quarter of the run`,
      );
    }
    const ys = series.flatMap((s) => s.data.map((p) => p[1]!));
    const hi = Math.max(...ys);
    return {
      kind: 'rate',
      title: args.title ?? '‖xₖ − x̄‖ / ρᵏ along runs of the map',
      alt: `The distance to the fixed point divided by ρᵏ, for k from 0 to ${steps}. ${said.join('. ')}.`,
      ...(args.caption ? { caption: args.caption } : {}),
      xLabel: 'k',
      yLabel: '‖xₖ − x̄‖ / ρᵏ',
      x: [0, steps],
      y: [0, hi * 1.08],
      series,
    };
  },
};
