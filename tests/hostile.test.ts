/**
 * Hostile content is inert. Claim files are not trusted: their prose, titles, statements and
 * symbol LaTeX end up in the HTML report, and their expressions are evaluated. Raw HTML must come
 * out escaped, links limited to safe schemes, KaTeX's trust-only macros (\href, \url,
 * \htmlData, \includegraphics …) rejected or shown as inert text, macro bombs and huge sizes
 * bounded; and no expression may reach mathjs's import/createUnit/evaluate/parse or JavaScript
 * globals.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { claimFile, claimsFolder, resultOf, runFolder } from './helpers';
import { renderReport } from '../src/render/index';
import { parseClaimFile } from '../src/parse/index';
import { parseExpr, type NameScope } from '../src/expr/parse';
import { parseMath } from '../src/expr/mathjs-parser';
import { compileNumeric } from '../src/numeric/compile';
import { NumericError } from '../src/numeric/arithmetic';
import type { CompileEnv } from '../src/numeric/value';
import { claimScope } from '../src/kinds/scope';
import { ClaimError } from '../src/model/source';
import type { RunReport } from '../src/api';

// ---------------------------------------------------------------------------------------------
// The hostile catalogue.

const NESTED_DEFS =
  Array.from({ length: 14 }, (_, k) =>
    k === 0
      ? '\\def\\za{xx}'
      : `\\def\\z${String.fromCharCode(97 + k)}{\\z${String.fromCharCode(96 + k)}\\z${String.fromCharCode(96 + k)}}`,
  ).join('') + '\\zn';

const PROSE = `# Prose <script>alert("heading")</script>

Raw HTML: <script>alert(1)</script> and <img src=x onerror=alert(2)> and <iframe src="javascript:alert(3)"></iframe>.

<div onclick="alert(4)" data-foo="bar"><script>alert("block")</script></div>

<svg onload=alert(5)><a xlink:href="javascript:alert(6)">s</a></svg>

Links: [click](javascript:alert(7)), [entity](jav&#x61;script:alert(8)), [upper](JaVaScRiPt:alert(9)),
[spaced]( javascript:alert(10)), [data](data:text/html;base64,PHNjcmlwdD5hbGVydCgxMSk8L3NjcmlwdD4=),
[vb](vbscript:msgbox(12)), <javascript:alert(13)>, [ref][r], ![img](javascript:alert(14)),
[quote](https://example.org/"onmouseover="alert(15)), [ok](https://example.org/ok).

[r]: javascript:alert(16)

Math: $\\href{javascript:alert(17)}{x}$, $\\url{javascript:alert(18)}$, $\\htmlData{foo=bar}{x}$,
$\\includegraphics{javascript:alert(19)}$, $\\rule{1000em}{1000em}$, $\\kern{1000em}$,
$\\text{<script>alert(20)</script>}$, $\\htmlClass{x}{y}$, $\\htmlStyle{background:url(javascript:alert(21))}{z}$,
$\\htmlId{pwn}{w}$, $\\gdef\\evil{\\href{javascript:alert(22)}{y}}$ then $\\evil$,
$\\textcolor{red" onerror="alert(23)}{y}$.

$$\\def\\a{\\a\\a}\\a$$

$$${NESTED_DEFS}$$
`;

const claim = (
  id: string,
  fields: Record<string, string>,
  body = 'symbols: {x: real}\nchecks:\n  - holds: x^2 >= 0\nexpect: verified',
) =>
  `id: ${id}\ntitle: ${fields.title ?? 't'}\nwhere: ${fields.where ?? 'w'}\nstatement: ${fields.statement ?? 'x'}\n${fields.extra ?? ''}${body}`;

const BLOCKS = {
  // Trust-only KaTeX macros: accepted by the statement check, rendered as inert text.
  href: claim('h.href', {
    title: '"<script>alert(\'title\')</script>"',
    where: '"<img src=x onerror=alert(\'where\')>"',
    statement:
      '\\href{javascript:alert(1)}{x} + \\url{javascript:alert(2)} + \\htmlData{foo=bar}{x} + \\includegraphics{javascript:alert(3)}',
    extra:
      'reading: "<script>alert(\'reading\')</script> [x](javascript:alert(4)) $\\\\href{javascript:alert(5)}{r}$"\n',
  }),
  htmlStyle: claim('h.style', {
    statement: '\\htmlStyle{background:url(javascript:alert(1))}{x} \\htmlClass{a}{b} \\htmlId{c}{d}',
  }),
  // Huge sizes: accepted, rendered within KaTeX's maxSize.
  rule: claim('h.rule', { statement: '\\rule{1000em}{1000em} \\kern{1000em} \\hspace{1000em} x' }),
  // Macro bombs and a colour that tries to break out of its attribute: rejected at parse time.
  bomb: claim('h.bomb', { statement: '\\def\\a{\\a\\a}\\a' }),
  chain: claim('h.chain', { statement: NESTED_DEFS }),
  colour: claim('h.colour', { statement: '\\textcolor{red" onerror="alert(1)}{y}' }),
  // A refuted claim shows its finding (prose) and a counterexample typeset with the symbol's LaTeX.
  refuted: claim(
    'h.refuted',
    {
      extra:
        'finding: "<script>alert(\'finding\')</script> [f](javascript:alert(1)) $\\\\href{javascript:alert(2)}{f}$"\n',
    },
    'symbols:\n  x: {domain: real, latex: "\\\\href{javascript:alert(3)}{x}\\\\htmlData{foo=bar}{x}"}\nchecks:\n  - holds: x^2 > 100\nexpect: refuted',
  ),
  // An invalid claim whose id is markup: the id is echoed in attributes and diagnostics.
  badId: claim('"<script>alert(\'id\')</script>"', {}),
  // A figure whose title, caption and legend labels are markup (inline SVG in the report).
  figure: claim(
    'h.figure',
    {},
    'symbols: {x: real}\nchecks:\n  - holds: x^2 >= 0\nfigures:\n  - spectrum: [[0, -1], [1, 0]]\n    title: "<script>alert(\'figure\')</script>"\n    caption: "<img src=x onerror=alert(\'caption\')>"\n    labels: ["</text><script>alert(\'label\')</script><text>"]\nexpect: verified',
  ),
  // Expressions that try to run code: rejected at parse time, shown in diagnostics.
  code: claim(
    'h.code',
    {},
    'symbols: {x: real}\nchecks:\n  - holds: x.constructor("alert(1)")() > 0\nexpect: verified',
  ),
  // A string constant inside an expression (mathjs parses it; it is not a number).
  str: claim(
    'h.str',
    {},
    'symbols: {x: real}\nchecks:\n  - holds: x^2 >= 0 and "</span><script>alert(1)</script>" == "a"\nexpect: verified',
  ),
};

const HOSTILE_FILE = `---
lecture: Hostile <script>alert("lecture")</script> lecture
seed: seed<img src=x onerror=alert(1)>.txt
---

${PROSE}
${Object.values(BLOCKS)
  .map((b) => `\`\`\`claim\n${b}\n\`\`\`\n\nBetween claims: <b onmouseover=alert(1)>bold</b>.\n`)
  .join('\n')}`;

// ---------------------------------------------------------------------------------------------
// A small HTML tokenizer: claim text is always escaped, so every "<" in the report opens a tag
// the renderer wrote; these are the tags and attributes to inspect.

interface Tag {
  name: string;
  attrs: Array<{ name: string; value: string }>;
  raw: string;
}

function decodeEntities(s: string): string {
  return s
    .replace(/&#x([0-9a-f]+);?/gi, (_m, h: string) => String.fromCodePoint(parseInt(h, 16)))
    .replace(/&#(\d+);?/g, (_m, d: string) => String.fromCodePoint(Number(d)))
    .replace(/&quot;/g, '"')
    .replace(/&#39;|&apos;/g, "'")
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&colon;/gi, ':')
    .replace(/&tab;/gi, '\t')
    .replace(/&newline;/gi, '\n')
    .replace(/&amp;/g, '&');
}

function tagsOf(html: string): Tag[] {
  const out: Tag[] = [];
  for (const m of html.matchAll(/<([a-zA-Z][\w:-]*)((?:[^>"']|"[^"]*"|'[^']*')*)>/g)) {
    const attrs: Tag['attrs'] = [];
    for (const a of m[2]!.matchAll(/([^\s=/"'>]+)(?:\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s"'>]+)))?/g)) {
      attrs.push({ name: a[1]!.toLowerCase(), value: decodeEntities(a[2] ?? a[3] ?? a[4] ?? '') });
    }
    out.push({ name: m[1]!.toLowerCase(), attrs, raw: m[0] });
  }
  return out;
}

const URL_ATTRS = new Set([
  'href',
  'src',
  'xlink:href',
  'action',
  'formaction',
  'data',
  'poster',
  'srcset',
  'background',
  'cite',
  'longdesc',
  'manifest',
  'ping',
]);
const FORBIDDEN_TAGS = new Set([
  'script',
  'img',
  'iframe',
  'frame',
  'object',
  'embed',
  'form',
  'input',
  'button',
  'base',
  'audio',
  'video',
  'source',
  'template',
  'foreignobject',
  'animate',
  'set',
  'image',
  'use',
]);

/** Text-valued attributes: a "javascript:" in them is shown, never followed. */
const TEXT_ATTRS = new Set(['title', 'alt', 'content', 'encoding']);

