/**
 * Step `solve`: an inequality solved for one variable, e.g. |1 + hλ|² < 1 for h. The difference of
 * the sides is brought to a polynomial of degree ≤ 2 in the variable (|z|² of a complex expression
 * as Re² + Im², computed with i as a formal symbol: nerdamer's abs, realpart and solve are
 * unreliable here, and solve with < silently returns [0]). The sign of the leading coefficient
 * comes from the sign prover; the tool refuses rather than guesses when it cannot tell.
 */
import { field, required } from '../model/schema';
import { ClaimError } from '../model/source';
import type { ExprNode } from '../expr/mathjs-parser';
import { coefficients, expand, expandsToZero, normal, variables } from '../symbolic/nerd';
import { asScalar } from '../symbolic/value';
import { signOf, type Sign } from '../symbolic/sign';
import type { SignConstraint } from '../model/claim';
import { variablesOf } from './diff';
import type { ArgsOf, ClaimContext, Derived, StepKind } from './kind';

type AnyNode = ExprNode & Record<string, any>;
type Relation = '<' | '<=' | '>' | '>=';
const RELATIONS: Record<string, Relation> = { smaller: '<', smallerEq: '<=', larger: '>', largerEq: '>=' };
const FLIP: Record<Relation, Relation> = { '<': '>', '<=': '>=', '>': '<', '>=': '<=' };
const TEX: Record<Relation, string> = { '<': '<', '<=': '\\le', '>': '>', '>=': '\\ge' };

const schema = field.object({
  solve: required(field.expr(), 'the inequality, e.g. abs(1 + h*lambda)^2 < 1'),
  for: required(field.name(), 'the variable to solve for'),
});

/** Sign constraint of an internal name from its declaration (derivative symbols are real). */
export function domainSignOf(ctx: ClaimContext): (internal: string) => SignConstraint | undefined {
  return (internal) => {
    const d = ctx.symbol(ctx.table.user(internal))?.domain;
    if (!d) return undefined;
    if (d.kind === 'real') return d.sign;
    if (d.kind === 'integer')
      return d.min > 0 ? 'positive' : d.min >= 0 ? 'nonnegative' : d.max < 0 ? 'negative' : 'any';
    return undefined;
  };
}

function isRealSymbol(ctx: ClaimContext, internal: string): boolean {
  const user = ctx.table.user(internal);
  const d = ctx.symbol(user)?.domain;
  return (d !== undefined && (d.kind === 'real' || d.kind === 'integer')) || /__d\d+$/.test(user);
}

/**
 * Square roots made explicitly real or imaginary: √u stays for u ≥ 0 and becomes i·√(−u) for
 * u ≤ 0 (a closed-form eigenvalue −m + √(−a²) is −m + i·√(a²)), by the sign prover; a root whose
 * radicand has no known sign is refused, since Re and Im depend on it.
 */
