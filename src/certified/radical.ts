/**
 * Exact numbers with square roots, at one point: elements of Q(i)[s₁ … sₘ]/(sₖ² − rₖ), where each
 * sₖ is the principal square root of a radicand rₖ built from the earlier ones. A value is a sum of
 * Gaussian-rational coefficients times products of distinct sₖ (a bit mask). Reducing sₖ² to rₖ is
 * true for either branch, so a value that reduces to 0 IS 0; a value that does not reduce to 0 is
 * nonzero when its enclosure excludes 0, and otherwise undecided (radicands can be dependent:
 * √2·√3 = √6). Rational radicands are reduced to a square-free core over small primes, so that
 * √(4x) and 2√x share one radical.
 *
 * A transcendental value at an exact point (log(1/2), e^{x}, π) enters as an atom: a symbol with
 * no relation, held as an indeterminate. A value polynomial in the atoms that reduces to 0 is 0
 * for every value of them, so certainly 0 (θ·ψ·f′(ψθ) − ψ·θ·f′(ψθ); Σ pᵢ log(1/2) − log(1/2) with
 * Σ pᵢ = 1); one that does not is decided by its enclosure. An atom appears at most once in a
 * product: its square, or its inverse, leaves the value to its enclosure.
 */
import * as Q from './rational';
import type { Gaussian, Rational } from './rational';
import { Undecidable, type Box, type IntervalArithmetic } from './interval';

/** Monomial mask → coefficient; no zero coefficients are stored. */
export type Radical = ReadonlyMap<number, Gaussian>;

interface RadicalSymbol {
  radicand: Radical;
  key: string;
  /** The radicand is a positive rational: the root is real and positive. */
  positiveRational: boolean;
  /** An atom: no radicand, its enclosure from this (a transcendental function of an exact value). */
  atom?: (iv: IntervalArithmetic) => Box;
  /** An atom's function and exact argument. */
  application?: { name: string; argument: Radical };
}

/** Bounds that keep exact arithmetic polynomial: past them a value keeps only its enclosure. */
const MAX_RADICALS = 8;
const MAX_TERMS = 64;
const SMALL_PRIMES = (() => {
  const out: bigint[] = [];
  for (let p = 2; p < 600; p++) if (out.every((q) => p % Number(q) !== 0)) out.push(BigInt(p));
  return out;
})();

export function constant(g: Gaussian): Radical {
  return Q.gIsZero(g) ? new Map() : new Map([[0, g]]);
}
export const rationalValue = (r: Rational): Radical => constant(Q.gauss(r));

/** The value as a Gaussian rational when it has no radical. */
export function asGaussian(v: Radical): Gaussian | undefined {
  if (v.size === 0) return Q.G_ZERO;
  if (v.size === 1 && v.has(0)) return v.get(0)!;
  return undefined;
}
export const isFormallyZero = (v: Radical) => v.size === 0;

/** The square roots met while evaluating at one point, and the arithmetic over them. */
export class RadicalField {
  private readonly symbols: RadicalSymbol[] = [];
  private readonly byKey = new Map<string, number>();
  private readonly boxes = new Map<string, Box>();

