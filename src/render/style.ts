/** The report's stylesheet (screen and print), inlined so each page stands alone. */
export const STYLE = `
:root { --fg: #1d1d1f; --muted: #5c5c66; --line: #d9d9e0; --bg: #ffffff; --panel: #f6f6f9;
  --proved: #11663a; --verified: #1f5f99; --refuted: #a1261b; --not-checked: #7a5a00; --error: #7d1d7d; }
* { box-sizing: border-box; }
body { font: 16px/1.55 system-ui, -apple-system, "Segoe UI", Roboto, sans-serif; color: var(--fg); background: var(--bg); margin: 0; }
main { max-width: 60rem; margin: 0 auto; padding: 1.5rem 1.25rem 4rem; }
header.page { border-bottom: 1px solid var(--line); margin-bottom: 1.5rem; }
h1 { font-size: 1.8rem; margin: 0.2rem 0 0.6rem; }
h2 { font-size: 1.35rem; margin: 2.2rem 0 0.6rem; border-bottom: 1px solid var(--line); padding-bottom: 0.2rem; }
h3 { font-size: 1.15rem; margin: 0 0 0.4rem; }
h4, h5, h6 { font-size: 1rem; margin: 1rem 0 0.3rem; }
a { color: #1f4f99; }
.muted { color: var(--muted); }
table { border-collapse: collapse; width: 100%; margin: 0.6rem 0 1rem; font-size: 0.93rem; }
th, td { text-align: left; padding: 0.3rem 0.5rem; border-bottom: 1px solid var(--line); vertical-align: top; }
th { background: var(--panel); }
.badge { display: inline-block; font-weight: 600; font-size: 0.85rem; padding: 0.05rem 0.5rem; border-radius: 0.8rem; border: 1.5px solid currentColor; white-space: nowrap; }
.badge.proved { color: var(--proved); } .badge.verified { color: var(--verified); } .badge.refuted { color: var(--refuted); }
.badge.not-checked { color: var(--not-checked); } .badge.error { color: var(--error); }
.claim { border: 1px solid var(--line); border-radius: 0.5rem; padding: 1rem 1.1rem; margin: 1.2rem 0; break-inside: avoid-page; }
.claim.refuted { border-left: 5px solid var(--refuted); } .claim.error { border-left: 5px solid var(--error); }
.claim.proved { border-left: 5px solid var(--proved); } .claim.verified { border-left: 5px solid var(--verified); }
.claim.not-checked { border-left: 5px solid var(--not-checked); }
.claim header { display: flex; gap: 0.8rem; align-items: baseline; flex-wrap: wrap; }
.claim .id { font-family: ui-monospace, SFMono-Regular, Menlo, monospace; font-size: 0.85rem; color: var(--muted); }
.statement { background: var(--panel); padding: 0.5rem 0.8rem; border-radius: 0.4rem; overflow-x: auto; }
.derivation, .check { margin: 0.8rem 0; }
.step { overflow-x: auto; margin: 0.4rem 0; display: flex; flex-wrap: wrap; align-items: center; column-gap: 0.8rem; }
.step > .katex-display { flex: 1 1 auto; margin: 0.3em 0; min-width: 0; }
.step .name { font-weight: 600; }
.notes { font-size: 0.9rem; color: var(--muted); margin: 0.2rem 0 0.4rem 1.2rem; padding: 0; }
.check { border-top: 1px dashed var(--line); padding-top: 0.6rem; }
.evidence { font-size: 0.92rem; }
.counterexample { border: 1px solid var(--refuted); border-radius: 0.4rem; padding: 0.5rem 0.8rem; margin: 0.5rem 0; background: #fff7f6; }
.witness { border: 1px solid var(--verified); border-radius: 0.4rem; padding: 0.5rem 0.8rem; margin: 0.5rem 0; }
.finding { border-left: 3px solid var(--refuted); padding-left: 0.7rem; margin: 0.6rem 0; }
.reading { border-left: 3px solid var(--verified); padding-left: 0.7rem; margin: 0.6rem 0; }
.errors { color: var(--error); font-family: ui-monospace, monospace; font-size: 0.88rem; white-space: pre-wrap; }
.math-error { color: var(--error); font-family: ui-monospace, monospace; }
.run-info { margin-top: 3rem; font-size: 0.85rem; color: var(--muted); border-top: 1px solid var(--line); }
.overflow { overflow-x: auto; }
nav.site { position: sticky; top: 0; z-index: 2; background: #fafafc; border-bottom: 1px solid var(--line); padding: 0.45rem 1.25rem; font-size: 0.92rem; display: flex; gap: 1.1rem; flex-wrap: nowrap; overflow-x: auto; white-space: nowrap; scrollbar-width: thin; }
nav.site a[aria-current="page"] { font-weight: 700; color: var(--fg); text-decoration: none; }
.figure { margin: 1rem 0; break-inside: avoid; page-break-inside: avoid; }
.figure svg { max-width: 100%; height: auto; display: block; }
.figure figcaption { font-size: 0.88rem; margin-top: 0.3rem; }
/* The graph scales down to its column; its legend and the claims outside it wrap. A phone gets the
   layout whose boxes say the claim's number alone, which fits 390 px at full size. */
.graph svg.graph-narrow { display: none; }
@media (max-width: 40rem) { .graph svg.graph-wide { display: none; } .graph svg.graph-narrow { display: block; } }
.graph-legend, .graph-alone-list { list-style: none; padding: 0; margin: 0.5rem 0; display: flex; flex-wrap: wrap; gap: 0.3rem 1rem; font-size: 0.85rem; }
.graph-legend svg { display: inline-block; vertical-align: middle; }
.graph-alone-list { gap: 0.3rem 0.4rem; }
a.graph-alone { display: inline-block; font-family: ui-monospace, monospace; font-size: 0.8rem; padding: 0.05rem 0.4rem; border: 1.4px solid currentColor; border-radius: 5px; text-decoration: none; overflow-wrap: anywhere; }
a.graph-alone.proved { color: var(--proved); } a.graph-alone.verified { color: var(--verified); } a.graph-alone.refuted { color: var(--refuted); border-width: 2.2px; }
a.graph-alone.not-checked { color: var(--not-checked); } a.graph-alone.error { color: var(--error); } a.graph-alone.established { background: #eaf4ec; }
a:focus-visible { outline: 3px solid #1f5f99; outline-offset: 2px; }
section.doc > h2 { margin-top: 2.5rem; }
.errata li { margin: 0.3rem 0; }
nav.toc { margin: 0.6rem 0 1rem; font-size: 0.93rem; }
nav.toc summary { cursor: pointer; font-weight: 600; }
nav.toc ol { margin: 0.3rem 0; padding-left: 1.4rem; }
/* A claim's entry starts with its number. */
nav.toc ol ol { list-style: none; padding-left: 0.8rem; }
.claim-no { font-variant-numeric: tabular-nums; }
nav.toc li { margin: 0.15rem 0; overflow-wrap: anywhere; }
nav.toc .badge { font-size: 0.75rem; padding: 0 0.35rem; }
details.evidence { font-size: 0.92rem; margin: 0.4rem 0; }
details.evidence > summary { cursor: pointer; overflow-wrap: anywhere; }
details.evidence[open] > summary { margin-bottom: 0.3rem; }
.cx-line { overflow-x: auto; overflow-y: hidden; max-width: 100%; padding: 0.1rem 0; }
.cx-detail { margin: 0.3rem 0 0; }
code { overflow-wrap: anywhere; }
/* A reason may quote a value longer than a phone's line; it breaks rather than widen the page. */
.claim p { overflow-wrap: break-word; }
.claim header h3, .claim .id, td a { overflow-wrap: anywhere; }
a.xref { white-space: nowrap; }
/* A link's preview of its claim, without script: hidden until the link is hovered or focused, then
   just under the link's line at the left of the paragraph, item or cell holding it, and never wider than
   that block, so it cannot widen the page. */
p, li, td { position: relative; }
.xref-preview { display: none; }
a.xref:is(:hover, :focus-visible) > .xref-preview { display: block; position: absolute; left: 0; z-index: 3; width: max-content; max-width: min(24rem, 100%);
  margin-top: 0.2rem; padding: 0.4rem 0.6rem; font-size: 0.85rem; font-weight: 400; line-height: 1.4; white-space: normal; overflow-wrap: anywhere;
  color: var(--fg); background: var(--bg); border: 1px solid var(--line); border-radius: 0.4rem; box-shadow: 0 2px 10px rgba(0, 0, 0, 0.15); }
.xref-preview .badge { font-size: 0.75rem; }
.katex-display { overflow-x: auto; overflow-y: hidden; padding: 0.1rem 0; }
/* A box that scrolls sideways shows it: a shadow at each edge where content continues (covered when there is none). */
.katex-display, .cx-line, .overflow, .table-wrap, nav.site {
  background:
    linear-gradient(to right, var(--box, #fff) 40%, rgba(255,255,255,0)) left center / 1.5rem 100% no-repeat local,
    linear-gradient(to left, var(--box, #fff) 40%, rgba(255,255,255,0)) right center / 1.5rem 100% no-repeat local,
    radial-gradient(farthest-side at 0 50%, rgba(0,0,0,0.2), rgba(0,0,0,0)) left center / 0.6rem 100% no-repeat scroll,
    radial-gradient(farthest-side at 100% 50%, rgba(0,0,0,0.2), rgba(0,0,0,0)) right center / 0.6rem 100% no-repeat scroll;
}
.statement { --box: var(--panel); }
.counterexample { --box: #fff7f6; }
nav.site { --box: #fafafc; background-color: #fafafc; }
/* Anchors land below the sticky menu. */
[id] { scroll-margin-top: 3.2rem; }
.table-wrap { overflow-x: auto; }
@media (max-width: 40rem) {
  body { font-size: 15px; }
  main { padding: 1rem 0.75rem 3rem; }
  nav.site { gap: 0.9rem; padding: 0.35rem 0.75rem; font-size: 0.85rem; }
  table.status th, table.status td { padding: 0.25rem 0.3rem; }
  table.status td:last-child { overflow-wrap: anywhere; min-width: 8rem; }
  .claim { padding: 0.7rem 0.7rem; }
  h1 { font-size: 1.45rem; }
  [id] { scroll-margin-top: 2.6rem; }
}
@media print {
  @page { size: A4; }
  nav, .run-info, .no-print { display: none !important; }
  body { font-size: 9pt; line-height: 1.25; }
  main { max-width: none; padding: 0; }
  header.page { margin-bottom: 0.6rem; }
  h1 { font-size: 1.5rem; }
  h2 { font-size: 1.2rem; margin: 1.1rem 0 0.4rem; }
  section.doc > h2 { margin-top: 1.2rem; }
  h2, h3, h4, .claim-head { break-after: avoid; page-break-after: avoid; }
  .claim { padding: 0.35rem 0.6rem; margin: 0.4rem 0; border-left-width: 3px; break-inside: auto; }
  .claim.short { break-inside: avoid; page-break-inside: avoid; }
  .claim-head, .check, .figure, .counterexample, .witness, .statement, .finding, .step, tr { break-inside: avoid; page-break-inside: avoid; }
  .derivation, .check { margin: 0.3rem 0; }
  .check { padding-top: 0.2rem; }
  .step { margin: 0.1rem 0; }
  .katex-display { margin: 0.1em 0; overflow: visible; }
  .notes { font-size: 0.85em; margin: 0.1rem 0 0.2rem 1rem; }
  /* Headings and badges in em of the 9pt text, not rem of the screen's 16px. */
  h3 { font-size: 1.3em; }
  h4 { font-size: 1.1em; margin: 0.4rem 0 0.1rem; }
  .badge { font-size: 0.85em; }
  .reading, .finding { margin: 0.3rem 0; }
  .statement, .overflow, .step, .cx-line, .table-wrap { overflow: visible; background: none; }
  .katex-display { background: none; }
  p { margin: 0.3rem 0; }
  details.evidence > summary { list-style: none; }
  details.evidence > summary::-webkit-details-marker { display: none; }
  /* A figure beside its caption: the caption's lines fill the half a centred plot leaves empty. The
     words that describe the plot's data are its text alternative; on paper the plot is there. */
  .figure:not(.graph) { display: flex; align-items: center; gap: 0.8rem; margin: 0.5rem 0; }
  .figure:not(.graph) svg { flex: 0 0 auto; width: 58%; max-height: 6cm; margin: 0; }
  .figure:not(.graph) figcaption { flex: 1 1 0; margin: 0; }
  .figure-data { display: none; }
  /* KaTeX sets formulas 21% above the text; at 9pt a tenth is enough. */
  .katex { font-size: 1.1em; }
  .source code { font-size: 0.85em; }
  a { color: inherit; text-decoration: none; }
  /* A link to a claim on the same page gives its printed page where the print engine has target-counter.
     Chromium has none and drops the rule: npm run handout writes the pages in instead (.xref-page, after
     each link), and marks the page paged-refs so an engine with both would not print them twice. */
  .xref-preview { display: none !important; }
  html:not(.paged-refs) a.xref[href^="#"]::after { content: " (p. " target-counter(attr(href), page) ")"; }
  .xref-page { white-space: nowrap; }
}
`;
