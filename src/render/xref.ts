/**
 * Claim numbers and cross-references. A claim is "Claim L.k": L its lecture page's place in the
 * report's order (from 0, like lecture-000.html), k its place on that page (from 1).
 */
import type { ClaimDocument } from '../model/claim';

type Part = ClaimDocument['parts'][number];

/** The id of a claim block (an invalid one without an id is named by its file and line); prose has none. */
export function partId(d: ClaimDocument, p: Part): string | undefined {
  return p.type === 'claim' ? p.claim.id : p.type === 'invalid' ? p.id ?? `${d.file}:${p.line}` : undefined;
}

/**
 * "L.k" for every claim of the catalogue, from all its lectures in the report's order, so that a
 * run checking some claims only numbers them as a full run does. A repeated id keeps its first number.
 */
export function claimNumbers(lectures: Array<{ documents: ClaimDocument[] }>): Map<string, string> {
  const numbers = new Map<string, string>();
  lectures.forEach((lecture, l) => {
    let k = 0;
    for (const d of lecture.documents)
      for (const p of d.parts) {
        const id = partId(d, p);
        if (id !== undefined && !numbers.has(id)) numbers.set(id, `${l}.${++k}`);
      }
  });
  return numbers;
}
