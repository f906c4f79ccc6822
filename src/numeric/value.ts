/** Values the numeric checks compute with. */
import type { Complex } from './complex';
import type { NumMatrix } from './linalg';
import type { ExprNode } from '../expr/mathjs-parser';

/** Three-valued truth: 1 true, 0 false, 0.5 too close to a strict boundary to tell in floating point. */
export type Truth = 0 | 0.5 | 1;
export interface TruthValue {
  kind: 'truth';
  t: Truth;
}
export interface ListValue {
  kind: 'list';
  items: Array<number | Complex>;
}
export interface IdentityValue {
  kind: 'identity';
}
export type NValue = number | Complex | NumMatrix | ListValue | TruthValue | IdentityValue;

// Three shared values, never mutated: a comparison per instance allocates nothing.
const TRUTHS: Record<Truth, TruthValue> = {
  0: Object.freeze({ kind: 'truth', t: 0 }),
  0.5: Object.freeze({ kind: 'truth', t: 0.5 }),
  1: Object.freeze({ kind: 'truth', t: 1 }),
};
export const truth = (t: Truth): TruthValue => TRUTHS[t];
export const list = (items: Array<number | Complex>): ListValue => ({ kind: 'list', items });

export function isMatrix(v: NValue): v is NumMatrix {
  return typeof v === 'object' && 'data' in v;
}
export function isList(v: NValue): v is ListValue {
  return typeof v === 'object' && (v as ListValue).kind === 'list';
}
export function isTruth(v: NValue): v is TruthValue {
  return typeof v === 'object' && (v as TruthValue).kind === 'truth';
}
export function isIdentity(v: NValue): v is IdentityValue {
  return typeof v === 'object' && (v as IdentityValue).kind === 'identity';
}

/** An instance's values by slot, as compiled expressions read them. */
export type Scope = NValue[];
export type Compiled = (scope: Scope) => NValue;

export interface CompileEnv {
  /** Slot of a name in the scope array. */
  slot(name: string): number | undefined;
  /**
   * A name computed from others (a derived matrix, a definition): evaluated at each use, so that
   * it follows a variable bound by minOver(…, h, …) or integral(…, x, …).
   */
  computed?(name: string): Compiled | undefined;
  /** A fresh slot for a variable bound by integral(…, x, …) and the like. */
  bind?: (name: string) => number;
  /**
   * The expression behind a computed name, when it is arithmetic over slots (a derived scalar):
   * lets a grid be evaluated through it a whole grid at a time rather than point by point.
   */
  definition?(name: string): { node: ExprNode; env: CompileEnv } | undefined;
}
