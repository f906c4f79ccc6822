/**
 * How a check was decided, as data: the check stage records what it did, the verdict stage merges
 * records by their method, and the writers (terminal, JSON, JUnit, report) format them with
 * `decisionText` (model/decision-text.ts). No stage reads another's sentences.
 */

/** What the sign prover found of left − right on the declared domains. */
export type ProvedSign = 'positive' | 'negative' | 'non-negative' | 'non-positive' | 'zero';

/** Where a threshold's refutation was certified. */
export type ThresholdProbe =
  /** just below and just above the claimed value */
  | 'beside-claimed'
  /** at the claimed value and at both ends of the range */
  | 'claimed-and-ends'
  /** at the claimed value and, exactly, where a comparison touches its boundary */
  | 'touching-point'
  /** the condition's comparisons at the claimed value, exactly */
  | 'claimed-exactly'
  /** at the claimed value and at a point beyond it */
  | 'beyond-claimed'
  /** a bisection whose bracket ends were certified */
  | 'bisection';

export type Decision =
  /** The derivation's structure alone differs from the claim (a shape, a count of entries). */
  | { method: 'symbolic-structure' }
  | { method: 'symbolic-derivation' }
  /** nerdamer's zero of the difference, checked by certified evaluation at points. */
  | { method: 'checked-symbolic-zero'; points: number; exactPoints: number }
  /** Exact agreement at random points, with the Schwartz–Zippel bound on a false agreement. */
  | {
      method: 'schwartz-zippel';
      points: number;
      /** Every value of the integer symbols was tried. */
      everyInteger: boolean;
      /** The bound on one point's agreeing by chance. */
      perPoint: number;
      /** log₁₀ of the bound on all agreeing (−Infinity when perPoint is 0). */
      exponent: number;
    }
  | { method: 'certified-agreement'; agreeing: number; points: number; exactPoints: number }
  | {
      method: 'float-agreement';
      compared: number;
      points: number;
      special: number;
      worstError: number;
      /** The points not compared disagree by floating point's own rounding (the identity proved exactly). */
      restRounding: boolean;
    }
  /** A counterexample certified exactly or by enclosures that exclude what separates the sides. */
  | { method: 'certified-counterexample'; excludes: 'zero' | 'the boundary' }
  | { method: 'certified-threshold'; probe: ThresholdProbe }
  | { method: 'sign-proof'; difference: string; differenceTex: string; sign: ProvedSign }
  /** Instances of a condition check; `decided` is set when some were left undecided. */
  | { method: 'instances'; instances: number; special: number; seed: number; decided?: number }
  | { method: 'witness'; instance: number }
  /** A run starting where the field vanishes exactly: an equilibrium. */
  | { method: 'equilibrium-start'; run: number; runs: number }
  /** An exact run from a start no draw meets: where the map is not smooth, or a simple rational of the start range. */
  | { method: 'exceptional-start'; start: string; flow: boolean }
  /** A run repeated in exact rational arithmetic; `atEdge` when floating point met the criterion only at its edge. */
  | { method: 'exact-run'; run: number; runs: number; atEdge: boolean }
  /** A run's rate decided exactly from the map's linear part, against what floating point saw. */
  | { method: 'exact-rate-run'; run: number; runs: number; steps: number }
  | { method: 'simulation'; runs: number; steps: number; seed: number }
  /** Every run's rate decided exactly for all k; `fromMinimalPolynomial` for a linear map. */
  | { method: 'exact-rate'; runs: number; seed: number; fromMinimalPolynomial: boolean }
  | { method: 'threshold-switch'; certified: number; decided: number; undecided: number }
  /** The size case a refutation was found in. */
  | { method: 'size-case'; label: string }
  | { method: 'size-cases'; cases: number; first: string; last: string; instances: number };

/** Records that count one size case's instances: the merge over size cases replaces them by one `size-cases` record. */
export function countsInstances(d: Decision): boolean {
  return d.method === 'instances';
}
