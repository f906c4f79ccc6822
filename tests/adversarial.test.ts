/**
 * The adversarial suite: claims built to fool a checker (tests/adversarial/*.md, one file per
 * class), each with the verdict an honest, careful checker must give (its `expect:`). The whole
 * folder is checked once (workers: 0, seed 1, 2000 instances unless a claim sets its own), then
 * every claim gets its own test:
 *
 *   "<id>: honest verdict"
 *     - a true claim is never refuted;
 *     - a false claim is never proved or verified;
 *     - the verdict is the expected one, or one of its listed alternatives (ALTERNATIVES below;
 *       for a true claim expected `verified`, `proved` is always acceptable too).
 *     So a claim expected `refuted` with no alternatives must be refuted.
 *   "<id>: certified counterexample" (false claims only)
 *     - when the claim is refuted, every refuted check that carries a counterexample has
 *       `exact === true` (decided in exact arithmetic, not by floating point). A claim that is
 *       not refuted passes this test vacuously: the verdict test is the one that fails then.
 *
 * Truth: `expect: refuted` means false, `proved`/`verified` true; a claim expected `not-checked`
 * says which it is in NOT_CHECKED_TRUTH.
 *
 * tests/adversarial/known-dishonest.json lists what today's code gets wrong, as
 * `{ "<id>": "reason", "<id>#certified": "reason" }`: those tests run as `it.fails`, so CI stays
 * green while they fail, and turns red as soon as one passes — remove the entry then (the list only
 * shrinks). Reasons start with DISHONEST (a false claim proved/verified, a true claim refuted),
 * INCOMPLETE (an honest verdict weaker than the expected one) or UNCERTIFIED (a right refutation
 * decided in floating point).
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { checkCatalogue, loadClaimFiles, type RunReport } from '../src/api';
import type { ClaimResult } from '../src/model/result';
import type { Claim, ExpectedVerdict, Verdict } from '../src/model/claim';

const DIR = join(__dirname, 'adversarial');
const KNOWN: Record<string, string> = JSON.parse(readFileSync(join(DIR, 'known-dishonest.json'), 'utf8'));

/**
 * Other verdicts that are honest for a claim, besides its `expect:` (one line each: why).
 * Not listed: `proved` for a true claim expected `verified` (always acceptable, see above).
 */
