/**
 * The rate criterion of an affine map, decided exactly. ‖x_k − x̄‖/ρ^k is bounded for all k, not
 * only over the steps a run lasts, exactly when:
 *   - x̄ is a fixed point of the map F (otherwise x_k cannot tend to x̄, and ρ^k → 0 does), and
 *   - every root λ of the minimal polynomial m of v = x₀ − x̄ under the linear part M has |λ| < ρ,
 *     or |λ| = ρ and λ simple. (x_k − x̄ = M^k v, a sum of terms k^j λ^k, each present because m
 *     is minimal for v.)
 * m comes from the Krylov vectors v, Mv, M²v, … in exact rational arithmetic; its roots are
 * placed against the circle |z| = ρ without computing them: the Schur–Cohn test for the open disk,
 * Sturm counts (through the Cayley map) for the circle, and gcds with m′ and with m's reflection
 * in the circle for repeated roots and for roots paired across it.
 */
import type { ExprNode } from '../../expr/mathjs-parser';
import * as Q from '../../certified/rational';
import { rationalCharacteristicPolynomial } from '../../certified/matrix';
import { polynomialDegreeIn } from '../../certified/degree';
import * as P from '../../certified/rational-polynomial';
import type { ClaimContext } from '../kind';

/** Past this degree in the state a polynomial map is not linearised (its derivative is interpolated from degree + 1 exact steps). */
const MAX_DEGREE = 8;

/**
 * The degree of the map in the state when every stage is a polynomial in it (1: affine), by the
 * shape of its expressions; undefined otherwise. Stages in turn compose: their degrees multiply.
 */
export function polynomialMapDegree(
  stages: ReadonlyArray<{ map: ReadonlyArray<{ node: ExprNode }>; repeat: number }>,
  state: readonly string[],
  ctx: ClaimContext,
): number | undefined {
  const claim = ctx.claim;
  // Names whose dependence on the state is not written in the expression itself.
  const opaque = new Set([
    ...claim.define.map((d) => d.name),
    ...claim.model.map((m) => m.name),
    ...claim.derive.map((d) => d.name),
  ]);
  const variables = new Set(state);
  let degree = 1;
  for (const s of stages) {
    const degrees = s.map.map(({ node }) => polynomialDegreeIn(node, variables, (name) => opaque.has(name)));
    if (degrees.some((d) => d === undefined)) return undefined;
    degree *= Math.max(1, ...(degrees as number[])) ** s.repeat;
    if (degree > MAX_DEGREE) return undefined;
  }
  return degree;
}

/**
 * The rate of a polynomial map of degree > 1, from its linear part J = F′(x̄) (interpolated exactly
 * from F on x̄ + t·e_j, t = 0 … degree): if every eigenvalue of J lies inside |z| < ρ, a run that
 * tends to x̄ does so faster than ρᵏ. Whether the run tends to x̄ is floating point's judgement
 * (`converged`), as for the converges criterion. An eigenvalue of modulus ρ or more leaves the run
 * undecided: almost every run then breaks the rate, but a given start may not.
 */
export function rateOfPolynomialMap(
  step: (x: Q.Rational[]) => Q.Rational[] | undefined,
  to: Q.Rational[],
  rho: ClaimedRate,
  degree: number,
  converged: boolean,
): RateDecision {
  const n = to.length;
  const image = step(to);
  if (!image) return undefined;
  if (image.some((q, i) => !Q.eq(q, to[i]!))) return notFixed(image);
  const below = 'n' in rho ? rho : 'between' in rho ? rho.between[0] : undefined;
  if (!below || Q.sign(below) <= 0) return undefined;
  const weights = derivativeWeights(degree);
  const columns: Q.Rational[][] = [];
  for (let j = 0; j < n; j++) {
    let column = to.map(() => Q.ZERO);
    for (let k = 0; k <= degree; k++) {
      const value = k === 0 ? image : step(to.map((q, i) => (i === j ? Q.add(q, Q.rat(BigInt(k))) : q)));
      if (!value) return undefined;
      column = column.map((c, i) => Q.add(c, Q.mul(weights[k]!, value[i]!)));
    }
    columns.push(column);
  }
  const characteristic = rationalCharacteristicPolynomial(
    to.flatMap((_, i) => columns.map((c) => c[i]!)),
    n,
  );
  if (!converged || !P.insideDisk(characteristic, below)) return undefined;
  return {
    met: true,
    summary: `in exact arithmetic the eigenvalues of the map's linear part at the point (the roots of ${polynomialText(characteristic)}) have modulus below ${'n' in rho ? `ρ = ${Q.ratText(rho)}` : `${Q.ratText(below)} < ρ`}, and the run tends to the point, so ‖xₖ − x̄‖/ρᵏ → 0`,
  };
}

