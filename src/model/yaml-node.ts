import type { SourcePos } from './source';

/**
 * A YAML value with positions, independent of the YAML library: the parse stage builds it,
 * kind schemas read it. `source` keeps the exact text of a node, because an expression such as
 * `[-diff(L, theta), diff(L, psi)]` is a YAML flow sequence that must be read as one expression.
 */
export type YNode = YScalar | YSeq | YMap;

export interface YScalar {
  type: 'scalar';
  value: string | number | boolean | null;
  source: string;
  pos: SourcePos;
}
export interface YSeq {
  type: 'seq';
  items: YNode[];
  flow: boolean;
  source: string;
  pos: SourcePos;
}
export interface YMapEntry {
  key: string;
  keyPos: SourcePos;
  value: YNode;
}
export interface YMap {
  type: 'map';
  entries: YMapEntry[];
  flow: boolean;
  source: string;
  pos: SourcePos;
}
