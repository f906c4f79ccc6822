/**
 * Claim numbers and cross-references. A claim is "Claim L.k": L its lecture page's place in the
 * report's order and k its place on that page, both counted from 1 as a reader counts
 * (lecture-000.html holds Claims 1.1, 1.2, …). A link to a
 * claim reads "Claim L.k" and holds a preview of the claim (number, id, title, verdict) that the
 * stylesheet alone shows on hover or keyboard focus.
 */
import type { ClaimDocument } from '../model/claim';
import { escapeHtml as esc } from './math';

type Part = ClaimDocument['parts'][number];

/** The id of a claim block (an invalid one without an id is named by its file and line); prose has none. */
export function partId(d: ClaimDocument, p: Part): string | undefined {
  return p.type === 'claim' ? p.claim.id : p.type === 'invalid' ? (p.id ?? `${d.file}:${p.line}`) : undefined;
}

/** A lecture's number from its place in the report's order (0, 1, …): counted from 1, as a reader counts. */
export const lectureNumber = (place: number): number => place + 1;

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
        if (id !== undefined && !numbers.has(id)) numbers.set(id, `${lectureNumber(l)}.${++k}`);
      }
  });
  return numbers;
}

export interface RefTarget {
  id: string;
  /** "L.k"; absent for an id the catalogue does not have. */
  number?: string;
  title: string;
  /** The verdict badge's HTML. */
  badge: string;
  href: string;
}

/** "Claim 3.4", or the id itself when the claim has no number. */
export function refLabel(t: Pick<RefTarget, 'id' | 'number'>): string {
  return t.number ? `Claim ${t.number}` : t.id;
}

/** A link to a claim reading "Claim L.k", with its hidden preview (shown on hover and focus, never printed). */
export function crossRefHtml(t: RefTarget): string {
  const label = esc(refLabel(t));
  const preview = t.number
    ? `<span class="xref-preview"><strong>${label}</strong> <code class="id">${esc(t.id)}</code><br>${esc(t.title)} ${t.badge}</span>`
    : '';
  return `<a class="xref" href="${esc(t.href)}">${label}${preview}</a>`;
}

/**
 * A claim id written in prose: not part of a longer name (f.x in f.x.corrected or g.f.x), a full
 * stop after it allowed. The only group is the id, so String.split alternates text and ids.
 */
export function claimIdPattern(ids: Iterable<string>): RegExp | undefined {
  const sorted = [...new Set(ids)].sort((a, b) => b.length - a.length || a.localeCompare(b));
  if (!sorted.length) return undefined;
  const alternatives = sorted.map((id) => id.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')).join('|');
  return new RegExp(`(?<![\\w.-])(${alternatives})(?![\\w-]|\\.\\w)`);
}