/** w_k = L_k′(0) for the Lagrange basis on the nodes 0 … d: p′(0) = Σ w_k p(k) for every polynomial p of degree ≤ d. */
function derivativeWeights(d: number): Q.Rational[] {
  return Array.from({ length: d + 1 }, (_, k) => {
    if (k === 0) {
      let h = Q.ZERO;
      for (let m = 1; m <= d; m++) h = Q.sub(h, Q.rat(1n, BigInt(m)));
      return h;
    }
    // Only the factor t/k is differentiated: every other term keeps the factor t, 0 at t = 0.
    let w = Q.rat(1n, BigInt(k));
    for (let l = 1; l <= d; l++) if (l !== k) w = Q.mul(w, Q.div(Q.rat(BigInt(-l)), Q.rat(BigInt(k - l))));
    return w;
  });
}

const notFixed = (image: Q.Rational[]): RateDecision => ({
  met: false,
  summary: `in exact arithmetic the point is no fixed point of the map (it is sent to ${vectorText(image)}), so no run tends to it while ρᵏ → 0`,
});

export type RateDecision = { met: true; summary: string } | { met: false; summary: string } | undefined;

/** The claimed rate: a rational, or the spectral radius of a rational matrix (n×n, row by row). */
export type ClaimedRate = Q.Rational | { spectralRadiusOf: Q.Rational[] } | { between: [Q.Rational, Q.Rational] };

/**
 * The decision for one run: `step` applies the map once to a state, exactly (undefined where it
 * cannot); `to` is x̄, `x0` the start, `rho` the claimed rate.
 */
export function rateOfAffineMap(
  step: (x: Q.Rational[]) => Q.Rational[] | undefined,
  to: Q.Rational[],
  x0: Q.Rational[],
  rho: ClaimedRate,
): RateDecision {
  if (('n' in rho && Q.sign(rho) <= 0) || ('between' in rho && Q.sign(rho.between[0]) <= 0)) return undefined;
  const n = to.length;
  const image = step(to);
  if (!image) return undefined;
  if (image.some((q, i) => !Q.eq(q, to[i]!))) return notFixed(image);
  // The linear part, column by column: M e_j = F(x̄ + e_j) − F(x̄).
  const columns: Q.Rational[][] = [];
  for (let j = 0; j < n; j++) {
    const moved = step(to.map((q, i) => (i === j ? Q.add(q, Q.ONE) : q)));
    if (!moved) return undefined;
    columns.push(moved.map((q, i) => Q.sub(q, image[i]!)));
  }
  const apply = (v: Q.Rational[]) =>
    to.map((_, i) => columns.reduce((s, c, j) => Q.add(s, Q.mul(c[i]!, v[j]!)), Q.ZERO));
  const v = x0.map((q, i) => Q.sub(q, to[i]!));
  if (v.every(Q.isZero)) return { met: true, summary: 'the run starts at the fixed point and stays there' };
  const m = minimalPolynomial(v, apply);
  const excited = `the eigenvalues the start excites (the roots of ${polynomialText(m)})`;
  if ('n' in rho) return againstCircle(m, rho, excited);
  if ('between' in rho) {
    // ρ known between two rationals: decided where m's roots lie inside the lower one or beyond the upper one.
    const [lo, hi] = rho.between;
    if (P.insideDisk(m, lo))
      return {
        met: true,
        summary: `in exact arithmetic ${excited} have modulus below ${Q.ratText(lo)} < ρ, so ‖xₖ − x̄‖/ρᵏ → 0`,
      };
    if (P.someRootBeyond(m, hi))
      return {
        met: false,
        summary: `in exact arithmetic one of ${excited} has modulus above ${Q.ratText(hi)} > ρ, so ‖xₖ − x̄‖/ρᵏ grows without bound`,
      };
    return undefined;
  }
  const linearPart = to.flatMap((_, i) => columns.map((c) => c[i]!));
  return linearPart.length === rho.spectralRadiusOf.length &&
    linearPart.every((q, k) => Q.eq(q, rho.spectralRadiusOf[k]!))
    ? againstOwnRadius(m, linearPart, n)
    : undefined;
}

/** m's roots against the circle |z| = ρ, ρ rational. */
function againstCircle(m: P.RationalPolynomial, rho: Q.Rational, excited: string): RateDecision {
  const rhoText = Q.ratText(rho);
  if (P.insideDisk(m, rho))
    return {
      met: true,
      summary: `in exact arithmetic ${excited} have modulus below ρ = ${rhoText}, so ‖xₖ − x̄‖/ρᵏ → 0`,
    };
  const repeated = P.gcd(m, P.derivative(m));
  if (P.degree(repeated) > 0 && P.distinctRootsOnCircle(repeated, rho) > 0) {
    return {
      met: false,
      summary: `in exact arithmetic one of ${excited} has modulus ρ = ${rhoText} and is repeated, so ‖xₖ − x̄‖ grows like k·ρᵏ`,
    };
  }
  if (P.someRootBeyond(m, rho))
    return {
      met: false,
      summary: `in exact arithmetic one of ${excited} has modulus above ρ = ${rhoText}, so ‖xₖ − x̄‖/ρᵏ grows without bound`,
    };
  return {
    met: true,
    summary: `in exact arithmetic ${excited} have modulus below ρ = ${rhoText}, or equal to it and simple, so ‖xₖ − x̄‖/ρᵏ stays bounded`,
  };
}

