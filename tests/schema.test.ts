import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import Ajv from 'ajv';
import { describe, expect, it } from 'vitest';
import { claimJsonSchema } from '../src/parse/claim-schema';
import { withKindTables } from '../src/kinds/readme-tables';
import { CHECKS, FIGURES, STEPS } from '../src/kinds/registry';
import { parseClaimFile } from '../src/parse/index';
import { splitClaimFile } from '../src/parse/markdown';
import { parseYaml } from '../src/parse/yaml';
import type { YNode } from '../src/model/yaml-node';
import { claimFile, edit } from './helpers';

const ROOT = join(__dirname, '..');
// Strict, so a keyword the schema misspells fails here; `required` inside if/then names properties the enclosing object defines.
const validate = new Ajv({ allErrors: true, allowUnionTypes: true, strict: true, strictRequired: false }).compile(
  JSON.parse(readFileSync(join(ROOT, 'claim.schema.json'), 'utf8')),
);

/** A YAML node as plain data: what an editor's YAML reader gives the schema. */
function plain(node: YNode): unknown {
  if (node.type === 'scalar') return node.value;
  if (node.type === 'seq') return node.items.map(plain);
  return Object.fromEntries(node.entries.map((e) => [e.key, plain(e.value)]));
}

/** Every claim block of the claim files in a folder, read by the tool's own YAML reader (which is lenient where plain YAML is not, see the README). */
function claimBlocks(dir: string): Array<{ where: string; data: unknown }> {
  return readdirSync(join(ROOT, dir))
    .filter((f) => f.endsWith('.md'))
    .flatMap((f) =>
      splitClaimFile(readFileSync(join(ROOT, dir, f), 'utf8'))
        .blocks.filter((b) => b.type === 'claim')
        .map((b) => {
          const y = parseYaml(b.text, f, b.line);
          if (!y.node) throw new Error(`${dir}/${f}:${b.line}: ${y.diagnostics.map((d) => d.message).join('; ')}`);
          return { where: `${dir}/${f}:${b.line}`, data: plain(y.node) };
        }),
    );
}

function schemaErrors(yaml: string): string[] {
  const y = parseYaml(yaml, 't.md', 1);
  if (!y.node) throw new Error('test block is not YAML');
  return validate(plain(y.node)) ? [] : (validate.errors ?? []).map((e) => `${e.instancePath} ${e.message}`);
}

function parserErrors(yaml: string): string[] {
  const doc = parseClaimFile(claimFile(yaml), 'claims/t.md');
  return [...doc.diagnostics, ...doc.parts.flatMap((p) => (p.type === 'invalid' ? p.diagnostics : []))].map(
    (d) => d.message,
  );
}

describe('claim.schema.json', () => {
  it('is what the generator produces from the field declarations (run npm run schema after changing them)', () => {
    expect(readFileSync(join(ROOT, 'claim.schema.json'), 'utf8')).toBe(
      `${JSON.stringify(claimJsonSchema(), null, 2)}\n`,
    );
  });

  it("the README's tables of steps, checks and figures are what each kind's readme rows say (run npm run schema after changing them)", () => {
    const readme = readFileSync(join(ROOT, 'README.md'), 'utf8');
    expect(readme).toBe(withKindTables(readme));
    // Every kind has its row, in its role's table.
    for (const name of [...STEPS.keys(), ...CHECKS.keys(), ...FIGURES.keys()].filter((n) => n !== 'flow'))
      expect(readme).toMatch(new RegExp(`\\n\\| \`${name}\`( |,)`));
  });

  it('refuses a README without the markers of a table', () => {
    expect(() => withKindTables('# no tables here\n')).toThrow(/no markers for the steps table/);
  });

  it("carries the fields' help texts as descriptions", () => {
    const schema = claimJsonSchema() as { properties: Record<string, { description: string }> };
    expect(schema.properties.statement!.description).toBe('the statement in LaTeX as the lecture writes it');
    const checks = JSON.stringify(schema.properties.checks);
    expect(checks).toContain('the claimed closed form');
    expect(checks).toContain('equal: ');
  });

  for (const dir of ['claims', 'tests/adversarial', 'tests/newcomer']) {
    it(`accepts every claim block in ${dir}/*.md`, () => {
      const blocks = claimBlocks(dir);
      expect(blocks.length).toBeGreaterThan(10);
      const rejected = blocks
        .filter((b) => !validate(b.data))
        .map((b) => `${b.where}: ${JSON.stringify(validate.errors)}`);
      expect(rejected).toEqual([]);
    });
  }
});

const GOOD = `
id: t.rotation
title: A rotation
where: Lemma 1
statement: \\lambda = \\pm i
symbols:
  theta: real
  psi: real
  f: function
model:
  v: [-psi, theta]
derive:
  J: {jacobian: v, wrt: [theta, psi]}
  lambda: {eigenvalues: J}
checks:
  - equal: lambda
    to: [i, -i]
  - holds: abs(lambda) == 1
    given: f(t) = t
    label: on the unit circle
expect: proved
`;

