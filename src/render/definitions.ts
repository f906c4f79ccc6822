/**
 * A derived name that is only an identifier (fprime, ddt, hmax: typeset as an upright word) is
 * shown by its definition wherever the report writes it: "fprime > 0" reads
 * ∂/∂t f(t) > 0. A name with its own latex:, or typeset as a symbol (J, λ, L_gen), stays.
 */
import type { DerivedStep } from '../model/result';
import { STEPS } from '../kinds/registry';

/** TeX that is an upright word, maybe with a subscript: \mathrm{fprime}, {\mathrm{speed}_{2}}. */
const IDENTIFIER_TEX = /^\{?\\mathrm\{[A-Za-z]{2,}\}(?:_\{[^{}]*\})?\}?$/;

/** The positions of " = " at brace depth 0 in a TeX string. */
function topLevelEquals(tex: string): number[] {
  const at: number[] = [];
  let depth = 0;
  for (let k = 0; k < tex.length; k++) {
    const ch = tex[k];
    if (ch === '\\') k++;
    else if (ch === '{') depth++;
    else if (ch === '}') depth--;
    else if (depth === 0 && tex.startsWith(' = ', k)) at.push(k);
  }
  return at;
}

/** What may stand right before or after a name without parentheses around its definition (a comma, but not the thin space \,). */
const BOUNDARY_BEFORE = /(?:^|[=<>{&(]|(?<!\\),|\\le|\\ge|\\ne|\\;|\\quad|\\Rightarrow|\\iff|\\text\{[^{}]*\})\s*$/;
const BOUNDARY_AFTER = /^\s*(?:$|[=<>,}&)]|\\le|\\ge|\\ne|\\;|\\quad|\\Rightarrow|\\iff|\\\\|\\right|\\end|\\text)/;

/** A definition without sums or products at its top level needs no parentheses anywhere. */
const isAtom = (tex: string) => !/[+-]|\\,|\\cdot/.test(tex.replace(/\{[^{}]*\}/g, '{}'));

export interface DefinedNames {
  /** The TeX with every identifier-like derived name replaced by its definition. */
  (tex: string): string;
  /** Whether a step's name is shown by its definition (the derivation then shows no identifier). */
  shownByDefinition(step: DerivedStep): boolean;
}

/** `withLatex`: the derived names that carry their own latex:. */
export function definedNames(steps: DerivedStep[], withLatex: ReadonlySet<string>): DefinedNames {
  const definitions: Array<{ name: string; nameTex: string; definition: string }> = [];
  for (const s of steps) {
    if (withLatex.has(s.name) || STEPS.get(s.kind)?.title !== 'definition' || !IDENTIFIER_TEX.test(s.nameTex)) continue;
    const equals = topLevelEquals(s.tex);
    if (equals.length !== 1) continue;
    definitions.push({ name: s.name, nameTex: s.nameTex, definition: s.tex.slice(0, equals[0]).trim() });
  }
  const substitute = (tex: string): string => {
    let out = tex;
    for (const d of definitions) {
      let from = 0;
      for (let k = out.indexOf(d.nameTex, from); k >= 0; k = out.indexOf(d.nameTex, from)) {
        const before = out.slice(0, k);
        const after = out.slice(k + d.nameTex.length);
        // A longer name that starts the same way (\mathrm{ct} in {\mathrm{ct}_{\mathrm{slope}}}) is another name.
        if (/^[_A-Za-z]/.test(after) || /\\[A-Za-z]*$/.test(before)) {
          from = k + d.nameTex.length;
          continue;
        }
        const bare = isAtom(d.definition) || (BOUNDARY_BEFORE.test(before) && BOUNDARY_AFTER.test(after));
        const shown = bare ? `{${d.definition}}` : `\\left(${d.definition}\\right)`;
        out = before + shown + after;
        from = k + shown.length;
      }
    }
    return out;
  };
  const names = new Set(definitions.map((d) => d.name));
  return Object.assign(substitute, { shownByDefinition: (s: DerivedStep) => names.has(s.name) });
}
