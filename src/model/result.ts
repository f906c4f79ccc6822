/** What the derive, check and verdict stages produce: plain data, rendered by the report. */
import type { Diagnostic } from './source';
import type { ExpectedVerdict, Verdict } from './claim';
import type { Decision } from './decision';

/** A named value at a point, for counterexamples: `value` is plain text, `tex` LaTeX. */
export interface PointValue {
  name: string;
  tex: string;
  value: string;
}

export interface Counterexample {
  /** The inputs at which the claim fails. */
  point: PointValue[];
  /** What the derivation gives there and what the claim says, in LaTeX. */
  derivedTex: string;
  claimedTex: string;
  /** One line saying how it fails (error size, which side of an iff). */
  detail: string;
  seed: number;
  /** Index of the instance in the check's sequence (special points first), so the run can be replayed. */
  instance: number;
  /** True when decided in exact rational arithmetic rather than floating point. */
  exact: boolean;
}

export interface NumericEvidence {
  instances: number;
  /** How many of them were edge cases or special points rather than generic draws. */
  special: number;
  seed: number;
  worstError?: number;
  tolerance?: number;
  /** For iff / implies checks: how many instances fell on each side. */
  sides?: Record<string, number>;
  /** How often each drawn structure occurred (matrix classes, distances to a threshold). */
  coverage?: Record<string, number>;
  /** Instances too close to a strict boundary for floating point, decided exactly instead. */
  exactlyDecided?: number;
  note?: string;
}

export interface SymbolicEvidence {
  derivedTex: string;
  claimedTex: string;
  /** What nerdamer said of derived − claimed: it is a hint only, never the decider on its own. */
  simplifiesToZero: boolean | 'timeout' | 'not-tried';
  note?: string;
}

interface CheckBase {
  kind: string;
  label: string;
  /** The checked statement in LaTeX. */
  claimTex: string;
  symbolic?: SymbolicEvidence;
  numeric?: NumericEvidence;
  /** The methods that decided the status, as records (formatted by model/decision-text.ts). */
  decidedBy: Decision[];
  ms: number;
}

/** An exact argument: a checked symbolic zero, a sign proof, exact evaluation with its bound. */
export interface ProvedCheck extends CheckBase {
  status: 'proved';
  reason?: string;
  counterexample?: never;
  witness?: never;
}

/** Every instance that counts decided with certainty. */
export interface VerifiedCheck extends CheckBase {
  status: 'verified';
  /** For an existence claim: an instance where it holds. */
  witness?: Counterexample;
  /** What the verification leaves open (roots with no identity bound, say). */
  reason?: string;
  counterexample?: never;
}

/** A certified counterexample. */
export interface RefutedCheck extends CheckBase {
  status: 'refuted';
  counterexample: Counterexample;
  reason?: string;
  witness?: never;
}

/** Nothing certain was checked: the reason says why. */
export interface UncheckedCheck extends CheckBase {
  status: 'not-checked';
  reason: string;
  counterexample?: never;
  witness?: never;
}

/** A check's outcome: its status decides which evidence it must carry. */
export type CheckResult = ProvedCheck | VerifiedCheck | RefutedCheck | UncheckedCheck;

export interface DerivedStep {
  name: string;
  /** The name as the report typesets it (its latex: or the default form). */
  nameTex: string;
  kind: string;
  /** The step in LaTeX, e.g. J = \partial v/\partial(\theta,\psi)|_0 = \begin{pmatrix}…\end{pmatrix}. */
  tex: string;
  notes: string[];
}

export interface Derivation {
  model: Array<{ name: string; tex: string }>;
  steps: DerivedStep[];
  notes: string[];
}

export interface ClaimTimings {
  deriveMs: number;
  checkMs: number;
}

export interface ClaimResult {
  id: string;
  file: string;
  line: number;
  title: string;
  verdict: Verdict;
  expected?: ExpectedVerdict;
  /** The claim's verdict equals its expected verdict: the regression-testing signal. */
  asExpected: boolean;
  /** Why not checked, or the error message. */
  reason?: string;
  checks: CheckResult[];
  figures?: FigureData[];
  derivation?: Derivation;
  errors: Diagnostic[];
  timings: ClaimTimings;
  /** Reused from the cache (unchanged claim, same seed, count and tool). */
  cached?: boolean;
  /** Not checked for a reason of this run, not of the claim (a time limit, a worker that stopped): never cached. */
  interrupted?: true;
}

/** A figure as data (computed with the checks, drawn as SVG by the render stage). */
export interface FigureData {
  kind: string;
  title: string;
  /** Text alternative: what the figure shows, for screen readers and print. */
  alt: string;
  caption?: string;
  xLabel: string;
  yLabel: string;
  /** Plot window; equal scales on both axes when `square`. */
  x: [number, number];
  y: [number, number];
  square?: boolean;
  series: FigureSeries[];
  circles?: Array<{ cx: number; cy: number; r: number; label?: string }>;
  vlines?: Array<{ x: number; label: string }>;
  hlines?: Array<{ y: number; label: string }>;
}

export interface FigureSeries {
  label: string;
  style: 'points' | 'line' | 'arrows';
  /** For arrows: [x, y, dx, dy] quadruples; otherwise [x, y] pairs. */
  data: number[][];
}
