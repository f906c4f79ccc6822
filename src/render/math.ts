/**
 * KaTeX with the report's safety settings: no trust (no \href, \htmlData …), bounded macro
 * expansion and sizes, MathML kept for screen readers. Errors are collected, never thrown: the
 * report shows them in place and the run counts them.
 */
import katex from 'katex';
import { KeptMemo } from '../model/memo';

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
/** Kept between runs by the command line (reuse / take); see KeptMemo. */
export const typesetFormulas = new KeptMemo<Typeset>(50_000);

function typeset(tex: string, display: boolean): Typeset {
  const key = `${display ? 'D' : 'T'}${tex}`;
  let hit = typesetFormulas.get(key);
  if (!hit) {
    try {
      hit = { html: katex.renderToString(tex, { ...KATEX_OPTIONS, displayMode: display }) };
    } catch (e) {
      hit = { error: (e as Error).message };
    }
    typesetFormulas.set(key, hit);
  }
  return hit;
}

/**
 * What the typesetting memo depends on besides the source: the KaTeX version and the options. A
 * store of typeset formulas kept between runs is valid only for the same identity.
 */
export const TYPESET_IDENTITY = `katex ${katex.version} ${JSON.stringify(KATEX_OPTIONS)}`;

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
