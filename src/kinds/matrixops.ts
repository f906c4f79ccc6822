/** det(M) and trace(M) of symbolic square matrices, usable in model and derive expressions. */
import { ClaimError } from '../model/source';
import { expand } from '../symbolic/nerd';
import { identity, scalar, shape, transpose } from '../symbolic/value';
import { characteristicPolynomial } from './charpoly';
import type { OperatorKind } from './kind';

export const detOperator: OperatorKind = {
  role: 'operator',
  name: 'det',
  summary: 'determinant of a square matrix (from its characteristic polynomial: division-free)',
  arity: [1, 1],
  tex: ([m]) => `\\det ${m}`,
  evaluate([m], ctx) {
    const M = ctx.evaluate(m!);
    if (M.kind === 'scalar') return M;
    const n = shape(M)[0];
    const c0 = characteristicPolynomial(M, 'det needs')[0]!;
    return scalar(expand(n % 2 === 0 ? c0 : `-(${c0})`));
  },
};

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
    if (!Number.isInteger(size) || size < 1 || size > 16) throw new ClaimError('identity(n) needs a whole number n from 1 to 16 (a size)');
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
