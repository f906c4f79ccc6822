/**
 * Seeded randomness. Every check gets its own stream from (run seed, claim id, check index), so
 * adding a claim or a check never changes the draws of another: same seed, same report.
 */
export interface Rng {
  /** Uniform in [0, 1). */
  next(): number;
  /** Uniform over the decimals of eight significant digits in [lo, hi] (see decimalGrid). */
  uniform(lo: number, hi: number): number;
  int(lo: number, hi: number): number;
  pick<T>(items: readonly T[]): T;
  /** Standard normal (Box–Muller). */
  normal(): number;
}

function hashString(s: string, seed = 0x9e3779b9): number {
  let h = seed >>> 0;
  for (let k = 0; k < s.length; k++) {
    h = Math.imul(h ^ s.charCodeAt(k), 0x85ebca6b);
    h ^= h >>> 13;
  }
  h = Math.imul(h ^ (h >>> 16), 0xc2b2ae35);
  return (h ^ (h >>> 16)) >>> 0;
}

function splitmix32(a: number): () => number {
  return () => {
    a = (a + 0x9e3779b9) | 0;
    let t = a ^ (a >>> 16);
    t = Math.imul(t, 0x21f0aaad);
    t ^= t >>> 15;
    t = Math.imul(t, 0x735a2d97);
    return (t ^ (t >>> 15)) >>> 0;
  };
}

/**
 * Uniform draws are decimals on a grid of eight significant digits of the range's magnitude: far
 * finer than any feature a claim can hide between grid points (the old 1/1024 grid missed whole
 * intervals), each one exact as printed, and uniform over a known finite set (Schwartz–Zippel).
 */
export function decimalGrid(lo: number, hi: number): { exponent: number; first: number; last: number } {
  const magnitude = Math.max(Math.abs(lo), Math.abs(hi), 1e-300);
  const exponent = Math.ceil(Math.log10(magnitude)) - 8;
  const step = 10 ** exponent;
  return { exponent, first: Math.ceil(lo / step - 1e-9), last: Math.floor(hi / step + 1e-9) };
}
/** How many values uniform(lo, hi) can return. */
export function drawSetSize(lo: number, hi: number): number {
  const g = decimalGrid(lo, hi);
  return Math.max(1, g.last - g.first + 1);
}
// k·10^e correctly rounded: one IEEE operation on two exact operands (10^m is exact up to 10^22).
const onGrid = (k: number, exponent: number) =>
  exponent < 0 && exponent >= -22
    ? k / 10 ** -exponent
    : exponent >= 0 && exponent <= 22
      ? k * 10 ** exponent
      : Number(`${k}e${exponent}`);

/** sfc32, seeded through splitmix32. */
export function createRng(seed: number): Rng {
  const init = splitmix32(seed >>> 0);
  let a = init(),
    b = init(),
    c = init(),
    d = init();
  const next = () => {
    a >>>= 0;
    b >>>= 0;
    c >>>= 0;
    d >>>= 0;
    const t = (a + b) | 0;
    a = b ^ (b >>> 9);
    b = (c + (c << 3)) | 0;
    c = (c << 21) | (c >>> 11);
    d = (d + 1) | 0;
    const r = (t + d) | 0;
    c = (c + r) | 0;
    return (r >>> 0) / 4294967296;
  };
  for (let k = 0; k < 12; k++) next();
  let spare: number | undefined;
  // An instance draws each of a claim's few ranges in turn, thousands of times: their grids are kept.
  const grids: Array<{ lo: number; hi: number; g: ReturnType<typeof decimalGrid> }> = [];
  const gridOf = (lo: number, hi: number) => {
    for (const e of grids) if (e.lo === lo && e.hi === hi) return e.g;
    const g = decimalGrid(lo, hi);
    if (grids.length >= 16) grids.shift();
    grids.push({ lo, hi, g });
    return g;
  };
  return {
    next,
    uniform(lo, hi) {
      if (!(hi > lo)) return lo;
      const g = gridOf(lo, hi);
      if (g.last < g.first) return lo;
      const x = onGrid(g.first + Math.floor(next() * (g.last - g.first + 1)), g.exponent);
      return Math.min(hi, Math.max(lo, x));
    },
    int(lo, hi) {
      return lo + Math.floor(next() * (hi - lo + 1));
    },
    pick(items) {
      return items[Math.floor(next() * items.length)]!;
    },
    normal() {
      if (spare !== undefined) {
        const s = spare;
        spare = undefined;
        return s;
      }
      let u = 0;
      while (u === 0) u = next();
      const v = next();
      const r = Math.sqrt(-2 * Math.log(u));
      spare = r * Math.sin(2 * Math.PI * v);
      return r * Math.cos(2 * Math.PI * v);
    },
  };
}

export function streamSeed(runSeed: number, ...parts: Array<string | number>): number {
  let h = runSeed >>> 0;
  for (const p of parts) h = hashString(String(p), h);
  return h;
}