const ALTERNATIVES: Record<string, Verdict[]> = {
  // 1. float tolerance — true transcendental or algebraic identities: a numeric check can only verify.
  'adv.float.pi-exact': ['verified'], // 4·atan(1) = π: exact symbolically, numerically only verified
  'adv.float.eig-exact': ['verified'], // roots with √: algebraic, may be verified numerically
  'adv.float.trig-exact': ['verified'], // sin² + cos² = 1: transcendental
  // 2. almost nothing compared
  'adv.few.underflow-true': ['verified', 'not-checked'], // both sides underflow: numerically nothing to compare
  'adv.few.sqrt-cancel-true': ['verified'], // algebraic identity
  'adv.few.overflow-factor': ['not-checked'], // both sides overflow: refusing is honest, refuting needs log-space bounds
  'adv.few.overflow-true': ['verified', 'not-checked'], // both sides overflow: numerically nothing to compare
  'adv.few.sin-integer-true': ['verified'], // transcendental at integer multiples of π
  // 3. rewrites — true counterparts may be verified instead of proved.
  'adv.rewrite.sqrt-product-positive': ['verified'], // algebraic
  'adv.rewrite.log-square-positive': ['verified'], // transcendental
  'adv.rewrite.log-abs-square': ['verified'], // transcendental
  'adv.rewrite.log-reciprocal-positive': ['verified'], // transcendental
  'adv.rewrite.sqrt-square-abs': ['verified'], // algebraic
  'adv.rewrite.sqrt-square-nonneg': ['verified'], // algebraic
  'adv.rewrite.power-of-power-positive': ['verified'], // transcendental (real powers)
  'adv.rewrite.fourth-root-abs': ['verified'], // algebraic
  'adv.rewrite.abs-derivative': ['verified'], // |x|/x: algebraic, nonsmooth at the excluded 0
  // 4. Taylor order — an expectation of a general f needs every order: refusing (the tool reports the
  // refusal as a claim error) or refuting with a polynomial f are both honest.
  'adv.taylor.plain-expectation': ['refuted', 'error'],
  'adv.taylor.richardson-order1': ['refuted', 'error'],
  'adv.taylor.richardson-order2': ['refuted', 'error'],
  'adv.taylor.hermite-weight': ['refuted', 'error'],
  'adv.taylor.order4-declared': ['refuted', 'error'],
  'adv.taylor.shifted-let': ['refuted', 'error'],
  'adv.taylor.derivative-at-one': ['refuted', 'error'],
  'adv.taylor.fourth-derivative-at-zero': ['not-checked', 'error'], // exact value 3σ⁴f''''(0), but above the declared order
  // The same in combinations that annihilate every polynomial the truncation keeps (a seventh
  // difference, a stencil cancelling the moments through the sixth): refused, or refuted.
  'adv.rev.taylor-seventh-difference': ['refuted', 'error'],
  'adv.rev.taylor-eighth-moment-stencil': ['refuted', 'error'],
  'adv.trunc.tenth-difference': ['refuted', 'error'],
  'adv.trunc.model-in-holds': ['refuted', 'error'],
  'adv.taylor.second-derivative-at-zero': ['verified'], // exact at truncation order 2
  'adv.taylor.noise-jacobian': ['verified'], // exact at truncation order 2
  'adv.taylor.symmetric-difference': ['verified', 'not-checked', 'error'], // true for every f, but needs every order
  'adv.taylor.stein': ['verified', 'not-checked', 'error'], // true for every f, but needs every order
  // 5. coarse grid — false only where no draw lands: finding the point needs solving the boundary.
  'adv.grid.narrow-0.7': ['not-checked'],
  'adv.grid.narrow-pi-quarter': ['not-checked'],
  'adv.grid.narrow-third': ['not-checked'],
  'adv.grid.between-grid-cos': ['not-checked'],
  'adv.grid.line-sqrt2': ['not-checked'],
  'adv.grid.disc-near-point': ['not-checked'],
  'adv.grid.integer-needle': ['not-checked'],
  'adv.grid.subgrid-range': ['not-checked'],
  'adv.grid.measure-zero-pi': ['not-checked'],
  'adv.rev.nonzero-sqrt2': ['not-checked'], // fails only at an irrational point: shown to fail, but not at an exact point
  'adv.rev.nonzero-sin-product': ['not-checked'],
  'adv.grid.narrow-implies': ['not-checked'],
  'adv.grid.narrow-iff': ['not-checked'],
  'adv.grid.exists-narrow': ['not-checked'], // no draw is a witness
  // 6. boundary
  'adv.bound.nilpotent-line-5': ['not-checked'], // the line meets no edge point
  'adv.bound.psd-det-trace-sampled': ['not-checked'], // nearly singular float matrices: deciding needs exact 2×2 arithmetic
  // 9. quadrature — numeric integrals cannot be certified to 1e-9 by sampling the integrand.
  'adv.quad.narrow-peak-bound': ['not-checked'],
  'adv.quad.narrow-dip-positive': ['not-checked'],
  'adv.quad.off-by-1e-12': ['not-checked'],
  'adv.quad.narrow-normal-mass': ['not-checked'],
  'adv.quad.narrow-hat-mass': ['not-checked'],
  'adv.quad.narrow-hat-split': ['not-checked'],
  'adv.quad.oscillatory': ['not-checked'],
  'adv.quad.step-inside': ['not-checked'],
  'adv.quad.abs-kink': ['not-checked'],
  'adv.quad.gaussian-tail-strict': ['not-checked'], // margin below rounding for large c
  'adv.quad.two-narrow-peaks-equal': ['not-checked'],
  // 10. thresholds
  'adv.thr.several-switches': ['not-checked'], // not a single switch: refusing is honest
  'adv.thr.tiny-scale-true': ['not-checked'], // every comparison below absolute rounding
  'adv.thr.tiny-scale-false': ['not-checked'], // every comparison below absolute rounding
  // 11. true identities that floating point refutes
  'adv.fp.square-expansion-derived': ['verified'],
  'adv.fp.cosh-sinh-holds': ['not-checked'], // transcendental equality at every instance: only a symbolic argument decides
  'adv.fp.cosh-sinh-equal': ['verified', 'not-checked'], // transcendental
  'adv.fp.expm1-ratio': ['not-checked'], // margin 5e-17 relative: needs multi-precision intervals
  'adv.fp.log-series-tiny': ['not-checked'], // margin 3e-16: needs multi-precision intervals
  'adv.fp.one-minus-cos-tiny': ['verified', 'not-checked'], // transcendental, catastrophic cancellation
  // 13. other tricks
  'adv.misc.rotation-radius-le1': ['not-checked'], // radius exactly 1 with transcendental entries
  'adv.misc.iff-one-point-offgrid': ['not-checked'], // false at one non-grid point
  'adv.misc.implies-premise-offgrid': ['not-checked'], // premise never holds on the draws
  'adv.misc.implies-premise-never-drawn': ['verified', 'proved'], // true; a symbolic checker can decide it
  'adv.misc.exists-irrational-witness': ['not-checked'], // the witness √2 is never drawn
  'adv.misc.exists-absorbed-witness': ['refuted'], // false existence: refutable symbolically
  'adv.misc.exists-tolerance-witness': ['refuted'], // false existence: refutable symbolically
  // 14. hostile review
  'adv.rev.close-ne-holds': ['not-checked'], // differences below 1e-60 at x near 2: beyond the precision budget of a check
  'adv.rev.close-iff': ['not-checked'], // as close-ne-holds
  'adv.rev.close-exists': ['not-checked'], // false existence: no instance refutes an existence claim
  'adv.rev.jordan3-radius-le1': ['not-checked'], // ρ = 1 exactly at a defective eigenvalue: no exact test decides ≤ 1 there
  'adv.rev.pd11-tolerance': ['not-checked'], // 11×11, an eigenvalue 1e-11: floating point cannot tell, exact definiteness stops at 10×10
  'adv.rev.signchanges-tiny-scale': ['not-checked'], // a grid count is only a lower bound: the count's upper side has no certificate
  'adv.rev.signchanges-close-roots': ['not-checked'], // as above
  'adv.rev.maxover-narrow-peak': ['not-checked'], // the peak between grid points is beyond a witness; the bound direction holds true
  'adv.rev.flow-rk4-true-conserves': ['not-checked'], // RK4 at dt and dt/2 disagree: the integrator, not the ODE, decides
  'adv.rev.flow-rk4-false-conserves': ['not-checked'], // as above
  'adv.rev.dyn-some-fixed': ['not-checked'], // true existence: random starts miss the fixed point, which proves nothing
  'adv.rev.let-log-square-true': ['proved'], // true: the substitution kept as written is an exact identity
  'adv.rev.jacobian-at-log': ['proved'], // true
  'adv.rev.diff-offdomain-true': ['proved'], // true
  // 17. hostile review of the verdicts
  'adv.h17.taylor-at-one-second-difference': ['error'], // needs every order of f about 1: refusing is honest
  'adv.h17.taylor-roots-of-unity': ['error', 'not-checked'], // needs every order (a multiple of 12): refusing is honest
  'adv.h17.narrow-square-dip': ['not-checked'], // fails only off the draws' grid: refusing is honest, refuting needs the point 1.41421356237
  'adv.h17.narrow-quadratic-expanded': ['not-checked'], // as narrow-square-dip
  'adv.h17.triangle-equality-bump': ['not-checked'], // equal except on an interval of width 2e-9: absolute values have no identity bound
  'adv.h17.triangle-equality-bump-holds': ['not-checked'], // as triangle-equality-bump
  'adv.h17.exists-close-to-sqrt2': ['not-checked'], // the witnesses lie within 3e-18 of √2: none is drawn
  'adv.h17.exists-underflow-product': ['refuted'], // false existence: refutable exactly
  'adv.h17.exists-open-ends': ['refuted'], // false existence: refutable exactly
  'adv.h17.exists-special-outside-domain': ['refuted'], // false existence: refutable exactly
  'adv.h17.flow-logistic-equilibrium': ['not-checked'], // RK4 is a numerical method
  'adv.h17.generator-null-direction-weak': ['not-checked'], // max re = 0 exactly, attained: a root on the axis leaves Routh–Hurwitz undecided
  'adv.h17.integral-inverse-sqrt': ['not-checked'], // an unbounded integrand: a rigorous enclosure may not close
  'adv.h17.integral-log-end': ['not-checked'], // as integral-inverse-sqrt
  'adv.h17.integral-peak-large': ['not-checked'], // a peak of height 1e8: a rigorous enclosure may stay wide
  'adv.h17.integral-peak-small': ['not-checked'], // as integral-peak-large
  'adv.h17.integral-tail-below-one': ['not-checked'], // margin e^{−c} ≤ 4e-18: beyond the enclosures of a quadrature
  'adv.h17.integral-tail-equals-one': ['not-checked'], // as integral-tail-below-one
  'adv.h17.integral-polynomial-offset': ['not-checked'], // an offset of 1e-20: beyond the enclosures of a quadrature
  'adv.h17.integral-odd-moment': ['not-checked'], // two halves of opposite sign: the enclosure of their sum contains 0 but is no proof
  'adv.h17.thr-altgd-unit-radius': ['not-checked'], // ρ = 1 exactly on the whole of [0, 2]
  'adv.h17.logcosh-gap': ['not-checked'], // margin e^{−1400}: beyond 150 digits
  'adv.h17.shift-abscissa-equal': ['not-checked'], // a 3×3 spectrum off by 1e-12: refuting needs the exact characteristic polynomial
  'adv.h17.cycle-radius-equal': ['not-checked'], // as shift-abscissa-equal
  // 18. third hostile review
  'adv.h18.taylor-nested-define-odd': ['error'], // needs every order of f: refusing is honest
  'adv.h18.taylor-third-difference': ['error'], // needs every order of f: refusing is honest
  'adv.h18.solve-nonnegative-coefficient': ['error'], // the coefficient may vanish: refusing the derivation is honest
  'adv.h18.solve-square-coefficient': ['error'], // as solve-nonnegative-coefficient
  'adv.h18.signchanges-cubic-three': ['not-checked'], // a grid count is only a lower bound: the upper side has no certificate
  'adv.h18.signchanges-touch-zero': ['not-checked'], // as signchanges-cubic-three
  'adv.h18.implies-product-one-positive': ['verified', 'proved'], // true; the premise holds on a curve the draws rarely meet
  'adv.h18.exists-half-open-end': ['refuted'], // false existence: refutable exactly
  'adv.h18.exists-float-witness': ['refuted'], // false existence: refutable exactly
  'adv.h18.exists-contraction-radius': ['refuted'], // false existence: refutable from the sampler's construction
  'adv.h18.exists-near-minimum-shifted': ['refuted'], // false existence: refutable by a certified minimum
  'adv.h18.some-run-diverges-contraction': ['refuted'], // false existence: refutable exactly (|x_50| = 2^-50 |x_0|)
  'adv.h18.integral-odd-positive': ['refuted'], // the integral is exactly 0: a symbolic argument refutes
  'adv.h18.unit-circle-strict': ['refuted'], // |e^{ix}| = 1 exactly: a symbolic argument refutes
  'adv.h18.pythagoras-strict': ['refuted'], // sin² + cos² = 1 exactly: a symbolic argument refutes
  'adv.h18.maxover-sine-below-one': ['refuted'], // the maximum is 1: a symbolic argument refutes
  'adv.h18.atan-branch-narrow-equal': ['not-checked'], // fails only within 1e-9 of x = a: refusing is honest, refuting needs the point x = a
  'adv.h18.atan-branch-narrow-holds': ['not-checked'], // as atan-branch-narrow-equal
  'adv.h18.exists-special-outside-integer-range': ['refuted'], // false existence: refutable exactly
  'adv.h18.exists-special-outside-range': ['refuted'], // false existence: refutable exactly
  'adv.h18.exp-log-shift-tiny': ['not-checked'], // off by 1e-200: beyond the enclosures' precision, refusing is honest
  'adv.h18.pythagoras-shift-tiny': ['not-checked'], // as exp-log-shift-tiny
  'adv.h18.pythagoras-shift-tiny-holds': ['not-checked'], // as exp-log-shift-tiny
  'adv.h18.close-equality-premise': ['verified', 'proved'], // true; a symbolic argument decides it
  'adv.h18.close-equality-iff': ['verified', 'proved'], // true; a symbolic argument decides it
  'adv.h18.close-equality-negated': ['verified', 'proved'], // true; a symbolic argument decides it
  'adv.h18.close-equality-when': ['verified'], // true (vacuously); a symbolic argument decides the premise
  // 20. fourth hostile review
  'adv.h20.atom-sqrt-exp': ['not-checked'], // transcendental equality with no exact form: agreement to 150 digits decides nothing
  'adv.h20.softplus-odd-part': ['not-checked'], // as atom-sqrt-exp
  'adv.h20.mirror-step-logit': ['not-checked'], // as atom-sqrt-exp
  'adv.h20.grid-max-logistic-le': ['not-checked'], // the bound is attained: a grid's maximum equal to it is not certified
  'adv.h20.grid-min-shifted-peak-ge': ['not-checked'], // as grid-max-logistic-le
  'adv.h20.grid-max-sine-le-one': ['not-checked'], // as grid-max-logistic-le
  'adv.h20.grid-max-sine-ge-one': ['not-checked'], // the witness π/2 is irrational: no grid point reaches 1
  'adv.h20.grid-signchanges-double-root': ['not-checked'], // a grid count has no certificate from above
  'adv.h20.iff-sqrt-exact': ['not-checked'], // both sides hold only at √2, which no instance is
  'adv.h20.implies-close-squares': ['not-checked'], // the premise holds on a band thinner than the draws
  'adv.h20.thin-premise-square-true': ['not-checked'], // as implies-close-squares
  'adv.h20.implies-close-squares-tight': ['not-checked'], // false only near the corners of a band no draw reaches
  'adv.h20.thin-premise-square': ['not-checked'], // as implies-close-squares-tight
  'adv.h20.thin-premise-cubes': ['not-checked'], // as implies-close-squares-tight
  'adv.h20.int-pythagorean-large': ['not-checked'], // 4 of 39 601 combinations fail: a sign change shows only that some may
  'adv.h20.int-implies-pythagorean': ['not-checked'], // as int-pythagorean-large
  'adv.h20.int-three-pythagorean': ['not-checked'], // as int-pythagorean-large
  'adv.h20.int-mixed-rational': ['not-checked'], // as int-pythagorean-large
  'adv.h20.int-near-double-root': ['not-checked'], // as int-pythagorean-large
  'adv.h20.int-square-ratio': ['not-checked'], // true, but only a proof excludes an integer point on the zero set
  'adv.h20.int-sum-of-squares-mod4': ['not-checked'], // as int-square-ratio
  'adv.h20.newton-sqrt2-decimal': ['not-checked'], // the exact repetition of Newton's run outgrows its budget
  'adv.h20.rate-polynomial-on-radius': ['not-checked'], // a nonlinear map whose linear part sits on ρ: no exact decision
  'adv.h20.rate-polynomial-below-radius': ['not-checked'], // as rate-polynomial-on-radius
  'adv.h20.thr-log2': ['not-checked'], // e^{log 2} = 2 is beyond the exact arithmetic of atoms
  'adv.h20.solve-difference-coefficient': ['error'], // a coefficient of either sign: refusing the derivation is honest
  'adv.h20.solve-quadratic-nonnegative-a': ['error'], // as solve-difference-coefficient
  // 21. fifth hostile review
  'adv.h21.alias-derivative': ['not-checked'], // nerdamer's derivative of a 2·10⁸π-periodic term fails its numeric check: refusing is honest
  'adv.h21.alias-derivative-true': ['not-checked'], // as alias-derivative
  'adv.h21.wgan-critic-max': ['not-checked'], // the bound is attained at the grid's end: a grid's maximum equal to it is not certified
  'adv.h21.im-sqrt-complex-sign-nonzero': ['not-checked'], // nested radicals of a complex modulus: an equality with no exact form here
  'adv.h21.re-sqrt-complex': ['not-checked'], // as im-sqrt-complex-sign-nonzero
  'adv.h21.smooth-sin-square': ['not-checked'], // equality along x = y between different trigonometric atoms: undecided there
  'adv.h21.logsumexp-bound': ['not-checked'], // equality along x = y: log(2eˣ) and x + log 2 are different atoms
  'adv.h21.derived-mirror-step-ratio': ['not-checked'], // transcendental equality with no exact form: agreement to 150 digits decides nothing
  'adv.h21.thr-cube-root': ['not-checked'], // 2^{1/3} has no exact form here: whether the switch is at it exactly is undecided
  'adv.h21.rho-max-entry-fixed': ['not-checked'], // a 3×3 spectral radius against a bound written with + 0·x: no certified decision
  'adv.h21.gaussian-underflow-zero': ['not-checked'], // e^{−10³⁰x²} is beyond the certified exponent range: undecided, never refuted by underflow
  'adv.h21.int-pell-large': ['not-checked'], // h of both signs over 10⁶ integer combinations: a point on the zero set may be missed
  'adv.h21.thr-isolated-failure-irrational': ['not-checked'], // the isolated failure is at √2, which no exact instance is
  'adv.h21.implies-on-circle': ['not-checked'], // the premise holds on a circle the draws never meet: refusing is honest
  // 22. sixth review
  'adv.h22.int-exp-param': ['not-checked'], // an equality with a quadrature: interval quadrature cannot certify equality
  'adv.h22.int-abs-param-true': ['not-checked'], // as int-exp-param
  'adv.h22.int-sine-square-integer': ['not-checked'], // as int-exp-param
  'adv.h22.int-lorentz-param': ['not-checked'], // as int-exp-param
  'adv.h22.int-gaussian-mass-param': ['not-checked'], // as int-exp-param
  'adv.h22.int-sine-square-real': ['not-checked'], // false; the quadrature's enclosure at the failing instance is too wide to decide
  'adv.h22.flow-cubic-decay-tight': ['not-checked'], // a flow is integrated numerically, so its failure is no certified counterexample
  'adv.h22.implies-circle-rational-point': ['not-checked'], // the premise holds on a curve no draw meets: refusing is honest
  'adv.h22.exists-near-pi-half': ['not-checked'], // the witnesses lie within 1.4e-10 of the transcendental π/2
  'adv.h22.let-atan-tan': ['not-checked'], // atan(tan 2) against 2 − π: transcendental equality with no exact form
  'adv.h22.window-power-merge-derived': ['not-checked'], // false; a fractional power of a number 10⁻¹⁰ below 0 has no certified form at some points (refuted on seeds 1 and 2)
  'adv.h22.huge-exp-product-off': ['not-checked'], // false; e^{±800} lies beyond the certified exponent range
  // an equation in two real symbols is a curve no draw lands on: its few exact points verify nothing
  'adv.h17.implies-antidiagonal-true': ['not-checked'],
};

