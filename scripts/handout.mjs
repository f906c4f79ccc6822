// Writes a PDF handout per lecture page of the report (reports/handout/<page>.pdf) with headless
// Chromium (Debian's chromium package; no browser is downloaded). Run `npm run check` first.
/* global document -- read inside page.evaluate, in the browser */
import { existsSync, mkdirSync, readdirSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { chromium } from 'playwright-core';

const reports = resolve(process.argv[2] ?? 'reports');
const executablePath = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
if (!existsSync(join(reports, 'index.html'))) {
  console.error(`no report in ${reports}: run npm run check first`);
  process.exit(2);
}
if (!existsSync(executablePath)) {
  console.error(
    `no browser at ${executablePath}: install Debian's chromium (apt-get install chromium) or set CHROMIUM_PATH`,
  );
  process.exit(2);
}
const pages = readdirSync(reports)
  .filter((f) => /^lecture-.*\.html$/.test(f))
  .sort();
mkdirSync(join(reports, 'handout'), { recursive: true });
/** Pages of a PDF written by Chromium: its page objects (Chromium writes no object streams). */
function pageCount(pdf) {
  return (pdf.toString('latin1').match(/\/Type\s*\/Page(?![a-zA-Z])/g) ?? []).length;
}

/**
 * The printed page of each anchor a PDF written by Chromium names: its named destinations
 * (/Dests in the catalog, one per element id a link points to) give the page object, and the page
 * tree's /Kids, read in order, give that object's number.
 */
function pagesOfAnchors(pdf) {
  const text = pdf.toString('latin1');
  const object = (n) => new RegExp(`(?:^|\\s)${n} 0 obj\\s*([\\s\\S]*?)\\bendobj`).exec(text)?.[1] ?? '';
  const order = [];
  const walk = (n) => {
    const body = object(n);
    const kids = /\/Kids\s*\[([^\]]*)\]/.exec(body);
    if (/\/Type\s*\/Pages\b/.test(body) && kids) for (const k of kids[1].matchAll(/(\d+) 0 R/g)) walk(k[1]);
    else order.push(n);
  };
  const catalog = /\sobj\s*<<\s*\/Type\s*\/Catalog\b[\s\S]*?\bendobj/.exec(text)?.[0] ?? '';
  const root = /\/Pages\s+(\d+) 0 R/.exec(catalog)?.[1];
  const dests = /\/Dests\s+(\d+) 0 R/.exec(catalog)?.[1];
  if (root) walk(root);
  const out = {};
  if (dests)
    for (const m of object(dests).matchAll(/\/((?:[^\s/[\]<>()#]|#[0-9A-Fa-f]{2})+)\s*\[\s*(\d+) 0 R/g)) {
      const id = m[1].replace(/#([0-9A-Fa-f]{2})/g, (_, h) => String.fromCharCode(parseInt(h, 16)));
      const at = order.indexOf(m[2]);
      if (at >= 0) out[id] = at + 1;
    }
  return out;
}

let total = 0;
const browser = await chromium.launch({
  executablePath,
  args: [
    '--no-sandbox',
    '--disable-gpu',
    '--disable-background-networking',
    '--disable-component-update',
    '--no-first-run',
  ],
});
try {
  // The printable width of A4 with the margins below (210 mm − 2 × 13 mm at 96 px per inch), so formulas are measured as printed.
  const page = await browser.newPage({ viewport: { width: 695, height: 950 } });
  // A link to a claim is followed by the page the claim is printed on ("Claim 1.3 (p. 2)"; in another
  // lecture's handout, "(lecture 1, p. 2)"). Chromium has no target-counter(), so the pages come from
  // the PDF itself: print, read the page of each claim, write the numbers in and print again, until
  // the numbers written are the pages printed (the added text can move a claim to the next page).
  let known = {};
  const pdfs = {};
  let written = 0;
  let passes = 0;
  for (let pass = 1; pass <= 4; pass++) {
    passes = pass;
    const printed = {};
    written = 0;
    for (const file of pages) {
      written += await printPage(file, pass > 1 ? known : undefined);
      pdfs[file] = await printPdf();
      printed[file] = pagesOfAnchors(pdfs[file]);
    }
    const settled = pass > 1 && JSON.stringify(printed) === JSON.stringify(known);
    known = printed;
    if (settled) break;
  }
  for (const file of pages) {
    const out = join(reports, 'handout', file.replace(/\.html$/, '.pdf'));
    writeFileSync(out, pdfs[file]);
    const count = pageCount(pdfs[file]);
    total += count;
    console.log(`wrote ${out} (${count} pages)`);
  }
  console.log(`${pages.length} handouts, ${total} pages in all`);
  console.log(`${written} links to claims followed by their printed page (${passes} printings)`);

  /** Loads a lecture page as it prints; with `known` (file → id → page), writes each claim link's page after it. */
  async function printPage(file, known) {
    await page.goto(pathToFileURL(join(reports, file)).href, { waitUntil: 'load' });
    await page.emulateMedia({ media: 'print' });
    await page.evaluate(() => document.fonts.ready);
    // A display formula wider than the printed column is scaled down to fit it (on screen it scrolls).
    await page.evaluate(() => {
      for (const d of document.querySelectorAll('.katex-display')) {
        const k = d.firstElementChild;
        if (!k || k.scrollWidth <= d.clientWidth + 1) continue;
        d.style.zoom = String(Math.max(0.5, Math.floor((d.clientWidth / k.scrollWidth) * 100) / 100));
      }
    });
    if (!known) return 0;
    return page.evaluate(
      ({ known, file }) => {
        // The stylesheet's target-counter rule is for engines that have it; these numbers replace it.
        document.documentElement.classList.add('paged-refs');
        let n = 0;
        for (const a of document.querySelectorAll('a.xref')) {
          const href = a.getAttribute('href') ?? '';
          const [target, id] = href.startsWith('#') ? [file, href.slice(1)] : href.split('#');
          const at = known[target]?.[decodeURIComponent(id ?? '')];
          if (!at) continue;
          const lecture = /^Claim (\d+)\./.exec(a.firstChild?.textContent ?? '')?.[1];
          const span = document.createElement('span');
          span.className = 'xref-page';
          span.textContent = target === file || !lecture ? ` (p. ${at})` : ` (lecture ${lecture}, p. ${at})`;
          a.after(span);
          n++;
        }
        return n;
      },
      { known, file },
    );
  }

  async function printPdf() {
    return page.pdf({
      format: 'A4',
      printBackground: false,
      outline: true,
      tagged: true,
      margin: { top: '10mm', bottom: '12mm', left: '13mm', right: '13mm' },
      displayHeaderFooter: true,
      headerTemplate: '<span></span>',
      footerTemplate:
        '<div style="font-size:8px;width:100%;margin:0 13mm;display:flex;justify-content:space-between;"><span class="title"></span><span><span class="pageNumber"></span> / <span class="totalPages"></span></span></div>',
    });
  }
} finally {
  await browser.close();
}
