/**
 * The render stage's own pieces: numbers in scientific notation typeset as a reader writes them;
 * claim numbers and the links between claims.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import katex from 'katex';
import { texNumbers, textNumbers } from '../src/render/numbers';
import { lecturePages, renderReport } from '../src/render/index';
import { claimNumbers } from '../src/render/xref';
import type { ClaimDocument } from '../src/model/claim';
import type { RunReport } from '../src/api';
import { claimsFolder, runFolder } from './helpers';

describe('numbers in scientific notation', () => {
  it('become a power of ten in LaTeX, never e minus a number', () => {
    expect(texNumbers('x = 4.881e-7')).toBe('x = 4.881 \\cdot 10^{-7}');
    expect(texNumbers('\\begin{pmatrix}-6.949e-7 \\\\ 8.007e+07 \\\\ 1e3\\end{pmatrix}')).toBe(
      '\\begin{pmatrix}-6.949 \\cdot 10^{-7} \\\\ 8.007 \\cdot 10^{7} \\\\ 10^{3}\\end{pmatrix}',
    );
    expect(texNumbers('2.5e-10 + 3')).toBe('2.5 \\cdot 10^{-10} + 3');
  });

  it('leave names, plain numbers and e as a constant alone', () => {
    for (const tex of ['x1e5', '\\mathrm{e2e}', '2e^{3}', 'e^{-7}', '0.5', '10^{-7}', '\\mathrm{a1e-3}'])
      expect(texNumbers(tex), tex).toBe(tex);
  });

  it('write the plain-text form inside \\text{…}, where \\cdot does not exist', () => {
    expect(texNumbers('y = 1.5e-3 \\text{ at most 4.881e-7 {away}} + 2e5')).toBe(
      'y = 1.5 \\cdot 10^{-3} \\text{ at most 4.881·10⁻⁷ {away}} + 2 \\cdot 10^{5}',
    );
  });

  it('typeset without error, the converted forms included', () => {
    for (const tex of [
      'x = 4.881e-7',
      'y = 1e-12 \\text{ and 3e4 }',
      '\\begin{pmatrix}-3.657e-9 \\\\ 3.299e-7\\end{pmatrix}',
    ])
      expect(() => katex.renderToString(texNumbers(tex), { throwOnError: true, strict: 'ignore' })).not.toThrow();
  });

  it('in plain text: 4.881·10⁻⁷', () => {
    expect(textNumbers('worst relative error 5.7e-11 (tolerance 1.0e-9)')).toBe(
      'worst relative error 5.7·10⁻¹¹ (tolerance 1.0·10⁻⁹)',
    );
    expect(textNumbers('1e-12 and 2.0e+03')).toBe('10⁻¹² and 2.0·10³');
    expect(textNumbers('p.e2e-3 seed 1')).toBe('p.e2e-3 seed 1');
    expect(textNumbers('with probability below 10^-60); 10^5 points')).toBe(
      'with probability below 10⁻⁶⁰); 10⁵ points',
    );
    expect(textNumbers('x10^-3 and 2.10^5')).toBe('x10^-3 and 2.10^5');
    expect(textNumbers('0.00000104 at the end, a = 0.0009765625')).toBe('1.04·10⁻⁶ at the end, a = 0.0009765625');
    // A fraction of floating-point size is read to four digits; a short one stays exact.
    expect(textNumbers('A = [[-16542052077786526000/10194333823720615969, 1/4], [355/113, 2e-9]]')).toBe(
      'A = [[≈-1.623, 1/4], [355/113, 2·10⁻⁹]]',
    );
  });
});

describe('the verdict line under a claim', () => {
  it('is left out of print when the verdict is the expected one, and printed when it differs', async () => {
    const wrong = simple('t.wrong', 'Expected wrongly').replace('expect: proved', 'expect: refuted');
    const page = pagesOf(
      await runFolder(claimsFolder({ 'v.md': lecture('V', 'v.txt', [simple('t.right', 'Expected'), wrong]) }), 50),
    ).get('lecture-v.html')!;
    const line = (id: string) => {
      const at = page.indexOf(`id="${id}"`);
      return /<p[^>]*><strong>Verdict:<\/strong>/.exec(page.slice(at, page.indexOf('</section>', at)))![0];
    };
    expect(line('t.right')).toBe('<p class="no-print"><strong>Verdict:</strong>');
    expect(line('t.wrong')).toBe('<p><strong>Verdict:</strong>');
    expect(page).toContain('(expected: refuted — <strong>differs</strong>)');
  });
});

describe("a check's one-line evidence", () => {
  it('leaves out the asides in the summary line, and typesets the formula a sign proof names', async () => {
    const block = `id: t.pos\ntitle: A positive fraction\nwhere: test\nstatement: 1/(1 + x^2) > 0\nsymbols: {x: real}\nchecks:\n  - holds: 1/(1 + x^2) > 0\nexpect: proved`;
    const page = pagesOf(await runFolder(claimsFolder({ 'p.md': lecture('P', 'p.txt', [block]) }), 50)).get(
      'lecture-p.html',
    )!;
    const summary = /<summary><span class="muted">Evidence:<\/span> ([\s\S]*?)<\/summary>/.exec(page)![1]!;
    const full = /<strong>Decided by:<\/strong> ([\s\S]*?)\.<\/p>/.exec(page)![1]!;
    // The difference is mathematics (KaTeX), not machine text; only the aside "(k special)" goes.
    expect(full).toMatch(
      /^sign prover: <span class="katex">[\s\S]*<\/span> is positive on the declared domains; \d+ instances \(\d+ special\), seed 1$/,
    );
    expect(full).not.toContain('(1+x^2)');
    expect(summary).toBe(full.replace(/ \(\d+ special\)/, ''));
  });
});

/** A lecture file of simple claims (each block's YAML), for the report's numbering and links. */
function lecture(title: string, seed: string, blocks: string[]): string {
  return `---\nlecture: ${title}\nseed: ${seed}\n---\n\n# ${title}\n\n${blocks.map((b) => `\`\`\`claim\n${b.trim()}\n\`\`\`\n`).join('\n')}`;
}
const simple = (id: string, title: string, extra = '') =>
  `id: ${id}\ntitle: ${title}\nwhere: test\nstatement: x^2 \\ge 0\nsymbols: {x: real}\nchecks:\n  - holds: x^2 >= 0\nexpect: proved\n${extra}`;
const CATALOGUE = {
  'a.md': lecture('First', 'a.txt', [
    simple('t.one', 'Squares are nonnegative'),
    simple('t.two', 'Again', 'uses: [t.one]'),
  ]),
  'b.md': lecture('Second', 'b.txt', [
    `id: t.bad\ntitle: Squares are positive\nwhere: test\nstatement: x^2 > 0\nsymbols: {x: real}\nchecks:\n  - holds: x^2 > 0\nexpect: refuted\nfinding: Not at 0; t.one is the true statement (not t.one.more).`,
    simple('t.fixed', 'Squares are nonnegative, corrected', 'corrects: t.bad\nuses: [t.one, t.two]'),
  ]),
};
const pagesOf = (report: RunReport) =>
  renderReport({ ...report, results: report.shown, runInfo: { generated: '', node: '', timings: {} } }).files;

describe('claim numbers', () => {
  let dir: string;
  let full: Map<string, string>;
  beforeAll(async () => {
    dir = claimsFolder(CATALOGUE);
    full = pagesOf(await runFolder(dir, 50));
  });

  it('are "Claim L.k": the lecture in the report\'s order and the claim in its lecture, both from 1', () => {
    expect(full.get('lecture-a.html')).toContain(
      '<h3 id="t.one-title"><span class="claim-no">Claim 1.1</span> Squares are nonnegative</h3>',
    );
    expect(full.get('lecture-a.html')).toContain(
      '<h3 id="t.two-title"><span class="claim-no">Claim 1.2</span> Again</h3>',
    );
    expect(full.get('lecture-b.html')).toContain('<h3 id="t.fixed-title"><span class="claim-no">Claim 2.2</span>');
    expect(full.get('lecture-b.html')).toMatch(/2 claims, numbered 2\.1–2\.2\./);
  });

  it('appear in the contents, the status table and the errata', () => {
    expect(full.get('lecture-b.html')).toContain(
      '<a href="#t.bad"><span class="claim-no">2.1</span> Squares are positive</a>',
    );
    const index = full.get('index.html')!;
    expect(index).toMatch(/<tr id="t\.fixed"><td><a [^>]*href="lecture-b\.html#t\.fixed"[^>]*>Claim 2\.2/);
    const findings = index.slice(index.indexOf('id="findings"'), index.indexOf('id="lectures"'));
    expect(findings).toMatch(/<li><a [^>]*href="lecture-b\.html#t\.bad"[^>]*>Claim 2\.1/);
  });

  it('do not depend on which claims a run checked, and come out the same twice', async () => {
    const only = pagesOf(await runFolder(dir, 50, ['t.fixed']));
    expect(only.has('lecture-a.html')).toBe(false);
    expect(only.get('lecture-b.html')).toContain('<h3 id="t.fixed-title"><span class="claim-no">Claim 2.2</span>');
    expect(only.get('index.html')).toMatch(
      /<tr id="t\.fixed"><td><a [^>]*href="lecture-b\.html#t\.fixed"[^>]*>Claim 2\.2/,
    );
    // The run information (timings) is the one block allowed to vary.
    const withoutRunInfo = (pages: Map<string, string>) =>
      new Map(
        [...pages].map(([name, html]) => [name, html.replace(/<section class="run-info"[\s\S]*?<\/section>/, '')]),
      );
    expect(withoutRunInfo(pagesOf(await runFolder(dir, 50)))).toEqual(withoutRunInfo(full));
  });

  it('number every claim block of the catalogue in page order, a repeated id once', () => {
    const doc = (file: string, seed: string, ids: string[]) =>
      ({
        file,
        lecture: { seed, title: seed },
        order: 1,
        parts: ids.map((id) => ({ type: 'invalid' as const, id, line: 1, diagnostics: [] })),
      }) as unknown as ClaimDocument;
    const numbers = claimNumbers(
      lecturePages([doc('b.md', 'b.txt', ['b.1', 'a.1']), doc('a.md', 'a.txt', ['a.1', 'a.2'])]),
    );
    expect([...numbers]).toEqual([
      ['a.1', '1.1'],
      ['a.2', '1.2'],
      ['b.1', '2.1'],
    ]);
  });
});

describe('links between claims', () => {
  let pages: Map<string, string>;
  beforeAll(async () => {
    pages = pagesOf(await runFolder(claimsFolder(CATALOGUE), 50));
  });
  /** The links to claims in a page: [href, text], the text without the link's preview. */
  const links = (html: string) =>
    [...html.matchAll(/<a class="xref" href="([^"]*)"[^>]*>([^<]*)/g)].map((m) => [m[1], m[2]]);
  const claimSection = (html: string, id: string) =>
    html.slice(
      html.indexOf(`<section class="claim`, html.indexOf(`id="${id}"`) - 40),
      html.indexOf('</section>', html.indexOf(`id="${id}"`)),
    );

  it('read "Claim L.k" and go to the page and anchor of a claim in another lecture', () => {
    const fixed = claimSection(pages.get('lecture-b.html')!, 't.fixed');
    expect(links(fixed)).toEqual([
      ['#t.bad', 'Claim 2.1'],
      ['lecture-a.html#t.one', 'Claim 1.1'],
      ['lecture-a.html#t.two', 'Claim 1.2'],
    ]);
    expect(pages.get('lecture-a.html')).toContain('<section class="claim proved short" id="t.one"');
    expect(links(claimSection(pages.get('lecture-a.html')!, 't.two'))).toEqual([['#t.one', 'Claim 1.1']]);
  });

  it('hold a preview of the claim: its number, id, title and verdict', () => {
    const link = /<a class="xref" href="lecture-a\.html#t\.one"[\s\S]*?<\/a>/.exec(
      claimSection(pages.get('lecture-b.html')!, 't.fixed'),
    )![0];
    expect(link).toBe(
      '<a class="xref" href="lecture-a.html#t.one">Claim 1.1<span class="xref-preview"><strong>Claim 1.1</strong> <code class="id">t.one</code><br>Squares are nonnegative <span class="badge proved">✓ proved</span></span></a>',
    );
  });

  it('stand for claim ids in findings, not for longer names that begin with one; "corrected by" links the correction', () => {
    const bad = claimSection(pages.get('lecture-b.html')!, 't.bad');
    expect(links(bad)).toEqual([
      ['lecture-a.html#t.one', 'Claim 1.1'],
      ['#t.fixed', 'Claim 2.2'],
    ]);
    expect(bad).toMatch(/Claim 1\.1[\s\S]*<\/a> is the true statement \(not t\.one\.more\)/);
    expect(bad).toMatch(/Corrected by <a class="xref" href="#t\.fixed"/);
    const index = pages.get('index.html')!;
    const findings = index.slice(index.indexOf('id="findings"'), index.indexOf('id="lectures"'));
    expect(links(findings)).toEqual([
      ['lecture-b.html#t.bad', 'Claim 2.1'],
      ['lecture-a.html#t.one', 'Claim 1.1'],
      ['lecture-b.html#t.fixed', 'Claim 2.2'],
    ]);
  });

  it('are followed by their printed page in print: a target-counter rule, off where the handout writes the pages in', () => {
    const page = pages.get('lecture-b.html')!;
    const print = page.slice(page.indexOf('@media print'));
    expect(print).toContain(
      'html:not(.paged-refs) a.xref[href^="#"]::after { content: " (p. " target-counter(attr(href), page) ")"; }',
    );
    expect(print).toContain('.xref-page { white-space: nowrap; }');
    // A link to a claim on the same page is a bare anchor, which target-counter and the handout's pages need.
    expect(links(claimSection(page, 't.fixed'))[0]![0]).toBe('#t.bad');
  });

  it("label the dependency graph's nodes with the claims' numbers", () => {
    const graph = pages.get('index.html')!.slice(pages.get('index.html')!.indexOf('<figure class="figure graph"'));
    expect(graph).toMatch(
      /<a href="lecture-a\.html#t\.one"><g><title>Claim 1\.1 \(t\.one\): proved, fully established<\/title>[^]*?>1\.1 t\.one<\/text>/,
    );
  });
});
