/**
 * KaTeX with the report's safety settings: no trust (no \href, \htmlData …), bounded macro
 * expansion and sizes, MathML kept for screen readers. Errors are collected, never thrown: the
 * report shows them in place, and the run is in error with each one's file and line.
 */
import katex from 'katex';
import { KeptMemo } from '../model/memo';

const KATEX_OPTIONS = {
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

/** A formula KaTeX could not typeset, and where it was written (when the caller said). */
export interface MathError {
  tex: string;
  message: string;
  file?: string;
  line?: number;
  column?: number;
}

/** Where the formulas about to be typeset come from: a claim (its line), or prose (its text, to find the formula's own line). */
export interface MathSource {
  file: string;
  line: number;
  column?: number;
  text?: string;
}

export class MathRenderer {
  readonly errors: MathError[] = [];
  source: MathSource | undefined;
  render(tex: string, display = false): string {
    const r = typeset(tex, display);
    if ('html' in r) return r.html;
    this.errors.push({ tex, message: r.error, ...locate(this.source, tex) });
    return `<span class="math-error" title="${escapeHtml(r.error)}">${escapeHtml(tex)}</span>`;
  }
}

function locate(source: MathSource | undefined, tex: string): Partial<MathError> {
  if (!source) return {};
  const at = source.text?.indexOf(tex) ?? -1;
  if (source.text === undefined || at < 0) return { file: source.file, line: source.line, column: source.column ?? 1 };
  const before = source.text.slice(0, at);
  const lines = before.split('\n');
  return {
    file: source.file,
    line: source.line + lines.length - 1,
    column: lines.length > 1 ? lines[lines.length - 1]!.length + 1 : (source.column ?? 1) + at,
  };
}

export function escapeHtml(s: string): string {
  return s.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);
}
