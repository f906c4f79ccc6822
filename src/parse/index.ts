/**
 * Parse stage: claim files (text) → ClaimDocuments with typed Claims, prose and diagnostics.
 * Pure: no file system here except in loadClaimFiles, which only reads.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import type { Claim, ClaimDocument, DocPart, LectureInfo, NamedExpr } from '../model/claim';
import { VERDICTS } from '../model/claim';
import type { Diagnostic } from '../model/source';
import { field, Issues, optional, readObject, required } from '../model/schema';
import { splitClaimFile } from './markdown';
import { parseYaml } from './yaml';
import { checkNames, readClaim } from './claim';
import { KeptMemo } from '../model/memo';

export { ID_PATTERN } from './claim-schema';

const frontMatterShape = {
  lecture: required(field.string(), 'the lecture title'),
  seed: required(field.string(), 'the source file under seeds/'),
  order: optional(field.integer(0, 1000), 'position of this page within its lecture'),
};

export function parseClaimFile(text: string, file: string): ClaimDocument {
  const doc: ClaimDocument = { file, order: 0, parts: [], diagnostics: [] };
  const split = splitClaimFile(text);
  if (split.unclosed) {
    doc.diagnostics.push({
      file,
      line: split.unclosed.line,
      column: 1,
      message: `unterminated ${split.unclosed.what}`,
      hint: 'close it with a matching fence line',
    });
  }
  let lecture: LectureInfo | undefined;
  for (const b of split.blocks) {
    if (b.type === 'frontmatter') {
      const y = parseYaml(b.text, file, b.line);
      doc.diagnostics.push(...y.diagnostics);
      if (y.node?.type === 'map') {
        const issues = new Issues();
        const fm = readObject(y.node, frontMatterShape, issues, 'front matter');
        doc.diagnostics.push(...issues.list);
        if (fm) {
          lecture = { title: fm.lecture, seed: fm.seed };
          doc.order = fm.order ?? 0;
        }
      } else if (y.node)
        doc.diagnostics.push({
          file,
          line: b.line,
          column: 1,
          message: 'front matter must be a YAML mapping (lecture:, seed:)',
        });
      doc.lecture = lecture;
      continue;
    }
    if (b.type === 'prose') {
      doc.parts.push({ type: 'prose', markdown: b.text, line: b.line });
      continue;
    }
    const y = parseYaml(b.text, file, b.line);
    if (!y.node) {
      // Keep the id if it can be read, so --only and the report can name the broken claim.
      const id = /^id:\s*["']?([^\s"']+)/m.exec(b.text)?.[1];
      const written = /^expect:\s*["']?([\w-]+)/m.exec(b.text)?.[1];
      const expect = VERDICTS.find((v) => v === written);
      doc.parts.push({
        type: 'invalid',
        line: b.line,
        ...(id ? { id } : {}),
        ...(expect ? { expect } : {}),
        diagnostics: y.diagnostics.length
          ? y.diagnostics
          : [{ file, line: b.line, column: 1, message: 'empty claim block' }],
      });
      continue;
    }
    const r = readClaim(y.node, file, lecture);
    const part: DocPart = r.claim
      ? { type: 'claim', claim: r.claim }
      : {
          type: 'invalid',
          line: b.line,
          diagnostics: r.diagnostics,
          ...(r.id ? { id: r.id } : {}),
          ...(r.title ? { title: r.title } : {}),
          ...(r.expect ? { expect: r.expect } : {}),
        };
    doc.parts.push(part);
  }
  return doc;
}

/** Checks across files: unique ids, known `uses` and `corrects`, no cycles in `uses`. */
export function validateCatalogue(docs: ClaimDocument[]): Diagnostic[] {
  const out: Diagnostic[] = [];
  const byId = new Map<string, { file: string; line: number }>();
  const claims = docs.flatMap((d) => d.parts.flatMap((p) => (p.type === 'claim' ? [p.claim] : [])));
  const invalidIds = new Set(docs.flatMap((d) => d.parts.flatMap((p) => (p.type === 'invalid' && p.id ? [p.id] : []))));
  // First definition wins, an invalid block's included: a valid copy after it is a duplicate too
  // (it used to be checked and shown proved, the duplicate appearing only once the other was fixed).
  const seen = new Map<string, { file: string; line: number }>();
  for (const d of docs)
    for (const p of d.parts) {
      if (p.type === 'invalid') {
        if (p.id && !seen.has(p.id)) seen.set(p.id, { file: d.file, line: p.line });
        continue;
      }
      if (p.type !== 'claim') continue;
      const c = p.claim;
      const prev = seen.get(c.id);
      if (prev)
        out.push({
          file: c.file,
          line: c.pos.line,
          column: c.pos.column,
          message: `duplicate claim id "${c.id}" (also at ${prev.file}:${prev.line})`,
          hint: 'ids must be unique across all claim files',
        });
      else seen.set(c.id, { file: c.file, line: c.pos.line });
      if (!byId.has(c.id)) byId.set(c.id, { file: c.file, line: c.pos.line });
    }
  for (const c of claims) {
    for (const u of c.uses) {
      if (!byId.has(u.id) && !invalidIds.has(u.id))
        out.push({
          file: c.file,
          line: u.pos.line,
          column: u.pos.column,
          message: `uses: no claim has the id "${u.id}"`,
        });
    }
    if (c.corrects && !byId.has(c.corrects.id) && !invalidIds.has(c.corrects.id))
      out.push({
        file: c.file,
        line: c.corrects.pos.line,
        column: c.corrects.pos.column,
        message: `corrects: no claim has the id "${c.corrects.id}"`,
      });
  }
  // Cycles in uses: an iterative depth-first search (a long chain must not overflow the stack).
  const colour = new Map<string, 0 | 1 | 2>();
  const byIdClaim = new Map<string, (typeof claims)[number]>();
  for (const c of claims) if (!byIdClaim.has(c.id)) byIdClaim.set(c.id, c);
  for (const start of claims) {
    if (colour.get(start.id)) continue;
    const stack: Array<{ id: string; next: number }> = [{ id: start.id, next: 0 }];
    colour.set(start.id, 1);
    while (stack.length) {
      const top = stack[stack.length - 1]!;
      const uses = byIdClaim.get(top.id)?.uses ?? [];
      if (top.next >= uses.length) {
        colour.set(top.id, 2);
        stack.pop();
        continue;
      }
      const u = uses[top.next++]!;
      if (colour.get(u.id) === 1) {
        // Every claim on the cycle is in error, each at its own uses: entry (reported on one only,
        // the others were checked and shown as established).
        const path = stack.map((s) => s.id);
        const cycle = path.slice(path.indexOf(u.id));
        const text = [...cycle, u.id].join(' → ');
        cycle.forEach((id, k) => {
          const c = byIdClaim.get(id)!;
          const next = cycle[k + 1] ?? u.id;
          const entry = c.uses.find((x) => x.id === next)!;
          out.push({
            file: c.file,
            line: entry.pos.line,
            column: entry.pos.column,
            message: `uses: cycle ${text}`,
            hint: 'a claim cannot depend on itself, even indirectly',
          });
        });
      } else if (!colour.get(u.id) && byIdClaim.has(u.id)) {
        colour.set(u.id, 1);
        stack.push({ id: u.id, next: 0 });
      }
    }
  }
  return out;
}

