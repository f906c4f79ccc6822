/**
 * Figure `phase`: a planar vector field as arrows, with trajectories of update rules started at
 * given points (simultaneous or alternating gradient steps, instance noise, WGAN …).
 */
import { readableName } from '../../expr/plain';
import { field, optional, required } from '../../model/schema';
import { ClaimError } from '../../model/source';
import type { SourcePos } from '../../model/source';
import type { ExprSource } from '../../model/schema';
import { toComplex } from '../../numeric/complex';
import type { Compiled } from '../../numeric/value';
import type { FigureData, FigureSeries } from '../../model/result';
import type { ArgsOf, FigureKind } from '../kind';
import { fixedScope } from '../support/fixed-point-env';
import { scalarOfValue } from '../support/compare';

type Map2 = Array<{ name: string; pos: SourcePos; value: ExprSource }>;
const mapField = field.record(field.expr());
const stage = field.object({ map: required(mapField), repeat: optional(field.integer(1, 100)) });
const path = field.object({
  label: required(field.string()),
  iterate: required(field.either(mapField, field.list(stage, { min: 1 }), (n) => (n.type === 'seq' ? 'b' : 'a'))),
  from: required(mapField),
  steps: required(field.integer(1, 100_000)),
});

const schema = field.object({
  phase: required(mapField, 'the vector field, e.g. {theta: -psi, psi: theta}'),
  state: required(field.list(field.name(), { min: 2 })),
  window: required(field.list(field.number(), { min: 2 }), '[low, high] for both axes'),
  at: optional(field.record(field.expr(), { keys: 'any' })),
  paths: optional(field.list(path)),
  grid: optional(field.integer(5, 40)),
  title: optional(field.string()),
  caption: optional(field.string()),
});

export const phaseFigure: FigureKind<ArgsOf<typeof schema>> = {
  role: 'figure',
  name: 'phase',
  summary: 'a planar vector field with trajectories of update rules',
  readme: [
    {
      example:
        '`- phase: {theta: -psi, psi: theta}` / `state: [theta, psi]` / `window: [-2, 2]` / `paths: [{label, iterate, from, steps}]`',
      text: 'a planar vector field with trajectories of update rules',
    },
  ],
  schema,
  localNames: (args) => args.state ?? [],
  compute(args, ctx): FigureData {
    const [xName, yName] = args.state as [string, string];
    const field2 = args.phase as Map2;
    const nodes = [...field2.map((e) => ctx.parse(e.value))];
    const pathArgs = (args.paths ?? []) as Array<{
      label: string;
      iterate: Map2 | Array<{ map: Map2; repeat?: number }>;
      from: Map2;
      steps: number;
    }>;
    for (const p of pathArgs) {
      const stages =
        Array.isArray(p.iterate) && p.iterate.length && 'map' in (p.iterate[0] as object)
          ? (p.iterate as Array<{ map: Map2 }>)
          : [{ map: p.iterate as Map2 }];
      for (const s of stages) for (const e of s.map) nodes.push(ctx.parse(e.value));
    }
    const { env, scope } = fixedScope(ctx, args.at, nodes, [xName, yName]);
    const slotX = env.symbolSlots(xName)?.[0] ?? 500;
    const slotY = env.symbolSlots(yName)?.[0] ?? 501;
    const locals = new Map([
      [xName, slotX],
      [yName, slotY],
    ]);
    const compileMap = (m: Map2): Array<{ k: 0 | 1; f: Compiled }> =>
      m.map((e) => {
        const k = e.name === xName ? 0 : e.name === yName ? 1 : -1;
        if (k < 0) throw new ClaimError(`"${e.name}" is not one of the two state variables`, e.pos);
        return { k: k as 0 | 1, f: env.compileUser(ctx.parse(e.value), locals) };
      });
    const real = (v: ReturnType<Compiled>) => toComplex(scalarOfValue(v) ?? NaN).re;
    const v = compileMap(field2);
    const [lo, hi] = args.window as [number, number];
    const n = args.grid ?? 15;
    const arrows: number[][] = [];
    let maxLen = 0;
    for (let i = 0; i < n; i++)
      for (let j = 0; j < n; j++) {
        const x = lo + ((hi - lo) * (i + 0.5)) / n;
        const y = lo + ((hi - lo) * (j + 0.5)) / n;
        scope[slotX] = x;
        scope[slotY] = y;
        const d = [0, 0];
        for (const { k, f } of v) d[k] = real(f(scope));
        maxLen = Math.max(maxLen, Math.hypot(d[0]!, d[1]!));
        arrows.push([x, y, d[0]!, d[1]!]);
      }
    const cell = (hi - lo) / n;
    const scale = maxLen > 0 ? (0.8 * cell) / maxLen : 0;
    const series: FigureSeries[] = [
      {
        label: 'vector field',
        style: 'arrows',
        data: arrows.map(([x, y, dx, dy]) => [x!, y!, dx! * scale, dy! * scale]),
      },
    ];
    const summaries: string[] = [];
    for (const p of pathArgs) {
      const stages =
        Array.isArray(p.iterate) && p.iterate.length && 'map' in (p.iterate[0] as object)
          ? (p.iterate as Array<{ map: Map2; repeat?: number }>).map((s) => ({
              map: compileMap(s.map),
              repeat: s.repeat ?? 1,
            }))
          : [{ map: compileMap(p.iterate as Map2), repeat: 1 }];
      const start = compileMap(p.from);
      const pos = [0, 0];
      for (const { k, f } of start) pos[k] = real(f(scope));
      scope[slotX] = pos[0]!;
      scope[slotY] = pos[1]!;
      const data: number[][] = [[pos[0]!, pos[1]!]];
      for (let s = 0; s < p.steps; s++) {
        for (const st of stages)
          for (let r = 0; r < st.repeat; r++) {
            const next = st.map.map(({ k, f }) => ({ k, x: real(f(scope)) }));
            for (const { k, x } of next) scope[k === 0 ? slotX : slotY] = x;
          }
        const x = scope[slotX];
        const y = scope[slotY];
        if (!Number.isFinite(x) || !Number.isFinite(y) || Math.abs(x) > 1e6 || Math.abs(y) > 1e6) break;
        data.push([x, y]);
      }
      const end = data[data.length - 1]!;
      summaries.push(
        `${p.label}: from (${data[0]![0]!.toFixed(2)}, ${data[0]![1]!.toFixed(2)}), after ${data.length - 1} steps at (${end[0]!.toFixed(3)}, ${end[1]!.toFixed(3)}), distance ${Math.hypot(end[0]!, end[1]!).toFixed(3)} from the origin`,
      );
      series.push({ label: p.label, style: 'line', data });
    }
    return {
      kind: 'phase',
      title: args.title ?? 'Phase portrait',
      alt: `The vector field on [${lo}, ${hi}]² as arrows${summaries.length ? `, with trajectories. ${summaries.join('. ')}.` : '.'}`,
      ...(args.caption ? { caption: args.caption } : {}),
      xLabel: readableName(xName),
      yLabel: readableName(yName),
      x: [lo, hi],
      y: [lo, hi],
      square: true,
      series,
    };
  },
};
