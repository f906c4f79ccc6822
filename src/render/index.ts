/**
 * Render stage: a RunReport → the HTML report. One self-contained page (KaTeX's stylesheet and
 * fonts are copied beside it, no network). Everything outside the marked run-info block depends
 * only on the claims and the seed, so the same seed gives the same bytes.
 */
import { copyFileSync, mkdirSync, readdirSync, renameSync, rmSync, writeFileSync, existsSync } from 'node:fs';
import { createHash } from 'node:crypto';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { type ClaimDocument, type Claim } from '../model/claim';
import type { ClaimResult } from '../model/result';
import { formatDiagnostic } from '../model/source';

import { MathRenderer, escapeHtml as esc, type MathError } from './math';
import { createProseRenderer, type ProseRenderer } from './prose';
import { STYLE } from './style';

import { texNumbers, textNumbers } from './numbers';
import { dependencyGraphSvg } from './graph';

import { claimIdPattern, claimNumbers, crossRefHtml, lectureNumber, partId, refLabel } from './xref';
import { replaysOf } from '../run/replay';

import { badge, claimHtml, decisionHtml } from './claim-card';

export interface RenderInput {
  documents: ClaimDocument[];
  results: ClaimResult[];
  established: Record<string, boolean>;
  diagnostics: Array<{ file: string; line: number; column: number; message: string; hint?: string }>;
  seed: number;
  count: number;
  /** The claims folder as it was given to the run: the replay commands name it. */
  claimsDir: string;
  runInfo: { generated: string; node: string; timings: Record<string, number> };
}

export interface RenderedReport {
  files: Map<string, string>;
  /** Formulas KaTeX could not typeset, once each, with the file and line they were written at. */
  katexErrors: MathError[];
}

/** A formula that could not be typeset, as a diagnostic of its claim file. */
export function formulaDiagnostic(e: MathError): {
  file: string;
  line: number;
  column: number;
  message: string;
  hint?: string;
} {
  const tex = e.tex.length > 60 ? `${e.tex.slice(0, 59)}…` : e.tex;
  return {
    file: e.file ?? '(report)',
    line: e.line ?? 1,
    column: e.column ?? 1,
    message: `KaTeX cannot typeset "${tex}": ${e.message.replace(/^KaTeX parse error: /, '')}`,
    hint: 'write it as KaTeX reads it, or escape a literal $ as \\$',
  };
}

interface Page {
  file: string;
  title: string;
  seed: string;
  documents: ClaimDocument[];
}

/** One page per lecture (by seed file), in the lecture's order (front matter `order`, then file name). */
export function lecturePages(documents: ClaimDocument[]): Page[] {
  const bySeed = new Map<string, ClaimDocument[]>();
  for (const d of documents) {
    const seed = d.lecture?.seed ?? d.file;
    bySeed.set(seed, [...(bySeed.get(seed) ?? []), d]);
  }
  return [...bySeed.entries()]
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([seed, docs]) => ({
      file: `lecture-${slug(seed.replace(/_.*$/, '').replace(/\.txt$/, ''))}.html`,
      title: docs[0]!.lecture?.title ?? docs[0]!.file,
      seed,
      documents: [...docs].sort((a, b) => a.order - b.order || a.file.localeCompare(b.file)),
    }));
}

/**
 * Content-Security-Policy, a second line of defence behind escaping: no script at all, nothing
 * from the network; the stylesheet and fonts beside the page, the inline stylesheet by its hash,
 * and style attributes (KaTeX positions glyphs with them).
 */
const CSP = [
  "default-src 'none'",
  "script-src 'none'",
  `style-src-elem 'self' 'sha256-${createHash('sha256').update(STYLE).digest('base64')}'`,
  "style-src-attr 'unsafe-inline'",
  "font-src 'self'",
  "img-src 'self' data:",
  "base-uri 'none'",
  "form-action 'none'",
].join('; ');

