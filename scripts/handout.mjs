// Writes a PDF handout per lecture page of the report (reports/handout/<page>.pdf) with headless
// Chromium (Debian's chromium package; no browser is downloaded). Run `npm run check` first.
import { existsSync, mkdirSync, readdirSync } from 'node:fs';
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
  console.error(`no browser at ${executablePath}: install Debian's chromium (apt-get install chromium) or set CHROMIUM_PATH`);
  process.exit(2);
}
const pages = readdirSync(reports).filter((f) => /^lecture-.*\.html$/.test(f)).sort();
mkdirSync(join(reports, 'handout'), { recursive: true });
const browser = await chromium.launch({ executablePath, args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--no-first-run'] });
try {
  const page = await browser.newPage();
  for (const file of pages) {
    await page.goto(pathToFileURL(join(reports, file)).href, { waitUntil: 'load' });
    await page.evaluate(() => document.fonts.ready);
    const out = join(reports, 'handout', file.replace(/\.html$/, '.pdf'));
    await page.pdf({ path: out, format: 'A4', printBackground: false, margin: { top: '18mm', bottom: '18mm', left: '16mm', right: '16mm' }, displayHeaderFooter: true, headerTemplate: '<span></span>', footerTemplate: '<div style="font-size:8px;width:100%;text-align:center;"><span class="pageNumber"></span> / <span class="totalPages"></span></div>' });
    console.log(`wrote ${out}`);
  }
} finally {
  await browser.close();
}
