/**
 * The report's mathematics is mathematics, not machine text: every operator of the claim language
 * has a LaTeX form, names are typeset (a2 → a₂, or a derived name's own latex:), counterexamples
 * show both sides' values with matrices as matrices, and update rules are typeset.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import katex from 'katex';
import { texOfText } from '../src/expr/tex';
import { plainOfText, readableName } from '../src/expr/plain';
import { defaultTex } from '../src/expr/names';
import { NUMERIC_FUNCTIONS } from '../src/numeric/functions';
import { BINDERS } from '../src/numeric/binders';
import { OPERATORS } from '../src/kinds/operators';
import { renderReport } from '../src/render/index';
import { texNumbers } from '../src/render/numbers';
import type { RunReport } from '../src/api';
import { claimFile, claimsFolder, resultOf, runFolder } from './helpers';

const typesets = (tex: string) => katex.renderToString(tex, { throwOnError: true, strict: 'ignore' });

/** A call of each function with arguments of the right kind: a binder's variable and range, else symbols. */
function sampleCall(name: string, arity: number): string {
  if (BINDERS.has(name)) return `${name}(x^2 - a, x, -1, 2)`;
  return `${name}(${['M', 'N', 'a', 'b', 'c'].slice(0, Math.max(1, arity)).join(', ')})`;
}

describe('operators of the claim language', () => {
  const names = [
    ...Object.entries(NUMERIC_FUNCTIONS).map(([n, f]) => [n, f.arity[0]] as const),
    ...[...BINDERS].map((n) => [n, 4] as const),
    ...[...OPERATORS.values()].map((o) => [o.name, o.arity[0]] as const),
  ];

  it('each have a LaTeX form: none reaches the reader as its identifier', () => {
    expect(names.length).toBeGreaterThan(40);
    for (const [name, arity] of names) {
      const tex = texOfText(sampleCall(name, arity));
      expect(tex, name).not.toMatch(new RegExp(`\\\\(mathrm|text)\\{${name}\\}`));
      // An operator name in upright type (\\operatorname{erf}) is how books write erf, sech, sign; a camelCase one is not.
      if (/[a-z][A-Z]/.test(name)) expect(tex, name).not.toContain(name);
      expect(() => typesets(tex), `${name}: ${tex}`).not.toThrow();
    }
  });

  it('read as a lecturer writes them: ρ(·), λ(·), Re, max over an interval, integrals, the number of sign changes, definiteness', () => {
    expect(texOfText('spectralRadius(I + h*A) < 1')).toBe('\\rho\\left(I + h\\,A\\right) < 1');
    expect(texOfText('max(re(eigenvalues(A)))')).toBe(
      '\\max\\left(\\operatorname{Re}\\left(\\lambda\\left(A\\right)\\right)\\right)',
    );
    expect(texOfText('im(z)')).toBe('\\operatorname{Im}\\left(z\\right)');
    expect(texOfText('maxOver(F, t, -12, 4) >= W')).toBe('\\max_{t \\in [-12,\\, 4]} F \\ge W');
    expect(texOfText('minOver(f(x) - g(x), x, 0, 1, 401)')).toBe(
      '\\min_{x \\in [0,\\, 1]} \\left(f\\left(x\\right) - g\\left(x\\right)\\right)',
    );
    expect(texOfText('integral(abs(p(x) - q(x)), x, -10, 10)')).toBe(
      '\\int_{-10}^{10} \\left|p\\left(x\\right) - q\\left(x\\right)\\right|\\,\\mathrm{d}x',
    );
    expect(texOfText('signChanges(h(x), x, -15, 15, 2001) < 5')).toBe(
      '\\#\\,\\text{sign changes}_{x \\in [-15,\\, 15]}\\left(h\\left(x\\right)\\right) < 5',
    );
    expect(texOfText('psd(M) and nd(H)')).toBe('M \\succeq 0 \\;\\wedge\\; H \\prec 0');
    expect(texOfText('step(t - 1)')).toBe('\\mathbf{1}\\left[t - 1 > 0\\right]');
    expect(texOfText('xlogy(a + b, c)')).toBe('\\left(a + b\\right)\\log\\left(c\\right)');
  });

  it('keep a fraction times a fraction as written, and bracket a negated or summed gradient', () => {
    expect(texOfText('h < (1/abs(a)) * 2/(1 + (b/a)^2)')).toBe(
      'h < \\frac{1}{\\left|a\\right|}\\,\\frac{2}{1 + {\\left(\\frac{b}{a}\\right)}^{2}}',
    );
    expect(texOfText('2*x/3')).toBe('\\frac{2\\,x}{3}');
    expect(texOfText('grad(-f, theta)')).toBe('\\nabla_{\\theta} \\left(-f\\right)');
    expect(texOfText('hessian(f, x)')).toBe('\\nabla^2_{x} f');
  });
  it('write a sum with a negated term as a difference, and the sign of a negated numerator before its fraction', () => {
    expect(texOfText('1+-d')).toBe('1 - d');
    expect(texOfText('l*m+(-1/2)*l^2+-l*r*s')).toBe('l\\,m - \\frac{1}{2}\\,{l}^{2} - l\\,r\\,s');
    expect(texOfText('a-(-2*b)')).toBe('a + 2\\,b');
    // A negated sum keeps its brackets; a negative base is not a negated term.
    expect(texOfText('a+-(b+c)')).toBe('a - \\left(b + c\\right)');
    expect(texOfText('a+(-2)^x')).toBe('a + {\\left(-2\\right)}^{x}');
  });
});