/** Every .md file under a folder (sorted, so the report's order is stable). */
export function listClaimFiles(dir: string): string[] {
  const out: string[] = [];
  const walk = (d: string) => {
    for (const name of readdirSync(d).sort()) {
      // Dot-files are not claims (an editor's lock file '.#a.md' is often a dangling symlink).
      if (name.startsWith('.')) continue;
      const p = join(d, name);
      let isDir: boolean;
      try {
        isDir = statSync(p).isDirectory();
      } catch {
        continue; // cannot be stat-ed (a dangling symlink): not a claim file
      }
      if (isDir) walk(p);
      else if (name.endsWith('.md') && name.toLowerCase() !== 'readme.md') out.push(p);
    }
  };
  walk(dir);
  return out;
}

/**
 * Parsed documents by file name and content. Parsing is pure and nothing downstream changes a
 * document, so watch mode, which reloads the folder on every save, re-parses only the files that changed.
 */
export interface ParsedFile {
  text: string;
  doc: ClaimDocument;
}
/** Kept between runs by the command line (reuse / take); see KeptMemo. */
export const parsedFiles = new KeptMemo<ParsedFile>(1000);

/** The claim files of a folder, parsed, with shared models resolved (see resolveSharedModels). */
export function loadClaimFiles(dir: string, cwd = process.cwd()): ClaimDocument[] {
  const docs = listClaimFiles(dir).map((p) => {
    const file = relative(cwd, p) || p;
    const text = readFileSync(p, 'utf8');
    const hit = parsedFiles.get(file);
    if (hit && hit.text === text) return hit.doc;
    const doc = parseClaimFile(text, file);
    parsedFiles.set(file, { text, doc });
    return doc;
  });
  return resolveSharedModels(docs);
}

