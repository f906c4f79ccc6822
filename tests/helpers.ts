import { mkdtempSync, writeFileSync, mkdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { checkCatalogue, type RunReport } from '../src/api';
import type { ClaimResult } from '../src/model/result';

/** A temporary claims folder with the given files (name → content). */
export function claimsFolder(files: Record<string, string>): string {
  const dir = mkdtempSync(join(tmpdir(), 'claimcheck-'));
  const claims = join(dir, 'claims');
  mkdirSync(claims);
  for (const [name, content] of Object.entries(files)) writeFileSync(join(claims, name), content);
  return claims;
}

/** A claim file holding one claim block. */
export function claimFile(yaml: string, prose = ''): string {
  return `---\nlecture: Test lecture\nseed: test.txt\n---\n\n${prose}\n\n\`\`\`claim\n${yaml.trim()}\n\`\`\`\n`;
}

export async function runFolder(dir: string, count = 2000, only?: string[]): Promise<RunReport> {
  return checkCatalogue({ claimsDir: dir, count, workers: 0, ...(only ? { only } : {}) });
}

export function resultOf(report: RunReport, id: string): ClaimResult {
  const r = report.results.find((x) => x.id === id);
  if (!r) throw new Error(`no result for ${id}: ${report.results.map((x) => x.id).join(', ')}`);
  return r;
}

/** The text of one claim block of a real claim file, by id, for building variants of it. */
export function realClaimBlock(file: string, id: string): string {
  const text = readFileSync(join(__dirname, '..', 'claims', file), 'utf8');
  const blocks = text
    .split('```claim\n')
    .slice(1)
    .map((b) => b.slice(0, b.indexOf('\n```')));
  const block = blocks.find((b) => b.startsWith(`id: ${id}\n`));
  if (!block) throw new Error(`no block ${id} in ${file}`);
  return block;
}

/** Replace text in a claim block, failing loudly if the text is not there (a test that edits nothing asserts nothing). */
export function edit(block: string, from: string | RegExp, to: string): string {
  const out = block.replace(from, to);
  if (out === block) throw new Error(`edit did not apply: ${String(from)}`);
  return out;
}
