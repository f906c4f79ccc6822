/** A claim's `symbols:` block → typed symbol declarations, each name, domain and LaTeX checked. */
import katex from 'katex';
import type { SymbolDecl } from '../model/claim';

import type { SourcePos } from '../model/source';
import { Issues, readObject } from '../model/schema';
import type { YNode } from '../model/yaml-node';
import { parseDomain, isDomainError } from '../model/domain';
import { RESERVED, WRITTEN_DERIVATIVE, writtenDerivativeName } from '../expr/names';

import { SYMBOL_NAME, symbolObjectShape } from './claim-schema';

type TexProblem = { message: string; offset?: number } | undefined;
/** Validating LaTeX is most of parsing; watch mode re-reads every file on each save, so answers are kept (bounded). */
const TEX_CHECKED = new Map<string, TexProblem>();

export function texError(tex: string): TexProblem {
  if (TEX_CHECKED.has(tex)) return TEX_CHECKED.get(tex);
  let problem: TexProblem;
  try {
    katex.renderToString(tex, { throwOnError: true, strict: 'ignore', trust: false, maxExpand: 1000 });
  } catch (e) {
    const err = e as Error & { position?: number };
    problem = { message: err.message.replace(/^KaTeX parse error: /, ''), offset: err.position };
  }
  if (TEX_CHECKED.size >= 20_000) TEX_CHECKED.clear();
  TEX_CHECKED.set(tex, problem);
  return problem;
}

function posPlus(p: SourcePos, col: number): SourcePos {
  return { ...p, column: p.column + col };
}

export function readSymbols(node: YNode | undefined, issues: Issues): SymbolDecl[] {
  if (!node) return [];
  if (node.type !== 'map') {
    issues.error(node.pos, 'symbols must be a mapping of names to domains');
    return [];
  }
  const out: SymbolDecl[] = [];
  const seen = new Set<string>();
  const written: Array<{ key: string; pos: SourcePos }> = [];
  for (const e of node.entries) {
    let name = e.key;
    const deriv = writtenDerivativeName(e.key);
    if (deriv) {
      name = deriv;
      written.push({ key: e.key, pos: e.keyPos });
    } else if (!SYMBOL_NAME.test(e.key)) {
      issues.error(
        e.keyPos,
        `"${e.key}" is not a valid symbol name`,
        "letters and digits, optionally one _subscript (n_g), or a value or derivative of a declared function at its expansion point such as f(0), f'(0)",
      );
      continue;
    }
    if (RESERVED.has(name)) {
      issues.error(
        e.keyPos,
        `"${name}" cannot be a symbol: it means ${name === 'i' ? 'the imaginary unit' : name === 'e' ? "Euler's number" : name === 'E' ? 'expectation' : name === 'I' ? 'the identity matrix' : 'something else'} in expressions`,
        'choose another name (eps for ε, for instance)',
      );
      continue;
    }
    if (seen.has(name)) {
      issues.error(e.keyPos, `"${e.key}" is declared twice`);
      continue;
    }
    seen.add(name);
    let domainText: string | undefined;
    let latex: string | undefined;
    let textPos = e.value.pos;
    if (e.value.type === 'scalar' && typeof e.value.value === 'string') domainText = e.value.value;
    else if (e.value.type === 'map') {
      const o = readObject(e.value, symbolObjectShape, issues, `symbols.${e.key}`);
      if (!o) continue;
      domainText = o.domain;
      latex = o.latex;
      textPos = e.value.entries.find((x) => x.key === 'domain')?.value.pos ?? textPos;
      if (latex) {
        const te = texError(latex);
        if (te) issues.error(e.value.pos, `symbols.${e.key}.latex: ${te.message}`);
      }
    } else {
      issues.error(
        e.value.pos,
        `the domain of ${e.key} must be a text such as "real", "positive", "integer 1..8", "function"`,
      );
      continue;
    }
    const d = parseDomain(domainText, textPos);
    if (isDomainError(d)) {
      issues.error(posPlus(textPos, d.offset), `symbols.${e.key}: ${d.message}`, d.hint);
      continue;
    }
    if (deriv && d.kind !== 'real') {
      issues.error(e.value.pos, `${e.key} is a number: its domain must be real, positive, negative, nonzero …`);
      continue;
    }
    out.push({ name, domain: d, ...(latex ? { latex } : {}), pos: e.keyPos });
  }
  // f'(1) is stored as f'(about) whatever the point written, so a point other than the function's own
  // expansion point (or an undeclared function) would silently constrain another number.
  for (const w of written) {
    const [, fn, , at] = WRITTEN_DERIVATIVE.exec(w.key)!;
    const f = out.find((x) => x.name === fn);
    if (!f || f.domain.kind !== 'function')
      issues.error(
        w.pos,
        `"${w.key}" names a value of "${fn}", which is not declared as a function`,
        `declare it, e.g. "${fn}: function"`,
      );
    else if (Number(at) !== f.domain.about)
      issues.error(
        w.pos,
        `"${w.key}" is at ${at}, but ${fn} is expanded at ${f.domain.about}: only its values there have symbols`,
        `write ${w.key.replace(/\([^)]*\)$/, `(${f.domain.about})`)}, or declare "${fn}: function, at ${at}"`,
      );
  }
  // Sizes of vectors and matrices must be integer symbols or numbers.
  for (const s of out) {
    const sizes =
      s.domain.kind === 'vector' ? [s.domain.size] : s.domain.kind === 'matrix' ? [s.domain.rows, s.domain.cols] : [];
    for (const z of sizes) {
      if (/^\d+$/.test(z)) continue;
      const decl = out.find((x) => x.name === z);
      if (!decl || decl.domain.kind !== 'integer')
        issues.error(s.pos, `the size "${z}" of ${s.name} must be a number or a symbol declared as an integer range`);
      else if (decl.domain.max - decl.domain.min > 15 || decl.domain.min < 1)
        issues.error(decl.pos, `${z} is a size: its range must be within 1..16 and hold at most 16 values`);
    }
  }
  return out;
}
