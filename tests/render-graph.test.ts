/**
 * The dependency graph: laid out by dagre, its edges clear of the boxes they do not join, as wide
 * as its longest chain, with a legend, fully established claims marked, and the claims outside it
 * listed rather than drawn.
 */
import { describe, expect, it } from 'vitest';
import { dependencyGraphSvg, type GraphNode } from '../src/render/graph';
import type { Claim } from '../src/model/claim';

function node(
  id: string,
  verdict: string,
  opts: { uses?: string[]; corrects?: string; established?: boolean; number?: string } = {},
): GraphNode {
  const claim = {
    uses: (opts.uses ?? []).map((u) => ({ id: u })),
    ...(opts.corrects ? { corrects: { id: opts.corrects } } : {}),
  } as unknown as Claim;
  return {
    id,
    lecture: '001',
    verdict,
    href: `lecture-001.html#${id}`,
    number: opts.number ?? '1.1',
    claim,
    established: opts.established ?? false,
  };
}

/** a → b → c → d, with a long edge a → d that must go around b and c; e corrects d; f, g alone. */
const NODES = [
  node('t.a', 'proved', { established: true, number: '1.1' }),
  node('t.b', 'verified', { uses: ['t.a'], established: true, number: '1.2' }),
  node('t.c', 'verified', { uses: ['t.b'], established: true, number: '1.3' }),
  node('t.d', 'refuted', { uses: ['t.c', 't.a'], number: '1.4' }),
  node('t.e', 'verified', { uses: ['t.a'], corrects: 't.d', established: true, number: '1.5' }),
  node('t.f', 'not-checked', { number: '1.6' }),
  node('t.g', 'proved', { established: true, number: '1.7' }),
];

interface Box {
  id: string;
  x: number;
  y: number;
  w: number;
  h: number;
}
function boxesOf(svg: string): Box[] {
  return [
    ...svg.matchAll(
      /<a href="lecture-001\.html#([^"]+)"><g>.*?<rect x="([\d.]+)" y="([\d.]+)" width="([\d.]+)" height="([\d.]+)"/g,
    ),
  ].map((m) => ({ id: m[1]!, x: +m[2]!, y: +m[3]!, w: +m[4]!, h: +m[5]! }));
}
/** Points along each path (its straight and quadratic pieces sampled). */
function pathsOf(svg: string): Array<Array<[number, number]>> {
  return [...svg.matchAll(/<path d="(M[^"]+)" fill="none"/g)].map((m) => {
    const nums = (s: string) => s.split(/[ ,]/).filter(Boolean).map(Number);
    const out: Array<[number, number]> = [];
    let at: [number, number] = [0, 0];
    for (const seg of m[1]!.match(/[MLQ][^MLQ]*/g)!) {
      const v = nums(seg.slice(1));
      if (seg[0] === 'M') at = [v[0]!, v[1]!];
      else if (seg[0] === 'L') {
        for (let t = 0; t <= 1; t += 0.05) out.push([at[0] + t * (v[0]! - at[0]), at[1] + t * (v[1]! - at[1])]);
        at = [v[0]!, v[1]!];
      } else {
        for (let t = 0; t <= 1; t += 0.05)
          out.push([
            (1 - t) ** 2 * at[0] + 2 * t * (1 - t) * v[0]! + t * t * v[2]!,
            (1 - t) ** 2 * at[1] + 2 * t * (1 - t) * v[1]! + t * t * v[3]!,
          ]);
        at = [v[2]!, v[3]!];
      }
      out.push(at);
    }
    return out;
  });
}
const inside = (b: Box, [x, y]: [number, number], margin = 1) =>
  x > b.x + margin && x < b.x + b.w - margin && y > b.y + margin && y < b.y + b.h - margin;

