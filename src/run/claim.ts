/** One claim through derive → check → verdict, over its size cases. Never throws. */
import type { CheckSpec, Claim } from '../model/claim';
import { ClaimError } from '../model/source';
import type { CheckResult, ClaimResult, Derivation, FigureData } from '../model/result';
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

export function checkClaim(claim: Claim, opts: ClaimRunOptions): ClaimResult {
  const base = { id: claim.id, file: claim.file, line: claim.pos.line, title: claim.title, expected: claim.expect.verdict };
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
      return finish({ verdict: 'not-checked', reason: claim.expect.reason ?? 'no check is stated', checks: [], errors: [] });
    }
    const cases = sizeCases(claim);
    const perCheck: Array<Array<{ label: string; result: CheckResult }>> = claim.checks.map(() => []);
    let derivation: Derivation | undefined;
    let figures: FigureData[] | undefined;
    // The derivation shown is a middle size case: small enough to read, big enough to be typical.
    const shown = Math.floor((cases.length - 1) / 2);
    for (const [k, sizes] of cases.entries()) {
      const label = [...sizes].map(([k, v]) => `${k}=${v}`).join(', ') || 'all';
      const t0 = performance.now();
      const d = deriveCase(claim, sizes);
      const t1 = performance.now();
      deriveMs += t1 - t0;
      if (k === shown) derivation = cases.length > 1 ? { ...d.derivation, notes: [...d.derivation.notes, `shown for ${label}; derived likewise for each of the ${cases.length} size cases`] } : d.derivation;
      // Checks and figures with `given:` run in the claim re-derived with those definitions (one derivation per distinct set).
      const concrete = new Map<string, ClaimContext>();
      const contextFor = (spec: CheckSpec): ClaimContext => {
        if (!spec.given) return d.ctx;
        const key = JSON.stringify(spec.given.map((g) => [g.fn, g.param, g.body.text]));
        let c = concrete.get(key);
        if (!c) concrete.set(key, (c = concreteCase(claim, sizes, spec.given)));
        return c;
      };
      const results = runChecks(claim, d.ctx, { seed: opts.seed, count: opts.count, caseLabel: label, cases: cases.length }, contextFor);
      checkMs += performance.now() - t1;
      results.forEach((r, k) => perCheck[k]!.push({ label, result: r }));
      if (k === shown && claim.figures.length) figures = drawFigures(claim, d.ctx, contextFor);
    }
    const checks = perCheck.map(mergeCases);
    const verdict = claimVerdict(checks);
    const reason = verdict === 'not-checked' ? checks.find((c) => c.status === 'not-checked')?.reason : undefined;
    return finish({ verdict, ...(reason ? { reason } : {}), checks, ...(figures ? { figures } : {}), ...(derivation ? { derivation } : {}), errors: [] });
  } catch (e) {
    if (e instanceof SymbolicTimeout) return finish({ verdict: 'not-checked', reason: `timed out: ${e.message}`, checks: [], errors: [] });
    // The symbolic engine failed or was caught giving a wrong result: the claim cannot be derived here.
    if (e instanceof SymbolicError) return finish({ verdict: 'not-checked', reason: `the derivation could not be completed: ${e.message}`, checks: [], errors: [] });
    if (e instanceof ClaimError) {
      const pos = e.pos ?? claim.pos;
      return finish({ verdict: 'error', reason: e.message, checks: [], errors: [{ file: pos.file, line: pos.line, column: pos.column, message: e.message, ...(e.hint ? { hint: e.hint } : {}) }] });
    }
    const err = e as Error;
    return finish({
      verdict: 'error',
      reason: `internal error: ${err.message}`,
      checks: [],
      errors: [{ file: claim.file, line: claim.pos.line, column: claim.pos.column, message: `internal error while checking ${claim.id}: ${err.message}` }],
    });
  }
}