/** Claims expected `not-checked`: are they true or false? */
const NOT_CHECKED_TRUTH: Record<string, boolean> = {
  'adv.hostile.ivt-or-form': false,
  'adv.hostile.ivt-not-equal-form': false,
  'adv.hostile.ivt-square-positive': false,
  'adv.hostile.ivt-touching-zero': false,
  'adv.touch.quadratic-expanded-positive': false,
  'adv.touch.sine-touches-minus-one': false,
  'adv.touch.line-of-zeros': false,
  'adv.hostile.ivt-list-element': false,
  'adv.hostile.ivt-implies': false,
  'adv.hostile.ivt-drawn': false,
  'adv.hostile.ivt-iff-sides': false,
  'adv.hostile.ivt-drawn-offset': false,
  'adv.hostile.ivt-nonzero-domain': false,
  'adv.hostile.ivt-vector-component': false,
  'adv.hostile.ivt-matrix-entry': false,
  'adv.hostile.ivt-integer-mix': false,
  'adv.hostile.ivt-integral-jump': false,
  'adv.taylor.plain-expectation': false,
  'adv.taylor.richardson-order1': false,
  'adv.taylor.richardson-order2': false,
  'adv.taylor.hermite-weight': false,
  'adv.taylor.order4-declared': false,
  'adv.taylor.shifted-let': false,
  'adv.taylor.derivative-at-one': false,
  'adv.misc.implies-premise-never-drawn': true,
  'adv.misc.exists-absorbed-witness': false,
  'adv.misc.exists-tolerance-witness': false,
  'adv.h17.exists-underflow-product': false,
  'adv.h17.exists-open-ends': false,
  'adv.h17.exists-special-outside-domain': false,
  'adv.h18.xx-touch-strict': false,
  'adv.h18.two-variable-irrational': false,
  'adv.h18.implies-product-one-positive': true,
  'adv.h18.exists-half-open-end': false,
  'adv.h18.exists-float-witness': false,
  'adv.h18.exists-contraction-radius': false,
  'adv.h18.exists-near-minimum-shifted': false,
  'adv.h18.some-run-diverges-contraction': false,
  'adv.h18.integral-odd-positive': false,
  'adv.h18.sine-below-one': false,
  'adv.h18.maxover-sine-below-one': false,
  'adv.h18.unit-circle-strict': false,
  'adv.h18.pythagoras-strict': false,
  'adv.h18.fourth-power-touching': false,
  'adv.h18.exp-not-one': false,
  'adv.h18.exists-special-outside-integer-range': false,
  'adv.h18.exists-special-outside-range': false,
  'adv.h18.implies-sine-premise': false,
  'adv.h18.close-equality-premise': true,
  'adv.h18.close-equality-iff': true,
  'adv.h18.close-equality-negated': true,
  'adv.h18.close-equality-when': true,
  'adv.h20.touch-lambert': false,
  'adv.h20.exists-double-sqrt2': true,
  'adv.h20.int-mixed-irrational': false,
  'adv.h21.exists-above-sqrt2-double': false,
  'adv.h21.exists-cubic-root': true,
  'adv.h22.dyn-rotation-quarter-diverges': false,
  'adv.h22.dyn-adam-like-sqrt': false,
  'adv.h22.thr-touch-sqrt3': false,
  'adv.h22.exists-float-rounding-square': false,
  'adv.h22.exists-sine-above-one': false,
  'adv.h22.exists-double-root-pair': false,
  'adv.h22.touch-xlogx-strict': false,
  'adv.h22.bigint-square-shifted-exists': false,
  'adv.h22.let-removable-hole': false,
  'adv.h22.diff-abs-at-kink': false,
  'adv.h22.implies-irrational-premise-decimal': false,
  'adv.h22.implies-irrational-premise-true': true,
  'adv.h22.window-cube-root-derived': false,
  'adv.h23.dyn-window-fixed-decimal-sqrt2': false,
  'adv.h23.dyn-sqrt2-decimal-converges': true,
  'adv.h23.dyn-sqrt2-decimal-too-tight': false,
  'adv.h23.dyn-escape-late-quadratic': false,
  'adv.h23.exists-irrational-window-none': false,
  'adv.h23.exists-defective-matrix-shifted': false,
};

