/** Complex arithmetic for the checks: mathjs's Complex type (complex.js), loaded on its own. */
import { create, complexDependencies } from 'mathjs';

// mathjs declares its dependency maps as entries of a Record, so each reads as possibly undefined.
const math = create({ complexDependencies: complexDependencies! });
/** The complex.js methods the checks use (mathjs's own typing omits them). */
export interface Complex {
  re: number;
  im: number;
  isComplex: true;
  add(z: Complex): Complex;
  sub(z: Complex): Complex;
  mul(z: Complex): Complex;
  div(z: Complex): Complex;
  pow(z: Complex): Complex;
  sqrt(): Complex;
  exp(): Complex;
  log(): Complex;
  sin(): Complex;
  cos(): Complex;
  tan(): Complex;
  atan(): Complex;
  sinh(): Complex;
  cosh(): Complex;
  tanh(): Complex;
  sech(): Complex;
  neg(): Complex;
}
const ComplexClass = (math as unknown as { Complex: new (re: number, im: number) => Complex }).Complex;

export function complex(re: number, im = 0): Complex {
  return new ComplexClass(re, im);
}
export function isComplex(x: unknown): x is Complex {
  return typeof x === 'object' && x !== null && (x as { isComplex?: boolean }).isComplex === true;
}
export function toComplex(x: number | Complex): Complex {
  return typeof x === 'number' ? complex(x, 0) : x;
}
function cabs(x: number | Complex): number {
  return typeof x === 'number' ? Math.abs(x) : Math.hypot(x.re, x.im);
}
/** Mixed relative/absolute distance: |a−b| / max(1, |a|, |b|). */
export function relDistance(a: number | Complex, b: number | Complex): number {
  // Two reals: the same values as through complex numbers (hypot(x, 0) is |x|), without allocating.
  if (typeof a === 'number' && typeof b === 'number') {
    const d = Math.abs(a - b);
    return d === 0 ? 0 : d / Math.max(1, Math.abs(a), Math.abs(b));
  }
  const A = toComplex(a);
  const B = toComplex(b);
  const d = Math.hypot(A.re - B.re, A.im - B.im);
  if (d === 0) return 0;
  return d / Math.max(1, cabs(A), cabs(B));
}