describe('the dependency graph', () => {
  const html = dependencyGraphSvg(NODES);
  const svg = html.slice(html.indexOf('<svg'), html.indexOf('</svg>'));

  it('draws the linked claims, one edge per use or correction, and lists the others', () => {
    expect(
      boxesOf(svg)
        .map((b) => b.id)
        .sort(),
    ).toEqual(['t.a', 't.b', 't.c', 't.d', 't.e']);
    expect(pathsOf(svg)).toHaveLength(6);
    const list = html.slice(html.indexOf('graph-alone-list'));
    expect(list).toContain('1.6 t.f');
    expect(list).toContain('1.7 t.g ∎');
  });

  it('lays out ranks from left to right and keeps every edge out of the boxes it does not join', () => {
    const boxes = new Map(boxesOf(svg).map((b) => [b.id, b]));
    expect(boxes.get('t.a')!.x).toBeLessThan(boxes.get('t.b')!.x);
    expect(boxes.get('t.b')!.x).toBeLessThan(boxes.get('t.c')!.x);
    expect(boxes.get('t.c')!.x).toBeLessThan(boxes.get('t.d')!.x);
    const paths = pathsOf(svg);
    for (const path of paths)
      for (const b of boxes.values())
        for (const p of path) expect(inside(b, p), `an edge passes through ${b.id} at (${p.join(', ')})`).toBe(false);
    // The long edge a → d really goes past the column of b and c.
    expect(
      paths.some(
        (p) =>
          p.some(([x]) => x > boxes.get('t.b')!.x && x < boxes.get('t.c')!.x + boxes.get('t.c')!.w) &&
          p[0]![0] <= boxes.get('t.a')!.x + boxes.get('t.a')!.w + 1 &&
          p.at(-1)![0] >= boxes.get('t.d')!.x - 1,
      ),
    ).toBe(true);
  });

  it('is as wide as its longest chain (a, b, c, d, then e correcting d): the claims outside it add no width', () => {
    const width = Number(/<svg class="graph-wide" viewBox="0 0 (\d+) (\d+)"/.exec(svg)![1]);
    const widest = Math.max(...boxesOf(svg).map((b) => b.w));
    expect(width).toBeLessThanOrEqual(5 * widest + 4 * 34 + 4);
    expect(width).toBeGreaterThanOrEqual(5 * Math.min(...boxesOf(svg).map((b) => b.w)));
  });

  it('marks fully established claims (shaded, ∎, said in the title) and not the others', () => {
    expect(svg).toMatch(/<title>Claim 1\.1 \(t\.a\): proved, fully established<\/title><rect [^>]*fill="#eaf4ec"/);
    expect(svg).toMatch(/<title>Claim 1\.4 \(t\.d\): refuted<\/title><rect [^>]*fill="#fff"/);
    expect(svg.match(/>∎</g)).toHaveLength(4);
  });

  it('has a legend: the verdicts, both arrows and the fully established mark', () => {
    const legend = html.slice(
      html.indexOf('<ul class="graph-legend"'),
      html.indexOf('</ul>', html.indexOf('<ul class="graph-legend"')),
    );
    for (const word of [
      'proved',
      'verified',
      'refuted',
      'not checked',
      'error',
      'used by',
      'corrected by',
      'fully established: the claim and everything it uses proved or verified',
    ])
      expect(legend).toContain(word);
  });

  it('draws a correction dashed, a use solid', () => {
    expect(svg.match(/stroke-dasharray="4 3" marker-end="url\(#dep-arrow-fix\)"/g)).toHaveLength(1);
    expect(svg.match(/marker-end="url\(#dep-arrow\)"/g)).toHaveLength(5);
  });

  it('has a second layout for a phone: boxes with the number alone, narrower, the same boxes and edges', () => {
    const narrow = html.slice(html.indexOf('<svg class="graph-narrow"'), html.lastIndexOf('</svg>'));
    expect(narrow).toMatch(/^<svg class="graph-narrow" viewBox="0 0 \d+ \d+"/);
    expect(boxesOf(narrow).map((b) => b.id)).toEqual(boxesOf(svg).map((b) => b.id));
    expect(pathsOf(narrow)).toHaveLength(6);
    // The label is the number; the title still names the id.
    expect(narrow).toMatch(
      /<title>Claim 1\.4 \(t\.d\): refuted<\/title>.*?font-family="ui-monospace, monospace" fill="#1d1d1f">1\.4<\/text>/,
    );
    const widthOf = (s: string) => Number(/viewBox="0 0 (\d+)/.exec(s)![1]);
    // Boxes sized to "✗ 1.4 ∎" (65 px), ranks 22 px apart: five ranks in 5 · 65 + 4 · 22 + 4 px.
    expect(boxesOf(narrow).every((b) => b.w === 65)).toBe(true);
    expect(widthOf(narrow)).toBeLessThanOrEqual(5 * 65 + 4 * 22 + 4);
    expect(widthOf(narrow)).toBeLessThan(widthOf(svg));
    // Its own ids, so the two layouts' titles, descriptions and arrowheads do not collide.
    expect(narrow).toContain('aria-labelledby="dep-title-narrow dep-desc-narrow"');
    expect(narrow).toContain('marker-end="url(#dep-arrow-narrow)"');
    expect(narrow).not.toContain('id="dep-title"');
  });

  it('comes out the same twice, and leaves out a use of a claim the run did not check', () => {
    expect(dependencyGraphSvg(NODES)).toBe(html);
    const partial = dependencyGraphSvg(NODES.filter((n) => n.id !== 't.c'));
    // Both layouts: four edges each.
    expect(pathsOf(partial)).toHaveLength(8);
    expect(partial).not.toContain('t.c"');
  });

  it('without any link draws no graph, only the legend and the list', () => {
    const lone = dependencyGraphSvg([NODES[5]!, NODES[6]!]);
    expect(lone).not.toContain('<svg class="graph-');
    expect(lone).toContain('graph-legend');
    expect(lone).toContain('1.6 t.f');
  });
});
