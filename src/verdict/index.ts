/**
 * Verdict stage: from the checks of a claim (over its size cases) to one status. Order of
 * severity: refuted, not checked, verified, proved — a claim is proved only if every check is.
 */
import type { Verdict } from '../model/claim';
import type { CheckResult, NumericEvidence } from '../model/result';
import { countsInstances } from '../model/decision';

const SEVERITY: Record<Exclude<Verdict, 'error'>, number> = { proved: 0, verified: 1, 'not-checked': 2, refuted: 3 };

function worst(a: Exclude<Verdict, 'error'>, b: Exclude<Verdict, 'error'>): Exclude<Verdict, 'error'> {
  return SEVERITY[a] >= SEVERITY[b] ? a : b;
}

function sumCounts(a: Record<string, number> = {}, b: Record<string, number> = {}): Record<string, number> {
  const out = { ...a };
  for (const [k, v] of Object.entries(b)) out[k] = (out[k] ?? 0) + v;
  return out;
}

function mergeNumeric(a: NumericEvidence | undefined, b: NumericEvidence | undefined): NumericEvidence | undefined {
  if (!a) return b;
  if (!b) return a;
  const sides: Record<string, number> = { ...(a.sides ?? {}) };
  for (const [k, v] of Object.entries(b.sides ?? {})) sides[k] = (sides[k] ?? 0) + v;
  return {
    instances: a.instances + b.instances,
    special: a.special + b.special,
    seed: a.seed,
    ...(a.worstError !== undefined || b.worstError !== undefined
      ? { worstError: Math.max(a.worstError ?? 0, b.worstError ?? 0) }
      : {}),
    ...(a.tolerance !== undefined ? { tolerance: a.tolerance } : {}),
    ...(a.sides || b.sides ? { sides } : {}),
    ...(a.coverage || b.coverage ? { coverage: sumCounts(a.coverage, b.coverage) } : {}),
    ...((a.exactlyDecided ?? 0) + (b.exactlyDecided ?? 0)
      ? { exactlyDecided: (a.exactlyDecided ?? 0) + (b.exactlyDecided ?? 0) }
      : {}),
    ...(a.note || b.note
      ? {
          note: [a.note, b.note]
            .filter(Boolean)
            .filter((x, k, all) => all.indexOf(x) === k)
            .join('; '),
        }
      : {}),
  };
}

/** Merge the results of one check over several size cases (the first refutation wins). */
export function mergeCases(perCase: Array<{ label: string; result: CheckResult }>): CheckResult {
  if (perCase.length === 1) return perCase[0]!.result;
  let status = perCase[0]!.result.status;
  for (const { result } of perCase) status = worst(status, result.status);
  const decisive = perCase.find(({ result }) => result.status === status)!;
  const numeric = perCase.reduce<NumericEvidence | undefined>(
    (acc, { result }) => mergeNumeric(acc, result.numeric),
    undefined,
  );
  const labels = perCase.map((p) => p.label);
  // (The decisive case has the merged status.)
  return {
    ...decisive.result,
    ...(numeric ? { numeric } : {}),
    ms: perCase.reduce((s, p) => s + p.result.ms, 0),
    decidedBy:
      status === 'refuted'
        ? [...decisive.result.decidedBy, { method: 'size-case', label: decisive.label }]
        : [
            ...decisive.result.decidedBy.filter((d) => !countsInstances(d)),
            {
              method: 'size-cases',
              cases: perCase.length,
              first: labels[0]!,
              last: labels[labels.length - 1]!,
              instances: numeric?.instances ?? 0,
            },
          ],
  };
}

export function claimVerdict(checks: CheckResult[]): Exclude<Verdict, 'error'> {
  if (checks.length === 0) return 'not-checked';
  return checks.map((c) => c.status).reduce(worst);
}
