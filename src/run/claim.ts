/** One claim through derive → check → verdict, over its size cases. Never throws. */
import { reportProgress } from '../model/progress';
import type { CheckSpec, Claim } from '../model/claim';
import { ClaimError } from '../model/source';
import type { CheckResult, ClaimResult, Counterexample, Derivation, FigureData } from '../model/result';
import { drawFigures } from '../check/figures';
import { concreteCase, deriveCase, sizeCases } from '../derive/index';
import type { ClaimContext } from '../kinds/kind';
import { runChecks } from '../check/index';
import { claimVerdict, mergeCases } from '../verdict/index';
import { SymbolicError, SymbolicTimeout } from '../symbolic/nerd';

export interface ClaimRunOptions {
  seed: number;
  count: number;
}

/** Label of a size case ("p=2, q=1"), part of each check's stream seed; "all" when there are no sizes. */
function caseLabel(sizes: Map<string, number>): string {
  return [...sizes].map(([k, v]) => `${k}=${v}`).join(', ') || 'all';
}

/** One size case: the derivation, then the checks (those in `only`, or all) on it. */
function deriveAndCheck(
  claim: Claim,
  sizes: Map<string, number>,
  cases: number,
  opts: ClaimRunOptions,
  only?: number[],
) {
  const label = caseLabel(sizes);
  const t0 = performance.now();
  reportProgress({ phase: 'derive' });
  const derived = deriveCase(claim, sizes);
  const deriveMs = performance.now() - t0;
  // Checks and figures with `given:` run in the claim re-derived with those definitions (one derivation per distinct set).
  const concrete = new Map<string, ClaimContext>();
  const contextFor = (spec: CheckSpec): ClaimContext => {
    if (!spec.given) return derived.ctx;
    const key = JSON.stringify(spec.given.map((g) => [g.fn, g.param, g.body.text]));
    let c = concrete.get(key);
    if (!c) concrete.set(key, (c = concreteCase(claim, sizes, spec.given)));
    return c;
  };
  const results = runChecks(
    claim,
    derived.ctx,
    { seed: opts.seed, count: opts.count, caseLabel: label, cases },
    contextFor,
    only,
  );
  return { label, derived, deriveMs, contextFor, results };
}

export function checkClaim(claim: Claim, opts: ClaimRunOptions): ClaimResult {
  const base = {
    id: claim.id,
    file: claim.file,
    line: claim.pos.line,
    title: claim.title,
    expected: claim.expect.verdict,
  };
  let deriveMs = 0;
  let checkMs = 0;
  const finish = (r: Omit<ClaimResult, 'asExpected' | 'timings' | keyof typeof base>): ClaimResult => ({
    ...base,
    ...r,
    asExpected: r.verdict === claim.expect.verdict,
    timings: { deriveMs, checkMs },
  });
  try {
    if (claim.checks.length === 0 && claim.figures.length === 0) {
      return finish({
        verdict: 'not-checked',
        reason: claim.expect.reason ?? 'no check is stated',
        checks: [],
        errors: [],
      });
    }
    const cases = sizeCases(claim);
    const perCheck: Array<Array<{ label: string; result: CheckResult }>> = claim.checks.map(() => []);
    let derivation: Derivation | undefined;
    let figures: FigureData[] | undefined;
    // The derivation shown is a middle size case: small enough to read, big enough to be typical.
    const shown = Math.floor((cases.length - 1) / 2);
    for (const [k, sizes] of cases.entries()) {
      const t0 = performance.now();
      const c = deriveAndCheck(claim, sizes, cases.length, opts);
      deriveMs += c.deriveMs;
      checkMs += performance.now() - t0 - c.deriveMs;
      if (k === shown)
        derivation =
          cases.length > 1
            ? {
                ...c.derived.derivation,
                notes: [
                  ...c.derived.derivation.notes,
                  `shown for ${c.label}; derived likewise for each of the ${cases.length} size cases`,
                ],
              }
            : c.derived.derivation;
      c.results.forEach((r, k) => perCheck[k]!.push({ label: c.label, result: r! }));
      if (k === shown && claim.figures.length) {
        reportProgress({ phase: 'figures' });
        figures = drawFigures(claim, c.derived.ctx, c.contextFor);
      }
    }
    const checks = perCheck.map(mergeCases);
    const verdict = claimVerdict(checks);
    const reason = verdict === 'not-checked' ? checks.find((c) => c.status === 'not-checked')?.reason : undefined;
    return finish({
      verdict,
      ...(reason ? { reason } : {}),
      checks,
      ...(figures ? { figures } : {}),
      ...(derivation ? { derivation } : {}),
      errors: [],
    });
  } catch (e) {
    return finish(failureOf(e, claim));
  }
}

