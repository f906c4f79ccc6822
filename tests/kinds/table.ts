/**
 * A kind's table of cases: claim bodies (everything after `statement:`) with the verdict each must
 * get, and bodies the parser must refuse, each with the message and the text its error points at.
 * All of a kind's claims are checked in one folder (one run), each case in its own test.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { RunReport } from '../../src/api';
import type { Verdict } from '../../src/model/claim';
import { claimFile, claimsFolder, resultOf, runFolder } from '../helpers';

interface VerdictCase {
  /** What the case shows, as the test's name. */
  says: string;
  body: string;
  verdict: Verdict;
  /** For a figure: the number of series its first figure draws. */
  series?: number;
}

interface SchemaErrorCase {
  says: string;
  body: string;
  message: RegExp;
  /** The text that starts at the line and column the error names. */
  at: string;
}

export interface KindTable {
  cases: VerdictCase[];
  schemaErrors: SchemaErrorCase[];
  /** Instances per numeric check (default 300). */
  count?: number;
}

const idOf = (kind: string, k: number) => `t.${kind.replace(/[^a-z]/g, '')}-${k}`;

const quoted = (s: string) => `'${s.replace(/'/g, "''")}'`;

function block(kind: string, k: number, says: string, body: string, verdict: Verdict): string {
  const expected = verdict === 'not-checked' ? `{verdict: not-checked, reason: ${quoted(says)}}` : verdict;
  return claimFile(
    `id: ${idOf(kind, k)}\ntitle: ${quoted(says)}\nwhere: the ${kind} table\nstatement: x\n${body.trim()}\nexpect: ${expected}`,
  );
}

export function kindTable(kind: string, table: KindTable): void {
  describe(`the ${kind} kind`, () => {
    // (A refused claim's expected verdict is irrelevant: it never runs.)
    const all = [...table.cases, ...table.schemaErrors.map((c) => ({ ...c, verdict: 'proved' as const }))];
    const files = Object.fromEntries(all.map((c, k) => [`${k}.md`, block(kind, k, c.says, c.body, c.verdict)]));
    const dir = claimsFolder(files);
    let report: RunReport;
    beforeAll(async () => {
      report = await runFolder(dir, table.count ?? 300);
    }, 120_000);
    table.cases.forEach((c, k) => {
      it(`${c.says}: ${c.verdict}`, () => {
        const r = resultOf(report, idOf(kind, k));
        expect({ verdict: r.verdict, errors: r.errors.map((e) => e.message) }).toEqual({
          verdict: c.verdict,
          errors: [],
        });
        if (c.series !== undefined) {
          const figure = r.figures?.[0];
          expect(figure?.series.length).toBe(c.series);
          expect(figure!.series.every((s) => s.data.length > 0 && s.data.flat().every(Number.isFinite))).toBe(true);
        }
      });
    });
    table.schemaErrors.forEach((c, j) => {
      const k = table.cases.length + j;
      it(`refuses ${c.says}, naming the place`, () => {
        const r = resultOf(report, idOf(kind, k));
        expect(r.verdict).toBe('error');
        expect(r.errors.map((e) => e.message)).toContainEqual(expect.stringMatching(c.message));
        const e = r.errors.find((x) => c.message.test(x.message))!;
        const line = readFileSync(join(dir, `${k}.md`), 'utf8').split('\n')[e.line - 1]!;
        expect(line.slice(e.column - 1, e.column - 1 + c.at.length)).toBe(c.at);
      });
    });
  });
}
