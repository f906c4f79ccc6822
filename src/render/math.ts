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

export class MathRenderer {
  readonly errors: Array<{ tex: string; message: string }> = [];
  render(tex: string, display = false): string {
    try {
      return katex.renderToString(tex, { ...KATEX_OPTIONS, displayMode: display });
    } catch (e) {
      const message = (e as Error).message;
      this.errors.push({ tex, message });
      return `<span class="math-error" title="${escapeHtml(message)}">${escapeHtml(tex)}</span>`;
    }
  }
}

export function escapeHtml(s: string): string {
  return s.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);
}