/**
 * `model: from <id>`: a claim gets the model of the claim it names (followed along a chain of
 * such references), and only then are its names checked; a reference to no claim, to a claim in
 * error or without a model, or a cycle, makes the claim invalid. The parsed documents are kept
 * between runs, so they are not changed: a document with such a claim is a new object.
 */
export function resolveSharedModels(docs: ClaimDocument[]): ClaimDocument[] {
  const byId = new Map<string, Claim>();
  const invalidIds = new Set<string>();
  for (const d of docs)
    for (const p of d.parts) {
      if (p.type === 'claim' && !byId.has(p.claim.id)) byId.set(p.claim.id, p.claim);
      else if (p.type === 'invalid' && p.id) invalidIds.add(p.id);
    }
  const models = new Map<string, NamedExpr[] | string>();
  /** The model a claim has, or what is wrong with its reference. */
  const modelOf = (c: Claim, chain: string[]): NamedExpr[] | string => {
    if (!c.modelFrom) return c.model;
    const known = models.get(c.id);
    if (known) return known;
    const to = c.modelFrom.id;
    const target = byId.get(to);
    let out: NamedExpr[] | string;
    if (chain.includes(to)) out = `model: from ${to}: a cycle (${[...chain, to].join(' → ')})`;
    else if (!target)
      out = invalidIds.has(to)
        ? `model: from ${to}: that claim is in error`
        : `model: from ${to}: no claim has the id "${to}"`;
    else {
      const m = modelOf(target, [...chain, to]);
      out = typeof m !== 'string' && m.length === 0 ? `model: from ${to}: that claim has no model` : m;
    }
    models.set(c.id, out);
    return out;
  };
  return docs.map((d) => {
    if (!d.parts.some((p) => p.type === 'claim' && p.claim.modelFrom)) return d;
    const parts = d.parts.map((p): DocPart => {
      if (p.type !== 'claim' || !p.claim.modelFrom) return p;
      const c = p.claim;
      const model = modelOf(c, [c.id]);
      const issues = new Issues();
      const claim: Claim = { ...c, model: typeof model === 'string' ? [] : model };
      if (typeof model === 'string')
        issues.error(
          c.modelFrom!.pos,
          model,
          'name a claim whose model is written out, or that takes its model from one',
        );
      else {
        checkNames(claim, issues);
        // A name the shared model uses and this claim does not declare is reported where the model writes it: say whose model that is.
        const shared = new Set(model.map((m) => `${m.expr.pos.file}:${m.expr.pos.line}`));
        for (const d of issues.list)
          if (shared.has(`${d.file}:${d.line}`))
            d.message += ` (in the model of ${c.modelFrom!.id}, which ${c.id} uses: declare its symbols in ${c.id} too)`;
      }
      return issues.list.length
        ? {
            type: 'invalid',
            line: c.pos.line,
            id: c.id,
            title: c.title,
            expect: c.expect.verdict,
            diagnostics: issues.list,
          }
        : { type: 'claim', claim };
    });
    return { ...d, parts };
  });
}
