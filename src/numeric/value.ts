/** Values the numeric checks compute with. */
import type { Complex } from './complex';
import type { NumMatrix } from './linalg';

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

export const truth = (t: Truth): TruthValue => ({ kind: 'truth', t });
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
