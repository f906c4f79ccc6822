/**
 * The dependency graph of the claims, as inline SVG laid out by dagre: an arrow from each claim to
 * the claims that use it, a dashed arrow from a wrong claim to its correction, ranks from left to
 * right so that a chain of uses reads as a sentence. Claims that use none and that none uses are
 * listed below it rather than stacked in its first rank, so the graph stays as wide as its longest
 * chain and as tall as its linked claims. Boxes carry the claim's number, id and verdict (symbol
 * and colour), a shaded box with ∎ a claim that is fully established (it and everything it uses,
 * transitively, proved or verified), and link to the claim. A legend says all of this.
 */
import dagre from '@dagrejs/dagre';
import { verdictMark, verdictWords, type Claim } from '../model/claim';
import { escapeHtml as esc } from './math';
import { refLabel } from './xref';

const COLOUR: Record<string, string> = {
  proved: '#11663a',
  verified: '#1f5f99',
  refuted: '#a1261b',
  'not-checked': '#7a5a00',
  error: '#7d1d7d',
};
/** The fill of a fully established claim's box. */
const ESTABLISHED_FILL = '#eaf4ec';

export interface GraphNode {
  id: string;
  lecture: string;
  verdict: string;
  href: string;
  /** "L.k". */
  number?: string;
  claim?: Claim;
  /** The claim and everything it uses are proved or verified. */
  established?: boolean;
}

/** "Claim 3.4 (f.brenier-identity)", or the id alone. */
const named = (n: GraphNode) => (n.number ? `${refLabel(n)} (${n.id})` : n.id);
const boxText = (n: GraphNode) => (n.number ? `${n.number} ${n.id}` : n.id);
/** On a narrow screen a box says the claim's number alone (its title, shown on hover and read aloud, names the id). */
const shortText = (n: GraphNode) => n.number ?? n.id;

const NODE_H = 22;
/** Width of a glyph of the 11 px monospace labels, with room for the symbol and the ∎. */
const CHAR_W = 6.7;
const boxWidth = (text: string) => Math.ceil(44 + CHAR_W * text.length);
const round = (x: number) => Math.round(x * 10) / 10;

interface Edge {
  from: string;
  to: string;
  corrects: boolean;
}

function edgesOf(nodes: GraphNode[]): Edge[] {
  const present = new Set(nodes.map((n) => n.id));
  const out: Edge[] = [];
  for (const n of nodes) {
    for (const u of n.claim?.uses ?? [])
      if (present.has(u.id) && u.id !== n.id) out.push({ from: u.id, to: n.id, corrects: false });
    const c = n.claim?.corrects?.id;
    if (c !== undefined && present.has(c) && c !== n.id) out.push({ from: c, to: n.id, corrects: true });
  }
  return out;
}

/** A path through dagre's bend points, rounded at each bend (a quadratic curve to the next midpoint). */
function edgePath(points: Array<{ x: number; y: number }>): string {
  const p = points.map(({ x, y }) => [round(x), round(y)] as const);
  let d = `M${p[0]![0]},${p[0]![1]}`;
  for (let k = 1; k < p.length - 1; k++) {
    const [x, y] = p[k]!;
    const [nx, ny] = p[k + 1]!;
    const last = k === p.length - 2;
    d += ` Q${x},${y} ${last ? nx : round((x + nx) / 2)},${last ? ny : round((y + ny) / 2)}`;
  }
  if (p.length === 2) d += ` L${p[1]![0]},${p[1]![1]}`;
  return d;
}

function boxSvg(n: GraphNode, text: string, x: number, y: number, w: number): string {
  const c = COLOUR[n.verdict] ?? '#444';
  const mark = n.established
    ? `<text x="${round(x + w - 14)}" y="${round(y + 15)}" font-size="11" fill="${c}">∎</text>`
    : '';
  return `<a href="${esc(n.href)}"><g><title>${esc(`${named(n)}: ${verdictWords(n.verdict)}${n.established ? ', fully established' : ''}`)}</title><rect x="${round(x)}" y="${round(y)}" width="${w}" height="${NODE_H}" rx="5" fill="${n.established ? ESTABLISHED_FILL : '#fff'}" stroke="${c}" stroke-width="${n.verdict === 'refuted' ? 2.2 : 1.4}"/><text x="${round(x + 7)}" y="${round(y + 15)}" font-size="11" fill="${c}" font-weight="700">${verdictMark(n.verdict) ?? '·'}</text><text x="${round(x + 20)}" y="${round(y + 15)}" font-size="11" font-family="ui-monospace, monospace" fill="#1d1d1f">${esc(text)}</text>${mark}</g></a>`;
}

