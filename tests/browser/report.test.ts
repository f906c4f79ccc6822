/**
 * The report in a real browser: Debian's chromium driven by playwright-core. Every formula must
 * render, every claim carry a verdict badge, every figure be present and non-empty with a text
 * alternative, headings must not skip levels; no page may be wider than a 390 px or 1280 px
 * window, an anchor must land with the claim's title below the sticky menu, a link to a claim must
 * preview it on hover and focus without widening a 390 px page, and the handout of
 * the five lectures must fit in 60 A4 pages. Screenshots go to reports/screenshots/. If the
 * browser cannot start, this fails (it never skips).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { chromium, type Browser } from 'playwright-core';
import { checkCatalogue } from '../../src/api';
import { renderReport, writeReport } from '../../src/render/index';

const ROOT = new URL('../..', import.meta.url).pathname;
const SHOTS = join(ROOT, 'reports', 'screenshots');
const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
/** Poppler's pdftotext, to measure how full each printed page is (the check runs where it is installed). */
const PDFTOTEXT = process.env.PDFTOTEXT_PATH ?? 'pdftotext';
let browser: Browser;
let out: string;
let pages: string[];

beforeAll(async () => {
  const report = await checkCatalogue({ claimsDir: join(ROOT, 'claims'), count: 1000, workers: 2 });
  out = mkdtempSync(join(tmpdir(), 'claimcheck-browser-'));
  const rendered = renderReport({ ...report, runInfo: { generated: 'test', node: process.version, timings: {} } });
  expect(rendered.katexErrors).toEqual([]);
  writeReport(rendered, out);
  pages = readdirSync(out)
    .filter((f) => f.endsWith('.html'))
    .sort();
  mkdirSync(SHOTS, { recursive: true });
  browser = await chromium.launch({
    executablePath: CHROMIUM,
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  });
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
        // A legend's swatches are decoration (aria-hidden), not figures; of the dependency graph's two
        // layouts only the one that fits the window is displayed.
        const figures = [...document.querySelectorAll('figure.figure svg:not([aria-hidden="true"])')].filter(
          (f) => getComputedStyle(f).display !== 'none',
        );
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
          figuresWithoutText: figures.filter((f) => !f.querySelector('title') || !f.querySelector('desc')?.textContent)
            .length,
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
      for (let k = 1; k < facts.headings.length; k++)
        expect(facts.headings[k]! - facts.headings[k - 1]!, `${file}: heading ${k}`).toBeLessThanOrEqual(1);
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
      const state = await page.evaluate(() => ({
        pwned: (window as unknown as { __pwned?: number }).__pwned,
        scripts: document.scripts.length,
      }));
      expect(state, file).toEqual({ pwned: undefined, scripts: 0 });
    }
    expect(dialogs).toEqual([]);
    await page.close();
  });

  it('is never wider than the window at 390 and 1280 px, evidence folded or unfolded', async () => {
    for (const width of [390, 1280]) {
      const page = await browser.newPage({ viewport: { width, height: 800 } });
      for (const file of pages) {
        await page.goto(pathToFileURL(join(out, file)).href, { waitUntil: 'load' });
        const widths = async () =>
          page.evaluate(() => ({
            scroll: document.documentElement.scrollWidth,
            window: document.documentElement.clientWidth,
          }));
        const folded = await widths();
        expect(folded.scroll, `${file} at ${width} px`).toBeLessThanOrEqual(folded.window);
        const details = await page.evaluate(() => {
          const all = [...document.querySelectorAll('details')];
          for (const d of all) d.open = true;
          return all.length;
        });
        if (file.startsWith('lecture-')) expect(details, `${file}: evidence in <details>`).toBeGreaterThan(0);
        const unfolded = await widths();
        expect(unfolded.scroll, `${file} at ${width} px, evidence unfolded`).toBeLessThanOrEqual(unfolded.window);
      }
      await page.close();
    }
  });

  it('shows a dependency graph whose labels keep their size at 390 px, and that fits its column at 390 and 1280 px', async () => {
    for (const width of [390, 1280]) {
      const page = await browser.newPage({ viewport: { width, height: 800 } });
      await page.goto(pathToFileURL(join(out, 'index.html')).href, { waitUntil: 'load' });
      const graph = await page.evaluate(() => {
        const shown = [...document.querySelectorAll('figure.graph > svg')].filter(
          (f) => getComputedStyle(f).display !== 'none',
        );
        const svg = shown[0]!;
        const box = svg.getBoundingClientRect();
        const column = svg.closest('section')!.getBoundingClientRect();
        const label = svg.querySelector('a text[font-family]')!.getBoundingClientRect();
        return {
          shown: shown.length,
          kind: svg.getAttribute('class'),
          scale: box.width / Number(svg.getAttribute('width')),
          fits: box.right <= column.right + 0.5 && box.left >= column.left - 0.5,
          labelHeight: label.height,
          title: svg.querySelector('title')?.textContent ?? '',
        };
      });
      expect(graph.shown, `${width} px: one layout shown`).toBe(1);
      expect(graph.fits, `${width} px: the graph fits its column`).toBe(true);
      expect(graph.title).toBe('Dependency graph of the claims');
      if (width === 390) {
        expect(graph.kind).toBe('graph-narrow');
        // Drawn at full size: 11 px labels, about 8 px tall on screen, never scaled to a third.
        expect(graph.scale).toBeGreaterThanOrEqual(0.95);
        expect(graph.labelHeight).toBeGreaterThanOrEqual(7);
      } else expect(graph.kind).toBe('graph-wide');
      await page.close();
    }
  });

  it("shows a claim's title below the sticky menu after an anchor jump, at 390 and 1280 px", async () => {
    for (const width of [390, 1280]) {
      const page = await browser.newPage({ viewport: { width, height: 700 } });
      for (const file of pages.filter((p) => p.startsWith('lecture-'))) {
        await page.goto(pathToFileURL(join(out, file)).href, { waitUntil: 'load' });
        const ids = await page.evaluate(() => [...document.querySelectorAll('section.claim')].map((c) => c.id));
        const menu = await page.evaluate(() => document.querySelector('nav.site')!.getBoundingClientRect().height);
        expect(menu, `${file}: menu height at ${width} px`).toBeLessThanOrEqual(48);
        for (const id of ids) {
          const title = await page.evaluate(async (target) => {
            location.hash = `#${target}`;
            await new Promise((done) => requestAnimationFrame(() => requestAnimationFrame(done)));
            const nav = document.querySelector('nav.site')!.getBoundingClientRect();
            const h = document.getElementById(`${target}-title`)!.getBoundingClientRect();
            return { navBottom: nav.bottom, top: h.top, bottom: h.bottom, height: window.innerHeight };
          }, id);
          expect(title.top, `${file}#${id} at ${width} px: title under the menu`).toBeGreaterThanOrEqual(
            title.navBottom,
          );
          expect(title.bottom, `${file}#${id} at ${width} px: title below the window`).toBeLessThanOrEqual(
            title.height,
          );
        }
      }
      await page.close();
    }
  });

  it('previews a linked claim on hover and on keyboard focus, inside a 390 px window, and never in print', async () => {
    const page = await browser.newPage({ viewport: { width: 390, height: 800 } });
    const preview = () =>
      page.evaluate(() => {
        const shown = [...document.querySelectorAll('.xref-preview')].filter(
          (e) => getComputedStyle(e).display !== 'none',
        );
        const box = shown[0]?.getBoundingClientRect();
        return {
          shown: shown.length,
          text: shown[0]?.textContent ?? '',
          link: shown[0]?.parentElement?.firstChild?.textContent ?? '',
          width: box?.width ?? 0,
          scroll: document.documentElement.scrollWidth,
          window: document.documentElement.clientWidth,
        };
      });
    let hovered = 0;
    for (const file of pages) {
      await page.goto(pathToFileURL(join(out, file)).href, { waitUntil: 'load' });
      expect((await preview()).shown, `${file}: no preview before a hover`).toBe(0);
      for (const link of await page.locator('a.xref').all()) {
        if (!(await link.isVisible())) continue;
        await link.hover();
        const p = await preview();
        const where = `${file}: ${p.link}`;
        expect(p.shown, where).toBe(1);
        expect(p.link, where).toMatch(/^Claim \d+\.\d+$/);
        expect(p.text.startsWith(p.link), where).toBe(true);
        expect(p.text, where).toMatch(/(proved|verified|refuted|not checked|error)$/);
        expect(p.width, where).toBeGreaterThan(50);
        expect(p.scroll, `${where}: page wider than the window while previewing`).toBeLessThanOrEqual(p.window);
        hovered++;
      }
    }
    expect(hovered).toBeGreaterThan(20);
    // Keyboard: tab to the first link to a claim on a lecture page.
    await page.mouse.move(0, 0);
    await page.goto(
      pathToFileURL(
        join(
          out,
          pages.find((p) => p.startsWith('lecture-'))!,
        ),
      ).href,
      { waitUntil: 'load' },
    );
    let focused = false;
    for (let k = 0; k < 300 && !focused; k++) {
      await page.keyboard.press('Tab');
      focused = await page.evaluate(() => document.activeElement?.matches('a.xref') ?? false);
    }
    expect(focused, 'a link to a claim takes keyboard focus').toBe(true);
    expect((await preview()).shown, 'preview on keyboard focus').toBe(1);
    await page.emulateMedia({ media: 'print' });
    expect((await preview()).shown, 'no preview in print').toBe(0);
    await page.close();
  });

  it('loads its stylesheet and fonts under its Content-Security-Policy, with no violation reported', async () => {
    const page = await browser.newPage();
    const errors: string[] = [];
    page.on('console', (m) => {
      if (m.type() === 'error') errors.push(m.text());
    });
    for (const file of pages) {
      await page.goto(pathToFileURL(join(out, file)).href, { waitUntil: 'load' });
      const state = await page.evaluate(async () => {
        await document.fonts.ready;
        return {
          csp: document.querySelector('meta[http-equiv="Content-Security-Policy"]')?.getAttribute('content') ?? '',
          katexFonts: [...document.fonts].filter((f) => f.family.startsWith('KaTeX') && f.status === 'loaded').length,
          mathmlHidden: [...document.querySelectorAll('.katex-mathml')]
            .slice(0, 5)
            .every((e) => e.getBoundingClientRect().width <= 1),
        };
      });
      expect(state.csp, file).toMatch(/script-src 'none'/);
      expect(state.mathmlHidden, `${file}: KaTeX's stylesheet applies`).toBe(true);
      if (file.startsWith('lecture-')) expect(state.katexFonts, `${file}: KaTeX fonts load`).toBeGreaterThan(0);
    }
    expect(errors).toEqual([]);
    await page.close();
  });

  it('prints the five lectures as a handout of at most 60 A4 pages (npm run handout)', () => {
    const r = spawnSync(process.execPath, [join(ROOT, 'scripts', 'handout.mjs'), out], {
      encoding: 'utf8',
      timeout: 240_000,
      env: { ...process.env, CHROMIUM_PATH: CHROMIUM },
    });
    expect(r.status, r.stderr).toBe(0);
    const each = [...r.stdout.matchAll(/\((\d+) pages\)/g)].map((m) => Number(m[1]));
    const total = Number(/(\d+) pages in all/.exec(r.stdout)?.[1]);
    expect(each.length).toBe(pages.filter((p) => p.startsWith('lecture-')).length);
    expect(each.every((n) => n >= 1)).toBe(true);
    expect(total).toBe(each.reduce((a, b) => a + b, 0));
    expect(total).toBeLessThanOrEqual(60);
    // Every page but a lecture's last is more than a third full, measured by its lowest line of text
    // between the margins (10 mm at the top, 12 mm at the bottom, where the footer is), read with
    // poppler's pdftotext where it is installed.
    if (spawnSync(PDFTOTEXT, ['-v']).status === 0)
      for (const file of readdirSync(join(out, 'handout'))) {
        const bbox = spawnSync(PDFTOTEXT, ['-bbox', join(out, 'handout', file), '-'], { encoding: 'utf8' }).stdout;
        const fills = bbox
          .split('<page ')
          .slice(1)
          .map((page) => {
            const height = Number(/height="([\d.]+)"/.exec(page)![1]);
            const [top, bottom] = [(10 * 72) / 25.4, height - (12 * 72) / 25.4];
            const lowest = Math.max(
              top,
              ...[...page.matchAll(/yMax="([\d.]+)"/g)].map((m) => Number(m[1])).filter((y) => y < bottom),
            );
            return (lowest - top) / (bottom - top);
          });
        fills.slice(0, -1).forEach((fill, k) => expect(fill, `${file}, page ${k + 1}`).toBeGreaterThan(1 / 3));
      }
    // Chromium has no target-counter(): the script writes each claim link's printed page after it.
    const refs = Number(/(\d+) links to claims followed by their printed page/.exec(r.stdout)?.[1]);
    expect(refs, r.stdout).toBeGreaterThan(20);
    // Each file really has that many pages: count them independently of the script.
    for (const file of readdirSync(join(out, 'handout'))) {
      const pdf = readFileSync(join(out, 'handout', file)).toString('latin1');
      expect(pdf.startsWith('%PDF')).toBe(true);
      expect(each).toContain((pdf.match(/\/Type\s*\/Page[^s]/g) ?? []).length);
    }
  });

  it('prints a lecture page as a handout (a PDF that starts with %PDF)', async () => {
    const page = await browser.newPage();
    await page.goto(
      pathToFileURL(
        join(
          out,
          pages.find((p) => p.startsWith('lecture-'))!,
        ),
      ).href,
      { waitUntil: 'load' },
    );
    const pdf = await page.pdf({ format: 'A4' });
    expect(pdf.subarray(0, 4).toString()).toBe('%PDF');
    expect(pdf.length).toBeGreaterThan(10_000);
    await page.close();
  });
});