describe('names', () => {
  it('are typeset from their spelling: subscripts, Greek letters, asterisks; words stay upright', () => {
    const cases: Record<string, string> = {
      a2: '{a_{2}}',
      lam1: '{\\lambda_{1}}',
      muG: '{\\mu_{G}}',
      gam: '\\gamma',
      W2star: '{W_{2}^{*}}',
      Fstar: '{F^{*}}',
      Jd: '{J_{d}}',
      Jalt: '{J_{\\mathrm{alt}}}',
      pX: '{p_{X}}',
      gphi: '{g_{\\phi}}',
      etad: '{\\eta_{d}}',
      ctSlope: '{\\mathrm{ct}_{\\mathrm{slope}}}',
      prox: '\\mathrm{prox}',
      theta: '\\theta',
      n_g: 'n_{g}',
    };
    for (const [name, tex] of Object.entries(cases)) expect(defaultTex(name), name).toBe(tex);
  });

  it('never show a camelCase identifier, and typeset with a further subscript or a prime', () => {
    for (const name of [
      'ctSlope',
      'innerSlope',
      'slopeRealizable',
      'gradSq',
      'dmassOpt',
      'halfL1',
      'W2G',
      'P1g',
      'Hg1',
    ]) {
      const tex = defaultTex(name);
      expect(tex, name).not.toContain(name);
      expect(() => typesets(tex), name).not.toThrow();
    }
    expect(() =>
      typesets(`${defaultTex('Hg_1')} + ${defaultTex('W2star__d2')} + ${defaultTex('Fstar__d5')}`),
    ).not.toThrow();
  });
});

const pagesOf = (report: RunReport) =>
  renderReport({ ...report, results: report.shown, runInfo: { generated: '', node: '', timings: {} } }).files;
/** The LaTeX sources of a page's formulas, in order. */
const formulas = (html: string) =>
  [...html.matchAll(/<annotation encoding="application\/x-tex">([^<]*)<\/annotation>/g)].map((m) =>
    m[1]!.replace(/&amp;/g, '&').replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&#39;/g, "'"),
  );

