/**
 * What a run leaves behind and what it selects: the JUnit XML (every error in it, always
 * well-formed), the report folder (no stale pages, no debris), --only by file name, the worker
 * pool closed when loading fails, and a claims folder holding an entry that cannot be read.
 */
import { describe, expect, it } from 'vitest';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { createHash } from 'node:crypto';
import { exitCodeOf, writeReport } from '../src/api';
import { renderReport } from '../src/render/index';
import { junitXml } from '../src/cli/junit';
import { claimFile, claimsFolder, edit, realClaimBlock, runFolder } from './helpers';

const ROOT = new URL('..', import.meta.url).pathname;
const TSX = join(ROOT, 'node_modules', '.bin', 'tsx');

/** Parse with Python's XML parser: a well-formedness check independent of the code under test. */
function xmlParseError(xml: string): string | undefined {
  const file = join(mkdtempSync(join(tmpdir(), 'claimcheck-xml-')), 'junit.xml');
  writeFileSync(file, xml);
  const r = spawnSync('python3', ['-c', 'import xml.etree.ElementTree as E,sys; E.parse(sys.argv[1])', file], {
    encoding: 'utf8',
  });
  if (r.error) throw r.error;
  return r.status === 0 ? undefined : r.stderr;
}

const good = realClaimBlock('002-dirac-gan.md', 'p.dirac-eigenvalues');
const renamed = (id: string) => edit(good, 'id: p.dirac-eigenvalues', `id: ${id}`);

