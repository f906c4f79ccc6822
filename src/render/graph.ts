/**
 * The dependency graph of the claims, as inline SVG: one column per lecture, an arrow from each
 * claim to the claims that use it, a dashed arrow from a corrected claim to the one it corrects.
 * Nodes carry the claim's number, its id and its verdict (as a symbol and a colour), and link to the claim.
 */
import { VERDICT_MARK, type Claim } from '../model/claim';
import { escapeHtml as esc } from './math';
import { refLabel } from './xref';

const COLOUR: Record<string, string> = { proved: '#11663a', verified: '#1f5f99', refuted: '#a1261b', 'not-checked': '#7a5a00', error: '#7d1d7d' };

export interface GraphNode {
  id: string;
  lecture: string;
  verdict: string;
  href: string;
  /** "L.k". */
  number?: string;
  claim?: Claim;
}

/** "Claim 3.4 (f.brenier-identity)", or the id alone. */
const named = (n: GraphNode) => (n.number ? `${refLabel(n)} (${n.id})` : n.id);

export function dependencyGraphSvg(nodes: GraphNode[]): string {
  const lectures = [...new Set(nodes.map((n) => n.lecture))];
  const colW = 252;
  const rowH = 30;
  const nodeW = 232;
  const nodeH = 22;
  const top = 34;
  const pos = new Map<string, { x: number; y: number }>();
  const rows = lectures.map((l) => nodes.filter((n) => n.lecture === l));
  rows.forEach((col, c) => col.forEach((n, r) => pos.set(n.id, { x: 12 + c * colW, y: top + r * rowH })));
  const width = 24 + lectures.length * colW;
  const height = top + Math.max(...rows.map((r) => r.length)) * rowH + 10;
  const edges: string[] = [];
  for (const n of nodes) {
    const to = pos.get(n.id)!;
    const from = (id: string, dashed: boolean) => {
      const p = pos.get(id);
      if (!p) return;
      const x1 = p.x + nodeW;
      const y1 = p.y + nodeH / 2;
      const x2 = to.x;
      const y2 = to.y + nodeH / 2;
      const sameColumn = Math.abs(p.x - to.x) < 1;
      const d = sameColumn
        ? `M${p.x + nodeW},${y1} C${p.x + nodeW + 24},${y1} ${to.x + nodeW + 24},${y2} ${to.x + nodeW},${y2}`
        : `M${x1},${y1} C${(x1 + x2) / 2},${y1} ${(x1 + x2) / 2},${y2} ${x2},${y2}`;
      edges.push(`<path d="${d}" fill="none" stroke="${dashed ? '#a1261b' : '#777'}" stroke-width="1.2" ${dashed ? 'stroke-dasharray="4 3" ' : ''}marker-end="url(#dep-arrow)"/>`);
    };
    for (const u of n.claim?.uses ?? []) from(u.id, false);
    if (n.claim?.corrects) from(n.claim.corrects.id, true);
  }
  const boxes = nodes.map((n) => {
    const p = pos.get(n.id)!;
    const c = COLOUR[n.verdict] ?? '#444';
    const name = n.number ? `${n.number} ${n.id}` : n.id;
    return `<a href="${esc(n.href)}"><g><title>${esc(`${named(n)}: ${n.verdict}`)}</title><rect x="${p.x}" y="${p.y}" width="${nodeW}" height="${nodeH}" rx="5" fill="#fff" stroke="${c}" stroke-width="${n.verdict === 'refuted' ? 2.2 : 1.4}"/><text x="${p.x + 7}" y="${p.y + 15}" font-size="11" fill="${c}" font-weight="700">${VERDICT_MARK[n.verdict] ?? '·'}</text><text x="${p.x + 20}" y="${p.y + 15}" font-size="11" font-family="ui-monospace, monospace" fill="#1d1d1f">${esc(name.length > 33 ? name.slice(0, 32) + '…' : name)}</text></g></a>`;
  });
  const headers = lectures.map((l, c) => `<text x="${12 + c * colW}" y="20" font-size="12" font-weight="600">${esc(l)}</text>`);
  const desc = `Claims by lecture; an arrow points from a claim to the claims that use it, a dashed red arrow from a wrong claim to its correction. Verdicts: ${nodes.map((n) => `${named(n)} ${n.verdict}`).join(', ')}.`;
  return `<figure class="figure graph"><svg viewBox="0 0 ${width} ${height}" width="${width}" height="${height}" role="img" aria-labelledby="dep-title dep-desc" xmlns="http://www.w3.org/2000/svg"><title id="dep-title">Dependency graph of the claims</title><desc id="dep-desc">${esc(desc)}</desc><defs><marker id="dep-arrow" viewBox="0 0 6 6" refX="5" refY="3" markerWidth="6" markerHeight="6" orient="auto-start-reverse"><path d="M0,0 L6,3 L0,6 z" fill="#777"/></marker></defs>${headers.join('')}${edges.join('')}${boxes.join('')}</svg><figcaption>Each box links to its claim; ✓ proved, ≈ verified, ✗ refuted, ? not checked, ! error. Arrows: from a claim to the claims that use it; dashed: from a wrong claim to its correction.</figcaption></figure>`;
}