/**
 * m's roots against the spectral radius of the map's own linear part M: they are eigenvalues of M,
 * so none lies beyond it, and the ratio is bounded unless a repeated one lies on it. A repeated
 * rational root λ lies on it when no eigenvalue of M lies beyond |λ|.
 */
function againstOwnRadius(m: P.RationalPolynomial, linearPart: Q.Rational[], n: number): RateDecision {
  const roots = `the roots of ${polynomialText(m)}`;
  const repeated = P.squarefree(P.gcd(m, P.derivative(m)));
  if (P.degree(repeated) <= 0)
    return {
      met: true,
      summary: `in exact arithmetic the eigenvalues the start excites (${roots}) are simple, and none has modulus above ρ, the spectral radius of the map's linear part: ‖xₖ − x̄‖/ρᵏ stays bounded`,
    };
  if (P.degree(repeated) > 1) return undefined;
  const lambda = Q.neg(repeated[0]!);
  const modulus = Q.sign(lambda) < 0 ? Q.neg(lambda) : lambda;
  const characteristic = rationalCharacteristicPolynomial(linearPart, n);
  const beyond = Q.isZero(modulus)
    ? characteristic.slice(0, n).some((c) => !Q.isZero(c))
    : P.someRootBeyond(characteristic, modulus);
  if (beyond)
    return {
      met: true,
      summary: `in exact arithmetic the repeated root ${Q.ratText(lambda)} of ${roots} lies inside the spectral radius ρ of the map's linear part and the other roots are simple: ‖xₖ − x̄‖/ρᵏ stays bounded`,
    };
  return {
    met: false,
    summary: `in exact arithmetic the spectral radius of the map's linear part is |${Q.ratText(lambda)}|, a repeated root of ${roots}: ‖xₖ − x̄‖ grows like k·ρᵏ`,
  };
}

/** The monic minimal polynomial of v under the linear map, lowest degree first. */
function minimalPolynomial(v: Q.Rational[], apply: (v: Q.Rational[]) => Q.Rational[]): Q.Rational[] {
  const krylov: Q.Rational[][] = [v];
  for (;;) {
    const next = apply(krylov[krylov.length - 1]!);
    const c = solve(krylov, next);
    if (c) return [...c.map(Q.neg), Q.ONE];
    krylov.push(next);
  }
}

/** Coefficients c with Σ cᵢ·basis[i] = target, or undefined when target is outside their span (exact elimination). */
function solve(basis: Q.Rational[][], target: Q.Rational[]): Q.Rational[] | undefined {
  const n = target.length;
  const k = basis.length;
  const rows = Array.from({ length: n }, (_, i) => [...basis.map((b) => b[i]!), target[i]!]);
  const pivots: number[] = [];
  let r = 0;
  for (let col = 0; col < k && r < n; col++) {
    const p = rows.findIndex((row, i) => i >= r && !Q.isZero(row[col]!));
    if (p < 0) return undefined;
    [rows[r], rows[p]] = [rows[p]!, rows[r]!];
    const pivot = rows[r]!;
    for (let i = 0; i < n; i++) {
      if (i === r || Q.isZero(rows[i]![col]!)) continue;
      const f = Q.div(rows[i]![col]!, pivot[col]!);
      rows[i] = rows[i]!.map((x, j) => Q.sub(x, Q.mul(f, pivot[j]!)));
    }
    pivots.push(col);
    r++;
  }
  // The basis is independent (Krylov vectors before the first dependence): a pivot in every column.
  if (pivots.length < k) return undefined;
  for (let i = r; i < n; i++) if (!Q.isZero(rows[i]![k]!)) return undefined;
  return pivots.map((_, i) => Q.div(rows[i]![k]!, rows[i]![i]!));
}

const vectorText = (x: Q.Rational[]) => (x.length === 1 ? Q.ratText(x[0]!) : `(${x.map(Q.ratText).join(', ')})`);

function polynomialText(p: Q.Rational[]): string {
  const terms: string[] = [];
  for (let j = p.length - 1; j >= 0; j--) {
    const c = p[j]!;
    if (Q.isZero(c)) continue;
    const power = j === 0 ? '' : j === 1 ? 'z' : `z^${j}`;
    const magnitude = Q.ratText(Q.sign(c) < 0 ? Q.neg(c) : c);
    const body = power && magnitude === '1' ? power : power ? `${magnitude}·${power}` : magnitude;
    terms.push(terms.length === 0 ? (Q.sign(c) < 0 ? `−${body}` : body) : `${Q.sign(c) < 0 ? '−' : '+'} ${body}`);
  }
  return terms.join(' ');
}