describe('JUnit XML', () => {
  it('reports file-level errors (an unclosed claim block, broken front matter) as <error> test cases, with totals on the root', async () => {
    const claims = claimsFolder({
      'a.md': claimFile(good),
      'b.md': '---\nlecture: B\nseed: b.txt\n---\n\n```claim\nid: t.open\n',
      'c.md': '---\nlecture: [oops\n---\n\nprose\n',
    });
    const report = await runFolder(claims, 200);
    expect(exitCodeOf(report)).toBe(2);
    expect(report.diagnostics.length).toBe(2);
    const xml = junitXml(report);
    expect(xmlParseError(xml)).toBeUndefined();
    expect(xml).toMatch(/<testsuites name="claimcheck" tests="3" failures="0" errors="2"/);
    const suite = (f: string) =>
      xml.match(new RegExp(`<testsuite name="[^"]*${f}"[^>]*>[\\s\\S]*?</testsuite>`))?.[0] ?? '';
    expect(suite('b\\.md')).toMatch(/tests="1" failures="0" errors="1"/);
    expect(suite('b\\.md')).toMatch(/<error message="unterminated claim block/);
    expect(suite('c\\.md')).toMatch(/<error message="YAML/);
    expect(suite('a\\.md')).toMatch(/errors="0"/);
  }, 60_000);

  it('reports a claim expected not to be checked, and not checked, as a skip with its reason', async () => {
    const beyond =
      'id: t.beyond\ntitle: t\nwhere: w\nstatement: x\nsymbols: {x: real}\nexpect: {verdict: not-checked, reason: "about every dimension: beyond a finite check"}';
    const claims = claimsFolder({ 'a.md': claimFile(good), 'b.md': claimFile(beyond) });
    const xml = junitXml(await runFolder(claims, 200));
    expect(xmlParseError(xml)).toBeUndefined();
    expect(xml).toMatch(/<testsuites name="claimcheck" tests="2" failures="0" errors="0" skipped="1">/);
    expect(xml).toMatch(/name="t\.beyond"[^>]*><skipped message="about every dimension: beyond a finite check"\/>/);
  }, 60_000);

  it('stays well-formed when a message or label holds characters XML 1.0 forbids', async () => {
    const claims = claimsFolder({ 'a.md': claimFile(good) });
    const report = await runFolder(claims, 200);
    const r = report.results[0]!;
    r.reason = 'bell \x07, escape \x1b[31m, nul \x00, lone surrogate \ud800, \ufffe';
    r.asExpected = false;
    r.checks = r.checks.map((c) => ({ ...c, label: `label \x01 with ${c.label}` }));
    report.diagnostics.push({ file: r.file, line: 1, column: 1, message: 'front matter \x0b\x0c' });
    const xml = junitXml(report);
    expect(xmlParseError(xml)).toBeUndefined();
    expect(xml).toContain('\ufffd');
    expect(xml).toContain('label \ufffd with');
  }, 60_000);
});

describe('report pages', () => {
  const render = (report: Awaited<ReturnType<typeof runFolder>>) =>
    renderReport({ ...report, runInfo: { generated: '', node: '', timings: {} } });

  it('place a formula KaTeX cannot typeset at its claim (a reading) or its own line (prose), once each', async () => {
    const title = /\ntitle: [^\n]*\n/.exec(good)![0];
    const block = edit(good, title, `${title}reading: 'Read as $\\frac{1$ here.'\n`);
    const claims = claimsFolder({ 'a.md': claimFile(block, 'First line.\nSecond $x^{$ line.') });
    const rendered = render(await runFolder(claims, 200));
    const file = expect.stringMatching(/claims\/a\.md$/);
    expect(rendered.katexErrors.map(({ tex, file, line, column }) => ({ tex, file, line, column }))).toEqual([
      { tex: 'x^{', file, line: 7, column: 9 },
      { tex: '\\frac{1', file, line: 10, column: 1 }, // the claim block's first line
    ]);
    expect(rendered.files.get('index.html')).toMatch(
      /Problems in claim files[\s\S]*a\.md:7:9: KaTeX cannot typeset &quot;x\^\{&quot;/,
    );
  }, 60_000);

  it('carry a Content-Security-Policy: no script, no network, the inline stylesheet by its hash', async () => {
    const rendered = render(await runFolder(claimsFolder({ 'a.md': claimFile(good) }), 200));
    for (const [name, html] of rendered.files) {
      const csp = /<meta http-equiv="Content-Security-Policy" content="([^"]+)">/.exec(html)?.[1];
      expect(csp, name).toBeDefined();
      expect(csp).toMatch(/default-src 'none'/);
      expect(csp).toMatch(/script-src 'none'/);
      const style = /<style>([\s\S]*?)<\/style>/.exec(html)![1]!;
      expect(csp).toContain(`'sha256-${createHash('sha256').update(style).digest('base64')}'`);
    }
  }, 60_000);
});

describe('writeReport', () => {
  const rendered = (files: Record<string, string>) => ({ files: new Map(Object.entries(files)), katexErrors: [] });

  it('removes lecture pages it no longer renders, and keeps files that are not its own', () => {
    const out = join(mkdtempSync(join(tmpdir(), 'claimcheck-out-')), 'reports');
    writeReport(rendered({ 'index.html': 'i', 'lecture-001.html': 'one', 'lecture-002.html': 'two' }), out);
    writeFileSync(join(out, '.gitkeep'), '');
    writeFileSync(join(out, 'lecture-notes.txt'), 'mine');
    writeFileSync(join(out, 'my-lecture-002.html'), 'mine');
    writeReport(rendered({ 'index.html': 'i', 'lecture-001.html': 'one' }), out);
    const names = readdirSync(out).sort();
    expect(names).toEqual([
      '.gitkeep',
      'assets',
      'index.html',
      'lecture-001.html',
      'lecture-notes.txt',
      'my-lecture-002.html',
    ]);
  });

  it('leaves no temporary folder behind when writing fails midway', () => {
    const parent = mkdtempSync(join(tmpdir(), 'claimcheck-out-'));
    const out = join(parent, 'reports');
    // 'x' is written as a file, so 'x/y.html' cannot be: the write fails after it began.
    expect(() => writeReport(rendered({ 'index.html': 'i', x: 'file', 'x/y.html': 'page' }), out)).toThrow();
    expect(readdirSync(parent).filter((n) => n.includes('.tmp-'))).toEqual([]);
  });
});

describe('--only', () => {
  it('matches a file name whole or at a path-segment boundary, not as a suffix of another name', async () => {
    const claims = claimsFolder({ 'b.md': claimFile(renamed('t.b')), 'bb.md': claimFile(renamed('t.bb')) });
    const ids = async (only: string[]) => (await runFolder(claims, 200, only)).results.map((r) => r.id);
    expect(await ids(['b.md'])).toEqual(['t.b']);
    expect(await ids(['bb.md'])).toEqual(['t.bb']);
    expect(await ids(['claims/b.md'])).toEqual(['t.b']);
    expect(await ids(['t.'])).toEqual(['t.b', 't.bb']);
    expect(await ids(['t.bb'])).toEqual(['t.bb']);
  }, 60_000);
});

describe('checkCatalogue', () => {
  it('closes its own worker pool when loading fails, so the process can exit', () => {
    const dir = mkdtempSync(join(tmpdir(), 'claimcheck-pool-'));
    const script = join(dir, 'run.ts');
    writeFileSync(
      script,
      `import { checkCatalogue } from ${JSON.stringify(join(ROOT, 'src/api.ts'))};\n` +
        `checkCatalogue({ claimsDir: '/nonexistent-claimcheck-dir', workers: 1 }).then(() => console.log('resolved'), (e) => console.log('rejected', e.code));\n`,
    );
    const r = spawnSync(TSX, [script], { encoding: 'utf8', timeout: 10_000 });
    expect(r.stdout.trim()).toBe('rejected ENOENT');
    expect(r.signal).toBeNull(); // not killed by the time limit: it exited by itself
    expect(r.status).toBe(0);
  }, 20_000);
});

describe('claims folder', () => {
  it('skips dot-files and entries that cannot be stat-ed (an editor lock file, a dangling symlink)', async () => {
    const claims = claimsFolder({ 'a.md': claimFile(good) });
    symlinkSync('user@host.1:1', join(claims, '.#a.md'));
    symlinkSync(join(dirname(claims), 'gone.md'), join(claims, 'z.md'));
    mkdirSync(join(claims, '.hidden'));
    writeFileSync(join(claims, '.hidden', 'h.md'), claimFile(renamed('t.hidden')));
    const report = await runFolder(claims, 200);
    expect(report.results.map((r) => r.id)).toEqual(['p.dirac-eigenvalues']);
    expect(exitCodeOf(report)).toBe(0);
    expect(existsSync(join(claims, 'z.md'))).toBe(false); // dangling: existsSync follows the link
  }, 60_000);
});
