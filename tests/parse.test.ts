import { describe, expect, it } from 'vitest';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { loadClaimFiles, parseClaimFile, validateCatalogue } from '../src/parse/index';
import { splitClaimFile } from '../src/parse/markdown';
import { claimKey } from '../src/run/cache';
import { renderReport } from '../src/render/index';
import { claimFile, claimsFolder, edit, realClaimBlock, runFolder } from './helpers';

const GOOD = `
id: t.good
title: A good claim
where: Lemma 1
statement: x^2 \\ge 0
symbols:
  x: real
derive:
  y: x^2
checks:
  - holds: y >= 0
expect: verified
`;

function diagnostics(text: string) {
  const doc = parseClaimFile(text, 'claims/t.md');
  return [...doc.diagnostics, ...doc.parts.flatMap((p) => (p.type === 'invalid' ? p.diagnostics : []))];
}

describe('markdown splitting', () => {
  it('keeps prose, front matter and claim blocks with their lines', () => {
    const s = splitClaimFile('---\nlecture: L\nseed: s\n---\n\nSome *prose*.\n\n```claim\nid: a.b\n```\n\nMore.\n');
    expect(s.blocks.map((b) => [b.type, b.line])).toEqual([
      ['frontmatter', 2],
      ['prose', 5],
      ['claim', 9],
      ['prose', 11],
    ]);
  });
  it('reports an unterminated claim fence', () => {
    const s = splitClaimFile('text\n```claim\nid: a.b\n');
    expect(s.unclosed).toEqual({ line: 2, what: 'claim block (```claim)' });
  });
});

