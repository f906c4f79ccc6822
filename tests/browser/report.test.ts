/**
 * The report in a real browser: Debian's chromium driven by playwright-core. Every formula must
 * render, every claim carry a verdict badge, every figure be present and non-empty with a text
 * alternative, headings must not skip levels; screenshots go to reports/screenshots/. If the
 * browser cannot start, this fails (it never skips).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdirSync, mkdtempSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { chromium, type Browser } from 'playwright-core';
import { checkCatalogue } from '../../src/api';
import { renderReport, writeReport } from '../../src/render/index';

const ROOT = new URL('../..', import.meta.url).pathname;
const SHOTS = join(ROOT, 'reports', 'screenshots');
const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
let browser: Browser;
let out: string;
let pages: string[];

beforeAll(async () => {
  const report = await checkCatalogue({ claimsDir: join(ROOT, 'claims'), count: 1000, workers: 2 });
  out = mkdtempSync(join(tmpdir(), 'claimcheck-browser-'));
  const rendered = renderReport({ ...report, runInfo: { generated: 'test', node: process.version, timings: {} } });
  expect(rendered.katexErrors).toEqual([]);
  writeReport(rendered, out);
  pages = readdirSync(out).filter((f) => f.endsWith('.html')).sort();
  mkdirSync(SHOTS, { recursive: true });
  browser = await chromium.launch({ executablePath: CHROMIUM, args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'] });
});

afterAll(async () => {
  await browser?.close();
});

describe('the report in Chromium', () => {
  it('has an index and a page per lecture', () => {
    expect(pages).toContain('index.html');
    expect(pages.filter((p) => p.startsWith('lecture-')).length).toBeGreaterThanOrEqual(5);
  });

  it('renders every formula, badges every claim, draws every figure, on every page', async () => {
    const page = await browser.newPage({ viewport: { width: 1200, height: 900 } });
    const requests: string[] = [];
    page.on('request', (r) => {
      if (!r.url().startsWith('file:')) requests.push(r.url());
    });
    for (const file of pages) {
      await page.goto(pathToFileURL(join(out, file)).href, { waitUntil: 'load' });
      const facts = await page.evaluate(() => {
        const text = document.body.innerText;
        const claims = [...document.querySelectorAll('section.claim')];
        const figures = [...document.querySelectorAll('figure.figure svg')];
        const headings = [...document.querySelectorAll('h1, h2, h3, h4, h5, h6')].map((h) => Number(h.tagName[1]));
        return {
          katexErrors: document.querySelectorAll('.katex-error, .math-error').length,
          rawMath: (text.match(/\$[^$\n]{1,80}\$/g) ?? []).slice(0, 3),
          katex: document.querySelectorAll('.katex').length,
          mathml: document.querySelectorAll('.katex-mathml math').length,
          claims: claims.length,
          claimsWithoutBadge: claims.filter((c) => !c.querySelector('.badge')).map((c) => c.id),
          figures: figures.length,
          emptyFigures: figures.filter((f) => f.getBoundingClientRect().width < 50 || f.childElementCount < 3).length,
          figuresWithoutText: figures.filter((f) => !f.querySelector('title') || !f.querySelector('desc')?.textContent).length,
          headings,
          scripts: document.scripts.length,
        };
      });
      expect(facts.katexErrors, file).toBe(0);
      expect(facts.rawMath, file).toEqual([]);
      expect(facts.claimsWithoutBadge, file).toEqual([]);
      expect(facts.emptyFigures, file).toBe(0);
      expect(facts.figuresWithoutText, file).toBe(0);
      expect(facts.scripts, file).toBe(0);
      expect(facts.mathml, file).toBe(facts.katex);
      expect(facts.headings[0], file).toBe(1);
      for (let k = 1; k < facts.headings.length; k++) expect(facts.headings[k]! - facts.headings[k - 1]!, `${file}: heading ${k}`).toBeLessThanOrEqual(1);
      if (file.startsWith('lecture-')) expect(facts.claims, file).toBeGreaterThan(0);
      if (file === 'index.html') expect(facts.figures, 'dependency graph').toBeGreaterThanOrEqual(1);
    }
    expect(requests, 'no network').toEqual([]);
    await page.close();
  });

  it('has figures on the lecture pages, and saves screenshots', async () => {
    const page = await browser.newPage({ viewport: { width: 1200, height: 900 } });
    let figures = 0;
    for (const file of pages) {
      await page.goto(pathToFileURL(join(out, file)).href, { waitUntil: 'load' });
      if (file.startsWith('lecture-')) figures += await page.locator('section.claim figure.figure svg').count();
      await page.screenshot({ path: join(SHOTS, file.replace(/\.html$/, '.png')), fullPage: file === 'index.html' });
    }
    expect(figures).toBeGreaterThanOrEqual(4);
    await page.close();
  });

  it('runs no script from hostile claim content', async () => {
    const { claimFile, claimsFolder } = await import('../helpers');
    const hostile = claimFile(
      `id: t.hostile
title: <script>window.__pwned = 1</script>
where: <img src=x onerror="window.__pwned = 2">
statement: \\href{javascript:window.__pwned=3}{x}
symbols: {x: real}
checks:
  - holds: x^2 >= 0
expect: proved`,
      '<script>window.__pwned = 4</script> <img src=x onerror="window.__pwned = 5"> [click](javascript:window.__pwned=6) $\\href{javascript:window.__pwned=7}{y}$ <svg onload="window.__pwned=8"></svg>',
    );
    const report = await checkCatalogue({ claimsDir: claimsFolder({ 'h.md': hostile }), count: 50, workers: 0 });
    const dir = mkdtempSync(join(tmpdir(), 'claimcheck-hostile-'));
    writeReport(renderReport({ ...report, runInfo: { generated: 'test', node: process.version, timings: {} } }), dir);
    const page = await browser.newPage();
    const dialogs: string[] = [];
    page.on('dialog', (d) => {
      dialogs.push(d.message());
      void d.dismiss();
    });
    for (const file of readdirSync(dir).filter((f) => f.endsWith('.html'))) {
      await page.goto(pathToFileURL(join(dir, file)).href, { waitUntil: 'load' });
      for (const a of await page.locator('a').all()) {
        const href = await a.getAttribute('href');
        expect(href ?? '', `${file}: link`).not.toMatch(/^\s*javascript:/i);
      }
      const state = await page.evaluate(() => ({ pwned: (window as unknown as { __pwned?: number }).__pwned, scripts: document.scripts.length }));
      expect(state, file).toEqual({ pwned: undefined, scripts: 0 });
    }
    expect(dialogs).toEqual([]);
    await page.close();
  });

  it('prints a lecture page as a handout (a PDF that starts with %PDF)', async () => {
    const page = await browser.newPage();
    await page.goto(pathToFileURL(join(out, pages.find((p) => p.startsWith('lecture-'))!)).href, { waitUntil: 'load' });
    const pdf = await page.pdf({ format: 'A4' });
    expect(pdf.subarray(0, 4).toString()).toBe('%PDF');
    expect(pdf.length).toBeGreaterThan(10_000);
    await page.close();
  });
});