/** Why a claim could not be checked, from what its derivation or checks threw. */
function failureOf(
  e: unknown,
  claim: Claim,
): Omit<ClaimResult, 'asExpected' | 'timings' | 'id' | 'file' | 'line' | 'title' | 'expected'> {
  if (e instanceof SymbolicTimeout)
    return { verdict: 'not-checked', reason: `timed out: ${e.message}`, checks: [], errors: [], interrupted: true };
  // The symbolic engine failed or was caught giving a wrong result: the claim cannot be derived here.
  if (e instanceof SymbolicError)
    return {
      verdict: 'not-checked',
      reason: `the derivation could not be completed: ${e.message}`,
      checks: [],
      errors: [],
    };
  if (e instanceof ClaimError) {
    const pos = e.pos ?? claim.pos;
    return {
      verdict: 'error',
      reason: e.message,
      checks: [],
      errors: [
        { file: pos.file, line: pos.line, column: pos.column, message: e.message, ...(e.hint ? { hint: e.hint } : {}) },
      ],
    };
  }
  const err = e as Error;
  return {
    verdict: 'error',
    reason: `internal error: ${err.message}`,
    checks: [],
    errors: [
      {
        file: claim.file,
        line: claim.pos.line,
        column: claim.pos.column,
        message: `internal error while checking ${claim.id}: ${err.message}`,
      },
    ],
  };
}

export interface ReplayRequest extends ClaimRunOptions {
  /** Index of the check (from 0); absent: the first check that is refuted. */
  check?: number;
  /** The instance the counterexample must be at; absent: wherever the check fails. */
  instance?: number;
}

export type ReplayOutcome =
  | {
      ok: true;
      check: number;
      sizeCase: string;
      cases: number;
      result: CheckResult & { counterexample: Counterexample };
    }
  | { ok: false; problem: string };

/**
 * Replay one check of a claim with a run's seed and count: the claim is derived again and only
 * that check runs, through its own seeded sequence of instances (the draws before an instance are
 * what make it that instance), size case after size case, until it is refuted. The counterexample
 * is the run's when it falls at the instance asked for.
 */
export function replayCheck(claim: Claim, req: ReplayRequest): ReplayOutcome {
  const n = claim.checks.length;
  if (req.check !== undefined && (req.check < 0 || req.check >= n))
    return {
      ok: false,
      problem: `${claim.id} has ${n === 1 ? 'one check' : `${n} checks`}, so no check ${req.check + 1}`,
    };
  const cases = sizeCases(claim);
  const refuted = new Map<number, { label: string; result: CheckResult & { counterexample: Counterexample } }>();
  try {
    for (const sizes of cases) {
      const c = deriveAndCheck(claim, sizes, cases.length, req, req.check === undefined ? undefined : [req.check]);
      c.results.forEach((r, k) => {
        if (r?.status === 'refuted' && r.counterexample && !refuted.has(k))
          refuted.set(k, { label: c.label, result: r });
      });
      if (req.check !== undefined && refuted.has(req.check)) break;
    }
  } catch (e) {
    return { ok: false, problem: `${claim.id} cannot be replayed: ${(e as Error).message}` };
  }
  const which = req.check ?? Math.min(...refuted.keys());
  const found = refuted.get(which);
  const run = `seed ${req.seed}, count ${req.count}`;
  if (!found)
    return {
      ok: false,
      problem:
        req.check === undefined
          ? `no check of ${claim.id} is refuted with ${run}`
          : `check ${which + 1} of ${claim.id} is not refuted with ${run}`,
    };
  const at = found.result.counterexample.instance;
  if (req.instance !== undefined && req.instance !== at)
    return {
      ok: false,
      problem: `instance ${req.instance} is not the counterexample of check ${which + 1} of ${claim.id} with ${run}: the check fails first at instance ${at}${cases.length > 1 ? ` (size case ${found.label})` : ''}`,
    };
  return { ok: true, check: which, sizeCase: found.label, cases: cases.length, result: found.result };
}
