/**
 * Figure `sweep`: one or more quantities as functions of one parameter (the spectral radius against
 * the step size; both sides of a comparison a check makes), with the claimed threshold marked.
 */
import { plainOf, readableName } from '../../expr/plain';
import { WRITTEN_DERIVATIVE, writtenDerivativeName } from '../../expr/names';
import type { ExprNode } from '../../expr/mathjs-parser';
import { field, IDENT, optional, required, type Field } from '../../model/schema';
import { ClaimError } from '../../model/source';
import { BINDERS } from '../../numeric/binders';
import { toComplex } from '../../numeric/complex';
import type { FigureData } from '../../model/result';
import type { ArgsOf, FigureKind } from '../kind';
import { fixedScope } from '../support/fixed-point-env';
import { scalarOfValue } from '../support/compare';
import { localSlots, splitAt } from './locals';

type AnyNode = ExprNode & Record<string, any>;

const NAME = field.name();
/** A name, or a value of an unknown function written as a symbol (f'(0)), so a figure can vary it. */
const parameter: Field<string> = {
  describe: `${NAME.describe}, or a value written f'(0)`,
  json: {
    description: `${NAME.describe}, or a value written f'(0)`,
    type: 'string',
    pattern: `${IDENT.source}|${WRITTEN_DERIVATIVE.source}`,
  },
  read: (node, issues, where) =>
    node.type === 'scalar' && typeof node.value === 'string' && WRITTEN_DERIVATIVE.test(node.value)
      ? node.value
      : NAME.read(node, issues, where),
};

const schema = field.object({
  sweep: required(
    field.expr(),
    'the quantity, e.g. spectralRadius(J), or a list of quantities drawn on one plot, e.g. [lhs, rhs]',
  ),
  over: required(
    parameter,
    'the parameter varied: a declared symbol, or a variable of the figure alone (x in D(x, m1, m2))',
  ),
  from: required(field.number()),
  to: required(field.number()),
  at: optional(
    field.record(field.expr(), { keys: 'any' }),
    'values of the declared symbols, and of objects a check draws (A: [[-0.1, 2], [0, -0.1]])',
  ),
  labels: optional(field.list(field.string()), 'a label for each quantity of a list'),
  mark: optional(field.object({ at: required(field.expr()), label: required(field.string()) })),
  level: optional(field.number(), 'a horizontal reference line (1 for a spectral radius)'),
  zeros: optional(field.integer(1, 20), 'mark where this quantity of the list (counted from 1) changes sign'),
  points: optional(field.integer(10, 2000)),
  title: optional(field.string()),
  caption: optional(field.string()),
});

/** Variables a binding call sets itself (t in maxOver(Fstar, t, -12, 4)): the figure gives them no value. */
function boundVariables(nodes: ExprNode[]): string[] {
  const out: string[] = [];
  for (const root of nodes)
    root.traverse((node) => {
      const call = node as AnyNode;
      if (call.type === 'FunctionNode' && BINDERS.has(call.fn.name) && call.args[1]?.type === 'SymbolNode')
        out.push(call.args[1].name);
    });
  return out;
}