/** What would make a report unsafe: script-capable elements, handlers, foreign data-*, script URLs, styles that load or run. */
function violations(tags: Tag[]): string[] {
  const out: string[] = [];
  for (const t of tags) {
    if (FORBIDDEN_TAGS.has(t.name)) out.push(`element <${t.name}>: ${t.raw}`);
    for (const a of t.attrs) {
      // Browsers drop ASCII whitespace and control characters inside a scheme.
      // eslint-disable-next-line no-control-regex -- those control characters are what is dropped
      const v = a.value.replace(/[\u0000-\u0020\u007f-\u009f]/g, '').toLowerCase();
      if (a.name.startsWith('on')) out.push(`handler ${a.name}: ${t.raw}`);
      if (a.name.startsWith('data-') && a.name !== 'data-run-info') out.push(`attribute ${a.name}: ${t.raw}`);
      if (a.name === 'srcdoc') out.push(`attribute srcdoc: ${t.raw}`);
      if (!TEXT_ATTRS.has(a.name) && !a.name.startsWith('aria-') && /(javascript|vbscript|livescript|data):/.test(v))
        out.push(`script URL in ${a.name}: ${t.raw}`);
      // In-report anchors and pages, the KaTeX stylesheet, http(s) and mailto: nothing else.
      if (URL_ATTRS.has(a.name) && !/^(#|https?:|mailto:|assets\/katex\/|[\w.-]+\.html(#|$))/.test(v))
        out.push(`URL ${a.name}=${a.value}: ${t.raw}`);
      if (a.name === 'style' && /url\(|expression\(|@import|behavior|-moz-binding|javascript/.test(v))
        out.push(`style ${a.value}: ${t.raw}`);
    }
  }
  return out;
}

/** The HTML of one claim's section (on whichever page it is). */
function section(html: string, id: string): string {
  const m = new RegExp(`<section class="claim [^"]*" id="${id.replace(/\./g, '\\.')}"`).exec(html);
  expect(m, `section ${id}`).not.toBeNull();
  return html.slice(m!.index, html.indexOf('</section>', m!.index));
}

// ---------------------------------------------------------------------------------------------

describe('hostile claim content in the HTML report', () => {
  let report: RunReport;
  let html: string;
  let katexErrors: Array<{ tex: string; message: string }>;
  let tags: Tag[];
  let runMs = 0;
  let renderMs = 0;

  beforeAll(async () => {
    const t0 = performance.now();
    report = await runFolder(claimsFolder({ 'hostile.md': HOSTILE_FILE }), 50);
    runMs = performance.now() - t0;
    const t1 = performance.now();
    const rendered = renderReport({ ...report, runInfo: { generated: '', node: '', timings: {} } });
    renderMs = performance.now() - t1;
    // Every page of the report (a summary and a page per lecture), inspected together.
    expect(rendered.files.has('index.html')).toBe(true);
    html = [...rendered.files.values()].join('\n');
    katexErrors = rendered.katexErrors;
    tags = tagsOf(html);
  }, 60_000);

  it('checks and renders quickly', () => {
    expect(renderMs).toBeLessThan(2000);
    expect(runMs).toBeLessThan(20_000);
    expect(html.length).toBeLessThan(2_000_000);
  });

  it('every claim block is accounted for: checked, or in error with a diagnostic', () => {
    expect(report.diagnostics).toEqual([]);
    for (const id of ['h.href', 'h.style', 'h.rule', 'h.figure'])
      expect(['proved', 'verified'], id).toContain(resultOf(report, id).verdict);
    expect(resultOf(report, 'h.refuted').verdict).toBe('refuted');
    for (const id of ['h.bomb', 'h.chain', 'h.colour', 'h.code']) {
      const r = resultOf(report, id);
      expect(r.verdict, id).toBe('error');
      expect(r.errors.length, id).toBeGreaterThan(0);
      expect(
        r.errors.every((e) => e.line > 0 && e.column > 0 && e.message.length > 0 && e.file.endsWith('hostile.md')),
        id,
      ).toBe(true);
    }
    expect(resultOf(report, 'h.bomb').errors[0]!.message).toMatch(
      /statement is not valid LaTeX: .*Too many expansions/,
    );
    expect(resultOf(report, 'h.chain').errors[0]!.message).toMatch(
      /statement is not valid LaTeX: .*Too many expansions/,
    );
    expect(resultOf(report, 'h.colour').errors[0]!.message).toMatch(/statement is not valid LaTeX: .*Invalid color/);
    expect(resultOf(report, 'h.code').errors[0]!.message).toMatch(
      /not allowed in claim files|cannot read the expression/,
    );
    const bad = resultOf(report, "<script>alert('id')</script>");
    expect(bad.verdict).toBe('error');
    expect(bad.errors[0]!.message).toMatch(/is not a valid claim id/);
    // The string constant is no number: the check cannot be evaluated, nothing else happens.
    expect(['not-checked', 'error']).toContain(resultOf(report, 'h.str').verdict);
  });

  it('the inspector itself flags what it looks for', () => {
    const bad = tagsOf(
      '<script>1</script><img src=x onerror=alert(1)><a href="jav&#x61;script:alert(1)">x</a><a href=" java&#9;script:x">y</a>' +
        '<span data-foo="bar" style="background:url(x)">z</span><iframe srcdoc="x"></iframe><a href="data:text/html,x">d</a><a href="//evil.example/">e</a>',
    );
    const found = violations(bad).join('\n');
    for (const what of [
      'element <script>',
      'element <img>',
      'handler onerror',
      'script URL in href',
      'attribute data-foo',
      'style background:url(x)',
      'element <iframe>',
      'URL href=//evil.example/',
    ])
      expect(found).toContain(what);
    expect(
      violations(
        tagsOf('<a href="#x" title="javascript: in a tooltip is text">ok</a><span style="height:1em">k</span>'),
      ),
    ).toEqual([]);
  });

  it('no script, no event handler, no data-* attribute, no script URL, no dangerous element from claim content', () => {
    expect(html).not.toMatch(/<script/i);
    expect(html).not.toMatch(/<img/i);
    expect(html).not.toMatch(/<iframe/i);
    expect(violations(tags)).toEqual([]);
    // "data-foo" survives only as escaped text of the prose.
    expect(html).toContain('data-foo=&quot;bar&quot;');
    // Each page's own head: one stylesheet link, one style element, nothing else loaded.
    const pages = (html.match(/<!doctype html>/g) ?? []).length;
    expect(pages).toBeGreaterThanOrEqual(1);
    expect(
      new Set(tags.filter((t) => t.name === 'link').map((t) => t.attrs.find((a) => a.name === 'href')?.value)),
    ).toEqual(new Set(['assets/katex/katex.min.css']));
    expect(tags.filter((t) => t.name === 'link')).toHaveLength(pages);
    expect(tags.filter((t) => t.name === 'style')).toHaveLength(pages);
  });

  it('links only to anchors, report pages and http(s); hostile links stay text', () => {
    const links = tags.filter((t) => t.name === 'a').map((t) => t.attrs.find((a) => a.name === 'href')?.value ?? '');
    expect(links).toContain('https://example.org/ok');
    for (const l of links) expect(l).toMatch(/^(#|https?:|mailto:|[\w.-]+\.html(#|$))/);
    // The quote in the URL stays inside the attribute (percent-encoded), no new attribute.
    expect(
      tags.some(
        (t) =>
          t.name === 'a' &&
          t.attrs.some(
            (a) => a.name === 'href' && a.value.startsWith('https://example.org/') && a.value.includes('onmouseover'),
          ),
      ),
    ).toBe(true);
    for (const text of [
      '[click](javascript:alert(7))',
      '[upper](JaVaScRiPt:alert(9))',
      '[vb](vbscript:msgbox(12))',
      '![img](javascript:alert(14))',
    ])
      expect(html).toContain(text);
  });

  it('raw HTML in prose, front matter, titles, findings and readings is shown escaped', () => {
    expect(html).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
    expect(html).toContain('&lt;img src=x onerror=alert(2)&gt;');
    expect(html).toContain('&lt;iframe src=&quot;javascript:alert(3)&quot;&gt;');
    expect(html).toContain('Hostile &lt;script&gt;alert(&quot;lecture&quot;)&lt;/script&gt; lecture');
    expect(html).toContain('&lt;script&gt;alert(&#39;title&#39;)&lt;/script&gt;');
    expect(html).toContain('&lt;img src=x onerror=alert(&#39;where&#39;)&gt;');
    // Markdown (readings, findings) escapes < > & " but may leave ' as it is.
    expect(html).toMatch(/&lt;script&gt;alert\((&#39;|')reading(&#39;|')\)&lt;\/script&gt;/);
    expect(html).toMatch(/&lt;script&gt;alert\((&#39;|')finding(&#39;|')\)&lt;\/script&gt;/);
    expect(html).toContain('&lt;b onmouseover=alert(1)&gt;bold&lt;/b&gt;');
    // A link to a forbidden scheme stays text.
    expect(html).toContain('[click](javascript:alert(7))');
    // The markup id of the invalid claim is escaped in its anchor and its diagnostics.
    expect(html).toContain('id="&lt;script&gt;alert(&#39;id&#39;)&lt;/script&gt;"');
    // Figure title, caption and legend (inline SVG) are escaped too.
    expect(html).toContain('&lt;script&gt;alert(&#39;figure&#39;)&lt;/script&gt;');
    expect(html).toContain('&lt;img src=x onerror=alert(&#39;caption&#39;)&gt;');
    expect(html).toContain('&lt;/text&gt;&lt;script&gt;alert(&#39;label&#39;)&lt;/script&gt;&lt;text&gt;');
  });

  it('trust-only KaTeX macros are rendered as inert text, never as links, classes, ids or data', () => {
    for (const id of ['h.href', 'h.style']) {
      const s = section(html, id);
      const statement = s.slice(
        s.indexOf('<div class="statement">'),
        s.indexOf('</div>', s.indexOf('<div class="statement">')),
      );
      expect(statement, id).toMatch(/class="katex/);
      expect(
        tagsOf(statement).some((t) => t.name === 'a'),
        id,
      ).toBe(false);
    }
    const href = section(html, 'h.href');
    for (const cmd of ['\\href', '\\url', '\\htmlData', '\\includegraphics']) expect(href).toContain(`>${cmd}<`);
    const style = section(html, 'h.style');
    for (const cmd of ['\\htmlStyle', '\\htmlClass', '\\htmlId']) expect(style).toContain(`>${cmd}<`);
    expect(html).not.toMatch(/id="pwn"|id="c"|class="[^"]*\ba\b[^"]*"/);
    // The symbol's LaTeX in the counterexample is inert too.
    const refuted = section(html, 'h.refuted');
    expect(refuted).toMatch(/class="counterexample"/);
    expect(refuted).toContain('>\\href<');
  });

  it('macro bombs and invalid colours in prose become error spans showing the escaped TeX', () => {
    const bombs = katexErrors.filter((e) => /Too many expansions/.test(e.message));
    expect(bombs.map((e) => e.tex.trim())).toEqual(expect.arrayContaining(['\\def\\a{\\a\\a}\\a', NESTED_DEFS]));
    expect(html).toContain('<span class="math-error" title="KaTeX parse error: Too many expansions');
    expect(html).toMatch(/>\\def\\a\{\\a\\a\}\\a\s*<\/span>/);
    // The colour that tries to close its attribute is an error span, escaped in title and body.
    expect(katexErrors.some((e) => /Invalid color/.test(e.message))).toBe(true);
    expect(html).toContain('\\textcolor{red&quot; onerror=&quot;alert(23)}{y}');
    // \gdef does not leak into the next formula: \evil is undefined there.
    expect(katexErrors.some((e) => e.tex === '\\evil')).toBe(true);
  });

  it('sizes are clamped: no 1000em box, every length in a style at most KaTeX maxSize (20em) plus struts', () => {
    // (The source TeX, "\rule{1000em}{1000em}", stays as text in MathML's annotation.)
    const styles = tags.flatMap((t) => t.attrs.filter((a) => a.name === 'style').map((a) => a.value));
    expect(styles.some((v) => /1000(\.0+)?em/.test(v))).toBe(false);
    const ems = styles.flatMap((v) => [...v.matchAll(/(-?[\d.]+)em/g)].map((x) => Math.abs(Number(x[1]))));
    expect(ems.length).toBeGreaterThan(0);
    expect(Math.max(...ems)).toBeLessThanOrEqual(25);
    expect(html).toMatch(/katex-rule" style="border-right-width:20em;border-top-width:20em/);
  });
});

// ---------------------------------------------------------------------------------------------

describe('expressions cannot reach mathjs evaluation or JavaScript globals', () => {
  const doc = parseClaimFile(
    claimFile(`id: h.scope
title: t
where: w
statement: x
symbols:
  x: real
  y: real
  z: real
  a: real
  f: function
  A: matrix(2, 2)
checks:
  - holds: x^2 >= 0
expect: verified`),
    'claims/h.md',
  );
  const part = doc.parts.find((p) => p.type === 'claim');
  if (part?.type !== 'claim') throw new Error(`scope claim did not parse: ${JSON.stringify(doc.parts)}`);
  const scopes: Array<[string, NameScope]> = [
    ['claim scope', claimScope(part.claim)],
    // A careless scope that even lists the dangerous names: validation of the node kinds must still hold.
    [
      'permissive scope',
      {
        values: new Set([
          'x',
          'y',
          'z',
          'a',
          'constructor',
          '__proto__',
          'prototype',
          'this',
          'globalThis',
          'process',
          'math',
        ]),
        functions: new Set([
          'sqrt',
          'import',
          'evaluate',
          'createUnit',
          'parse',
          'compile',
          'eval',
          'Function',
          'require',
        ]),
        unknownFunctions: new Map(),
      },
    ],
  ];

  /** Rejected by the claim scope: unknown functions and names, or forbidden node kinds. */
  const HOSTILE = [
    'import(x)',
    'import({evaluate: x}, {override: true})',
    'evaluate("1")',
    'evaluate("globalThis.__claimcheckCanary = 1")',
    'parse("1")',
    'compile("1")',
    'createUnit("x")',
    'createUnit("foo", "1 m")',
    'constructor',
    '__proto__',
    'a.constructor',
    'x.constructor("return process")()',
    'x["constructor"]',
    'x.__proto__.polluted = 1',
    'f = 1',
    'f(x) = 1',
    'x = evaluate("1")',
    '{a: 1}',
    'x ? y : z',
    'x; y',
    'x = 1; y',
    '1:3',
    'this',
    'globalThis',
    'process.exit(1)',
    'require("fs")',
    'eval("1")',
    'Function("return 1")()',
    'x.toString()',
    'sqrt.constructor',
  ];
  /** Rejected whatever the scope lists: the node kinds themselves are not allowed. */
  const STRUCTURAL = [
    'a.constructor',
    'x.constructor("return process")()',
    'x["constructor"]',
    'x.__proto__.polluted = 1',
    'f = 1',
    'f(x) = 1',
    'x = evaluate("1")',
    '{a: 1}',
    'x ? y : z',
    'x; y',
    '1:3',
    'process.exit(1)',
    'x.toString()',
    'sqrt.constructor',
  ];

  it('parseExpr rejects each of them with a ClaimError', () => {
    const [, scope] = scopes[0]!;
    for (const text of HOSTILE) {
      let err: unknown;
      try {
        parseExpr({ text, pos: { file: 'claims/h.md', line: 3, column: 5 } }, scope);
      } catch (e) {
        err = e;
      }
      expect(err, text).toBeInstanceOf(ClaimError);
      expect((err as ClaimError).message.length, text).toBeGreaterThan(0);
    }
    const [, permissive] = scopes[1]!;
    for (const text of STRUCTURAL)
      expect(() => parseExpr({ text, pos: { file: 'f', line: 1, column: 1 } }, permissive), text).toThrow(ClaimError);
  });

  it('in a claim file they make the claim invalid, with a diagnostic at the expression', () => {
    for (const text of HOSTILE) {
      const quoted = JSON.stringify(text);
      const d = parseClaimFile(
        claimFile(
          `id: h.expr\ntitle: t\nwhere: w\nstatement: x\nsymbols:\n  x: real\n  y: real\n  z: real\n  a: real\n  f: function\nmodel:\n  L: ${quoted}\nchecks:\n  - holds: x^2 >= 0\nexpect: verified`,
        ),
        'claims/h.md',
      );
      const invalid = d.parts.find((p) => p.type === 'invalid');
      expect(invalid, text).toBeDefined();
      expect(
        d.parts.some((p) => p.type === 'claim'),
        text,
      ).toBe(false);
      if (invalid?.type !== 'invalid') continue;
      expect(invalid.diagnostics[0]!.line, text).toBe(20); // "  L: …" is line 12 of the block, which starts at line 9
    }
  });

  it('compiled without validation, they throw a NumericError and run nothing', () => {
    const g = globalThis as Record<string, unknown>;
    delete g.__claimcheckCanary;
    const env: CompileEnv = {
      slot: (n) => (['x', 'y', 'z', 'a'].includes(n) ? ['x', 'y', 'z', 'a'].indexOf(n) : undefined),
      bind: () => 4,
    };
    const names = ['constructor', '__proto__', 'toString', 'hasOwnProperty', 'valueOf'];
    for (const text of HOSTILE) {
      let node;
      try {
        node = parseMath(text);
      } catch {
        continue; // mathjs itself cannot read it: nothing to compile
      }
      let err: unknown;
      let value: unknown;
      try {
        value = compileNumeric(node, env)([1, 2, 3, 4, 0]);
      } catch (e) {
        err = e;
      }
      expect(value, text).toBeUndefined();
      // Names of Object.prototype members hit a separate bug (below): any throw, never a run.
      if (!names.some((n) => new RegExp(`(^|\\.)${n}\\(`).test(text)))
        expect(err, `${text}: ${String(err)}`).toBeInstanceOf(NumericError);
      else expect(err, text).toBeDefined();
    }
    expect(g.__claimcheckCanary).toBeUndefined();
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    // mathjs's createUnit never ran: "foo" is no unit of the parser's instance.
    expect(() => parseMath('1 foo')).not.toThrow();
  });

  it('only the listed functions evaluate; a known one still works', () => {
    const env: CompileEnv = { slot: (n) => (n === 'x' ? 0 : undefined) };
    expect(compileNumeric(parseMath('sqrt(x) + abs(-x)'), env)([4])).toBe(6);
  });

  // src/numeric/compile.ts compileNumeric: `NUMERIC_FUNCTIONS[name]` reads a plain object, so
  // a call to constructor(…), toString(…), valueOf(…), hasOwnProperty(…) or __proto__(…) finds
  // an Object.prototype member, and `f.arity[0]` throws TypeError ("Cannot read properties of
  // undefined (reading '0')") instead of the NumericError for an unknown function. Nothing is
  // executed, but a claim that declares `constructor: function` and uses it in a check gets
  // "not checked: … Cannot read properties of undefined (reading '0')".
  it('a function named like an Object.prototype member is an unknown function (NumericError), not a TypeError', () => {
    const env: CompileEnv = { slot: () => undefined };
    for (const name of ['constructor', 'toString', 'valueOf', 'hasOwnProperty', '__proto__']) {
      expect(() => compileNumeric(parseMath(`${name}(1)`), env), name).toThrow(NumericError);
    }
  });
});
