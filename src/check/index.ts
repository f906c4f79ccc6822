/**
 * Check stage: run each claimed fact against the derivation, on seeded instances. Every check
 * gets its own random stream from (seed, claim id, check index, size case).
 */
import type { Claim, CheckSpec } from '../model/claim';
import { ClaimError } from '../model/source';
import type { CheckResult } from '../model/result';
import { CHECKS } from '../kinds/registry';
import type { ClaimContext } from '../kinds/kind';
import { createRng, streamSeed } from '../numeric/rng';
import { SymbolicTimeout } from '../symbolic/nerd';
import { ShapeError } from '../numeric/linalg';
import { allowDeepPrecision } from '../certified/number';
import { reportProgress } from '../model/progress';

/** Decisions per check that may go to the last, slowest precision (see certified/number.ts). */
const DEEP_DECISIONS = 16;

export interface CheckOptions {
  seed: number;
  count: number;
  /** Label of the size case ("p=2, q=1"), part of the stream seed. */
  caseLabel: string;
  /** How many size cases share the instance budget. */
  cases: number;
}

/**
 * `contextFor`: the context a check runs in when it is not the claim's own (a check with `given:`).
 * `only`: the indices of the checks to run (a replay runs one); each check's stream depends on its
 * index alone, so a check run on its own draws what it draws among the others.
 */
export function runChecks(
  claim: Claim,
  ctx: ClaimContext,
  opts: CheckOptions,
  contextFor: (spec: CheckSpec) => ClaimContext = () => ctx,
  only?: number[],
): Array<CheckResult | undefined> {
  return claim.checks.map((spec, k) => {
    if (only && !only.includes(k)) return undefined;
    const kind = CHECKS.get(spec.kind)!;
    reportProgress({ phase: 'check', index: k, label: spec.label ?? spec.kind });
    const t0 = performance.now();
    const count = Math.max(1, Math.ceil((claim.instances.count ?? opts.count) / opts.cases));
    const seed = opts.seed;
    const rng = createRng(streamSeed(seed, claim.id, k, opts.caseLabel));
    // Each check gets the same allowance of 150-digit decisions, whatever ran before it.
    allowDeepPrecision(DEEP_DECISIONS);
    try {
      const out = kind.run(spec.args, contextFor(spec), { seed, count, rng });
      return { kind: spec.kind, ...out, ms: performance.now() - t0 };
    } catch (e) {
      if (e instanceof ClaimError)
        throw e.pos ? e : new ClaimError(`checks item ${k + 1} (${spec.kind}): ${e.message}`, spec.pos, e.hint);
      if (e instanceof ShapeError)
        throw new ClaimError(
          `checks item ${k + 1} (${spec.kind})${opts.caseLabel ? `, at ${opts.caseLabel}` : ''}: ${e.message}`,
          spec.pos,
        );
      if (e instanceof SymbolicTimeout) throw e;
      return {
        kind: spec.kind,
        label: spec.label ?? spec.kind,
        status: 'not-checked',
        claimTex: '',
        // A JavaScript error is the tool's own fault, not the claim's: said as that.
        reason:
          e instanceof TypeError || e instanceof ReferenceError
            ? `an internal error of claimcheck stopped the check (${e.name}: ${e.message}); the claim may be fine, please report it`
            : `the check could not be evaluated: ${(e as Error).message}`,
        decidedBy: [],
        ms: performance.now() - t0,
      };
    }
  });
}
