/**
 * The README's tables of derivation steps, checks and figures, written from each kind's own
 * `readme` rows (in the registry's order): `npm run schema` rewrites them between their markers,
 * and a test fails when the README is out of date.
 */
import type { ReadmeRow } from './kind';
import { CHECKS, FIGURES, STEPS } from './registry';

const TABLES = [
  { role: 'steps', header: '| step | example | result |', kinds: STEPS },
  { role: 'checks', header: '| check | example | decides |', kinds: CHECKS },
  { role: 'figures', header: '| figure | example | draws |', kinds: FIGURES },
] as const;

const marker = (role: string, end: boolean) =>
  `<!-- ${end ? 'end of ' : ''}${role} table: generated, edit the kinds' readme rows -->`;

function table(header: string, kinds: ReadonlyMap<string, { readme: ReadmeRow[] }>): string {
  const rows = [...kinds].flatMap(([name, k]) =>
    k.readme.map((r) => `| ${r.label ?? `\`${name}\``} | ${r.example} | ${r.text} |`),
  );
  return [header, '|---|---|---|', ...rows].join('\n');
}

/** The README with each table between its markers rewritten from the kinds. */
export function withKindTables(readme: string): string {
  let out = readme;
  for (const { role, header, kinds } of TABLES) {
    const begin = out.indexOf(marker(role, false));
    const end = out.indexOf(marker(role, true));
    if (begin < 0 || end < begin) throw new Error(`README.md has no markers for the ${role} table`);
    out = `${out.slice(0, begin)}${marker(role, false)}\n${table(header, kinds)}\n${out.slice(end)}`;
  }
  return out;
}