function pageHtml(title: string, body: string, nav: string): string {
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta http-equiv="Content-Security-Policy" content="${CSP}">
<title>${esc(title)}</title>
<link rel="stylesheet" href="assets/katex/katex.min.css">
<style>${STYLE}</style>
</head>
<body>
<nav class="site" aria-label="Report pages">${nav}</nav>
<main>
${body}
</main>
</body>
</html>
`;
}

/** What every page of a report needs: the math renderer, the claims and results by id, their numbers, links. */
interface ReportScope {
  input: RenderInput;
  m: MathRenderer;
  prose: ProseRenderer;
  byId: Map<string, ClaimResult>;
  claims: Map<string, Claim>;
  resultIds: Set<string>;
  /** The lecture pages written (those with a claim checked in this run). */
  pages: ReturnType<typeof lecturePages>;
  /** The whole catalogue's pages, which number the claims. */
  catalogue: ReturnType<typeof lecturePages>;
  numbers: ReturnType<typeof claimNumbers>;
  href: (id: string) => string;
  link: (id: string) => string;
  correctedBy: (id: string) => string | undefined;
  nav: (current: string) => string;
  errata: (list: ClaimResult[], id: string, heading: string) => string;
  counts: Record<string, number>;
  mismatches: ClaimResult[];
  findings: ClaimResult[];
  /** The page being written: a link to a claim on it is a bare anchor (print can then give its page number). */
  page: string;
  /** Figures numbered across the report's pages. */
  figureCount: number;
}

function reportScope(input: RenderInput): ReportScope {
  const m = new MathRenderer();
  const prose = createProseRenderer(m);
  const byId = new Map(input.results.map((r) => [r.id, r]));
  const claims = new Map<string, Claim>();
  for (const d of input.documents) for (const p of d.parts) if (p.type === 'claim') claims.set(p.claim.id, p.claim);
  // Pages and graph show what was checked (all claims, or those picked with --only).
  const resultIds = new Set(input.results.map((r) => r.id));
  const pages = lecturePages(input.documents.filter((d) => d.parts.some((p) => resultIds.has(partId(d, p) ?? ''))));
  // Numbers and pages come from the whole catalogue, so a run of a subset links and numbers as a full run does.
  const catalogue = lecturePages(input.documents);
  const numbers = claimNumbers(catalogue);
  // Where each claim lives: its lecture page and anchor.
  const pageOfId = new Map<string, string>();
  const namedIds: string[] = [];
  for (const pg of catalogue)
    for (const d of pg.documents)
      for (const p of d.parts) {
        const id = partId(d, p);
        if (id && !pageOfId.has(id)) pageOfId.set(id, pg.file);
        if (p.type === 'claim' || (p.type === 'invalid' && p.id !== undefined)) namedIds.push(id!);
      }
  const href = (id: string) => {
    const file = pageOfId.get(id) ?? 'index.html';
    return file === scope.page ? `#${id}` : `${file}#${id}`;
  };
  const titleOf = new Map<string, string>();
  for (const d of input.documents)
    for (const p of d.parts)
      if (p.type === 'invalid' && p.id !== undefined && p.title !== undefined) titleOf.set(p.id, p.title);
  for (const c of claims.values()) titleOf.set(c.id, c.title);
  const link = (id: string) =>
    crossRefHtml({
      id,
      number: numbers.get(id),
      href: href(id),
      title: byId.get(id)?.title ?? titleOf.get(id) ?? '',
      badge: badge(byId.get(id)?.verdict ?? 'not-checked'),
    });
  const idPattern = claimIdPattern(namedIds);
  if (idPattern) prose.claimRefs = { pattern: idPattern, html: link };
  const correctionOf = new Map<string, string>();
  for (const c of claims.values())
    if (c.corrects && !correctionOf.has(c.corrects.id)) correctionOf.set(c.corrects.id, c.id);
  const correctedBy = (id: string) => {
    const fix = correctionOf.get(id);
    return fix === undefined ? undefined : `${link(fix)} ${badge(byId.get(fix)?.verdict ?? 'not-checked')}`;
  };
  const nav = (current: string) =>
    [
      `<a href="index.html"${current === 'index.html' ? ' aria-current="page"' : ''}>Summary</a>`,
      ...pages.map(
        (pg) => `<a href="${pg.file}"${current === pg.file ? ' aria-current="page"' : ''}>${esc(pg.title)}</a>`,
      ),
    ].join(' ');
  const counts: Record<string, number> = {};
  for (const r of input.results) counts[r.verdict] = (counts[r.verdict] ?? 0) + 1;
  const mismatches = input.results.filter((r) => !r.asExpected);
  const findings = input.results.filter((r) => r.verdict === 'refuted');
  // Errata first: each wrong statement with the finding and its correction, on the summary and atop each lecture.
  const errata = (list: ClaimResult[], id: string, heading: string): string => {
    const items = list.map((r) => {
      const c = claims.get(r.id);
      const fix = correctedBy(r.id);
      m.source = c ? { file: c.file, line: c.pos.line } : undefined;
      return `<li>${link(r.id)} — ${esc(r.title)}${c?.finding ? `: ${prose.inline(c.finding)}` : ''}${fix ? ` Corrected by ${fix}.` : ''}</li>`;
    });
    m.source = undefined;
    return `<section class="errata" aria-labelledby="${id}"><h2 id="${id}">${heading}</h2><ul>${items.join('\n')}</ul></section>`;
  };

  const scope: ReportScope = {
    input,
    m,
    prose,
    byId,
    claims,
    resultIds,
    pages,
    catalogue,
    numbers,
    href,
    link,
    correctedBy,
    nav,
    errata,
    counts,
    mismatches,
    findings,
    page: 'index.html',
    figureCount: 0,
  };
  return scope;
}