  add(a: Radical, b: Radical): Radical {
    const out = new Map(a);
    for (const [m, c] of b) {
      const s = out.has(m) ? Q.gAdd(out.get(m)!, c) : c;
      if (Q.gIsZero(s)) out.delete(m);
      else out.set(m, s);
    }
    return out;
  }
  neg(a: Radical): Radical {
    return new Map([...a].map(([m, c]) => [m, Q.gNeg(c)]));
  }
  sub(a: Radical, b: Radical): Radical {
    return this.add(a, this.neg(b));
  }
  scale(a: Radical, g: Gaussian): Radical {
    if (Q.gIsZero(g)) return new Map();
    return new Map([...a].map(([m, c]) => [m, Q.gMul(c, g)]));
  }
  mul(a: Radical, b: Radical): Radical {
    let out: Radical = new Map();
    for (const [ma, ca] of a)
      for (const [mb, cb] of b) out = this.add(out, this.scale(this.monomialProduct(ma, mb), Q.gMul(ca, cb)));
    if (out.size > MAX_TERMS) throw new Undecidable('an exact value with too many terms');
    return out;
  }
  /** s^ma · s^mb, with every shared sₖ squared to its radicand. */
  private monomialProduct(ma: number, mb: number): Radical {
    let out: Radical = new Map([[ma ^ mb, Q.G_ONE]]);
    let shared = ma & mb;
    for (let k = 0; shared; k++, shared >>= 1) {
      if (!(shared & 1)) continue;
      if (this.symbols[k]!.atom) throw new Undecidable('the square of a transcendental value has no exact form here');
      out = this.mul(out, this.symbols[k]!.radicand);
    }
    return out;
  }
  /** 1/a: rationalised by multiplying with conjugates (flip the sign of the highest radical) until no radical is left. */
  inverse(a: Radical): Radical {
    const g = asGaussian(a);
    if (g) {
      if (Q.gIsZero(g)) throw new RangeError('division by zero');
      return constant(Q.gDiv(Q.G_ONE, g));
    }
    let top = 0;
    for (const m of a.keys()) top = Math.max(top, 31 - Math.clz32(m));
    const bit = 1 << top;
    // A value with an atom has no conjugate that clears it: its inverse is an atom of its own (the
    // same for the same value, so a/b − a/b still cancels).
    if (this.symbols[top]!.atom) return this.atom('inv', a, (iv) => iv.boxDiv(iv.real(iv.point(1)), this.box(a, iv)));
    const conjugate = new Map([...a].map(([m, c]) => [m, m & bit ? Q.gNeg(c) : c]));
    const norm = this.mul(a, conjugate);
    // norm has no s_top; it is 0 only if a or its conjugate is 0.
    if (isFormallyZero(norm)) throw new Undecidable('a divisor that may be 0');
    return this.mul(conjugate, this.inverse(norm));
  }
  div(a: Radical, b: Radical): Radical {
    return this.mul(a, this.inverse(b));
  }
  powInt(a: Radical, k: number): Radical {
    if (k < 0) return this.powInt(this.inverse(a), -k);
    if (k > 4096) throw new Undecidable('an exact power too large');
    let out: Radical = constant(Q.G_ONE);
    let base = a;
    for (let e = k; e > 0; e >>= 1) {
      if (e & 1) out = this.mul(out, base);
      if (e > 1) base = this.mul(base, base);
    }
    return out;
  }

  /** The principal square root, exactly: rational when it is, else a (shared) formal radical. */
  sqrt(a: Radical): Radical {
    const g = asGaussian(a);
    if (g && Q.gIsReal(g)) {
      const r = g.re;
      if (Q.sign(r) === 0) return new Map();
      const [coefficient, core] = squareFreePart(r.n < 0n ? Q.neg(r) : r);
      const unit = r.n < 0n ? Q.gauss(Q.ZERO, coefficient) : Q.gauss(coefficient);
      if (core === 1n) return constant(unit);
      return this.scale(this.symbol(rationalValue(Q.rat(core)), `q:${core}`, true), unit);
    }
    return this.symbol(a, keyOf(a), false);
  }
  /** A transcendental value as an atom, one per name and exact argument (f(a) twice is one atom). */
  atom(name: string, argument: Radical, box: (iv: IntervalArithmetic) => Box): Radical {
    return this.symbol(new Map(), `${name}(${keyOf(argument)})`, false, box, { name, argument });
  }
  private symbol(
    radicand: Radical,
    key: string,
    positiveRational: boolean,
    atom?: (iv: IntervalArithmetic) => Box,
    application?: { name: string; argument: Radical },
  ): Radical {
    let k = this.byKey.get(key);
    if (k === undefined) {
      if (this.symbols.length >= MAX_RADICALS)
        throw new Undecidable('too many distinct square roots for exact arithmetic');
      k = this.symbols.length;
      this.symbols.push({ radicand, key, positiveRational, ...(atom ? { atom, application } : {}) });
      this.byKey.set(key, k);
    }
    return new Map([[1 << k, Q.G_ONE]]);
  }
  /** Whether the value holds a transcendental atom. */
  hasAtom(a: Radical): boolean {
    for (const m of a.keys())
      for (let k = 0, mm = m; mm; k++, mm >>= 1) if (mm & 1 && this.symbols[k]!.atom) return true;
    return false;
  }
  /** The atom's name and argument when the value is one atom times a rational (π·q), else undefined. */
  /** The function and exact argument of a value that is exactly one atom f(b), with coefficient 1. */
  atomApplication(a: Radical): { name: string; argument: Radical } | undefined {
    const multiple = this.atomMultiple(a);
    if (!multiple || !Q.eq(multiple.factor, Q.ONE)) return undefined;
    return this.symbols[this.byKey.get(multiple.key)!]!.application;
  }
  atomMultiple(a: Radical): { key: string; factor: Q.Rational } | undefined {
    if (a.size !== 1) return undefined;
    const [m, c] = [...a][0]!;
    if (!Q.gIsReal(c) || m === 0 || (m & (m - 1)) !== 0) return undefined;
    const s = this.symbols[31 - Math.clz32(m)]!;
    return s.atom ? { key: s.key, factor: c.re } : undefined;
  }