describe('claim files', () => {
  it('parses a good claim into a typed Claim', () => {
    const doc = parseClaimFile(claimFile(GOOD), 'claims/t.md');
    const part = doc.parts.find((p) => p.type === 'claim');
    expect(part?.type).toBe('claim');
    if (part?.type !== 'claim') return;
    expect(part.claim.id).toBe('t.good');
    expect(part.claim.symbols[0]).toMatchObject({ name: 'x', domain: { kind: 'real', sign: 'any' } });
    expect(part.claim.derive[0]).toMatchObject({ name: 'y', kind: 'let' });
    expect(part.claim.checks[0]).toMatchObject({ kind: 'holds' });
    expect(part.claim.lecture).toEqual({ title: 'Test lecture', seed: 'test.txt' });
  });

  it('names file, line and column of a YAML syntax error', () => {
    const d = diagnostics(claimFile('id: t.bad\ntitle: [unclosed\nwhere: x'));
    expect(d[0]).toMatchObject({ file: 'claims/t.md' });
    expect(d[0]!.line).toBeGreaterThanOrEqual(8);
    expect(d[0]!.message).toMatch(/YAML/);
  });

  it('refuses an expression nested too deeply at the bracket past the limit, quoting only its start', () => {
    let nested = 'x';
    for (let k = 0; k < 400; k++) nested = `sin(${nested})`;
    const d = diagnostics(claimFile(GOOD.replace('  - holds: y >= 0', `  - holds: ${nested} <= 1`)));
    const e = d.find((x) => /too deep to read/.test(x.message))!;
    expect(e.message.length).toBeLessThan(200);
    expect(e.message).toMatch(/nests brackets more than 64 deep/);
    expect(e.column).toBe('  - holds: '.length + 1 + 65 * 'sin('.length - 1);
    expect(e.hint).toMatch(/name an inner part/);
    // Deep without brackets (x^x^…^x, right-associative): the parser's own limit, said the same way.
    const tower = diagnostics(claimFile(GOOD.replace('  - holds: y >= 0', `  - holds: x${'^x'.repeat(3000)} > 0`)));
    expect(tower.find((x) => /too long or nested too deeply to read/.test(x.message))?.message.length).toBeLessThan(
      200,
    );
  });

  it('suggests the field meant by a misspelt key', () => {
    const d = diagnostics(claimFile(GOOD.replace('statement:', 'statment:')));
    const e = d.find((x) => x.message.includes('unknown field "statment"'));
    expect(e?.hint).toMatch(/did you mean "statement"/);
    expect(e?.line).toBe(12); // the block starts on line 9; statement is its 4th line
  });

  it('keeps what an invalid claim expected, so a run can say "expected verified" rather than "(none)"', () => {
    const doc = parseClaimFile(claimFile(GOOD.replace('statement:', 'statment:')), 'claims/t.md');
    expect(doc.parts.find((p) => p.type === 'invalid')).toMatchObject({ id: 't.good', expect: 'verified' });
    const unknown = parseClaimFile(
      claimFile(GOOD.replace('statement:', 'statment:').replace('expect: verified', 'expect: maybe')),
      'claims/t.md',
    );
    expect(unknown.parts.find((p) => p.type === 'invalid')).not.toHaveProperty('expect');
  });

  it('reads a value that starts with [ or | and goes on as an expression as that expression, at its own line and column', () => {
    const claimOf = (text: string) => {
      const doc = parseClaimFile(claimFile(text), 'claims/t.md');
      expect(diagnostics(claimFile(text))).toEqual([]);
      const part = doc.parts.find((p) => p.type === 'claim');
      if (part?.type !== 'claim') throw new Error('no claim');
      return part.claim;
    };
    const product = claimOf(GOOD.replace('  - holds: y >= 0', '  - holds: [[0.5, 0], [0, 0.5]] * x == x'));
    expect(product.checks[0]).toMatchObject({ kind: 'holds' });
    expect(JSON.stringify(product.checks[0])).toContain('[[0.5, 0], [0, 0.5]] * x == x');
    const bar = claimOf(GOOD.replace('statement: x^2 \\ge 0', 'statement: |x| < 1 \\iff x^2 < 1'));
    expect(bar.statement.tex).toBe('|x| < 1 \\iff x^2 < 1');
    const model = claimOf(GOOD.replace('derive:\n  y: x^2', 'model:\n  v: [x, x] + [1, 2]\nderive:\n  y: x^2'));
    expect(JSON.stringify(model.model)).toContain('[x, x] + [1, 2]');
    // Inside a flow mapping too: the value runs to the next top-level comma.
    const inFlow = claimOf(GOOD.replace('derive:\n  y: x^2', 'derive:\n  w: {let: [x, 1] * 2, at: {x: 1}}\n  y: x^2'));
    expect(JSON.stringify(inFlow.derive)).toContain('[x, 1] * 2');
    // A flow value with a matrix literal inside it, not at its start, and a * after a bracket.
    const inside = claimOf(
      GOOD.replace('derive:\n  y: x^2', 'derive:\n  w: {let: x - 2*[[2, 0], [0, 3]]*[x, x], at: {x: 1}}\n  y: x^2'),
    );
    expect(JSON.stringify(inside.derive)).toContain('x - 2*[[2, 0], [0, 3]]*[x, x]');
    expect(JSON.stringify(inside.derive)).toContain('"at"');
    // An undeclared name in such a value is reported at its column in the file.
    const line = '  - holds: [1, 2] == [x, zeta]';
    const [d] = diagnostics(claimFile(GOOD.replace('  - holds: y >= 0', line)));
    expect(d).toMatchObject({ column: line.indexOf('zeta') + 1 });
    expect(d!.message).toMatch(/"zeta" is used but not declared/);
  });

  it('explains a value that starts with > in one message at its line and column, with the quoted form', () => {
    const to = '  - holds: > 0 or y >= 0';
    const ds = diagnostics(claimFile(GOOD.replace('  - holds: y >= 0', to)));
    expect(ds).toHaveLength(1);
    const line =
      claimFile(GOOD.replace('  - holds: y >= 0', to))
        .split('\n')
        .findIndex((l) => l === to) + 1;
    expect(ds[0]).toMatchObject({ line, column: to.indexOf('>') + 1 });
    expect(ds[0]!.hint).toBe('a value that starts with ">" must be quoted: holds: "> 0 or y >= 0"');
    // A list missing its ] is not an expression: the message stays YAML's own.
    const unclosed = diagnostics(claimFile(GOOD.replace('  - holds: y >= 0', '  - holds: y >= 0\n    label: [a, b')));
    expect(unclosed.some((d) => /must be quoted/.test(d.hint ?? ''))).toBe(false);
    expect(unclosed.length).toBeGreaterThan(0);
  });

  it('names the line that left a bracket open, not the key YAML stopped at', () => {
    const text = claimFile(GOOD.replace('derive:\n  y: x^2', 'model:\n  A: [[x, 1], [0, x]\nderive:\n  y: x^2'));
    const ds = diagnostics(text);
    expect(ds).toHaveLength(1);
    const line = text.split('\n').findIndex((l) => l === '  A: [[x, 1], [0, x]') + 1;
    expect(ds[0]).toMatchObject({ line, column: '  A: [[x, 1], [0, x]'.length + 1 });
    expect(ds[0]!.message).toBe('YAML: a "]" is missing: this line opens 1 more "[" than it closes');
  });

  it('says that the ends of a range are numbers when a newcomer ties a range to another symbol', () => {
    const line = '  h: positive in (0, 2/L)';
    const ds = diagnostics(claimFile(GOOD.replace('  x: real', `  x: real\n  L: positive\n${line}`)));
    expect(ds).toHaveLength(1);
    expect(ds[0]).toMatchObject({ column: line.indexOf('in (') + 1 });
    expect(ds[0]!.message).toBe('symbols.h: the ends of a range are numbers, and "0, 2/L" names other symbols');
    expect(ds[0]!.hint).toMatch(/state the tie as a premise \(implies: h < 2\/L/);
    // Numbers in scientific notation are numbers.
    expect(diagnostics(claimFile(GOOD.replace('  x: real', '  x: real in [1e-3, 2e2]')))).toEqual([]);
  });

  it('says that a list inside {…} needs brackets, where YAML read its second item as a field', () => {
    const line = '  J: {jacobian: [y, x], wrt: x, y}';
    const ds = diagnostics(claimFile(GOOD.replace('  y: x^2', `  y: x^2\n${line}`)));
    const d = ds.find((x) => x.message.includes('follows'));
    expect(d).toMatchObject({ column: line.lastIndexOf('y') + 1 });
    expect(d!.message).toBe('"y" follows wrt: x after a comma, so it reads as a field of its own');
    expect(d!.hint).toBe('a list inside {…} needs brackets: wrt: [x, y]');
    expect(ds.some((x) => x.message.startsWith('unknown field'))).toBe(false);
  });

  it('reads a list item that is a flow map whose first value is plain and a later one a flow map', () => {
    // `- {label: s, from: {x: 1}}`: the ": " inside is the flow map's own, not a colon in a title.
    const path = '      - {label: rotation, iterate: {x: x - 0.1*z, z: z + 0.1*x}, from: {x: 1, z: 0}, steps: 10}';
    const text = claimFile(
      GOOD.replace('  x: real', '  x: real\n  z: real').replace(
        'expect: verified',
        `figures:\n  - phase: {x: -z, z: x}\n    state: [x, z]\n    window: [-1, 1]\n    paths:\n${path}\nexpect: verified`,
      ),
    );
    expect(diagnostics(text)).toEqual([]);
  });

  it('says which bracket does not match when an expression cannot be read', () => {
    const [d] = diagnostics(claimFile(GOOD.replace('  y: x^2', '  y: det([[x, 1], [1, x])')));
    expect(d!.message).toMatch(/cannot read the expression "det\(\[\[x, 1\], \[1, x\]\)"/);
    expect(d!.hint).toBe('the "[" at character 5 is closed by the ")" at character 20');
    const [open] = diagnostics(claimFile(GOOD.replace('  y: x^2', '  y: (x + 1')));
    expect(open!.hint).toBe('the "(" at character 1 is never closed');
  });

  it('places errors inside multi-line YAML values on their own line: a folded check, a block statement', () => {
    const folded = diagnostics(
      claimFile(GOOD.replace('  - holds: y >= 0', '  - holds: >-\n      y +\n      zeta >= 0')),
    );
    const e = folded.find((x) => x.message.includes('"zeta" is used but not declared'));
    expect([e?.line, e?.column]).toEqual([20, 7]); // the block starts on line 9: "  - holds: >-" is line 18, "      zeta >= 0" line 20
    const block = diagnostics(
      claimFile(GOOD.replace('statement: x^2 \\ge 0', 'statement: |\n  x^2\n  \\ge \\frac{1}{')),
    );
    expect(block.find((x) => x.message.startsWith('statement is not valid LaTeX'))?.line).toBe(14);
    // An escape in a double-quoted value is one character of the expression and two of the line.
    const quoted = diagnostics(claimFile(GOOD.replace('  - holds: y >= 0', '  - holds: "y + \\t zeta >= 0"')));
    expect(quoted.find((x) => x.message.includes('"zeta" is used'))?.column).toBe(20); // '  - holds: "y + \t zeta': zeta at column 20 (19 when the escape counted once)
  });

  it('refuses a domain no value satisfies: a sign and a range that do not meet, a variance that is not positive', () => {
    const signed = diagnostics(claimFile(GOOD.replace('  x: real', '  x: positive in [-2, -1]')));
    expect(signed.find((d) => d.message.includes('no value in [-2, -1] is positive'))?.line).toBe(14);
    const variance = diagnostics(claimFile(GOOD.replace('  x: real', '  x: real\n  eps: normal(0, -1)')));
    expect(variance.find((d) => d.message.includes('a variance must be positive, not -1'))?.line).toBe(15);
    // A range that only partly meets the sign is fine: draws outside it are discarded.
    expect(
      diagnostics(claimFile(GOOD.replace('  x: real', '  x: positive in [-2, 3]'))).filter((d) =>
        /no value/.test(d.message),
      ),
    ).toEqual([]);
  });

  it('points at an undeclared symbol inside an expression', () => {
    const d = diagnostics(claimFile(GOOD.replace('y: x^2', 'y: x^2 + zeta')));
    const e = d.find((x) => x.message.includes('"zeta" is used but not declared'));
    expect(e).toBeDefined();
    expect(e!.line).toBe(16);
    expect(e!.column).toBe(12); // "  y: x^2 + zeta": the value starts at column 6, zeta 6 further
  });

  it('reports an expression that does not parse, with its column', () => {
    const d = diagnostics(claimFile(GOOD.replace('y: x^2', 'y: x^2 + * 3')));
    const e = d.find((x) => x.message.includes('cannot read the expression'));
    expect(e).toBeDefined();
    expect(e!.column).toBeGreaterThan(5);
  });

  it('rejects a bad domain with a hint', () => {
    const d = diagnostics(claimFile(GOOD.replace('x: real', 'x: rael')));
    expect(d[0]!.message).toMatch(/unknown domain "rael"/);
    expect(d[0]!.hint).toMatch(/real, positive/);
  });

  it('rejects reserved names and unknown kinds', () => {
    expect(diagnostics(claimFile(GOOD.replace('x: real', 'i: real')))[0]!.message).toMatch(/imaginary unit/);
    const d = diagnostics(claimFile(GOOD.replace('- holds: y >= 0', '- hold: y >= 0')));
    expect(d[0]!.message).toMatch(/no known check kind/);
    expect(d[0]!.hint).toMatch(/did you mean "holds"/);
  });

  it('rejects invalid LaTeX in the statement', () => {
    const d = diagnostics(claimFile(GOOD.replace('statement: x^2 \\ge 0', 'statement: \\frac{x')));
    expect(d[0]!.message).toMatch(/not valid LaTeX/);
  });

  it('requires a reason for not-checked', () => {
    const d = diagnostics(claimFile(GOOD.replace('expect: verified', 'expect: not-checked')));
    expect(d[0]!.message).toMatch(/needs a reason/);
  });

  it('finds duplicate ids and cycles in uses across files', () => {
    const a = parseClaimFile(claimFile(GOOD.replace('t.good', 't.a') + 'uses: [t.b]'), 'claims/a.md');
    const b = parseClaimFile(claimFile(GOOD.replace('t.good', 't.b') + 'uses: [t.a]'), 'claims/b.md');
    const c = parseClaimFile(claimFile(GOOD.replace('t.good', 't.a')), 'claims/c.md');
    const d = validateCatalogue([a, b, c]);
    expect(d.some((x) => /duplicate claim id "t.a"/.test(x.message) && x.file === 'claims/c.md')).toBe(true);
    // A copy after an invalid block with the same id is a duplicate too.
    const broken = parseClaimFile(
      claimFile(GOOD.replace('t.good', 't.c').replace('statement:', 'statment:')),
      'claims/d.md',
    );
    const copy = parseClaimFile(claimFile(GOOD.replace('t.good', 't.c')), 'claims/e.md');
    expect(
      validateCatalogue([broken, copy]).some(
        (x) => /duplicate claim id "t.c"/.test(x.message) && x.file === 'claims/e.md',
      ),
    ).toBe(true);
    // Both claims of the cycle are in error, each at its own uses: line.
    expect(
      d
        .filter((x) => /cycle/.test(x.message))
        .map((x) => x.file)
        .sort(),
    ).toEqual(['claims/a.md', 'claims/b.md']);
  });

  it('reads commas inside brackets of YAML flow collections as part of the expression', () => {
    const doc = parseClaimFile(
      claimFile(`
id: t.flow
title: flow
where: here
statement: x
symbols: {x: real, y: real}
model:
  v: [-diff(x*y, x), diff(x*y, y)]
derive:
  J: {jacobian: v, wrt: [x, y], at: {x: 0, y: 0}}
checks:
  - equal: J
    to: [[0, -1], [1, 0]]
expect: proved
`),
      'claims/t.md',
    );
    const part = doc.parts.find((p) => p.type === 'claim');
    expect(part?.type).toBe('claim');
    if (part?.type === 'claim') expect(part.claim.model[0]!.expr.text).toBe('[-diff(x*y, x), diff(x*y, y)]');
  });
});

describe('LaTeX of plain text', () => {
  it('escapes every special character so KaTeX never fails on a message', async () => {
    const { textTex } = await import('../src/expr/tex');
    const katex = (await import('katex')).default;
    const t = textTex('‖x_k − x̄‖/ρ^k {a} #1 50% & $5 ~ \\ end');
    expect(() => katex.renderToString(t, { throwOnError: true, strict: 'ignore' })).not.toThrow();
  });
});

describe('a model shared by reference (model: from <id>)', () => {
  const base = realClaimBlock('002-dirac-gan.md', 'p.dirac-eigenvalues');
  const user = (id: string, from: string, symbols = '  theta: real\n  psi: real\n  f: function\n') =>
    `id: ${id}\ntitle: Uses a shared model\nwhere: here\nstatement: x\nsymbols:\n${symbols}model: from ${from}\nderive:\n  J: {jacobian: v, wrt: [theta, psi], at: {theta: 0, psi: 0}}\nchecks:\n  - equal: trace(J)\n    to: 0\nexpect: proved`;
  const claimsOf = (dir: string) =>
    new Map(
      loadClaimFiles(dir)
        .flatMap((d) => d.parts)
        .map((p) => [p.type === 'claim' ? p.claim.id : p.type === 'invalid' ? p.id : '', p] as const),
    );

  it('gives the claim the model of the claim it names, across files and along a chain, without copying it', async () => {
    const dir = claimsFolder({
      'a.md': claimFile(base),
      'b.md': claimFile(user('t.user', 'p.dirac-eigenvalues')),
      'c.md': claimFile(user('t.chain', 't.user')),
    });
    const parts = claimsOf(dir);
    for (const id of ['t.user', 't.chain']) {
      const p = parts.get(id)!;
      expect(p.type).toBe('claim');
      if (p.type === 'claim')
        expect(p.claim.model.map((m) => [m.name, m.expr.text, m.expr.pos.file])).toEqual([
          ['L', 'f(psi*theta) + f(0)', expect.stringMatching(/a\.md$/)],
          ['v', expect.any(String), expect.stringMatching(/a\.md$/)],
        ]);
    }
    const report = await runFolder(dir, 200);
    expect(report.results.map((r) => [r.id, r.verdict])).toEqual([
      ['p.dirac-eigenvalues', 'proved'],
      ['t.user', 'proved'],
      ['t.chain', 'proved'],
    ]);
    // The report says whose model a claim uses, with a link to that claim.
    const page = [
      ...renderReport({ ...report, runInfo: { generated: '', node: '', timings: {} } }).files.values(),
    ].join('\n');
    expect(page).toMatch(/<p>Model: that of <a [^>]*href="[^"]*#p\.dirac-eigenvalues"[^>]*>Claim 1\.1<span/);
  });

  it('refuses a reference to no claim, a cycle, and a shared model whose symbols the claim does not declare, each at its place', () => {
    const dir = claimsFolder({
      'a.md': claimFile(base),
      'b.md': claimFile(user('t.nowhere', 'p.no-such-claim')),
      'c.md': claimFile(user('t.one', 't.two')),
      'd.md': claimFile(user('t.two', 't.one')),
      'e.md': claimFile(user('t.undeclared', 'p.dirac-eigenvalues', '  theta: real\n  f: function\n')),
    });
    const parts = claimsOf(dir);
    const messages = (id: string) => {
      const p = parts.get(id)!;
      return p.type === 'invalid' ? p.diagnostics.map((d) => `${d.file.split('/').pop()}:${d.line}: ${d.message}`) : [];
    };
    expect(messages('t.nowhere')).toEqual([
      expect.stringMatching(/^b\.md:\d+: model: from p\.no-such-claim: no claim has the id "p\.no-such-claim"$/),
    ]);
    expect(messages('t.one')).toEqual([
      expect.stringMatching(/^c\.md:\d+: model: from t\.one: a cycle \(t\.one → t\.two → t\.one\)$/),
    ]);
    expect(messages('t.two')).toEqual([expect.stringMatching(/a cycle/)]);
    // The undeclared name is shown where the shared model writes it, saying whose model it is.
    expect(messages('t.undeclared')).toEqual([
      expect.stringMatching(
        /^a\.md:\d+: "psi" is used but not declared \(in the model of p\.dirac-eigenvalues, which t\.undeclared uses: declare its symbols in t\.undeclared too\)$/,
      ),
      expect.stringMatching(/^a\.md:\d+: "psi" is used but not declared \(in the model of/),
      // and where the claim itself uses it, as any undeclared name.
      expect.stringMatching(/^e\.md:\d+: "psi" is used but not declared$/),
    ]);
    expect(parts.get('p.dirac-eigenvalues')!.type).toBe('claim');
  });

  it('re-checks the claim that uses a model when that model changes (the cache key holds the shared model)', () => {
    const dir = claimsFolder({ 'a.md': claimFile(base), 'b.md': claimFile(user('t.user', 'p.dirac-eigenvalues')) });
    const keyOf = () => {
      const p = claimsOf(dir).get('t.user')!;
      return p.type === 'claim' ? claimKey(p.claim, 1, 100) : '';
    };
    const before = keyOf();
    writeFileSync(
      join(dir, 'a.md'),
      claimFile(edit(base, 'L: f(psi*theta) + f(0)', 'L: f(psi*theta) + f(0) + theta^2')),
    );
    expect(keyOf()).not.toBe(before);
  });
});
