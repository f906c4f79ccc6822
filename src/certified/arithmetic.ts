/**
 * What certified evaluation needs of a number system. Two implement it: FastArithmetic (double
 * intervals with outward rounding: cheap, decides whatever is not close to a boundary) and
 * PointArithmetic (exact rationals with square roots, and decimal enclosures at rising
 * precision: slow, decides the rest). One evaluator (evaluate.ts) runs over either.
 */
import type { Gaussian, Rational } from './rational';

export type Sign = -1 | 0 | 1;
export type ZeroAnswer = 'zero' | 'nonzero' | 'close' | undefined;

export interface Arithmetic<N> {
  ofRational(q: Rational): N;
  ofGaussian(g: Gaussian): N;
  pi(): N;
  e(): N;
  add(a: N, b: N): N;
  sub(a: N, b: N): N;
  neg(a: N): N;
  mul(a: N, b: N): N;
  div(a: N, b: N): N;
  pow(a: N, b: N): N;
  sqrt(a: N): N;
  abs(a: N): N;
  re(a: N): N;
  im(a: N): N;
  conj(a: N): N;
  /** An elementary function by name (exp, log, sin …); throws Undecidable where it has no certified form. */
  apply(name: string, a: N): N;
  /** The sign of a real value when certain; undefined otherwise. Throws Undecidable for a value certainly not real. */
  sign(a: N): Sign | undefined;
  /** Whether the value is zero: certain answers, 'close' (agreement without an exact form), or undefined. */
  zero(a: N): ZeroAnswer;
  /** An enclosure of min(a, b) or max(a, b) of real values whose order is not decided. */
  hull(a: N, b: N, which: 'min' | 'max'): N;
  /** An enclosure of every real value from a to b (interval arithmetic only): a function evaluated on it encloses its range there. */
  span?(a: N, b: N): N;
  /** The value as an exact real rational, when it is one (exact arithmetic only). */
  rationalOf?(a: N): Rational | undefined;
  /** An enclosure of ∫ₐᵇ f, where f can be evaluated on a whole interval of x at once (absent: not certifiable here). */
  integrate?(f: (x: N) => N, a: N, b: N): N;
}
