/**
 * Prose from claim files → HTML: markdown-it with raw HTML off (claim files are not trusted),
 * links limited to http(s), mailto and in-report anchors, $…$ / $$…$$ math typeset by the
 * same KaTeX renderer as everything else, and claim ids in the text linked to their claims.
 */
import MarkdownIt from 'markdown-it';
import { tex } from '@mdit/plugin-tex';
import type { MathRenderer } from './math';

export interface ProseRenderer {
  (markdown: string): string;
  /** One line of Markdown (a note, a finding) without the surrounding paragraph. */
  inline(markdown: string): string;
  /** Claim ids written in the text (not in code, math or a link) become these links. */
  claimRefs?: { pattern: RegExp; html: (id: string) => string };
}

export function createProseRenderer(math: MathRenderer): ProseRenderer {
  const md = new MarkdownIt({ html: false, linkify: false, typographer: false });
  md.use(tex, { render: (content: string, displayMode: boolean) => math.render(content, displayMode) });
  md.validateLink = (url: string) => /^(https?:|mailto:|#)/i.test(url.trim());
  // Headings in prose sit below the page's h1: # is a section (h2), ## a subsection (h3), like claims.
  md.core.ruler.push('demote_headings', (state) => {
    for (const t of state.tokens) {
      if ((t.type === 'heading_open' || t.type === 'heading_close') && /^h[1-6]$/.test(t.tag))
        t.tag = `h${Math.min(6, Number(t.tag[1]) + 1)}`;
    }
  });
  md.core.ruler.push('claim_refs', (state) => {
    const refs = render.claimRefs;
    if (!refs) return;
    for (const block of state.tokens) {
      if (block.type !== 'inline' || !block.children) continue;
      let inLink = 0;
      block.children = block.children.flatMap((t) => {
        if (t.type === 'link_open') inLink++;
        if (t.type === 'link_close') inLink--;
        if (t.type !== 'text' || inLink > 0) return [t];
        const pieces = t.content.split(refs.pattern);
        if (pieces.length === 1) return [t];
        return pieces.flatMap((piece, k) => {
          if (k % 2 === 0 && !piece) return [];
          const token = new state.Token(k % 2 ? 'claim_ref' : 'text', '', 0);
          token.content = piece;
          return [token];
        });
      });
    }
  });
  md.renderer.rules.claim_ref = (tokens, idx) => render.claimRefs!.html(tokens[idx]!.content);
  // Rendering is pure given the text; watch mode re-renders every page after a save. Text whose
  // math failed is never kept, so each run still reports its own KaTeX errors.
  const remembered = (kind: 'B' | 'I', markdown: string, run: (t: string) => string): string => {
    // Text naming a claim is rendered each time: its links read the claims' current numbers.
    if (render.claimRefs?.pattern.test(markdown)) return run(markdown);
    const key = kind + markdown;
    const hit = RENDERED.get(key);
    if (hit !== undefined) return hit;
    const before = math.errors.length;
    const html = run(markdown);
    if (math.errors.length === before) {
      if (RENDERED.size >= 20_000) RENDERED.clear();
      RENDERED.set(key, html);
    }
    return html;
  };
  const render = ((markdown: string) => remembered('B', markdown, (t) => md.render(t))) as ProseRenderer;
  render.inline = (markdown: string) => remembered('I', markdown, (t) => md.renderInline(t));
  return render;
}

const RENDERED = new Map<string, string>();
