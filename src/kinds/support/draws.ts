/**
 * Random objects a check draws for itself, in order, each may use the ones before:
 *   A: "stable matrix, size 2..8"      (also: symmetric, contraction, or plain "matrix")
 *   d: "integer 2..4"                  (any domain: real, positive in [0, 1], …)
 *   M: "contraction matrix, size d"    (a size may name an integer drawn earlier)
 *   x: "vector within 0.001, size d"       (a column vector, for matrix algebra)
 *   p: "probability list, size 4"           (a list: elementwise arithmetic, sum())
 *   q: "list in (0, 1), size 4"
 *   h: "near min(bound(eigenvalues(A)))"   (both sides of a threshold, near and far)
 */
import { field } from '../../model/schema';
import type { ExprSource } from '../../model/schema';
import type { SourcePos } from '../../model/source';
import { ClaimError } from '../../model/source';
import { parseDomain, isDomainError } from '../../model/domain';
import type { Scope } from '../../numeric/value';
import {
  contractionMatrix,
  generalMatrix,
  negativeSemidefiniteMatrix,
  normalLeftMatrix,
  stableMatrix,
  symmetricMatrix,
} from '../../numeric/matrices';
import { numMatrix } from '../../numeric/linalg';
import { draw as drawScalar, edgeValues, inDomain } from '../../numeric/sample';
import type { Rng } from '../../numeric/rng';
import { toComplex } from '../../numeric/complex';
import { list, type NValue } from '../../numeric/value';
import { cmp, ofNumber, toNumber, type Rational } from '../../certified/rational';

const NUM = '-?\\d+(?:\\.\\d+)?(?:e-?\\d+)?';
import type { ClaimContext } from '../kind';
import type { NumericEnv } from './numeric-env';
import { scalarOfValue } from './compare';
import { formatNumber } from '../../model/text';

export const drawField = field.record(
  field.string('a draw: "stable matrix, size 2..8", "near <expr>", "vector within 0.01, size d" or a domain'),
);
export type DrawSpec = Array<{ name: string; pos: SourcePos; value: string }>;

export interface Local {
  name: string;
  slot: number;
  /** `exact`: the exact value the draw stands for, when its doubles hold its structure only to rounding. */
  draw(
    scope: Scope,
    rng: Rng,
  ): { value: NValue; structure?: string; exact?: () => Rational[]; spectrum?: () => Array<[Rational, Rational]> };
  /** Whether every value drawn is a number (a domain, or near a threshold), not a matrix, vector or list. */
  scalar: boolean;
  /** For a scalar domain: its edge values (0, ±1, the range's ends …), which dynamics start from before random draws. */
  edges?: number[];
  /** For a real domain: whether it holds the whole segment between two of its values (intermediate values need it). */
  holdsSegment?: (lo: number, hi: number) => boolean;
  /** For a real domain: its range's ends, and whether an exact value lies in it (exceptional starts of dynamics). */
  exactRange?: { ends: [Rational, Rational]; contains: (x: Rational) => boolean };
}

/** Factors around a threshold: both sides, near and far. */
const NEAR_FACTORS = [1 - 1e-6, 1 + 1e-6, 1 - 1e-3, 1 + 1e-3, 0.9, 1.1];

type SizeOf = (scope: Scope, rng: Rng) => number;

function sizeOf(text: string, pos: SourcePos, slots: Map<string, number>, sizes: ReadonlyMap<string, number>): SizeOf {
  const m = /size\s+(?:(\d+)(?:\s*\.\.\s*(\d+))?|([A-Za-z][A-Za-z0-9_]*))/.exec(text);
  if (!m) throw new ClaimError(`"${text}": this draw needs a size, e.g. "size 2..8" or "size d"`, pos);
  if (m[3] && sizes.has(m[3])) {
    const n = sizes.get(m[3])!;
    return () => n;
  }
  if (m[3]) {
    const slot = slots.get(m[3]);
    if (slot === undefined)
      throw new ClaimError(`"${text}": the size ${m[3]} must be drawn before (as an integer)`, pos);
    return (scope) => {
      const n = scope[slot];
      /* eslint-disable @typescript-eslint/no-base-to-string -- whatever the slot holds, named as it prints */
      if (typeof n !== 'number' || !Number.isInteger(n) || n < 1 || n > 12)
        throw new ClaimError(`"${text}": the size ${m[3]} = ${String(n)} is not a whole number from 1 to 12`, pos);
      /* eslint-enable @typescript-eslint/no-base-to-string */
      return n;
    };
  }
  const lo = Number(m[1]);
  const hi = m[2] ? Number(m[2]) : lo;
  if (lo < 1 || hi < lo || hi > 12) throw new ClaimError(`"${text}": sizes must be between 1 and 12`, pos);
  return (_s, rng) => rng.int(lo, hi);
}

