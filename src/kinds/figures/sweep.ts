/** Figure `sweep`: a quantity as a function of one parameter (the spectral radius against the step size), with the claimed threshold marked. */
import { plainOf, readableName } from '../../expr/plain';
import { field, optional, required } from '../../model/schema';
import { ClaimError } from '../../model/source';
import { toComplex } from '../../numeric/complex';
import type { FigureData } from '../../model/result';
import type { ArgsOf, FigureKind } from '../kind';
import { fixedScope } from '../support/fixed-point-env';
import { scalarOfValue } from '../support/compare';

const schema = field.object({
  sweep: required(field.expr(), 'the quantity, e.g. spectralRadius(J)'),
  over: required(field.name(), 'the parameter varied (a declared symbol)'),
  from: required(field.number()),
  to: required(field.number()),
  at: optional(field.record(field.expr(), { keys: 'any' })),
  mark: optional(field.object({ at: required(field.expr()), label: required(field.string()) })),
  level: optional(field.number(), 'a horizontal reference line (1 for a spectral radius)'),
  points: optional(field.integer(10, 2000)),
  title: optional(field.string()),
  caption: optional(field.string()),
});

export const sweepFigure: FigureKind<ArgsOf<typeof schema>> = {
  role: 'figure',
  name: 'sweep',
  summary: 'a quantity against one parameter, with a threshold marked',
  schema,
  compute(args, ctx): FigureData {
    const q = ctx.parse(args.sweep);
    const markNode = args.mark ? ctx.parse(args.mark.at) : undefined;
    const { env, scope } = fixedScope(ctx, args.at, markNode ? [q, markNode] : [q], [args.over]);
    const slots = env.symbolSlots(args.over);
    if (!slots || slots.length !== 1)
      throw new ClaimError(`sweep: "${args.over}" must be a declared real symbol the quantity depends on`, args.pos);
    const f = env.compileUser(q);
    const n = args.points ?? 300;
    const data: number[][] = [];
    for (let k = 0; k < n; k++) {
      const x = args.from + ((args.to - args.from) * k) / (n - 1);
      scope[slots[0]!] = x;
      const v = scalarOfValue(f(scope));
      if (v !== undefined && Number.isFinite(toComplex(v).re)) data.push([x, toComplex(v).re]);
    }
    const ys = data.map((d) => d[1]!);
    const lo = Math.min(...ys, args.level ?? Infinity);
    const hi = Math.max(...ys, args.level ?? -Infinity);
    const pad = (hi - lo || 1) * 0.08;
    const mark = markNode ? toComplex(scalarOfValue(env.compileUser(markNode)(scope))!).re : undefined;
    const quantity = plainOf(q);
    const over = readableName(args.over);
    return {
      kind: 'sweep',
      title: args.title ?? `${quantity} against ${over}`,
      alt: `${quantity} for ${over} from ${args.from} to ${args.to}: from ${ys[0]?.toFixed(3)} to ${ys[ys.length - 1]?.toFixed(3)}, between ${Math.min(...ys).toFixed(3)} and ${Math.max(...ys).toFixed(3)}${mark !== undefined ? `; ${args.mark!.label} at ${over} = ${mark.toFixed(4)}` : ''}.`,
      ...(args.caption ? { caption: args.caption } : {}),
      xLabel: over,
      yLabel: quantity,
      x: [args.from, args.to],
      y: [lo - pad, hi + pad],
      series: [{ label: quantity, style: 'line', data }],
      ...(mark !== undefined ? { vlines: [{ x: mark, label: args.mark!.label }] } : {}),
      ...(args.level !== undefined ? { hlines: [{ y: args.level, label: String(args.level) }] } : {}),
    };
  },
};