describe('derived names', () => {
  const block = `
id: t.named
title: Named steps
where: test
statement: r = x^2
symbols: {x: real, a2: real}
derive:
  r: {let: x^2, latex: '\\varrho'}
  ctSlope: {jacobian: x^2 + a2*x, wrt: [x], at: {x: 0}}
  s2: 2*x
checks:
  - equal: r
    to: x^2
  - equal: ctSlope
    to: a2
  - equal: s2
    to: 2*x
expect: proved
`;
  let page: string;
  beforeAll(async () => {
    const report = await runFolder(claimsFolder({ 'named.md': claimFile(block) }), 200);
    expect(resultOf(report, 't.named').verdict).toBe('proved');
    page = pagesOf(report).get('lecture-test.html')!;
  });

  it('use their latex: where given, and a typeset form of the name where not', () => {
    const tex = formulas(page);
    expect(tex).toContain('\\varrho');
    expect(tex).toContain('\\varrho = {x}^{2}');
    expect(tex).toContain('{\\mathrm{ct}_{\\mathrm{slope}}} = {a_{2}}');
    expect(tex).toContain('{s_{2}}');
    expect(page).not.toMatch(/ctSlope<\/annotation>|\\mathrm\{ctSlope\}|\\mathrm\{s2\}/);
  });

  it("show the step in words, not the kind's key", () => {
    expect(page).toContain('<span class="muted">(definition)</span>');
    expect(page).toContain('<span class="muted">(Jacobian)</span>');
    expect(page).not.toContain('(let)');
  });

  it('that are only an identifier are shown by their definition, with brackets where a sum needs them', async () => {
    const defined = `
id: t.defined
title: Names shown by their definitions
where: test
statement: f' > 0
symbols: {x: real, y: real}
derive:
  fprime: diff(x^3 + x, x)
  gap: x^2 + 1
  speed: {let: x^2 + y^2, latex: '\\sigma'}
  ctSlope: 2*x
checks:
  - holds: fprime > 0
  - holds: 2*gap > gap
  - holds: speed >= 0
  - equal: ctSlope
    to: 2*x
expect: proved
`;
    const report = await runFolder(claimsFolder({ 'defined.md': claimFile(defined) }), 100);
    const tex = formulas(pagesOf(report).get('lecture-test.html')!);
    // As its definition where it stands alone, in brackets inside a product.
    expect(tex).toContain('{\\frac{\\partial}{\\partial x}\\left({x}^{3} + x\\right)} > 0');
    expect(tex).toContain('2\\,\\left({x}^{2} + 1\\right) > {{x}^{2} + 1}');
    // A name with its own latex:, or typeset as a symbol (ct_slope), stays.
    expect(tex).toContain('\\sigma \\ge 0');
    expect(tex).toContain('{\\mathrm{ct}_{\\mathrm{slope}}} = 2\\,x');
    expect(tex.join(' ')).not.toMatch(/\\mathrm\{(fprime|gap)\}/);
  });

  it('refuse a latex: that KaTeX cannot typeset, at its line', async () => {
    const bad = block.replace("latex: '\\varrho'", "latex: '\\frac{1'");
    const report = await runFolder(claimsFolder({ 'named.md': claimFile(bad) }), 50);
    const r = resultOf(report, 't.named');
    expect(r.verdict).toBe('error');
    expect(r.errors.map((e) => e.message).join('\n')).toMatch(/derive\.r\.latex: /);
  });
});

