/**
 * How a claim's names are typeset: a symbol's or step's own `latex:`, else the default form of its
 * spelling, written out upright where two names would look alike; values in internal names as LaTeX.
 */
import type { Claim, SymbolDecl } from '../model/claim';
import { textTex, texOfText } from '../expr/tex';
import { defaultTex, parseDerivativeName } from '../expr/names';
import type { SymbolTable } from '../symbolic/table';
import type { SymValue } from '../symbolic/value';

export function claimTex(
  claim: Claim,
  table: SymbolTable,
  decls: ReadonlyMap<string, SymbolDecl>,
  aboutOf: ReadonlyMap<string, number>,
): {
  texName: (user: string) => string;
  texInternal: (expr: string) => string;
  texValue: (v: SymValue) => string;
} {
  const texOverrides = new Map<string, string>();
  for (const s of claim.symbols) if (s.latex) texOverrides.set(s.name, s.latex);
  for (const step of claim.derive) if (step.latex) texOverrides.set(step.name, step.latex);
  // Two names of one claim must not look alike (a2 and a_2 both typeset a₂): the one spelt with
  // "_" keeps the typeset form, the others are written out upright.
  const byDefault = new Map<string, string[]>();
  for (const name of [
    ...claim.symbols.map((s) => s.name),
    ...claim.define.map((d) => d.name),
    ...claim.model.map((m) => m.name),
    ...claim.derive.map((d) => d.name),
  ]) {
    if (texOverrides.has(name)) continue;
    // Compared without braces, which group but do not show: {a_{2}} and a_{2} look the same.
    const look = defaultTex(name).replace(/[{}]/g, '');
    byDefault.set(look, [...(byDefault.get(look) ?? []), name]);
  }
  for (const names of byDefault.values()) {
    if (names.length < 2) continue;
    const keep = names.find((n) => n.includes('_')) ?? names[0]!;
    for (const n of names) if (n !== keep) texOverrides.set(n, `\\mathrm{${n.replace(/_/g, '\\_')}}`);
  }
  const texName = (user: string): string => {
    const o = texOverrides.get(user);
    if (o) return o;
    const d = parseDerivativeName(user);
    if (d) {
      const fTex = texOverrides.get(d.fn);
      const base = defaultTex(user, aboutOf.get(d.fn) ?? 0);
      return fTex ? base.replace(/^\\?[A-Za-z]+/, fTex) : base;
    }
    const comp = /^(.*?)_(\d+)(?:_(\d+))?$/.exec(user);
    if (comp && decls.has(comp[1]!) && ['vector', 'matrix'].includes(decls.get(comp[1]!)!.domain.kind)) {
      return `${texName(comp[1]!)}_{${comp[3] ? `${comp[2]},${comp[3]}` : comp[2]}}`;
    }
    return defaultTex(user);
  };
  const texInternalName = (internal: string) => texName(table.user(internal));
  const texInternal = (expr: string): string => {
    try {
      return texOfText(expr, texInternalName);
    } catch {
      return textTex(table.toUserText(expr));
    }
  };
  const texValue = (v: SymValue): string => {
    if (v.kind === 'scalar') return texInternal(v.expr);
    return `\\begin{pmatrix}${v.rows.map((r) => r.map(texInternal).join(' & ')).join(' \\\\ ')}\\end{pmatrix}`;
  };
  return { texName, texInternal, texValue };
}
