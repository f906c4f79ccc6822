/**
 * Step `eigenvalues`: the spectrum of a symbolic matrix, carried as its characteristic polynomial
 * (exact, well-conditioned to compare) plus closed forms where they exist (n ≤ 2:
 * tr/2 ± √(tr²/4 − det); nerdamer's solve returns real roots of x² + c², which is wrong).
 */
import { field, required } from '../model/schema';
import { expand } from '../symbolic/nerd';
import { shape } from '../symbolic/value';
import { characteristicPolynomial } from './charpoly';
import type { ArgsOf, StepKind } from './kind';

const schema = field.object({ eigenvalues: required(field.expr(), 'the matrix, e.g. J') });

export function closedFormEigenvalues(charpoly: string[]): string[] | undefined {
  const n = charpoly.length - 1;
  if (n === 1) return [expand(`-(${charpoly[0]})`)];
  if (n === 2) {
    const half = expand(`-(${charpoly[1]})/2`);
    const disc = expand(`(${half})^2-(${charpoly[0]})`);
    if (half === '0') return [`sqrt(${disc})`, `-sqrt(${disc})`];
    return [`${half}+sqrt(${disc})`, `${half}-sqrt(${disc})`];
  }
  return undefined;
}

export const eigenvaluesStep: StepKind<ArgsOf<typeof schema>> = {
  role: 'step',
  name: 'eigenvalues',
  title: 'eigenvalues',
  summary: 'eigenvalues of a square matrix (characteristic polynomial; closed forms up to 2×2)',
  readme: [
    {
      example: '`lambda: {eigenvalues: J}`',
      text: 'the spectrum: characteristic polynomial (division-free), closed forms up to 2×2',
    },
  ],
  schema,
  derive(args, ctx) {
    const M = ctx.sym(ctx.parse(args.eigenvalues));
    const cp = characteristicPolynomial(M);
    const eig = closedFormEigenvalues(cp);
    const n = shape(M)[0];
    const poly = cp
      .map((c, k) => ({ c, k }))
      .reverse()
      .filter(({ c }) => c !== '0')
      .map(({ c, k }) => {
        const pow = k === 0 ? '' : k === 1 ? '\\lambda' : `\\lambda^{${k}}`;
        if (k === 0) return ctx.texInternal(c);
        if (c === '1') return pow;
        return `\\left(${ctx.texInternal(c)}\\right)${pow}`;
      })
      .join(' + ')
      .replace(/\+ -/g, '- ');
    const mat = ctx.tex(ctx.parse(args.eigenvalues));
    const lines = [`\\det\\left(\\lambda I - ${mat}\\right) = ${poly}`];
    if (eig)
      lines.push(
        `\\lambda_{${eig.map((_, k) => k + 1).join(',')}} \\in \\left\\{${eig.map((e) => ctx.texInternal(e)).join(',\\ ')}\\right\\}`,
      );
    return {
      value: { type: 'spectrum', matrix: M, charpoly: cp, ...(eig ? { eigenvalues: eig } : {}) },
      tex: lines.join(' \\\\ '),
      notes: eig
        ? []
        : [
            `${n}×${n}: the eigenvalues are compared through the characteristic polynomial, and computed numerically per instance where needed`,
          ],
    };
  },
};
