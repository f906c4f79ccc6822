/** Matrix operators of model and derive expressions: det, trace, transpose, identity, inv, entries and blocks. */
import { ClaimError } from '../model/source';
import type { ExprNode } from '../expr/mathjs-parser';
import { indexTex, selection } from '../expr/indexing';
import { expand } from '../symbolic/nerd';
import type { SymContext } from '../symbolic/evaluate';
import { identity, matrix, scalar, shape, transpose, type SymValue } from '../symbolic/value';
import { characteristicPolynomial } from './charpoly';
import type { OperatorKind } from './kind';

export const detOperator: OperatorKind = {
  role: 'operator',
  name: 'det',
  summary: 'determinant of a square matrix (from its characteristic polynomial: division-free)',
  arity: [1, 1],
  tex: ([m]) => `\\det ${m}`,
  evaluate([m], ctx) {
    return scalar(determinant(ctx.evaluate(m!), 'det needs'));
  },
};

/** The determinant as an expanded expression: (−1)ⁿ times the constant coefficient of the characteristic polynomial. */
function determinant(M: SymValue, needs: string): string {
  if (M.kind === 'scalar') return M.expr;
  const n = shape(M)[0];
  if (n === 1 && shape(M)[1] === 1) return M.rows[0]![0]!;
  const c0 = characteristicPolynomial(M, needs)[0]!;
  return expand(n % 2 === 0 ? c0 : `-(${c0})`);
}

export const inverseOperator: OperatorKind = {
  role: 'operator',
  name: 'inv',
  summary: 'inverse of a square matrix (adjugate over determinant), or 1/x of a scalar: inv(I + h*J)',
  arity: [1, 1],
  tex: ([m]) => (/^[A-Za-z]$|^\\[A-Za-z]+$/.test(m!) ? `{${m}}^{-1}` : `{\\left(${m}\\right)}^{-1}`),
  evaluate([m], ctx) {
    const M = ctx.evaluate(m!);
    const [n, c] = shape(M);
    if (n !== c) throw new ClaimError(`inv needs a square matrix, not ${n}×${c}`);
    const det = determinant(M, 'inv needs');
    if (det === '0') throw new ClaimError('inv of a matrix whose determinant is 0: it has no inverse');
    if (M.kind === 'scalar' || n === 1) return scalar(`1/(${det})`);
    // Entry (i, j) of the inverse: the (j, i) cofactor over the determinant.
    const minor = (skipRow: number, skipCol: number): SymValue =>
      matrix(M.rows.filter((_, r) => r !== skipRow).map((row) => row.filter((_, k) => k !== skipCol)));
    const rows = Array.from({ length: n }, (_, i) =>
      Array.from({ length: n }, (_, j) => {
        const cofactor = determinant(minor(j, i), 'inv needs');
        if (cofactor === '0') return '0';
        return (i + j) % 2 === 0 ? `(${cofactor})/(${det})` : `-(${cofactor})/(${det})`;
      }),
    );
    return matrix(rows);
  },
};

/** A whole-number index, evaluated in the claim (a literal or a size symbol). */
function indexValue(node: ExprNode, ctx: SymContext): number {
  const v = ctx.evaluate(node);
  const text = v.kind === 'scalar' ? expand(v.expr) : '';
  if (!/^-?\d+$/.test(text))
    throw new ClaimError(
      `an index must be a whole number (a literal or a size), found ${v.kind === 'scalar' ? v.expr : 'a matrix'}`,
    );
  return Number(text);
}

function indexOperator(name: 'entry' | 'block', summary: string, arity: [number, number]): OperatorKind {
  return {
    role: 'operator',
    name,
    summary,
    arity,
    tex: (args) => indexTex(name, args),
    evaluate([v, ...indices], ctx) {
      const value = ctx.evaluate(v!);
      const picked = selection(
        name,
        shape(value),
        indices.map((k) => indexValue(k, ctx)),
      );
      if (typeof picked === 'string') throw new ClaimError(`${name === 'entry' ? 'an entry' : 'a block'}: ${picked}`);
      const rows = value.kind === 'scalar' ? [[value.expr]] : value.rows;
      const out = picked.rows.map((i) => picked.cols.map((j) => rows[i]![j]!));
      return out.length === 1 && out[0]!.length === 1 ? scalar(out[0]![0]!) : matrix(out);
    },
  };
}

export const entryOperator = indexOperator('entry', 'an entry, 1-based: v[1], M[2, 1] (written with brackets)', [2, 3]);
export const blockOperator = indexOperator(
  'block',
  'a block, 1-based, ends included: M[1:2, 2:3], a row M[1, :] (written with brackets)',
  [3, 5],
);

export const transposeOperator: OperatorKind = {
  role: 'operator',
  name: 'transpose',
  summary: 'transpose of a vector or matrix: transpose(phi)*A*phi',
  arity: [1, 1],
  tex: ([m]) => `{${m}}^{\\top}`,
  evaluate([m], ctx) {
    return transpose(ctx.evaluate(m!));
  },
};

export const identityOperator: OperatorKind = {
  role: 'operator',
  name: 'identity',
  summary: 'the n×n identity matrix: identity(d)',
  arity: [1, 1],
  tex: ([n]) => `I_{${n}}`,
  evaluate([n], ctx) {
    const v = ctx.evaluate(n!);
    const size = v.kind === 'scalar' ? Number(v.expr) : NaN;
    if (!Number.isInteger(size) || size < 1 || size > 16)
      throw new ClaimError('identity(n) needs a whole number n from 1 to 16 (a size)');
    return identity(size);
  },
};

export const traceOperator: OperatorKind = {
  role: 'operator',
  name: 'trace',
  summary: 'trace of a square matrix',
  arity: [1, 1],
  tex: ([m]) => `\\operatorname{tr} ${m}`,
  evaluate([m], ctx) {
    const M = ctx.evaluate(m!);
    if (M.kind === 'scalar') return M;
    const [r, c] = shape(M);
    if (r !== c) throw new ClaimError('trace needs a square matrix');
    return scalar(expand(M.rows.map((row, i) => `(${row[i]})`).join('+')));
  },
};