describe('counterexamples', () => {
  const blocks = [
    'id: t.cond\ntitle: A comparison that fails\nwhere: test\nstatement: a^2 \\le a\nsymbols: {a: real in [2, 3]}\nchecks:\n  - holds: a^2 <= a\nexpect: refuted',
    'id: t.matrix\ntitle: A wrong Jacobian\nwhere: test\nstatement: J = I\nsymbols: {a: real in [2, 3], x: real, y: real}\nmodel:\n  v: [a*x, y]\nderive:\n  J: {jacobian: v, wrt: [x, y]}\nchecks:\n  - equal: J\n    to: [[1, 0], [0, 1]]\nexpect: refuted',
    'id: t.tiny\ntitle: A tiny value is zero\nwhere: test\nstatement: a \\cdot 10^{-9} = 0\nsymbols: {a: real in [2, 3]}\nchecks:\n  - equal: a/1000000000\n    to: 0\nexpect: refuted',
  ];
  const files = {
    'cx.md':
      claimFile(blocks[0]!) +
      blocks
        .slice(1)
        .map((b) => `\n\`\`\`claim\n${b}\n\`\`\`\n`)
        .join(''),
  };
  let page: string;
  beforeAll(async () => {
    const report = await runFolder(claimsFolder(files), 200);
    page = pagesOf(report).get('lecture-test.html')!;
  });
  const box = (id: string) => {
    const at = page.indexOf(`id="${id}"`);
    const section = page.slice(at, page.indexOf('</section>', at));
    return section.slice(section.indexOf('<div class="counterexample">'));
  };

  it("of a condition show the values of both sides of its comparison (a symbol's in the point)", () => {
    const tex = formulas(box('t.cond'));
    expect(box('t.cond')).toContain('values: ');
    const a = Number(/^a = ([\d.]+)$/.exec(tex[0]!)![1]);
    expect(tex[1]).toBe(`{a}^{2} = ${a * a}`);
    expect(box('t.cond')).not.toContain('—');
  });

  it('show a derived and a claimed matrix as matrices', () => {
    const tex = formulas(box('t.matrix'));
    expect(tex.some((t) => /^\\begin\{pmatrix\}[\d.]+ & 0 \\\\ 0 & 1\\end\{pmatrix\}$/.test(t))).toBe(true);
    expect(tex).toContain('\\begin{pmatrix}1 & 0 \\\\ 0 & 1\\end{pmatrix}');
    expect(box('t.matrix')).not.toContain('\\text{');
  });

  it('write small numbers as powers of ten', () => {
    const tex = formulas(box('t.tiny'));
    expect(tex.some((t) => /^[\d.]+ \\cdot 10\^\{-9\}$/.test(t))).toBe(true);
    expect(tex.join(' ')).not.toMatch(/\de-\d/);
  });
});

describe('dynamics', () => {
  it('typeset the update rule and what every run does', async () => {
    const report = await runFolder(
      claimsFolder({
        'gd.md': claimFile(`
id: t.gd
title: Gradient descent on a quadratic converges
where: test
statement: \\theta_{k+1} = \\theta_k - h\\theta_k \\to 0
symbols: {h: real in [0.1, 0.5]}
checks:
  - iterate: {theta: theta - h*theta}
    state: [theta]
    start: {theta: real in [-1, 1]}
    runs: 5
    steps: 400
    converges: {to: {theta: 0}, tol: 1e-12}
expect: verified
`),
      }),
      50,
    );
    const tex = formulas(pagesOf(report).get('lecture-test.html')!);
    expect(tex).toContain(
      '\\begin{gathered}{\\theta}^{+} = \\theta - h\\,\\theta \\\\ \\text{every run: }\\left\\|{\\theta}_{400} - 0\\right\\| \\le 1e-12\\end{gathered}'.replace(
        '1e-12',
        '10^{-12}',
      ),
    );
  });
});

describe('number formatting in LaTeX', () => {
  it('turns an exponent into a power of ten inside a matrix', () => {
    expect(texNumbers('\\begin{pmatrix}4.881e-7 & 1\\end{pmatrix}')).toBe(
      '\\begin{pmatrix}4.881 \\cdot 10^{-7} & 1\\end{pmatrix}',
    );
  });
});

describe('figure labels', () => {
  it('read as mathematics in plain text, where LaTeX cannot go', () => {
    expect(plainOfText('max(abs(lambda))')).toBe('max(|λ|)');
    expect(plainOfText('spectralRadius(J)')).toBe('ρ(J)');
    expect(plainOfText('abs(1 + h*mu)^2 - x')).toBe('|1 + h·μ|² − x');
    expect(readableName('theta')).toBe('θ');
    expect(readableName('lam1')).toBe('λ₁');
  });
});

describe('names that would look alike', () => {
  it('are told apart: the one spelt with "_" keeps the subscript, the other is written out', async () => {
    const report = await runFolder(
      claimsFolder({
        'alike.md': claimFile(`
id: t.alike
title: Two names, one look
where: test
statement: a_2 + a2 = a2 + a_2
symbols: {a2: real, a_2: real}
checks:
  - equal: a2 + a_2
    to: a_2 + a2
expect: proved
`),
      }),
      50,
    );
    const tex = formulas(pagesOf(report).get('lecture-test.html')!).join(' ');
    expect(tex).toContain('\\mathrm{a2} + a_{2}');
  });
});