interface Entry {
  claim: Claim;
  file: string;
  /** The class: the file's two-digit prefix. */
  cls: string;
  expected: ExpectedVerdict;
  truth: boolean;
  accepted: Verdict[];
}

// Parsed at collection time (cheap, synchronous) so that every claim has its own test.
const documents = loadClaimFiles(DIR);
const entries: Entry[] = [];
const invalid: string[] = [];
for (const doc of documents) {
  for (const part of doc.parts) {
    if (part.type === 'invalid')
      invalid.push(`${doc.file}:${part.line} ${part.id ?? ''}: ${part.diagnostics.map((d) => d.message).join('; ')}`);
    if (part.type !== 'claim') continue;
    const claim = part.claim;
    const expected = claim.expect.verdict;
    const truth = expected === 'refuted' ? false : expected === 'not-checked' ? NOT_CHECKED_TRUTH[claim.id]! : true;
    const accepted: Verdict[] = [
      expected,
      ...(ALTERNATIVES[claim.id] ?? []),
      ...(expected === 'verified' ? (['proved'] as const) : []),
    ];
    const base = doc.file.split('/').pop()!;
    entries.push({ claim, file: base, cls: base.slice(0, 2), expected, truth, accepted: [...new Set(accepted)] });
  }
}

let report: RunReport;
const resultOf = (id: string): ClaimResult => {
  const r = report.results.find((x) => x.id === id);
  if (!r) throw new Error(`no result for ${id}`);
  return r;
};

