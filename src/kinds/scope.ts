/** The names an expression of a claim may use: one definition for the parse and derive stages. */
import type { Claim } from '../model/claim';
import type { NameScope } from '../expr/parse';
import { derivativeCallName, derivativeName } from '../expr/names';

/** The highest derivative written at an arbitrary argument, f''''(x). */
const MAX_DERIVATIVE_CALL = 8;
import { NUMERIC_FUNCTIONS } from '../numeric/functions';
import { BINDERS } from '../numeric/binders';
import { OPERATORS } from './operators';
import type { Macro } from '../expr/macros';

const ELEMENTARY = ['sqrt', 'abs', 'exp', 'log', 'sin', 'cos', 'tan', 'atan', 'sinh', 'cosh', 'tanh'];

/** Components of vector and matrix symbols get these user names: phi_1, A_1_2. */
export function componentNames(name: string, rows: number, cols?: number): string[][] {
  if (cols === undefined) return Array.from({ length: rows }, (_, i) => [`${name}_${i + 1}`]);
  return Array.from({ length: rows }, (_, i) => Array.from({ length: cols }, (_, j) => `${name}_${i + 1}_${j + 1}`));
}

export function claimScope(claim: Claim, locals: string[] = []): NameScope {
  const values = new Set<string>();
  const functions = new Set<string>([
    ...ELEMENTARY,
    ...Object.keys(NUMERIC_FUNCTIONS),
    ...BINDERS,
    ...OPERATORS.keys(),
  ]);
  const unknownFunctions = new Map<string, number>();
  for (const s of claim.symbols) {
    if (s.domain.kind === 'function') {
      functions.add(s.name);
      unknownFunctions.set(s.name, s.domain.about);
      for (let k = 0; k <= s.domain.order + 2; k++) values.add(derivativeName(s.name, k));
      // f'(x*y) away from the expansion point (evaluable where the function is given).
      for (let k = 1; k <= MAX_DERIVATIVE_CALL; k++) functions.add(derivativeCallName(s.name, k));
    } else values.add(s.name);
  }
  for (const d of claim.define) (d.params ? functions : values).add(d.name);
  const arities = new Map<string, { arity: readonly [number, number]; usage?: string }>();
  for (const name of ELEMENTARY) arities.set(name, { arity: [1, 1] });
  for (const [name, f] of Object.entries(NUMERIC_FUNCTIONS)) arities.set(name, { arity: f.arity });
  for (const op of OPERATORS.values()) arities.set(op.name, { arity: op.arity, usage: op.summary });
  for (const s of claim.symbols)
    if (s.domain.kind === 'function')
      arities.set(s.name, { arity: [1, 1], usage: `${s.name} is a function of one variable, as in ${s.name}(t)` });
  for (const d of claim.define)
    if (d.params) {
      arities.set(d.name, {
        arity: [d.params.length, d.params.length],
        usage: `defined under define: as ${d.name}(${d.params.join(', ')})`,
      });
    }
  for (const m of claim.model) values.add(m.name);
  for (const s of claim.derive) values.add(s.name);
  for (const l of locals) values.add(l);
  return { values, functions, unknownFunctions, arities };
}

/** The claim's function-style definitions as macros (bodies parsed with their parameters in scope). */
export function claimMacros(
  claim: Claim,
  parse: (src: import('../model/schema').ExprSource, locals: string[]) => import('../expr/mathjs-parser').ExprNode,
): Map<string, Macro> {
  const out = new Map<string, Macro>();
  for (const d of claim.define) if (d.params) out.set(d.name, { params: d.params, body: parse(d.expr, d.params) });
  return out;
}