export function compileDraws(
  spec: DrawSpec | undefined,
  ctx: ClaimContext,
  env: NumericEnv,
  firstSlot = env.size,
): { locals: Local[]; slots: Map<string, number> } {
  const slots = new Map<string, number>();
  const locals: Local[] = [];
  (spec ?? []).forEach(({ name, pos, value }, k) => {
    const slot = firstSlot + k;
    const text = value.trim();
    let draw: Local['draw'];
    let scalar = false;
    let edges: number[] | undefined;
    let holdsSegment: Local['holdsSegment'];
    let exactRange: Local['exactRange'];
    let m: RegExpExecArray | null;
    if (/matrix/.test(text)) {
      const size = sizeOf(text, pos, slots, ctx.sizes);
      const kind = (/^(stable|symmetric|contraction|nsd|normal)\s+matrix/.exec(text)?.[1] ??
        (/^matrix/.test(text) ? 'general' : undefined)) as
        'stable' | 'symmetric' | 'contraction' | 'nsd' | 'normal' | 'general' | undefined;
      if (!kind)
        throw new ClaimError(
          `unknown matrix draw "${text}"`,
          pos,
          'one of: stable matrix, symmetric matrix, contraction matrix, nsd matrix, normal matrix, matrix (each with ", size …")',
        );
      draw = (scope, rng) => {
        const n = size(scope, rng);
        const d =
          kind === 'stable'
            ? stableMatrix(n, rng)
            : kind === 'symmetric'
              ? symmetricMatrix(n, rng)
              : kind === 'contraction'
                ? contractionMatrix(n, rng)
                : kind === 'nsd'
                  ? negativeSemidefiniteMatrix(n, rng)
                  : kind === 'normal'
                    ? normalLeftMatrix(n, rng)
                    : generalMatrix(n, n, rng);
        return {
          value: d.matrix,
          structure: `${name}: ${d.structure}`,
          ...(d.exact ? { exact: d.exact } : {}),
          ...(d.spectrum ? { spectrum: d.spectrum } : {}),
        };
      };
    } else if ((m = /^vector\s+within\s+([\d.e-]+)\s*,/.exec(text))) {
      const r = Number(m[1]);
      const size = sizeOf(text, pos, slots, ctx.sizes);
      draw = (scope, rng) => {
        const n = size(scope, rng);
        const v = numMatrix(n, 1);
        for (let i = 0; i < n; i++) v.data[i] = (2 * rng.next() - 1) * r;
        return { value: v };
      };
    } else if (/^probability list\s*,/.test(text)) {
      // A point of the probability simplex (Dirichlet(1, …, 1): normalised exponentials); elementwise arithmetic and sum() apply.
      const size = sizeOf(text, pos, slots, ctx.sizes);
      draw = (scope, rng) => {
        const n = size(scope, rng);
        const e = Array.from({ length: n }, () => -Math.log(1 - rng.next()));
        const s = e.reduce((a, b) => a + b, 0);
        // In units of 1e-9, each at least one, summing to exactly one: the decimals are the exact point.
        const units = e.map((x) => Math.max(1, Math.round((x / s) * 1e9)));
        const largest = units.indexOf(Math.max(...units));
        units[largest]! += 1e9 - units.reduce((a, b) => a + b, 0);
        return { value: list(units.map((u) => Number(`${u}e-9`))) };
      };
    } else if ((m = new RegExp(`^list in [\\[(]\\s*(${NUM})\\s*,\\s*(${NUM})\\s*[\\])]\\s*,`).exec(text))) {
      const [lo, hi] = [Number(m[1]), Number(m[2])];
      const size = sizeOf(text, pos, slots, ctx.sizes);
      draw = (scope, rng) => {
        const n = size(scope, rng);
        return { value: list(Array.from({ length: n }, () => lo + (hi - lo) * (0.001 + 0.998 * rng.next()))) };
      };
    } else if (/^near\s/.test(text)) {
      const src: ExprSource = { text: text.slice(5).trim(), pos: { ...pos } };
      const f = env.compileUser(ctx.parse(src), slots);
      scalar = true;
      draw = (scope, rng) => {
        const t = scalarOfValue(f(scope));
        if (t === undefined) throw new ClaimError(`"${src.text}" must be a number for a near draw`, pos);
        const x = toComplex(t).re;
        const r = rng.next();
        const factor = r < 0.5 ? rng.pick(NEAR_FACTORS) : 0.05 + rng.next() * 1.95;
        return {
          value: x * factor,
          structure:
            r < 0.5
              ? `${name}: within ${formatNumber(Math.abs(1 - factor), 1)} of the threshold`
              : `${name}: anywhere in (0.05, 2)× the threshold`,
        };
      };
    } else {
      const d = parseDomain(text, pos);
      if (isDomainError(d)) throw new ClaimError(`${d.message}`, pos, d.hint);
      if (d.kind !== 'real' && d.kind !== 'integer') throw new ClaimError(`"${text}" cannot be drawn in a check`, pos);
      draw = (_s, rng) => ({ value: drawScalar(d, rng) });
      scalar = true;
      edges = edgeValues(d);
      if (d.kind === 'real') {
        holdsSegment = (lo, hi) => d.sign !== 'nonzero' || lo > 0 || hi < 0;
        const ends: [Rational, Rational] = [ofNumber(d.range[0]), ofNumber(d.range[1])];
        const after = (x: Rational, end: Rational, open?: boolean) => (open ? cmp(x, end) > 0 : cmp(x, end) >= 0);
        exactRange = {
          ends,
          contains: (x) => after(x, ends[0], d.open?.[0]) && after(ends[1], x, d.open?.[1]) && inDomain(d, toNumber(x)),
        };
      }
    }
    slots.set(name, slot);
    locals.push({
      name,
      slot,
      draw,
      scalar,
      ...(edges ? { edges } : {}),
      ...(holdsSegment ? { holdsSegment } : {}),
      ...(exactRange ? { exactRange } : {}),
    });
  });
  return { locals, slots };
}