/** What a verdict came with, for the failure message. */
function why(r: ClaimResult): string {
  if (r.verdict === 'error') return r.errors.map((e) => `line ${e.line}: ${e.message}`).join('; ');
  const parts = r.checks.map((c) => {
    const cx = c.counterexample
      ? ` at ${c.counterexample.point.map((p) => `${p.name}=${p.value}`).join(', ')} (${c.counterexample.detail}; exact: ${c.counterexample.exact})`
      : '';
    return `${c.kind} ${c.status}${c.reason ? `: ${c.reason}` : ''}${cx}`;
  });
  return parts.join(' | ') || (r.reason ?? '');
}

function checkHonest(e: Entry): void {
  const r = resultOf(e.claim.id);
  const context = `${e.claim.id} (${e.truth ? 'true' : 'false'} claim, expected ${e.accepted.join(' or ')}): got ${r.verdict} — ${why(r)}`;
  if (e.truth) expect(r.verdict, `DISHONEST: a true claim was refuted. ${context}`).not.toBe('refuted');
  else expect(['proved', 'verified'], `DISHONEST: a false claim was passed. ${context}`).not.toContain(r.verdict);
  expect(e.accepted, `not the honest verdict. ${context}`).toContain(r.verdict);
}

function checkCertified(e: Entry): void {
  const r = resultOf(e.claim.id);
  if (r.verdict !== 'refuted') return;
  for (const c of r.checks) {
    if (c.status !== 'refuted' || !c.counterexample) continue;
    expect(
      c.counterexample.exact,
      `${e.claim.id}: the ${c.kind} check is refuted by a counterexample decided in floating point, not certified (${c.counterexample.detail})`,
    ).toBe(true);
  }
}

