// Writes a PDF handout per lecture page of the report (reports/handout/<page>.pdf) with headless
// Chromium (Debian's chromium package; no browser is downloaded). Run `npm run check` first.
/* global document -- read inside page.evaluate, in the browser */
import { existsSync, mkdirSync, readdirSync, readFileSync } from 'node:fs';
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
  for (const file of pages) {
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
    const out = join(reports, 'handout', file.replace(/\.html$/, '.pdf'));
    await page.pdf({
      path: out,
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
    const count = pageCount(readFileSync(out));
    total += count;
    console.log(`wrote ${out} (${count} pages)`);
  }
  console.log(`${pages.length} handouts, ${total} pages in all`);
} finally {
  await browser.close();
}
