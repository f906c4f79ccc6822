/** Operators usable inside model expressions, by name (one file each). */
import { defineFunctionTex } from '../expr/tex';
import { diffOperator } from './diff';
import { expectationOperator } from './expectation';
import { gradOperator, hessianOperator } from './grad';
import {
  blockOperator,
  detOperator,
  entryOperator,
  identityOperator,
  inverseOperator,
  traceOperator,
  transposeOperator,
} from './matrixops';
import type { OperatorKind } from './kind';

export const OPERATORS: ReadonlyMap<string, OperatorKind> = new Map(
  [
    diffOperator,
    gradOperator,
    hessianOperator,
    expectationOperator,
    detOperator,
    traceOperator,
    transposeOperator,
    identityOperator,
    inverseOperator,
    entryOperator,
    blockOperator,
  ].map((k) => [k.name, k]),
);
for (const op of OPERATORS.values()) defineFunctionTex(op.name, op.tex);
