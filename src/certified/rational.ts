/**
 * Exact rationals over BigInt, and Gaussian rationals (a + b·i with a, b rational): the numbers
 * in which every drawn value (the decimal a double prints as) and every claimed constant (a
 * decimal is a rational) is exact, so that a decision taken here is certain.
 */
export interface Rational {
  readonly n: bigint;
  /** Always positive; gcd(n, d) = 1. */
  readonly d: bigint;
}

const abs = (x: bigint) => (x < 0n ? -x : x);
const SAFE = BigInt(Number.MAX_SAFE_INTEGER);
export function gcd(a: bigint, b: bigint): bigint {
  a = abs(a);
  b = abs(b);
  while (b) {
    // Within double range the remainders are cheaper on numbers.
    if (a <= SAFE && b <= SAFE) {
      let x = Number(a);
      let y = Number(b);
      while (y) {
        const r = x % y;
        x = y;
        y = r;
      }
      return BigInt(x);
    }
    const r = a % b;
    a = b;
    b = r;
  }
  return a;
}

export function rat(n: bigint, d = 1n): Rational {
  if (d === 0n) throw new RangeError('division by zero');
  if (d < 0n) {
    n = -n;
    d = -d;
  }
  if (d === 1n) return { n, d };
  if (n === 0n) return { n, d: 1n };
  const g = gcd(n, d);
  return g === 1n ? { n, d } : { n: n / g, d: d / g };
}

export const ZERO = rat(0n);
export const ONE = rat(1n);

/** The exact value of a finite double (a dyadic rational). */
export function ofDouble(x: number): Rational {
  if (!Number.isFinite(x)) throw new RangeError(`${x} has no exact value`);
  if (Number.isInteger(x)) return rat(BigInt(x));
  let k = 0n;
  let m = x;
  // Doubling is exact in binary floating point, so this ends (at most 1074 times).
  while (!Number.isInteger(m)) {
    m *= 2;
    k++;
  }
  return rat(BigInt(m), 1n << k);
}

/** The exact value a drawn or printed double stands for: the shortest decimal that prints it (it reads back as the same double). */
export function ofNumber(x: number): Rational {
  let q = numbers.get(x);
  if (q === undefined) {
    // (Rationals are immutable: one per double is shared. The table is emptied when it grows large.)
    if (numbers.size >= 65536) numbers.clear();
    numbers.set(x, (q = ofDecimal(String(x)) ?? ofDouble(x)));
  }
  return q;
}
/** The exact values of recent doubles: an instance's values are asked for by every certified scope of it. (−0 and 0 share an entry, and a value.) */
const numbers = new Map<number, Rational>();

/** A decimal literal ("0.4", "-1e-10", "3.14159265359") as the exact rational it writes, not its nearest double. */
export function ofDecimal(text: string): Rational | undefined {
  const m = /^([-+]?)(\d*)(?:\.(\d*))?(?:[eE]([-+]?\d+))?$/.exec(text.trim());
  if (!m || (m[2] === '' && (m[3] ?? '') === '')) return undefined;
  const digits = BigInt(`${m[2] || '0'}${m[3] ?? ''}`);
  const exp = Number(m[4] ?? 0) - (m[3] ?? '').length;
  if (Math.abs(exp) > 4000) return undefined;
  const sign = m[1] === '-' ? -1n : 1n;
  return exp >= 0 ? rat(sign * digits * 10n ** BigInt(exp)) : rat(sign * digits, 10n ** BigInt(-exp));
}

// (Operands are in lowest terms, so the gcds below are of the smaller factors, not of the full
// products: the same reduced result, for a fraction of the cost of reducing the products.)
export function add(a: Rational, b: Rational): Rational {
  if (a.d === b.d) return rat(a.n + b.n, a.d);
  // With g = gcd(a.d, b.d), t = a.n·(b.d/g) + b.n·(a.d/g): gcd(t, a.d·b.d/g) = gcd(t, g) (Knuth, 4.5.1).
  const g = gcd(a.d, b.d);
  if (g === 1n) return { n: a.n * b.d + b.n * a.d, d: a.d * b.d };
  const t = a.n * (b.d / g) + b.n * (a.d / g);
  if (t === 0n) return { n: 0n, d: 1n };
  const h = gcd(t, g);
  return { n: t / h, d: (a.d / g) * (b.d / h) };
}
export const sub = (a: Rational, b: Rational) => add(a, neg(b));
export const neg = (a: Rational): Rational => ({ n: -a.n, d: a.d });
export function mul(a: Rational, b: Rational): Rational {
  if (a.n === 0n || b.n === 0n) return { n: 0n, d: 1n };
  const g1 = gcd(a.n, b.d);
  const g2 = gcd(b.n, a.d);
  return { n: (a.n / g1) * (b.n / g2), d: (a.d / g2) * (b.d / g1) };
}
export function div(a: Rational, b: Rational): Rational {
  if (b.n === 0n) throw new RangeError('division by zero');
  return mul(a, b.n < 0n ? { n: -b.d, d: -b.n } : { n: b.d, d: b.n });
}
export const isZero = (a: Rational) => a.n === 0n;
export const sign = (a: Rational): -1 | 0 | 1 => (a.n < 0n ? -1 : a.n > 0n ? 1 : 0);
export const cmp = (a: Rational, b: Rational) => sign(sub(a, b));
export const eq = (a: Rational, b: Rational) => a.n === b.n && a.d === b.d;

