/**
 * Symbolic values: a scalar, or a matrix of scalars (a vector is an n×1 matrix), each entry a
 * nerdamer expression string in internal names. Matrix algebra is done here, entry by entry,
 * because nerdamer's own matrix power is element-wise and its determinant leaves divisions.
 */
import { ClaimError } from '../model/source';
import { expand } from './nerd';

export type SymValue = { kind: 'scalar'; expr: string } | { kind: 'matrix'; rows: string[][] };

export const scalar = (expr: string): SymValue => ({ kind: 'scalar', expr });
export const matrix = (rows: string[][]): SymValue => ({ kind: 'matrix', rows });
export const column = (items: string[]): SymValue => matrix(items.map((x) => [x]));

export function shape(v: SymValue): [number, number] {
  return v.kind === 'scalar' ? [1, 1] : [v.rows.length, v.rows[0]?.length ?? 0];
}
function describeShape(v: SymValue): string {
  const [r, c] = shape(v);
  return v.kind === 'scalar' ? 'a scalar' : c === 1 ? `a vector of length ${r}` : `a ${r}×${c} matrix`;
}
function isVector(v: SymValue): boolean {
  return v.kind === 'matrix' && (v.rows[0]?.length ?? 0) === 1;
}
/** Entries of a vector (or a scalar as a one-entry list). */
export function entries(v: SymValue): string[] {
  if (v.kind === 'scalar') return [v.expr];
  if (isVector(v)) return v.rows.map((r) => r[0]!);
  const [r, c] = shape(v);
  if (r === 1) return v.rows[0]!;
  throw new ClaimError(`expected a vector, found a ${r}×${c} matrix`);
}
export function asScalar(v: SymValue, what: string): string {
  if (v.kind === 'scalar') return v.expr;
  const [r, c] = shape(v);
  if (r === 1 && c === 1) return v.rows[0]![0]!;
  throw new ClaimError(`${what} must be a scalar, found ${describeShape(v)}`);
}

const p = (s: string) => `(${s})`;
const addExpr = (a: string, b: string) => `${p(a)}+${p(b)}`;
const mulExpr = (a: string, b: string) => `${p(a)}*${p(b)}`;

export function mapEntries(v: SymValue, f: (x: string) => string): SymValue {
  return v.kind === 'scalar' ? scalar(f(v.expr)) : matrix(v.rows.map((r) => r.map(f)));
}

/** A 1×1 matrix is a scalar (φᵀAφ with φ of length 1, say). */
function collapse(v: SymValue): SymValue {
  return v.kind === 'matrix' && v.rows.length === 1 && v.rows[0]!.length === 1 ? scalar(v.rows[0]![0]!) : v;
}

function zip(a0: SymValue, b0: SymValue, op: string, f: (x: string, y: string) => string): SymValue {
  const a = collapse(a0);
  const b = collapse(b0);
  if (a.kind === 'scalar' && b.kind === 'scalar') return scalar(f(a.expr, b.expr));
  if (a.kind === 'matrix' && b.kind === 'matrix') {
    const [ra, ca] = shape(a);
    const [rb, cb] = shape(b);
    if (ra !== rb || ca !== cb) throw new ClaimError(`cannot ${op} ${describeShape(a)} and ${describeShape(b)}`);
    return matrix(a.rows.map((r, i) => r.map((x, j) => f(x, b.rows[i]![j]!))));
  }
  throw new ClaimError(`cannot ${op} ${describeShape(a)} and ${describeShape(b)}`);
}

export const add = (a: SymValue, b: SymValue) => zip(a, b, 'add', addExpr);
export const subtract = (a: SymValue, b: SymValue) => zip(a, b, 'subtract', (x, y) => `${p(x)}-${p(y)}`);
export const negate = (a: SymValue) => mapEntries(a, (x) => `-${p(x)}`);

/** Scalar × anything, or the matrix product. A 1×1 result becomes a scalar. */
export function multiply(a: SymValue, b: SymValue): SymValue {
  if (a.kind === 'scalar') return collapse(mapEntries(b, (x) => mulExpr(a.expr, x)));
  if (b.kind === 'scalar') return collapse(mapEntries(a, (x) => mulExpr(x, b.expr)));
  const [ra, ca] = shape(a);
  const [rb, cb] = shape(b);
  if (ca !== rb)
    throw new ClaimError(
      `cannot multiply ${describeShape(a)} by ${describeShape(b)} (inner sizes ${ca} and ${rb} differ)`,
    );
  const rows: string[][] = [];
  for (let i = 0; i < ra; i++) {
    const row: string[] = [];
    for (let j = 0; j < cb; j++) {
      const terms: string[] = [];
      for (let k = 0; k < ca; k++) terms.push(mulExpr(a.rows[i]![k]!, b.rows[k]![j]!));
      row.push(terms.join('+'));
    }
    rows.push(row);
  }
  return ra === 1 && cb === 1 ? scalar(rows[0]![0]!) : matrix(rows);
}

export function divide(a: SymValue, b: SymValue): SymValue {
  if (b.kind !== 'scalar') throw new ClaimError(`cannot divide by ${describeShape(b)}`);
  return mapEntries(a, (x) => `${p(x)}/${p(b.expr)}`);
}

export function power(a: SymValue, b: SymValue): SymValue {
  if (a.kind !== 'scalar' || b.kind !== 'scalar')
    throw new ClaimError('^ applies to scalars only (matrix powers are a derivation step: power)');
  return scalar(`${p(a.expr)}^${p(b.expr)}`);
}

export function transpose(a: SymValue): SymValue {
  if (a.kind === 'scalar') return a;
  const [r, c] = shape(a);
  const rows: string[][] = [];
  for (let j = 0; j < c; j++) rows.push(Array.from({ length: r }, (_, i) => a.rows[i]![j]!));
  return matrix(rows);
}

export function identity(n: number): SymValue {
  return matrix(Array.from({ length: n }, (_, i) => Array.from({ length: n }, (_, j) => (i === j ? '1' : '0'))));
}

/** Expand every entry (normal form for polynomials; keeps strings short between steps). */
export function expandAll(v: SymValue): SymValue {
  return mapEntries(v, expand);
}

/** Stack blocks: a list of rows of blocks, each block a scalar or matrix, sizes must agree. */
export function blocks(rowsOfBlocks: SymValue[][]): SymValue {
  const out: string[][] = [];
  for (const row of rowsOfBlocks) {
    const heights = row.map((b) => shape(b)[0]);
    if (new Set(heights).size > 1)
      throw new ClaimError('blocks in one row of a block matrix must have the same height');
    for (let i = 0; i < heights[0]!; i++) {
      const line: string[] = [];
      for (const b of row) line.push(...(b.kind === 'scalar' ? [b.expr] : b.rows[i]!));
      out.push(line);
    }
  }
  const widths = new Set(out.map((r) => r.length));
  if (widths.size > 1) throw new ClaimError('rows of a block matrix must have the same width');
  return out.length === 1 && out[0]!.length === 1 ? scalar(out[0]![0]!) : matrix(out);
}
