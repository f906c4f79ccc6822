/** Figure `spectrum`: eigenvalues of one or more matrices in the complex plane, with the unit circle. */
import { field, optional, required } from '../../model/schema';
import { ClaimError } from '../../model/source';
import type { ExprNode } from '../../expr/mathjs-parser';
import { eigenvalues } from '../../numeric/linalg';
import { isMatrix } from '../../numeric/value';
import type { FigureData } from '../../model/result';
import type { ArgsOf, FigureKind } from '../kind';
import { fixedScope } from '../support/fixed-point-env';

type AnyNode = ExprNode & Record<string, any>;

const schema = field.object({
  spectrum: required(field.expr(), 'a matrix, or a list of matrices, e.g. [J, I + h*J]'),
  labels: optional(field.list(field.string())),
  at: optional(field.record(field.expr(), { keys: 'any' }), 'parameter values'),
  circle: optional(field.number(), 'radius of the reference circle (default 1)'),
  title: optional(field.string()),
  caption: optional(field.string()),
});

export const spectrumFigure: FigureKind<ArgsOf<typeof schema>> = {
  role: 'figure',
  name: 'spectrum',
  summary: 'eigenvalues in the complex plane with the unit circle',
  readme: [
    {
      example: '`- spectrum: [A0, I + 0.3*A0]` / `labels: [A, I + 0.3 A]`',
      text: 'eigenvalues in the complex plane with the unit circle',
    },
  ],
  schema,
  compute(args, ctx): FigureData {
    const node = ctx.parse(args.spectrum) as AnyNode;
    const items: ExprNode[] =
      node.type === 'ArrayNode' && !node.items.every((i: AnyNode) => i.type === 'ArrayNode') ? node.items : [node];
    if (args.labels && args.labels.length !== items.length)
      throw new ClaimError(
        `spectrum: ${items.length} ${items.length === 1 ? 'matrix' : 'matrices'} but ${args.labels.length} labels`,
        args.pos,
      );
    const { env, scope } = fixedScope(ctx, args.at, items);
    const series = items.map((it, k) => {
      const m = env.compileUser(it)(scope);
      if (!isMatrix(m)) throw new ClaimError(`spectrum: ${ctx.tex(it)} is not a matrix at these values`, args.pos);
      return {
        label: args.labels?.[k] ?? `eigenvalues of ${it.toString()}`,
        style: 'points' as const,
        data: eigenvalues(m).map((z) => [z.re, z.im]),
      };
    });
    const r = args.circle ?? 1;
    const extent =
      Math.max(r, ...series.flatMap((s) => s.data.flatMap(([x, y]) => [Math.abs(x!), Math.abs(y!)]))) * 1.15;
    const where = (args.at ?? [])
      .map((a: { name: string; value: { text: string } }) => `${a.name} = ${a.value.text}`)
      .join(', ');
    return {
      kind: 'spectrum',
      title: args.title ?? 'Eigenvalues in the complex plane',
      alt: `Eigenvalues plotted in the complex plane${where ? ` at ${where}` : ''}, with the circle of radius ${r}: ${series.map((s) => `${s.label}: ${s.data.map(([x, y]) => `${x!.toFixed(3)}${y! < 0 ? '−' : '+'}${Math.abs(y!).toFixed(3)}i`).join(', ')}`).join('; ')}.`,
      ...(args.caption ? { caption: args.caption } : {}),
      xLabel: 'Re λ',
      yLabel: 'Im λ',
      x: [-extent, extent],
      y: [-extent, extent],
      square: true,
      series,
      circles: [{ cx: 0, cy: 0, r, label: r === 1 ? 'unit circle' : `radius ${r}` }],
    };
  },
};