/** Integer square root: the largest r with r² ≤ n (n ≥ 0). */
export function isqrt(n: bigint): bigint {
  if (n < 0n) throw new RangeError('isqrt of a negative number');
  if (n < 2n) return n;
  // Newton's iteration from a power of two above the root decreases to the floor of the root.
  let x = 1n << BigInt(Math.ceil(n.toString(2).length / 2));
  for (;;) {
    const y = (x + n / x) >> 1n;
    if (y >= x) return x;
    x = y;
  }
}

/** Shortest exact text: an integer, a terminating decimal when the denominator is 2^a·5^b and it is short, else p/q. */
export function ratText(a: Rational): string {
  if (a.d === 1n) return a.n.toString();
  let d = a.d;
  let twos = 0;
  let fives = 0;
  while (d % 2n === 0n) {
    d /= 2n;
    twos++;
  }
  while (d % 5n === 0n) {
    d /= 5n;
    fives++;
  }
  if (d === 1n) {
    const places = Math.max(twos, fives);
    const scaled = (a.n * 10n ** BigInt(places)) / a.d;
    const s = abs(scaled)
      .toString()
      .padStart(places + 1, '0');
    const text = `${a.n < 0n ? '-' : ''}${s.slice(0, s.length - places)}.${s.slice(s.length - places)}`;
    if (places <= 24) return text;
  }
  return `${a.n}/${a.d}`;
}

export function toNumber(a: Rational): number {
  const n = Number(a.n);
  const d = Number(a.d);
  if (Number.isFinite(n) && Number.isFinite(d)) return n / d;
  // Both beyond double range: scale down together.
  const shift = BigInt(Math.max(a.n.toString(2).length, a.d.toString(2).length) - 1000);
  return Number(a.n >> (shift > 0n ? shift : 0n)) / Number(a.d >> (shift > 0n ? shift : 0n));
}

/** A Gaussian rational re + im·i. */
export interface Gaussian {
  readonly re: Rational;
  readonly im: Rational;
}
export const gauss = (re: Rational, im: Rational = ZERO): Gaussian => ({ re, im });
export const G_ZERO = gauss(ZERO);
export const G_ONE = gauss(ONE);
export const G_I = gauss(ZERO, ONE);
export const gIsZero = (a: Gaussian) => isZero(a.re) && isZero(a.im);
export const gIsReal = (a: Gaussian) => isZero(a.im);
export const gEq = (a: Gaussian, b: Gaussian) => eq(a.re, b.re) && eq(a.im, b.im);
export const gAdd = (a: Gaussian, b: Gaussian) => gauss(add(a.re, b.re), add(a.im, b.im));
export const gNeg = (a: Gaussian) => gauss(neg(a.re), neg(a.im));
export function gMul(a: Gaussian, b: Gaussian): Gaussian {
  if (gIsReal(a) && gIsReal(b)) return gauss(mul(a.re, b.re));
  return gauss(sub(mul(a.re, b.re), mul(a.im, b.im)), add(mul(a.re, b.im), mul(a.im, b.re)));
}
export function gDiv(a: Gaussian, b: Gaussian): Gaussian {
  if (gIsZero(b)) throw new RangeError('division by zero');
  if (gIsReal(b)) return gauss(div(a.re, b.re), div(a.im, b.re));
  const den = add(mul(b.re, b.re), mul(b.im, b.im));
  return gauss(div(add(mul(a.re, b.re), mul(a.im, b.im)), den), div(sub(mul(a.im, b.re), mul(a.re, b.im)), den));
}
export const gConj = (a: Gaussian) => gauss(a.re, neg(a.im));

const floorDiv = (n: bigint, d: bigint) => (n >= 0n ? n / d : -((-n + d - 1n) / d));

/** The simplest rational (smallest denominator, then numerator) in the closed interval [lo, hi]. */
export function simplestBetween(lo: Rational, hi: Rational): Rational {
  if (cmp(lo, hi) > 0) return simplestBetween(hi, lo);
  if (sign(lo) <= 0 && sign(hi) >= 0) return ZERO;
  if (sign(hi) < 0) return neg(simplestBetween(neg(hi), neg(lo)));
  // 0 < lo ≤ hi: the continued fraction of the simplest number between them.
  const a = floorDiv(lo.n, lo.d);
  if (a * lo.d === lo.n) return rat(a);
  if (cmp(rat(a + 1n), hi) <= 0) return rat(a + 1n);
  const rest = simplestBetween(div(ONE, sub(hi, rat(a))), div(ONE, sub(lo, rat(a))));
  return add(rat(a), div(ONE, rest));
}