  /** Is the value certainly real: real coefficients, and every root it uses the root of a positive rational (or of a real nonnegative radicand)? */
  certainlyReal(a: Radical, iv: IntervalArithmetic): boolean {
    for (const [m, c] of a) {
      if (!Q.gIsReal(c)) return false;
      for (let k = 0, mm = m; mm; k++, mm >>= 1) if (mm & 1 && !this.realRoot(k, iv)) return false;
    }
    return true;
  }
  private realRoot(k: number, iv: IntervalArithmetic): boolean {
    const s = this.symbols[k]!;
    if (s.positiveRational) return true;
    if (s.atom) return iv.isReal(s.atom(iv));
    if (!this.certainlyReal(s.radicand, iv)) return false;
    const b = this.box(s.radicand, iv);
    return b.re.lo.gte(0);
  }
  /** Complex conjugate, for values whose roots are all real (the caller checks). */
  conjugateRealRoots(a: Radical): Radical {
    return new Map([...a].map(([m, c]) => [m, Q.gConj(c)]));
  }
  /** Real and imaginary parts, for values whose roots are all real. */
  partsRealRoots(a: Radical): [Radical, Radical] {
    const re = new Map<number, Gaussian>();
    const im = new Map<number, Gaussian>();
    for (const [m, c] of a) {
      if (!Q.isZero(c.re)) re.set(m, Q.gauss(c.re));
      if (!Q.isZero(c.im)) im.set(m, Q.gauss(c.im));
    }
    return [re, im];
  }

  /** An enclosure of the value at the given precision. */
  box(a: Radical, iv: IntervalArithmetic): Box {
    let out: Box = iv.real(iv.zero);
    for (const [m, c] of a) {
      let term: Box = { re: iv.quotient(c.re.n, c.re.d), im: iv.quotient(c.im.n, c.im.d) };
      for (let k = 0, mm = m; mm; k++, mm >>= 1) if (mm & 1) term = iv.boxMul(term, this.rootBox(k, iv));
      out = iv.boxAdd(out, term);
    }
    return out;
  }
  private rootBox(k: number, iv: IntervalArithmetic): Box {
    const key = `${iv.digits}:${k}`;
    let b = this.boxes.get(key);
    const s = this.symbols[k]!;
    if (!b) this.boxes.set(key, (b = s.atom ? s.atom(iv) : iv.boxSqrt(this.box(s.radicand, iv))));
    return b;
  }
}

function keyOf(a: Radical): string {
  return [...a]
    .sort(([x], [y]) => x - y)
    .map(([m, c]) => `${m}:${c.re.n}/${c.re.d}:${c.im.n}/${c.im.d}`)
    .join(',');
}

/** r = c²·core with core a square-free-over-small-primes integer (r > 0): √r = c·√core. */
function squareFreePart(r: Rational): [Rational, bigint] {
  // √(n/d) = √(n·d)/d.
  let m = r.n * r.d;
  let outside = 1n;
  for (const p of SMALL_PRIMES) {
    const p2 = p * p;
    if (p2 > m) break;
    while (m % p2 === 0n) {
      m /= p2;
      outside *= p;
    }
  }
  const root = Q.isqrt(m);
  if (root * root === m) {
    outside *= root;
    m = 1n;
  }
  return [Q.rat(outside, r.d), m];
}
