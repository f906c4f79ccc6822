/**
 * Inline SVG for figures (no scripts, no network): axes with ticks, points, lines, arrows,
 * reference circles and lines, a legend. Colour is never the only carrier: series differ in
 * marker or dash too, and every figure has a title and a text description for screen readers.
 */
import type { FigureData } from '../model/result';
import { escapeHtml as esc } from './math';
import { textNumbers } from './numbers';

const W = 520;
const H = 360;
const PAD = { left: 56, right: 16, top: 14, bottom: 44 };
const COLOURS = ['#1f5f99', '#a1261b', '#11663a', '#7a5a00', '#6a3d9a', '#444'];
const DASHES = ['', '6 3', '2 3', '8 3 2 3', '1 2', '4 4'];
const MARKERS = ['circle', 'square', 'diamond', 'triangle'] as const;

function ticks(lo: number, hi: number, n = 5): number[] {
  const span = hi - lo;
  if (!(span > 0)) return [lo];
  const step0 = span / n;
  const mag = 10 ** Math.floor(Math.log10(step0));
  const step = [1, 2, 5, 10].map((m) => m * mag).find((s) => span / s <= n + 1) ?? step0;
  const out: number[] = [];
  for (let t = Math.ceil(lo / step) * step; t <= hi + 1e-12 * span; t += step)
    out.push(Math.abs(t) < 1e-12 * span ? 0 : t);
  return out;
}
/** A minus sign, not a hyphen, before a number: in tick labels and in the text a figure describes itself with. */
const minusSigns = (text: string) => text.replace(/(^|[\s([,=:;])-(?=\d|\.\d)/g, '$1−');
const fmt = (x: number) => minusSigns(String(Number(x.toPrecision(3))));

export function figureSvg(f: FigureData, id: string): string {
  let [x0, x1] = f.x;
  let [y0, y1] = f.y;
  const iw = W - PAD.left - PAD.right;
  const ih = H - PAD.top - PAD.bottom;
  if (f.square) {
    // Equal scales: widen the shorter range.
    const sx = (x1 - x0) / iw;
    const sy = (y1 - y0) / ih;
    if (sx > sy) {
      const c = (y0 + y1) / 2;
      y0 = c - (sx * ih) / 2;
      y1 = c + (sx * ih) / 2;
    } else {
      const c = (x0 + x1) / 2;
      x0 = c - (sy * iw) / 2;
      x1 = c + (sy * iw) / 2;
    }
  }
  const X = (x: number) => PAD.left + ((x - x0) / (x1 - x0)) * iw;
  const Y = (y: number) => PAD.top + ih - ((y - y0) / (y1 - y0)) * ih;
  const clip = `clip-${id}`;
  const parts: string[] = [];
  parts.push(
    `<defs><clipPath id="${clip}"><rect x="${PAD.left}" y="${PAD.top}" width="${iw}" height="${ih}"/></clipPath><marker id="arrow-${id}" viewBox="0 0 6 6" refX="5" refY="3" markerWidth="5" markerHeight="5" orient="auto-start-reverse"><path d="M0,0 L6,3 L0,6 z" fill="#777"/></marker></defs>`,
  );
  parts.push(`<rect x="${PAD.left}" y="${PAD.top}" width="${iw}" height="${ih}" fill="#fff" stroke="#999"/>`);
  for (const t of ticks(x0, x1))
    parts.push(
      `<line x1="${X(t)}" x2="${X(t)}" y1="${PAD.top + ih}" y2="${PAD.top + ih + 4}" stroke="#666"/><text x="${X(t)}" y="${PAD.top + ih + 16}" text-anchor="middle" font-size="11">${fmt(t)}</text>`,
    );
  for (const t of ticks(y0, y1))
    parts.push(
      `<line x1="${PAD.left - 4}" x2="${PAD.left}" y1="${Y(t)}" y2="${Y(t)}" stroke="#666"/><text x="${PAD.left - 6}" y="${Y(t) + 4}" text-anchor="end" font-size="11">${fmt(t)}</text>`,
    );
  if (x0 < 0 && x1 > 0)
    parts.push(`<line x1="${X(0)}" x2="${X(0)}" y1="${PAD.top}" y2="${PAD.top + ih}" stroke="#ccc"/>`);
  if (y0 < 0 && y1 > 0)
    parts.push(`<line x1="${PAD.left}" x2="${PAD.left + iw}" y1="${Y(0)}" y2="${Y(0)}" stroke="#ccc"/>`);
  parts.push(`<text x="${PAD.left + iw / 2}" y="${H - 8}" text-anchor="middle" font-size="12">${esc(f.xLabel)}</text>`);
  parts.push(
    `<text x="14" y="${PAD.top + ih / 2}" text-anchor="middle" font-size="12" transform="rotate(-90 14 ${PAD.top + ih / 2})">${esc(f.yLabel)}</text>`,
  );
  const body: string[] = [];
  for (const c of f.circles ?? [])
    body.push(
      `<ellipse cx="${X(c.cx)}" cy="${Y(c.cy)}" rx="${Math.abs(X(c.cx + c.r) - X(c.cx))}" ry="${Math.abs(Y(c.cy + c.r) - Y(c.cy))}" fill="none" stroke="#888" stroke-dasharray="4 3"/>`,
    );
  for (const v of f.vlines ?? [])
    body.push(
      `<line x1="${X(v.x)}" x2="${X(v.x)}" y1="${PAD.top}" y2="${PAD.top + ih}" stroke="#a1261b" stroke-dasharray="5 3"/><text x="${X(v.x) + 4}" y="${PAD.top + 12}" font-size="11" fill="#a1261b">${esc(minusSigns(textNumbers(v.label)))}</text>`,
    );
  for (const h of f.hlines ?? [])
    body.push(
      `<line x1="${PAD.left}" x2="${PAD.left + iw}" y1="${Y(h.y)}" y2="${Y(h.y)}" stroke="#888" stroke-dasharray="2 3"/>`,
    );
  // The legend goes in the corner of the plot its entries cover least.
  const keyed = f.series.filter((s) => s.style !== 'arrows');
  const legendW = 32 + 6.6 * Math.max(0, ...keyed.map((s) => s.label.length));
  const legendH = 15 * keyed.length + 4;
  const corners = [
    [PAD.left + 4, PAD.top + 2],
    [PAD.left + iw - legendW - 4, PAD.top + 2],
    [PAD.left + 4, PAD.top + ih - legendH - 2],
    [PAD.left + iw - legendW - 4, PAD.top + ih - legendH - 2],
  ] as const;
  const covered = ([cx, cy]: readonly [number, number]) => {
    let hits = 0;
    for (const s of f.series)
      for (const [x, y] of s.data) {
        const px = X(x!);
        const py = Y(y!);
        if (px >= cx && px <= cx + legendW && py >= cy && py <= cy + legendH) hits++;
      }
    return hits;
  };
  const [lx, ly] = corners.reduce((best, c) => (covered(c) < covered(best) ? c : best), corners[0]);
  const legend: string[] = [];
  f.series.forEach((s, k) => {
    const colour = s.style === 'arrows' ? '#999' : COLOURS[k % COLOURS.length]!;
    if (s.style === 'arrows') {
      for (const [x, y, dx, dy] of s.data)
        body.push(
          `<line x1="${X(x!)}" y1="${Y(y!)}" x2="${X(x! + dx!)}" y2="${Y(y! + dy!)}" stroke="${colour}" stroke-width="1" marker-end="url(#arrow-${id})"/>`,
        );
    } else if (s.style === 'line') {
      const d = s.data.map(([x, y], i) => `${i ? 'L' : 'M'}${X(x!).toFixed(1)},${Y(y!).toFixed(1)}`).join('');
      body.push(
        `<path d="${d}" fill="none" stroke="${colour}" stroke-width="1.6" stroke-dasharray="${DASHES[k % DASHES.length]}"/>`,
      );
    } else {
      const m = MARKERS[k % MARKERS.length]!;
      for (const [x, y] of s.data) body.push(marker(m, X(x!), Y(y!), colour));
    }
    if (s.style !== 'arrows')
      legend.push(
        `<g transform="translate(${(lx + 4).toFixed(1)},${(ly + 12 + 15 * legend.length).toFixed(1)})"><rect x="-4" y="-10" width="${8 + 7 * s.label.length}" height="14" fill="#fff" opacity="0.8"/>${s.style === 'line' ? `<line x1="0" x2="18" y1="-3" y2="-3" stroke="${colour}" stroke-width="2" stroke-dasharray="${DASHES[k % DASHES.length]}"/>` : marker(MARKERS[k % MARKERS.length]!, 9, -3, colour)}<text x="24" y="1" font-size="11">${esc(s.label)}</text></g>`,
      );
  });
  parts.push(`<g clip-path="url(#${clip})">${body.join('')}</g>`);
  parts.push(legend.join(''));
  const alt = minusSigns(textNumbers(f.alt));
  const titleId = `${id}-title`;
  const descId = `${id}-desc`;
  return `<figure class="figure"><svg viewBox="0 0 ${W} ${H}" width="${W}" height="${H}" role="img" aria-labelledby="${titleId} ${descId}" xmlns="http://www.w3.org/2000/svg"><title id="${titleId}">${esc(f.title)}</title><desc id="${descId}">${esc(alt)}</desc>${parts.join('')}</svg><figcaption><strong>${esc(f.title)}.</strong> ${f.caption ? esc(f.caption) + ' ' : ''}<span class="muted figure-data">${esc(alt)}</span></figcaption></figure>`;
}

function marker(m: (typeof MARKERS)[number], x: number, y: number, colour: string): string {
  const r = 4.5;
  switch (m) {
    case 'circle':
      return `<circle cx="${x}" cy="${y}" r="${r}" fill="${colour}"/>`;
    case 'square':
      return `<rect x="${x - r}" y="${y - r}" width="${2 * r}" height="${2 * r}" fill="none" stroke="${colour}" stroke-width="1.8"/>`;
    case 'diamond':
      return `<path d="M${x},${y - r - 1}L${x + r + 1},${y}L${x},${y + r + 1}L${x - r - 1},${y}z" fill="${colour}"/>`;
    default:
      return `<path d="M${x},${y - r - 1}L${x + r + 1},${y + r}L${x - r - 1},${y + r}z" fill="none" stroke="${colour}" stroke-width="1.8"/>`;
  }
}