const TIMEOUT = 600_000;

describe('adversarial claims', () => {
  beforeAll(async () => {
    report = await checkCatalogue({ claimsDir: DIR, count: 2000, workers: 0, seed: 1 });
  }, TIMEOUT);

  it('are at least 160 valid claims, at least 10 in each class (one file per class)', () => {
    expect(invalid, 'claim blocks that do not parse').toEqual([]);
    expect(entries.length).toBeGreaterThanOrEqual(160);
    const perClass = new Map<string, number>();
    for (const e of entries) perClass.set(e.cls, (perClass.get(e.cls) ?? 0) + 1);
    const classFiles = readdirSync(DIR)
      .filter((f) => f.endsWith('.md'))
      .map((f) => f.slice(0, 2));
    expect([...perClass.keys()].sort()).toEqual(classFiles.sort());
    for (const [cls, n] of perClass) expect(n, `class ${cls}`).toBeGreaterThanOrEqual(10);
  });

  it('lists alternatives, truths and known failures only for claims that exist', () => {
    const ids = new Set(entries.map((e) => e.claim.id));
    expect(Object.keys(ALTERNATIVES).filter((id) => !ids.has(id))).toEqual([]);
    expect(Object.keys(NOT_CHECKED_TRUTH).filter((id) => !ids.has(id))).toEqual([]);
    expect(Object.keys(KNOWN).filter((k) => !ids.has(k.replace(/#certified$/, '')))).toEqual([]);
    expect(
      entries
        .filter((e) => e.expected === 'not-checked' && NOT_CHECKED_TRUTH[e.claim.id] === undefined)
        .map((e) => e.claim.id),
    ).toEqual([]);
    // A certification entry only makes sense for a false claim.
    expect(
      Object.keys(KNOWN).filter(
        (k) => k.endsWith('#certified') && entries.find((e) => e.claim.id === k.replace(/#certified$/, ''))?.truth,
      ),
    ).toEqual([]);
  });

  it('labels each known failure by what it is: DISHONEST where a false claim passes or a true one is refuted', () => {
    const mislabeled = entries.flatMap((e) => {
      const reason = KNOWN[e.claim.id];
      if (reason === undefined) return [];
      const verdict = resultOf(e.claim.id).verdict;
      const dishonest = e.truth ? verdict === 'refuted' : verdict === 'proved' || verdict === 'verified';
      return dishonest === reason.startsWith('DISHONEST') ? [] : [`${e.claim.id} (${verdict}): ${reason.slice(0, 40)}`];
    });
    expect(mislabeled).toEqual([]);
  });

  for (const e of entries) {
    const id = e.claim.id;
    const verdictTest = KNOWN[id] !== undefined ? it.fails : it;
    verdictTest(`${id}: honest verdict`, () => checkHonest(e));
    if (!e.truth) {
      const certTest = KNOWN[`${id}#certified`] !== undefined ? it.fails : it;
      certTest(`${id}: certified counterexample`, () => checkCertified(e));
    }
  }
});