/** Broken variants of GOOD, one mistake each: where the schema should see it, and what the parser says. */
const BROKEN: Array<{ mistake: string; yaml: string; path: RegExp; parser: RegExp }> = [
  {
    mistake: 'an unknown top-level key',
    yaml: edit(GOOD, 'where: Lemma 1', 'where: Lemma 1\nsource: slide 3'),
    path: /^ must NOT have additional properties$/,
    parser: /unknown field "source" in claim/,
  },
  {
    mistake: 'a misspelt key',
    yaml: edit(GOOD, 'title:', 'tittle:'),
    path: /^ must have required property 'title'$/,
    parser: /unknown field "tittle"/,
  },
  {
    mistake: 'an unknown key in a check',
    yaml: edit(GOOD, '    to: [i, -i]', '    to: [i, -i]\n    tolerance: 1e-9'),
    path: /^\/checks\/0 /,
    parser: /unknown field "tolerance"/,
  },
  {
    mistake: 'a misspelt check kind',
    yaml: edit(GOOD, '- equal: lambda', '- eqaul: lambda'),
    path: /^\/checks\/0 /,
    parser: /no known check kind/,
  },
  {
    mistake: 'a misspelt step kind',
    yaml: edit(GOOD, '{eigenvalues: J}', '{eigenvalue: J}'),
    path: /^\/derive\/lambda /,
    parser: /no known step kind/,
  },
  {
    mistake: 'two check kinds in one item',
    yaml: edit(GOOD, '    to: [i, -i]', '    to: [i, -i]\n    holds: x > 0'),
    path: /^\/checks\/0 /,
    parser: /more than one check kind/,
  },
  {
    mistake: 'a missing required field',
    yaml: edit(GOOD, 'statement: \\lambda = \\pm i\n', ''),
    path: /^ must have required property 'statement'$/,
    parser: /missing the field "statement"/,
  },
  {
    mistake: 'a missing required field of a check',
    yaml: edit(GOOD, '    to: [i, -i]\n', ''),
    path: /^\/checks\/0 /,
    parser: /missing the field "to"/,
  },
  {
    mistake: 'a list where a text belongs',
    yaml: edit(GOOD, 'title: A rotation', 'title: [A, rotation]'),
    path: /^\/title must be/,
    parser: /claim\.title must be a text, found a list/,
  },
  {
    mistake: 'a mapping where a list belongs',
    yaml: edit(GOOD, 'checks:\n', 'checks:\n  first:\n'),
    path: /^\/checks must be array$/,
    parser: /checks must be a list/,
  },
  {
    mistake: 'a text where a whole number belongs',
    yaml: edit(GOOD, 'expect: proved', 'instances: {count: many}\nexpect: proved'),
    path: /^\/instances\/count must be integer$/,
    parser: /instances\.count must be a whole number/,
  },
  {
    mistake: 'an unknown verdict',
    yaml: edit(GOOD, 'expect: proved', 'expect: proven'),
    path: /^\/expect /,
    parser: /expect must be one of proved, verified, refuted, not-checked/,
  },
  {
    mistake: 'not-checked without a reason',
    yaml: edit(GOOD, 'expect: proved', 'expect: {verdict: not-checked}'),
    path: /^\/expect /,
    parser: /not-checked needs a reason/,
  },
  {
    mistake: 'no checks',
    yaml: edit(GOOD, /checks:[\s\S]*label: on the unit circle\n/, ''),
    path: /^ must have required property 'checks'$/,
    parser: /a claim needs at least one check/,
  },
  {
    mistake: 'a bad id',
    yaml: edit(GOOD, 'id: t.rotation', 'id: Rotation'),
    path: /^\/id must match pattern/,
    parser: /"Rotation" is not a valid claim id/,
  },
  {
    mistake: 'a reserved symbol name',
    yaml: edit(GOOD, '  psi: real', '  psi: real\n  e: real'),
    path: /^\/symbols property name/,
    parser: /"e" cannot be a symbol/,
  },
  {
    mistake: 'a given that defines nothing',
    yaml: edit(GOOD, 'given: f(t) = t', 'given: t + 1'),
    path: /^\/checks\/1\/given /,
    parser: /given must define a declared function/,
  },
  {
    mistake: 'a true/false where an expression belongs',
    yaml: edit(GOOD, '- holds: abs(lambda) == 1', '- holds: true'),
    path: /^\/checks\/1/,
    parser: /must be an expression/,
  },
];

describe('claim.schema.json and the parser agree', () => {
  it('on a correct block: both accept it', () => {
    expect(schemaErrors(GOOD)).toEqual([]);
    expect(parserErrors(GOOD)).toEqual([]);
  });
  for (const { mistake, yaml, path, parser } of BROKEN)
    it(`on ${mistake}: both reject it`, () => {
      const fromSchema = schemaErrors(yaml);
      expect(
        fromSchema.some((e) => path.test(e)),
        fromSchema.join('\n'),
      ).toBe(true);
      const fromParser = parserErrors(yaml);
      expect(
        fromParser.some((e) => parser.test(e)),
        fromParser.join('\n'),
      ).toBe(true);
    });
});