function realRoots(x: string, ctx: ClaimContext): string {
  const at = x.search(/\bsqrt\(/);
  if (at < 0) return x;
  const open = at + 'sqrt('.length;
  let depth = 1;
  let end = open;
  for (; end < x.length && depth > 0; end++) {
    if (x[end] === '(') depth++;
    else if (x[end] === ')') depth--;
  }
  const radicand = realRoots(x.slice(open, end - 1), ctx);
  const sign = signOf(radicand, domainSignOf(ctx));
  let root: string;
  if (sign === 'pos' || sign === 'nonneg' || sign === 'zero') root = `sqrt(${radicand})`;
  else if (sign === 'neg' || sign === 'nonpos') root = `(i*sqrt(${expand(`-(${radicand})`)}))`;
  else
    throw new ClaimError(
      `|…|² needs to know whether sqrt(${ctx.table.toUserText(radicand)}) is real or imaginary, and the sign of ${ctx.table.toUserText(radicand)} cannot be decided from the declared domains`,
      undefined,
      'declare the signs of the symbols it contains (positive, negative, nonzero), or write the complex number as a + b*i',
    );
  return x.slice(0, at) + root + realRoots(x.slice(end), ctx);
}

/** |X|² for X built from real symbols and i: Re(X)² + Im(X)², with i treated as a formal symbol. */
function absSquared(x: string, ctx: ClaimContext): string {
  const I = 'qii';
  // Expanded first, so that a power such as (−a)^(1/2) is seen as the root it is.
  const roots = realRoots(expand(x), ctx);
  if (/\^\(\s*-?\d+\s*\/\s*\d+\s*\)/.test(roots))
    throw new ClaimError(
      '|…|² of a fractional power is beyond the tool: whether it is real depends on the sign of its base',
      undefined,
      'write the complex number as a + b*i',
    );
  const formal = expand(roots.replace(/\bi\b/g, I));
  for (const v of variables(formal)) {
    if (v !== I && !isRealSymbol(ctx, v))
      throw new ClaimError(`|…|² needs real symbols, and ${ctx.table.user(v)} is not declared real`);
  }
  const c = coefficients(formal, I);
  if (c.some((ck) => variables(ck).includes(I)))
    throw new ClaimError('|…|² of this expression is beyond the tool: it is not polynomial in i');
  const re: string[] = [];
  const im: string[] = [];
  c.forEach((ck, k) => {
    const sign = Math.floor(k / 2) % 2 === 0 ? '' : '-';
    (k % 2 === 0 ? re : im).push(`${sign}(${ck})`);
  });
  return expand(`(${re.join('+') || '0'})^2+(${im.join('+') || '0'})^2`);
}

function symReal(node: ExprNode, ctx: ClaimContext): string {
  const n = node as AnyNode;
  if (n.type === 'ParenthesisNode') return symReal(n.content, ctx);
  if (
    n.type === 'OperatorNode' &&
    n.fn === 'pow' &&
    (n.args[0] as AnyNode).type === 'FunctionNode' &&
    (n.args[0] as AnyNode).fn.name === 'abs'
  ) {
    const ex = n.args[1] as AnyNode;
    if (ex.type === 'ConstantNode' && ex.value === 2)
      return absSquared(asScalar(ctx.sym((n.args[0] as AnyNode).args[0]), 'the argument of abs'), ctx);
  }
  if (n.type === 'OperatorNode' && ['add', 'subtract', 'multiply', 'divide'].includes(n.fn)) {
    const [a, b] = (n.args as ExprNode[]).map((x) => symReal(x, ctx));
    const op = { add: '+', subtract: '-', multiply: '*', divide: '/' }[n.fn as 'add'];
    return `(${a})${op}(${b})`;
  }
  if (n.type === 'OperatorNode' && n.fn === 'unaryMinus') return `-(${symReal(n.args[0], ctx)})`;
  return asScalar(ctx.sym(node), 'a side of the inequality');
}

/** Solve c0 + c1·x (rel) 0 for x given the sign of c1. */
function solveLinear(
  c0: string,
  c1: string,
  rel: Relation,
  sign: Sign,
  what: string,
): { relation: Relation | 'all' | 'none'; bound?: string } {
  if (expandsToZero(c1)) throw new ClaimError(`the inequality does not depend on the variable (${what})`);
  if (sign === 'pos') return { relation: rel, bound: normal(`-(${c0})/(${c1})`) };
  if (sign === 'neg') return { relation: FLIP[rel], bound: normal(`-(${c0})/(${c1})`) };
  throw new ClaimError(
    `cannot decide the sign of ${what} from the declared domains`,
    undefined,
    'declare the signs of the symbols it contains (positive, negative, nonzero)',
  );
}

export const solveStep: StepKind<ArgsOf<typeof schema>> = {
  role: 'step',
  name: 'solve',
  title: 'solution',
  summary: 'solve an inequality, polynomial of degree ≤ 2 in one variable, for that variable',
  readme: [
    {
      example: '`stable: {solve: abs(1 + h*lambda)^2 < 1, for: h}`',
      text: 'an inequality of degree ≤ 2 in one variable, solved using the declared signs; \\|z\\|² is Re² + Im², each square root in z real or imaginary by the sign of its radicand (a closed-form eigenvalue −m + √(−a²) is −m + i√(a²)); a root whose radicand has no declared sign is refused',
    },
  ],
  schema,
  derive(args, ctx) {
    const node = ctx.parse(args.solve) as AnyNode;
    const rel0 = node.type === 'OperatorNode' ? RELATIONS[node.fn as string] : undefined;
    if (!rel0) throw new ClaimError('solve needs an inequality (<, <=, >, >=)', args.solve.pos);
    const x = variablesOf(ctx.parse({ text: args.for, pos: args.pos }), ctx.symContext, 'the variable of solve')[0]!;
    const xDomain = domainSignOf(ctx)(x);
    const p = expand(`(${symReal(node.args[0], ctx)})-(${symReal(node.args[1], ctx)})`);
    const c = coefficients(p, x);
    if (
      c.length > 3 ||
      c.some((ck) => variables(ck).includes(x)) ||
      !expandsToZero(`(${p})-(${c.map((ck, k) => `(${ck})*${x}^${k}`).join('+')})`)
    )
      throw new ClaimError(
        `solve handles polynomials of degree ≤ 2 in ${args.for}; found ${ctx.table.toUserText(p)}`,
        args.solve.pos,
      );
    const [c0 = '0', c1 = '0', c2 = '0'] = c;
    const sign = (e: string) => signOf(e, domainSignOf(ctx));
    const xTex = ctx.texName(args.for);
    const assumptions: string[] = [];
    let result: { relation: Relation | 'all' | 'none'; bound?: string };
    let reduced: string;
    if (expandsToZero(c2)) {
      reduced = p;
      result = solveLinear(c0, c1, rel0, sign(c1), `the coefficient ${ctx.table.toUserText(c1)}`);
    } else if (expandsToZero(c0) && (xDomain === 'positive' || xDomain === 'negative')) {
      // p = x (c1 + c2 x): divide by x, whose sign is declared.
      const rel = xDomain === 'positive' ? rel0 : FLIP[rel0];
      assumptions.push(
        `$${xTex} ${xDomain === 'positive' ? '> 0' : '< 0'}$ (declared), so the factor $${xTex}$ is divided out`,
      );
      reduced = `${c1}+(${c2})*${x}`;
      const s = sign(c2);
      assumptions.push(
        `$${ctx.texInternal(c2)}$ is ${s === 'pos' ? 'positive' : s === 'neg' ? 'negative' : 'of unknown sign'} (sign prover, from the declared domains)`,
      );
      result = solveLinear(c1, c2, rel, s, `the coefficient ${ctx.table.toUserText(c2)}`);
    } else {
      throw new ClaimError(
        'solve handles linear inequalities, and quadratics with no constant term in a variable of declared sign; this one is beyond it',
        args.solve.pos,
      );
    }
    if (result.relation === 'all' || result.relation === 'none') throw new ClaimError('degenerate inequality');
    const value: Derived = {
      type: 'condition',
      variable: x,
      relation: result.relation,
      ...(result.bound ? { bound: result.bound } : {}),
      assumptions,
    };
    const lines = [
      `${ctx.tex(node)} \\iff ${ctx.texInternal(p)} ${TEX[rel0]} 0`,
      `\\iff ${ctx.texInternal(expand(reduced))} ${TEX[rel0]} 0 \\iff ${xTex} ${TEX[result.relation]} ${ctx.texInternal(result.bound!)}`,
    ];
    return { value, tex: lines.join(' \\\\ '), notes: assumptions };
  },
};