/** A name as the axis and the description write it: f'(0) and f''(0) with primes, f′(0) and f″(0). */
const shownName = (name: string) => readableName(name).replace(/''/g, '″').replace(/'/g, '′');

/** Three decimals; a value too small for them keeps two significant digits (the report writes 1.2e-5 as 1.2·10⁻⁵). */
const fixed = (x: number) => (Math.abs(x) < 5e-13 ? '0.000' : Math.abs(x) < 5e-4 ? x.toExponential(1) : x.toFixed(3));

/** The pairs of neighbouring nonzero points drawn between which a curve changes sign. */
function crossings(data: number[][]): Array<[number, number]> {
  const out: Array<[number, number]> = [];
  let prev: number[] | undefined;
  for (const p of data) {
    if (p[1] === 0) continue;
    if (prev && Math.sign(prev[1]!) !== Math.sign(p[1]!)) out.push([prev[0]!, p[0]!]);
    prev = p;
  }
  return out;
}

/** Where a drawn curve changes sign between its points (said only when it does, and where for a few). */
function signChanges(data: number[][]): string {
  const y = new Map(data.map((p) => [p[0]!, p[1]!]));
  const at = crossings(data).map(([a, b]) => a + ((b - a) * y.get(a)!) / (y.get(a)! - y.get(b)!));
  if (!at.length) return '';
  const where = at.length <= 6 ? `, near ${at.map((x) => fixed(x)).join(', ')}` : '';
  return `, changing sign ${at.length === 1 ? 'once' : `${at.length} times`} between the points drawn${where}`;
}

export const sweepFigure: FigureKind<ArgsOf<typeof schema>> = {
  role: 'figure',
  name: 'sweep',
  summary: 'quantities against one parameter, with a threshold marked',
  readme: [
    {
      example:
        '`- sweep: spectralRadius(I + h*A0)` / `over: h` / `from: 0` / `to: 0.8` / `mark: {at: …, label: bound}` / `level: 1`',
      text: 'a quantity against a parameter, the claimed threshold marked',
    },
    {
      label: '`sweep` (a list)',
      example:
        '`- sweep: [lhs, rhs]` / `labels: [with, without]` / `over: g` / `at: {A: [[0, 1], [-1, -2]]}` / `zeros: 3`',
      text: "several quantities on one plot: both sides of a check's comparison, two densities and their difference; `zeros: k` marks where the k-th changes sign",
    },
  ],
  schema,
  localNames: (args) => [args.over, ...((args.at ?? []) as Array<{ name: string }>).map((a) => a.name)],
  compute(args, ctx): FigureData {
    const node = ctx.parse(args.sweep) as AnyNode;
    // A list of quantities, not a matrix written as a list of rows.
    const qs: ExprNode[] =
      node.type === 'ArrayNode' && !node.items.every((i: AnyNode) => i.type === 'ArrayNode') ? node.items : [node];
    if (args.labels && args.labels.length !== qs.length)
      throw new ClaimError(`sweep: ${qs.length} quantities but ${args.labels.length} labels`, args.pos);
    if (args.zeros !== undefined && args.zeros > qs.length)
      throw new ClaimError(`sweep: zeros: ${args.zeros}, but there are ${qs.length} quantities`, args.pos);
    const markNode = args.mark ? ctx.parse(args.mark.at) : undefined;
    const { symbols, locals: localAt } = splitAt(ctx, args.at);
    const overName = writtenDerivativeName(args.over) ?? args.over;
    const overDeclared = ctx.symbol(overName) !== undefined;
    const localNames = [...localAt.map((a) => a.name), ...(overDeclared ? [] : [overName])];
    const { env, scope } = fixedScope(ctx, symbols, markNode ? [...qs, markNode] : qs, [
      overName,
      ...localNames,
      ...boundVariables(qs),
    ]);
    const locals = localSlots(env.size, localNames);
    for (const a of localAt) scope[locals.get(a.name)!] = env.compileUser(ctx.parse(a.value), locals)(scope);
    const slot = overDeclared ? env.symbolSlots(overName) : [locals.get(overName)!];
    if (!slot || slot.length !== 1)
      throw new ClaimError(`sweep: "${args.over}" must be a real symbol or a variable of the figure`, args.pos);
    const fs = qs.map((q) => env.compileUser(q, locals));
    const n = args.points ?? 300;
    const series = qs.map((q, k) => ({
      label: args.labels?.[k] ?? plainOf(q),
      style: 'line' as const,
      data: [] as number[][],
    }));
    for (let k = 0; k < n; k++) {
      const x = args.from + ((args.to - args.from) * k) / (n - 1);
      scope[slot[0]!] = x;
      fs.forEach((f, j) => {
        const v = scalarOfValue(f(scope));
        if (v !== undefined && Number.isFinite(toComplex(v).re)) series[j]!.data.push([x, toComplex(v).re]);
      });
    }
    const ys = series.flatMap((s) => s.data.map((d) => d[1]!));
    const lo = Math.min(...ys, args.level ?? Infinity);
    const hi = Math.max(...ys, args.level ?? -Infinity);
    const pad = (hi - lo || 1) * 0.08;
    const mark = markNode ? toComplex(scalarOfValue(env.compileUser(markNode, locals)(scope))!).re : undefined;
    // Each sign change between two points drawn, refined by bisection on the quantity itself.
    const zeros =
      args.zeros === undefined
        ? []
        : crossings(series[args.zeros - 1]!.data).map(([a, b]) => {
            const value = (x: number) => {
              scope[slot[0]!] = x;
              return toComplex(scalarOfValue(fs[args.zeros! - 1]!(scope)) ?? NaN).re;
            };
            let [left, right] = [a, b];
            const below = value(left) < 0;
            for (let k = 0; k < 50; k++) {
              const mid = (left + right) / 2;
              if (value(mid) < 0 === below) left = mid;
              else right = mid;
            }
            return (left + right) / 2;
          });
    const zeroName = args.zeros === undefined ? '' : series[args.zeros - 1]!.label;
    const over = shownName(args.over);
    const quantity = qs.length === 1 ? series[0]!.label : series.map((s) => s.label).join(' and ');
    const where = (args.at ?? [])
      .map((a: { name: string; value: { text: string } }) => `${shownName(a.name)} = ${a.value.text}`)
      .join(', ');
    const described = series.map((s, k) => {
      const v = s.data.map((d) => d[1]!);
      const range = v.every((y) => y === 0)
        ? '0 at every point drawn'
        : `from ${fixed(v[0]!)} to ${fixed(v[v.length - 1]!)}, between ${fixed(Math.min(...v))} and ${fixed(Math.max(...v))}${k === (args.zeros ?? 0) - 1 ? '' : signChanges(s.data)}`;
      return qs.length === 1 ? range : `${s.label}, ${range}`;
    });
    return {
      kind: 'sweep',
      title: args.title ?? `${quantity} against ${over}`,
      alt: `${qs.length === 1 ? quantity : `${qs.length} quantities`} for ${over} from ${args.from} to ${args.to}${where ? ` at ${where}` : ''}: ${described.join('; ')}${mark !== undefined ? `; ${args.mark!.label} at ${over} = ${mark.toFixed(4)}` : ''}${zeros.length ? `; dashed lines where ${zeroName} changes sign, at ${over} = ${zeros.map(fixed).join(', ')}` : ''}.`,
      ...(args.caption ? { caption: args.caption } : {}),
      xLabel: over,
      // A long name is left to the legend and the title.
      yLabel: qs.length === 1 && quantity.length <= 40 ? quantity : '',
      x: [args.from, args.to],
      y: [lo - pad, hi + pad],
      series,
      ...(mark !== undefined || zeros.length
        ? {
            vlines: [
              ...(mark !== undefined ? [{ x: mark, label: args.mark!.label }] : []),
              ...zeros.map((z) => ({ x: z, label: `${fixed(z)}` })),
            ],
          }
        : {}),
      ...(args.level !== undefined ? { hlines: [{ y: args.level, label: String(args.level) }] } : {}),
    };
  },
};
