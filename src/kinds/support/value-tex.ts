/** Values of numeric checks as counterexamples print them: drawn values exactly, others typeset. */
import { ratText, type Rational } from '../../certified/rational';
import type { Complex } from '../../numeric/complex';
import { isMatrix, type NValue } from '../../numeric/value';
import { formatNumber } from '../../model/text';

/** A drawn value as the exact decimal it stands for (see certify.ts): the shortest text that reads back as the same double. */
export function exactText(x: number): string {
  return String(x);
}

/**
 * A value a check drew, as certified arithmetic decided it: its exact entries where its
 * construction gave them, else each double as the decimal it prints as; so a counterexample typed
 * back in is the same point (a matrix to 4 digits is another matrix, and may not fail).
 */
export function drawnValueTex(v: NValue, exact?: readonly Rational[]): string {
  const entry = (x: number, k: number) => (exact?.[k] ? ratText(exact[k]) : exactText(x));
  if (typeof v === 'number') return entry(v, 0);
  if (isMatrix(v)) return texOfEntries(Array.from(v.data, entry), v.rows, v.cols);
  return formatValue(v);
}

function formatValue(v: NValue): string {
  if (typeof v === 'number') return formatNumber(v);
  if (isMatrix(v)) return `${v.rows}×${v.cols} matrix`;
  const o = v as unknown as Record<string, any>;
  if (o.kind === 'list')
    return `{${(o.items as Array<number | Complex>).map((x) => (typeof x === 'number' ? formatNumber(x) : formatComplex(x))).join(', ')}}`;
  if (o.kind === 'truth') return o.t === 1 ? 'true' : o.t === 0 ? 'false' : 'undecided';
  if (o.isComplex) return formatComplex(o as unknown as Complex);
  // eslint-disable-next-line @typescript-eslint/no-base-to-string -- a value of no other kind, as it prints
  return String(v);
}

function formatComplex(z: Complex | number): string {
  if (typeof z === 'number') return formatNumber(z);
  if (Math.abs(z.im) < 1e-15 * Math.max(1, Math.abs(z.re))) return formatNumber(z.re);
  const re = Math.abs(z.re) < 1e-15 * Math.max(1, Math.abs(z.im)) ? '' : formatNumber(z.re);
  const im = formatNumber(Math.abs(z.im));
  const sign = z.im < 0 ? '-' : re ? '+' : '';
  return `${re}${re ? ' ' : ''}${sign}${re ? ' ' : ''}${im === '1' ? '' : im}i`;
}

export function texComplex(z: Complex | number): string {
  return formatComplex(z).replace(/i$/, '\\,i');
}

/** A value as the report typesets it in a counterexample: a matrix as a matrix (4 digits an entry), a list as a set. */
export function texOfValue(v: NValue): string {
  if (isMatrix(v)) {
    const rows: string[] = [];
    for (let i = 0; i < v.rows; i++)
      rows.push(Array.from(v.data.slice(i * v.cols, (i + 1) * v.cols), (x) => formatNumber(x, 4)).join(' & '));
    return `\\begin{pmatrix}${rows.join(' \\\\ ')}\\end{pmatrix}`;
  }
  const o = v as unknown as Record<string, any>;
  if (o.kind === 'list')
    return `\\left\\{${(o.items as Array<number | Complex>).map(texComplex).join(',\\ ')}\\right\\}`;
  if (o.kind === 'truth') return o.t === 1 ? '\\text{true}' : o.t === 0 ? '\\text{false}' : '\\text{undecided}';
  if (typeof v === 'number' || o.isComplex) return texComplex(v as number | Complex);
  return formatValue(v);
}

/** Entries of a shape (rows × cols, read row by row) as a matrix, one entry alone as itself, in LaTeX. */
export function texOfEntries(texs: string[], rows: number, cols: number): string {
  if (texs.length === 1) return texs[0]!;
  if (rows * cols !== texs.length) return `\\left(${texs.join(',\\ ')}\\right)`;
  const lines = Array.from({ length: rows }, (_, i) => texs.slice(i * cols, (i + 1) * cols).join(' & '));
  return `\\begin{pmatrix}${lines.join(' \\\\ ')}\\end{pmatrix}`;
}
