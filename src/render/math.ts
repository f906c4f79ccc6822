/**
 * KaTeX with the report's safety settings: no trust (no \href, \htmlData …), bounded macro
 * expansion and sizes, MathML kept for screen readers. Errors are collected, never thrown: the
 * report shows them in place and the run counts them.
 */
import katex from 'katex';

export const KATEX_OPTIONS = {
  throwOnError: true,
  trust: false,
  strict: 'ignore' as const,
  maxExpand: 1000,
  maxSize: 20,
  output: 'htmlAndMathml' as const,
};

/**
 * KaTeX output is a pure function of the source and the options, and typesetting is most of the
 * render stage: watch mode re-renders every page after each save, so formulas seen before are
 * reused. Bounded, so a long watch session does not grow without limit.
 */
export type Typeset = { html: string } | { error: string };
const TYPESET = new Map<string, Typeset>();
const TYPESET_LIMIT = 50_000;
/** Keys typeset or reused since the caller last took them, and how many of those were new. */
let used = new Set<string>();
let fresh = 0;

function typeset(tex: string, display: boolean): Typeset {
  const key = `${display ? 'D' : 'T'}${tex}`;
  let hit = TYPESET.get(key);
  if (!hit) {
    try {
      hit = { html: katex.renderToString(tex, { ...KATEX_OPTIONS, displayMode: display }) };
    } catch (e) {
      hit = { error: (e as Error).message };
    }
    if (TYPESET.size >= TYPESET_LIMIT) TYPESET.clear();
    TYPESET.set(key, hit);
    fresh++;
  }
  used.add(key);
  return hit;
}

/**
 * What the typesetting memo depends on besides the source: the KaTeX version and the options. A
 * store of typeset formulas kept between runs is valid only for the same identity.
 */
export const TYPESET_IDENTITY = `katex ${katex.version} ${JSON.stringify(KATEX_OPTIONS)}`;

/**
 * The render stage does no caching I/O of its own; a caller that keeps typeset formulas between
 * runs (the command line, under its cache folder) hands them in here before rendering ...
 */
export function reuseTypeset(entries: Record<string, Typeset>): void {
  for (const [key, value] of Object.entries(entries)) if (!TYPESET.has(key)) TYPESET.set(key, value);
}

/** ... and takes back what the renders since the last take used (stale formulas drop out), and how many were new. */
export function takeUsedTypeset(): { entries: Record<string, Typeset>; fresh: number } {
  const entries: Record<string, Typeset> = {};
  for (const key of used) {
    const v = TYPESET.get(key);
    if (v) entries[key] = v;
  }
  const out = { entries, fresh };
  used = new Set();
  fresh = 0;
  return out;
}

export class MathRenderer {
  readonly errors: Array<{ tex: string; message: string }> = [];
  render(tex: string, display = false): string {
    const r = typeset(tex, display);
    if ('html' in r) return r.html;
    this.errors.push({ tex, message: r.error });
    return `<span class="math-error" title="${escapeHtml(r.error)}">${escapeHtml(tex)}</span>`;
  }
}

export function escapeHtml(s: string): string {
  return s.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);
}
