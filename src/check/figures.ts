/** The report's figures of a claim, computed with its checks (at fixed values: illustration, not evidence). */
import type { Claim, CheckSpec } from '../model/claim';
import { ClaimError } from '../model/source';
import type { FigureData } from '../model/result';
import { FIGURES } from '../kinds/registry';
import type { ClaimContext } from '../kinds/kind';

export function drawFigures(
  claim: Claim,
  ctx: ClaimContext,
  contextFor: (spec: CheckSpec) => ClaimContext = () => ctx,
): FigureData[] {
  return claim.figures.map((spec, k) => {
    try {
      return FIGURES.get(spec.kind)!.compute(spec.args, contextFor(spec));
    } catch (e) {
      if (e instanceof ClaimError)
        throw e.pos ? e : new ClaimError(`figures item ${k + 1} (${spec.kind}): ${e.message}`, spec.pos, e.hint);
      throw new ClaimError(`figures item ${k + 1} (${spec.kind}): ${(e as Error).message}`, spec.pos);
    }
  });
}
