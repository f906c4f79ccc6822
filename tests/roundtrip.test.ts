/**
 * Counterexamples reproduce when typed back in: every exact counterexample of the adversarial
 * suite whose point is a set of declared scalar values is written back into its claim, each
 * symbol's range narrowed to start at the printed value (a relative 1e-7 wide), and the claim must
 * be refuted again, with a certified counterexample.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse, stringify } from 'yaml';
import { claimFile, claimsFolder, runFolder } from './helpers';
import type { RunReport } from '../src/api';

const DIR = join(__dirname, 'adversarial');

function claimBlocks(): Map<string, Record<string, unknown>> {
  const out = new Map<string, Record<string, unknown>>();
  for (const f of readdirSync(DIR).filter((x) => x.endsWith('.md'))) {
    const text = readFileSync(join(DIR, f), 'utf8');
    for (const block of text.split('```claim\n').slice(1)) {
      // (Blocks that plain YAML cannot read, such as unquoted primes in f'(0), are left out.)
      let yaml: Record<string, unknown>;
      try {
        yaml = parse(block.slice(0, block.indexOf('\n```'))) as Record<string, unknown>;
      } catch {
        continue;
      }
      if (typeof yaml?.id === 'string') out.set(yaml.id, yaml);
    }
  }
  return out;
}

/**
 * The domain with its range narrowed to start at the printed value (and end one grid step above
 * it, since a range may not be a single point), or undefined when that cannot be written. The
 * first instance of a check is every symbol at the start of its range: the printed point.
 */
function pinned(domain: unknown, value: string): string | undefined {
  if (typeof domain !== 'string' || !/^-?\d+(\.\d+)?(e-?\d+)?$/.test(value)) return undefined;
  const integer = /^integer\b/.exec(domain);
  if (integer) return /^-?\d+$/.test(value) ? `integer ${value}..${BigInt(value) + 1n}` : undefined;
  const sign = /^(real|positive|negative|nonzero|nonnegative|nonpositive)\b/.exec(domain);
  const x = Number(value);
  if (!sign || x === 0) return undefined;
  const above = Number((x + Math.abs(x) * 1e-7).toPrecision(9));
  return `${sign[1]} in [${value}, ${above}]`;
}

describe('counterexamples typed back in', () => {
  let original: RunReport;
  let typed: RunReport;
  const cases: Array<{ id: string; point: string }> = [];
  beforeAll(async () => {
    original = await runFolder(DIR, 2000);
    const blocks = claimBlocks();
    const files: Record<string, string> = {};
    for (const r of original.results) {
      if (r.verdict !== 'refuted') continue;
      const block = blocks.get(r.id);
      const checks = block?.checks as unknown[] | undefined;
      if (!block || !checks || r.checks.length !== checks.length || block.instances || block.uses) continue;
      r.checks.forEach((c, j) => {
        const cx = c.counterexample;
        const symbols = block.symbols as Record<string, unknown> | undefined;
        if (
          c.status !== 'refuted' ||
          !cx?.exact ||
          !cx.point.length ||
          !symbols ||
          c.kind === 'iterate' ||
          c.kind === 'threshold'
        )
          return;
        const check = checks[j] as Record<string, unknown>;
        if (check.draw) return;
        const narrowed: Record<string, unknown> = { ...symbols };
        for (const p of cx.point) {
          const d = pinned(symbols[p.name], p.value);
          if (d === undefined) return;
          narrowed[p.name] = d;
        }
        const id = `${r.id}.typed${j}`;
        // A vector written [a, b] in YAML's flow style reads back as a list of its comma-separated
        // pieces; the claim language reads it as written, so it is written back as one string.
        const asWritten = (v: unknown): unknown => (Array.isArray(v) ? `[${v.map(asWritten).join(', ')}]` : v);
        const model = Object.fromEntries(
          Object.entries((block.model ?? {}) as Record<string, unknown>).map(([k, v]) => [k, asWritten(v)]),
        );
        const variant = {
          ...block,
          ...(block.model ? { model } : {}),
          id,
          symbols: narrowed,
          checks: [check],
          expect: 'refuted',
        };
        delete (variant as Record<string, unknown>).figures;
        delete (variant as Record<string, unknown>).finding;
        files[`${id}.md`] = claimFile(stringify(variant));
        cases.push({ id, point: cx.point.map((p) => `${p.name} = ${p.value}`).join(', ') });
      });
    }
    typed = await runFolder(claimsFolder(files), 50);
  }, 600_000);

  it('covers a good share of the suite’s refutations', () => {
    expect(cases.length).toBeGreaterThanOrEqual(30);
  });
  it('refutes every claim again, certified, on a range that starts at the printed point', () => {
    // (The check may report another point of the narrowed range first: an equality's exact pass
    // looks at generic draws before special ones.)
    const failures = cases
      .filter(({ id }) => {
        const r = typed.results.find((x) => x.id === id);
        return r?.verdict !== 'refuted' || r.checks[0]?.counterexample?.exact !== true;
      })
      .map(({ id, point }) => {
        const r = typed.results.find((x) => x.id === id);
        return `${id} at ${point}: ${r?.verdict} ${r?.errors?.[0]?.message ?? r?.checks[0]?.reason ?? ''}`;
      });
    expect(failures).toEqual([]);
  });
});