/** A lecture's page: contents, errata, then each section's prose and claims in order. */
function lecturePageHtml(pg: ReportScope['pages'][number], s: ReportScope): string {
  const { input, m, prose, byId, numbers, catalogue, findings, link, correctedBy, errata, nav } = s;
  const claimCount = pg.documents.flatMap((d) => d.parts.filter((p) => p.type !== 'prose')).length;
  const lecture = lectureNumber(catalogue.findIndex((c) => c.seed === pg.seed));
  const out: string[] = [
    `<header class="page"><h1>${esc(pg.title)}</h1><p class="muted">Lecture ${lecture}, from the notes <code>${esc(pg.seed)}</code>. ${claimCount} claims${claimCount ? `, numbered ${lecture}.1–${lecture}.${claimCount}` : ''}.</p></header>`,
  ];
  const onPage = new Set(pg.documents.flatMap((d) => d.parts.map((p) => partId(d, p) ?? '')));
  const wrong = findings.filter((r) => onPage.has(r.id));
  // Contents: each section and its claims with their verdicts (folded; not printed).
  const toc = pg.documents.map((doc) => {
    const items = doc.parts.flatMap((p) => {
      const id = partId(doc, p);
      const r = id === undefined ? undefined : byId.get(id);
      return r
        ? [
            `<li><a href="#${esc(r.id)}"><span class="claim-no">${esc(numbers.get(r.id) ?? '')}</span> ${esc(r.title)}</a> ${badge(r.verdict)}</li>`,
          ]
        : [];
    });
    return `<li><a href="#${esc(slug(doc.file))}">${esc(firstHeading(doc) ?? doc.file)}</a>${items.length ? `<ol>${items.join('')}</ol>` : ''}</li>`;
  });
  out.push(
    `<nav class="toc no-print" aria-label="Contents of this lecture"><details><summary>Contents</summary><ol>${toc.join('')}</ol></details></nav>`,
  );
  if (wrong.length) out.push(errata(wrong, 'errata', 'Errata: statements that are wrong as written'));
  const shown = new Set<string>();
  for (const doc of pg.documents) {
    out.push(
      `<section class="doc" aria-labelledby="${esc(slug(doc.file))}"><h2 id="${esc(slug(doc.file))}">${esc(firstHeading(doc) ?? doc.file)}</h2><p class="muted no-print">Source: <code>${esc(doc.file)}</code></p>`,
    );
    let skippedHeading = false;
    for (const part of doc.parts) {
      if (part.type === 'prose') {
        // The file's first heading is the section title above.
        const md = !skippedHeading
          ? part.markdown.replace(/^\s*#\s+[^\n]*\n/, () => ((skippedHeading = true), ''))
          : part.markdown;
        m.source = { file: doc.file, line: part.line, text: part.markdown };
        if (md.trim()) out.push(`<div class="prose">${prose(md)}</div>`);
        m.source = undefined;
        continue;
      }
      const id = partId(doc, part)!;
      const r = byId.get(id);
      if (!r || shown.has(id)) continue;
      shown.add(id);
      out.push(
        claimHtml(
          part.type === 'claim' ? part.claim : undefined,
          r,
          numbers.get(id),
          input.established[id],
          m,
          prose,
          byId,
          link,
          correctedBy(id),
          () => `fig-${++s.figureCount}`,
          replaysOf(r, input),
        ),
      );
    }
    out.push('</section>');
  }
  return pageHtml(`${pg.title} — claimcheck`, out.join('\n'), nav(pg.file));
}

/** The summary page: counts, findings, the lectures, the status of every claim, the graph, problems, run information. */
function summaryPageHtml(s: ReportScope, formulaErrors: MathError[]): string {
  const { input, m, byId, pages, numbers, href, link, errata, counts, mismatches, findings, resultIds, nav } = s;
  const body: string[] = [];
  body.push(`<header class="page"><h1>Checked claims</h1><p>${input.results.length} claims from ${pages.length} lectures: ${Object.entries(
    counts,
  )
    .map(([k, v]) => `${badge(k)} ${v}`)
    .join(
      ' · ',
    )}. Seed ${input.seed}, ${input.count.toLocaleString('en-US')} random instances per numeric check by default; the same figures come back with <code>npm run check -- --seed ${input.seed} --count ${input.count}</code>.</p>
${mismatches.length ? `<p><strong>${mismatches.length} claim(s) differ from their expected verdict:</strong> ${mismatches.map((r) => link(r.id)).join(', ')}</p>` : '<p>Every verdict is the expected one.</p>'}</header>`);
  if (findings.length) body.push(errata(findings, 'findings', 'Findings: statements that are wrong as written'));
  body.push(
    `<section aria-labelledby="lectures"><h2 id="lectures">Lectures</h2><ul>${pages.map((pg) => `<li><a href="${pg.file}">${esc(pg.title)}</a> <span class="muted">(<code>${esc(pg.seed)}</code>, ${pg.documents.flatMap((d) => d.parts.filter((p) => p.type !== 'prose')).length} claims)</span></li>`).join('')}</ul></section>`,
  );
  body.push(
    `<section aria-labelledby="status"><h2 id="status">Status</h2><div class="table-wrap"><table class="status"><thead><tr><th scope="col">claim</th><th scope="col">lecture</th><th scope="col">verdict</th><th scope="col">decided by</th></tr></thead><tbody>${input.results
      .map((r) => {
        const method =
          r.checks
            .flatMap((x) => x.decidedBy.slice(0, 1).map((d) => decisionHtml(d, m, texNumbers)))
            .filter((x, k, all) => all.indexOf(x) === k)
            .join('; ') || esc(textNumbers(r.reason ?? ''));
        return `<tr id="${esc(r.id)}"><td><a href="${esc(href(r.id))}">${esc(refLabel({ id: r.id, number: numbers.get(r.id) }))}</a> <code class="id">${esc(r.id)}</code></td><td>${esc(numbers.get(r.id)?.split('.')[0] ?? '')}</td><td>${badge(r.verdict)}</td><td>${method}</td></tr>`;
      })
      .join(
        '',
      )}</tbody></table></div><p class="muted">Times per claim are in the run information at the end of this page.</p></section>`,
  );
  const graphNodes = pages.flatMap((pg) =>
    pg.documents.flatMap((d) =>
      d.parts.flatMap((p) => {
        if (p.type === 'prose') return [];
        const id = partId(d, p)!;
        if (!resultIds.has(id)) return [];
        return [
          {
            id,
            lecture: pg.seed.replace(/_.*$/, ''),
            verdict: byId.get(id)?.verdict ?? 'error',
            href: href(id),
            number: numbers.get(id),
            established: input.established[id] === true,
            ...(p.type === 'claim' ? { claim: p.claim } : {}),
          },
        ];
      }),
    ),
  );
  body.push(
    `<section aria-labelledby="graph"><h2 id="graph">How the claims depend on each other</h2><div class="overflow">${dependencyGraphSvg(graphNodes)}</div></section>`,
  );
  const problems = [...input.diagnostics, ...formulaErrors.map(formulaDiagnostic)];
  if (problems.length)
    body.push(
      `<section><h2>Problems in claim files</h2><div class="errors">${problems.map((d) => esc(formatDiagnostic(d))).join('\n')}</div></section>`,
    );
  const timings = Object.entries(input.runInfo.timings)
    .map(([k, v]) => `${esc(k)} ${v.toFixed(0)} ms`)
    .join(' · ');
  const perClaim = input.results
    .map(
      (r) =>
        `<tr><td>${esc(r.id)}</td><td>${r.timings.deriveMs.toFixed(0)} ms</td><td>${r.timings.checkMs.toFixed(0)} ms</td></tr>`,
    )
    .join('');
  body.push(
    `<section class="run-info" id="run-info" data-run-info><h2>Run information</h2><p>This block alone varies between runs with the same seed.</p><p>Generated ${esc(input.runInfo.generated)} with Node ${esc(input.runInfo.node)}. ${timings}</p><table><thead><tr><th scope="col">claim</th><th scope="col">derive</th><th scope="col">check</th></tr></thead><tbody>${perClaim}</tbody></table></section>`,
  );
  return pageHtml('claimcheck report', body.join('\n'), nav('index.html'));
}

export function renderReport(input: RenderInput): RenderedReport {
  const s = reportScope(input);
  const files = new Map<string, string>();
  // The summary comes first among the files but is written last, to list the formulas the lecture pages could not typeset.
  files.set('index.html', '');
  // One page per lecture, in its order: prose, statements, derivations, verdicts, figures.
  for (const pg of s.pages) {
    s.page = pg.file;
    files.set(pg.file, lecturePageHtml(pg, s));
  }
  // A formula that failed on a lecture page and again in the errata is one error.
  const formulaErrors = s.m.errors.filter(
    (e, k, all) =>
      all.findIndex((x) => x.tex === e.tex && x.file === e.file && x.line === e.line && x.column === e.column) === k,
  );

  s.page = 'index.html';
  files.set('index.html', summaryPageHtml(s, formulaErrors));
  return { files, katexErrors: formulaErrors };
}

function firstHeading(doc: ClaimDocument): string | undefined {
  for (const p of doc.parts)
    if (p.type === 'prose') {
      const h = /^\s*#\s+(.+)$/m.exec(p.markdown);
      if (h) return h[1]!.trim();
    }
  return undefined;
}

function slug(s: string): string {
  return s
    .replace(/^.*\//, '')
    .replace(/\.md$/, '')
    .replace(/[^A-Za-z0-9-]+/g, '-');
}

/** Write the report atomically: a fresh folder beside the target, then one rename. */
/** `keepOtherPages`: a run of a subset of the claims leaves the lecture pages it did not render in place. */
export function writeReport(rendered: RenderedReport, outDir: string, { keepOtherPages = false } = {}): void {
  const parent = dirname(outDir.replace(/\/+$/, ''));
  mkdirSync(parent, { recursive: true });
  const tmp = `${outDir.replace(/\/+$/, '')}.tmp-${process.pid}`;
  rmSync(tmp, { recursive: true, force: true });
  // A run that fails midway leaves no half-written folder beside the report.
  try {
    mkdirSync(join(tmp, 'assets', 'katex', 'fonts'), { recursive: true });
    for (const [name, content] of rendered.files) {
      mkdirSync(dirname(join(tmp, name)), { recursive: true });
      writeFileSync(join(tmp, name), content);
    }
    const require = createRequire(import.meta.url);
    const katexDist = dirname(require.resolve('katex/dist/katex.min.css'));
    copyFileSync(join(katexDist, 'katex.min.css'), join(tmp, 'assets', 'katex', 'katex.min.css'));
    for (const f of readdirSync(join(katexDist, 'fonts')))
      if (f.endsWith('.woff2')) copyFileSync(join(katexDist, 'fonts', f), join(tmp, 'assets', 'katex', 'fonts', f));
    // Keep files in the output folder that are not ours (e.g. .gitkeep): move ours in one by one.
    mkdirSync(outDir, { recursive: true });
    const old = `${outDir.replace(/\/+$/, '')}.old-${process.pid}`;
    rmSync(old, { recursive: true, force: true });
    mkdirSync(old);
    for (const name of readdirSync(tmp)) {
      const target = join(outDir, name);
      if (existsSync(target)) renameSync(target, join(old, name));
      renameSync(join(tmp, name), target);
    }
    // After a full run, a lecture page not rendered this time (its claim file was deleted or
    // renamed) would keep stale verdicts: remove it. Only names our own pages can have
    // (lecture-<slug>.html).
    if (!keepOtherPages)
      for (const name of readdirSync(outDir))
        if (/^lecture-[A-Za-z0-9-]*\.html$/.test(name) && !rendered.files.has(name))
          renameSync(join(outDir, name), join(old, name));
    rmSync(old, { recursive: true, force: true });
  } finally {
    rmSync(tmp, { recursive: true, force: true });
  }
}
