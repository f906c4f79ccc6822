/**
 * Characteristic polynomial of a symbolic square matrix by Faddeev–LeVerrier: only products,
 * sums and division by integers, so no symbolic pivots (nerdamer's determinant leaves
 * (1−λ)^(−1) terms that expand cannot clear).
 */
import { ClaimError } from '../model/source';
import { expand } from '../symbolic/nerd';
import { type SymValue, multiply, add, identity, shape } from '../symbolic/value';

/** Coefficients of det(λI − M), lowest degree first; the last is 1. */
export function characteristicPolynomial(M: SymValue, needs = 'eigenvalues need'): string[] {
  const [n, m] = shape(M);
  if (M.kind !== 'matrix' || n !== m) throw new ClaimError(`${needs} a square matrix, not ${n}×${m}`);
  const c: string[] = new Array(n + 1).fill('0');
  c[n] = '1';
  let Mk: SymValue = { kind: 'matrix', rows: M.rows.map((r) => r.map(() => '0')) };
  const I = identity(n);
  for (let k = 1; k <= n; k++) {
    const scaledI: SymValue = {
      kind: 'matrix',
      rows: (I as { rows: string[][] }).rows.map((r) => r.map((x) => (x === '1' ? c[n - k + 1]! : '0'))),
    };
    const AM = multiply(M, Mk);
    Mk = add(AM.kind === 'scalar' ? { kind: 'matrix', rows: [[AM.expr]] } : AM, scaledI);
    Mk = { kind: 'matrix', rows: (Mk as { rows: string[][] }).rows.map((r) => r.map(expand)) };
    const AMk = multiply(M, Mk);
    const rows = AMk.kind === 'scalar' ? [[AMk.expr]] : AMk.rows;
    const trace = rows.map((r, i) => `(${r[i]})`).join('+');
    c[n - k] = expand(`-(${trace})/${k}`);
  }
  return c;
}

/** Elementary symmetric polynomials e_1 … e_n of a list, as expression strings. */
function elementarySymmetric(xs: string[]): string[] {
  // e[k] after processing items: e_k = e_k + x * e_{k-1}
  let e: string[] = ['1'];
  for (const x of xs) {
    const next = [...e, '0'];
    for (let k = e.length; k >= 1; k--) next[k] = `(${next[k]})+(${x})*(${e[k - 1]})`;
    e = next;
  }
  return e.slice(1);
}

/** Monic polynomial coefficients (lowest first) with the given roots: Π(λ − r). */
export function polynomialFromRoots(roots: string[]): string[] {
  const e = elementarySymmetric(roots);
  const n = roots.length;
  const c: string[] = new Array(n + 1).fill('0');
  c[n] = '1';
  for (let k = 1; k <= n; k++) c[n - k] = k % 2 === 0 ? `(${e[k - 1]})` : `-(${e[k - 1]})`;
  return c;
}
