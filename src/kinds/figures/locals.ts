/**
 * Values a figure gives to names that are not declared symbols: an object a check draws (the
 * matrix `A` of a `draw:`), or the variable of a function written in the claim (`x` in
 * `D(x, m1, m2)`). Declared real and integer symbols go through `at:` as in every figure; these
 * names get slots of their own, after the environment's, and may hold matrices.
 */
import { writtenDerivativeName } from '../../expr/names';
import type { ClaimContext } from '../kind';
import type { AtSpec } from '../support/fixed-point-env';

/** Splits `at:` into declared symbols (for fixedScope) and names local to the figure. */
export function splitAt(ctx: ClaimContext, at: AtSpec | undefined): { symbols: AtSpec; locals: AtSpec } {
  const symbols: AtSpec = [];
  const locals: AtSpec = [];
  for (const a of at ?? []) {
    const decl = ctx.symbol(writtenDerivativeName(a.name) ?? a.name);
    (decl && decl.domain.kind !== 'function' ? symbols : locals).push(a);
  }
  return { symbols, locals };
}

/** Slots for local names: the 32 after the environment's own, which the compiler keeps for locals. */
export function localSlots(envSize: number, names: string[]): Map<string, number> {
  if (names.length > 32) throw new Error('a figure has at most 32 names of its own');
  return new Map(names.map((n, k) => [n, envSize + k]));
}