/** The legend: verdicts, the two kinds of arrow and the fully established mark, each drawn as in the graph. */
function legendHtml(): string {
  const swatch = (verdict: string) =>
    `<svg width="18" height="14" viewBox="0 0 18 14" aria-hidden="true"><rect x="1" y="1" width="16" height="12" rx="3" fill="#fff" stroke="${COLOUR[verdict]}" stroke-width="1.4"/><text x="5" y="11" font-size="10" fill="${COLOUR[verdict]}" font-weight="700">${verdictMark(verdict) ?? '·'}</text></svg>`;
  const arrow = (corrects: boolean) =>
    `<svg width="34" height="10" viewBox="0 0 34 10" aria-hidden="true"><path d="M1,5 L27,5" stroke="${corrects ? '#a1261b' : '#777'}" stroke-width="1.4"${corrects ? ' stroke-dasharray="4 3"' : ''}/><path d="M26,1 L33,5 L26,9 z" fill="${corrects ? '#a1261b' : '#777'}"/></svg>`;
  const established = `<svg width="18" height="14" viewBox="0 0 18 14" aria-hidden="true"><rect x="1" y="1" width="16" height="12" rx="3" fill="${ESTABLISHED_FILL}" stroke="${COLOUR.verified}" stroke-width="1.4"/><text x="5" y="11" font-size="10" fill="${COLOUR.verified}">∎</text></svg>`;
  const items = [
    ...['proved', 'verified', 'refuted', 'not-checked', 'error'].map((v) => `<li>${swatch(v)} ${verdictWords(v)}</li>`),
    `<li>${arrow(false)} used by</li>`,
    `<li>${arrow(true)} corrected by</li>`,
    `<li>${established} fully established: the claim and everything it uses proved or verified</li>`,
  ];
  return `<ul class="graph-legend" aria-label="Legend">${items.join('')}</ul>`;
}

/**
 * One layout of the graph. `wide`: boxes with number and id, ranks 34 px apart; the narrow one,
 * for a phone, has boxes with the number alone, closer ranks and a suffix on its ids, so that at
 * 390 px it fits its column at full size (11 px labels) instead of being scaled to a third.
 */
function layoutSvg(inGraph: GraphNode[], edges: Edge[], wide: boolean): string {
  const text = wide ? boxText : shortText;
  const suffix = wide ? '' : '-narrow';
  const g = new dagre.graphlib.Graph();
  g.setGraph({ rankdir: 'LR', nodesep: 8, ranksep: wide ? 34 : 22, edgesep: 6, marginx: 2, marginy: 2 });
  g.setDefaultEdgeLabel(() => ({}));
  for (const n of inGraph) g.setNode(n.id, { width: boxWidth(text(n)), height: NODE_H });
  for (const e of edges) g.setEdge(e.from, e.to);
  dagre.layout(g);
  const { width = 0, height = 0 } = g.graph();
  const w = Math.ceil(width);
  const h = Math.ceil(height);
  const paths = edges.map((e) => {
    const corrects = e.corrects;
    return `<path d="${edgePath(g.edge(e.from, e.to).points ?? [])}" fill="none" stroke="${corrects ? '#a1261b' : '#777'}" stroke-width="1.2"${corrects ? ' stroke-dasharray="4 3"' : ''} marker-end="url(#${corrects ? 'dep-arrow-fix' : 'dep-arrow'}${suffix})"/>`;
  });
  const boxes = inGraph.map((n) => {
    const p = g.node(n.id);
    return boxSvg(n, text(n), p.x - p.width / 2, p.y - p.height / 2, p.width);
  });
  const desc = `An arrow points from a claim to the claims that use it, a dashed red arrow from a wrong claim to its correction. ${inGraph.map((n) => `${named(n)} ${verdictWords(n.verdict)}${n.established ? ', fully established' : ''}`).join('; ')}.`;
  const marker = (id: string, colour: string) =>
    `<marker id="${id}${suffix}" viewBox="0 0 6 6" refX="5" refY="3" markerWidth="6" markerHeight="6" orient="auto-start-reverse"><path d="M0,0 L6,3 L0,6 z" fill="${colour}"/></marker>`;
  return `<svg class="graph-${wide ? 'wide' : 'narrow'}" viewBox="0 0 ${w} ${h}" width="${w}" height="${h}" role="img" aria-labelledby="dep-title${suffix} dep-desc${suffix}" xmlns="http://www.w3.org/2000/svg"><title id="dep-title${suffix}">Dependency graph of the claims</title><desc id="dep-desc${suffix}">${esc(desc)}</desc><defs>${marker('dep-arrow', '#777')}${marker('dep-arrow-fix', '#a1261b')}</defs>${paths.join('')}${boxes.join('')}</svg>`;
}

export function dependencyGraphSvg(nodes: GraphNode[]): string {
  const edges = edgesOf(nodes);
  const linked = new Set(edges.flatMap((e) => [e.from, e.to]));
  const inGraph = nodes.filter((n) => linked.has(n.id));
  const alone = nodes.filter((n) => !linked.has(n.id));
  const parts: string[] = [];
  // Two layouts of one graph; the stylesheet shows the one that fits the window.
  if (inGraph.length) parts.push(layoutSvg(inGraph, edges, true), layoutSvg(inGraph, edges, false));
  parts.push(legendHtml());
  if (alone.length) {
    const chips = alone.map(
      (n) =>
        `<li><a href="${esc(n.href)}" class="graph-alone ${esc(n.verdict)}${n.established ? ' established' : ''}" title="${esc(`${named(n)}: ${verdictWords(n.verdict)}`)}"><span aria-hidden="true">${verdictMark(n.verdict) ?? '·'}</span> ${esc(boxText(n))}${n.established ? ' ∎' : ''}</a></li>`,
    );
    parts.push(
      `<p class="muted">Claims that use no other claim and that no claim uses:</p><ul class="graph-alone-list">${chips.join('')}</ul>`,
    );
  }
  return `<figure class="figure graph">${parts.join('')}<figcaption>Each box links to its claim. Arrows run from a claim to the claims that use it (solid) or correct it (dashed); a chain reads from left to right.</figcaption></figure>`;
}
