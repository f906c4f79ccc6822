/**
 * The symbolic value of each declared symbol in one size case: a scalar, or a column or matrix of
 * component symbols; an unknown function's Taylor expansion data; f'(0) of an unknown f a scalar.
 */
import type { Claim, GivenFunction } from '../model/claim';
import { ClaimError } from '../model/source';
import { parseDerivativeName } from '../expr/names';
import type { SymbolTable } from '../symbolic/table';
import type { UnknownFunction } from '../symbolic/evaluate';
import { column, matrix, scalar, type SymValue } from '../symbolic/value';
import { componentNames } from '../kinds/scope';
import type { ContextOptions } from './context';

export function symbolValuesOf(
  claim: Claim,
  sizes: ReadonlyMap<string, number>,
  table: SymbolTable,
  scopeNames: Iterable<string>,
  given: ReadonlyMap<string, GivenFunction>,
  opts: ContextOptions,
): { unknownFunctions: Map<string, UnknownFunction>; symbolValues: Map<string, SymValue> } {
  const unknownFunctions = new Map<string, UnknownFunction>();
  const symbolValues = new Map<string, SymValue>();
  const sizeOf = (s: string): number => {
    const n = /^\d+$/.test(s) ? Number(s) : sizes.get(s);
    if (n === undefined) throw new ClaimError(`the size "${s}" has no value (declare it as an integer range)`);
    return n;
  };
  for (const s of claim.symbols) {
    const d = s.domain;
    switch (d.kind) {
      case 'function': {
        if (given.has(s.name)) break;
        const order = d.order + (opts.orderBoost ?? 0);
        unknownFunctions.set(s.name, { about: d.about, order, probes: opts.probes?.(order) ?? [], sites: new Set() });
        break;
      }
      case 'vector':
        symbolValues.set(s.name, column(componentNames(s.name, sizeOf(d.size)).map(([c]) => table.internal(c!))));
        break;
      case 'matrix': {
        const names = componentNames(s.name, sizeOf(d.rows), sizeOf(d.cols));
        symbolValues.set(
          s.name,
          matrix(
            names.map((row, i) =>
              row.map((_, j) => table.internal(d.symmetric && j < i ? names[j]![i]! : names[i]![j]!)),
            ),
          ),
        );
        break;
      }
      case 'integer':
        symbolValues.set(
          s.name,
          sizes.has(s.name) ? scalar(String(sizes.get(s.name))) : scalar(table.internal(s.name)),
        );
        break;
      default: {
        // f'(0) of a given function is the definition's value, whatever domain the claim declares for it.
        const der = parseDerivativeName(s.name);
        if (!der || !given.has(der.fn)) symbolValues.set(s.name, scalar(table.internal(s.name)));
      }
    }
  }
  // Derivative symbols f__dk of unknown functions are ordinary scalars.
  for (const name of scopeNames) {
    const der = parseDerivativeName(name);
    if (der && !given.has(der.fn) && !symbolValues.has(name)) symbolValues.set(name, scalar(table.internal(name)));
  }
  return { unknownFunctions, symbolValues };
}
