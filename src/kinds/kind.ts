/**
 * What a kind of thing in the claim language is. One file per kind (jacobian.ts, eigenvalues.ts,
 * equal.ts …) holds its schema, its symbolic derivation or numeric check, and its LaTeX; the
 * table in registry.ts lists them. Adding a kind of claim means adding a file and a line there.
 */
import type { Claim, SymbolDecl } from '../model/claim';
import type { Field } from '../model/schema';
import type { ExprSource } from '../model/schema';
import type { CheckResult } from '../model/result';
import type { ExprNode } from '../expr/mathjs-parser';
import type { NameScope } from '../expr/parse';
import type { SymbolTable } from '../symbolic/table';
import type { SymContext } from '../symbolic/evaluate';
import type { SymValue } from '../symbolic/value';
import type { Rng } from '../numeric/rng';

/** A derived quantity: what a step produces and checks compare against. */
export type Derived =
  | { type: 'value'; value: SymValue }
  /** Eigenvalues of a matrix: its characteristic polynomial (monic, coefficients lowest degree first) and, when small enough, closed forms. */
  | { type: 'spectrum'; matrix: SymValue; charpoly: string[]; eigenvalues?: string[] }
  /** A solved inequality: `variable relation bound`, valid under the stated assumptions. */
  | {
      type: 'condition';
      variable: string;
      relation: '<' | '<=' | '>' | '>=' | 'all' | 'none';
      bound?: string;
      assumptions: string[];
    };

/** Everything a step or check sees of its claim (one size case of it). */
export interface ClaimContext {
  claim: Claim;
  table: SymbolTable;
  scope: NameScope;
  /** Values fixed for this case (matrix sizes), by user name. */
  sizes: ReadonlyMap<string, number>;
  /** Parse an expression of the claim (throws ClaimError with its position). */
  parse(src: ExprSource): ExprNode;
  /** Symbolic value of an expression / of a model, define or derived name. */
  sym(node: ExprNode): SymValue;
  symContext: SymContext;
  derived(name: string): Derived | undefined;
  /** Declaration of a symbol by user name. */
  symbol(name: string): SymbolDecl | undefined;
  /** LaTeX of a user name, of a parsed expression, of an internal-name expression string. */
  texName: (name: string) => string;
  tex(node: ExprNode): string;
  texInternal(expr: string): string;
  texValue(v: SymValue): string;
  notes: string[];
  /** From now on (the checks), every value read of a model or define name, or of an expression, passes `check`. */
  guardTruncation?(check: (v: SymValue, name: string) => void): void;
}

export interface StepOutput {
  value: Derived;
  /** The step in LaTeX: what was computed and its result. */
  tex: string;
  notes?: string[];
}

/** A kind's row in the README's table of its role (Markdown cells; `npm run schema` writes the tables). */
export interface ReadmeRow {
  /** The first cell, when not the kind's name in backticks. */
  label?: string;
  example: string;
  text: string;
}

export interface StepKind<A = any> {
  role: 'step';
  /** The key that names the kind in a derive entry: `J: {jacobian: v, wrt: …}`. */
  name: string;
  /** What the step gives, in a reader's words (the report shows it beside the derived name). */
  title: string;
  summary: string;
  readme: ReadmeRow[];
  schema: Field<A>;
  derive(args: A, ctx: ClaimContext): StepOutput;
}

export interface CheckRunOptions {
  seed: number;
  /** Random instances for this check in this case. */
  count: number;
  rng: Rng;
}

/** A check's result as its kind returns it (the check stage adds the kind and the time). */
export type CheckOutput = CheckResult extends infer R
  ? R extends CheckResult
    ? Omit<R, 'ms' | 'kind'>
    : never
  : never;

/** A check's output withdrawn to not checked, for a reason found after it was judged: its label, statement and numeric evidence stay. */
export function withdrawn(out: CheckOutput, reason: string): CheckOutput {
  return {
    label: out.label,
    status: 'not-checked',
    claimTex: out.claimTex,
    ...(out.numeric ? { numeric: out.numeric } : {}),
    reason,
    decidedBy: [],
  };
}

export interface CheckKind<A = any> {
  role: 'check';
  name: string;
  summary: string;
  readme: ReadmeRow[];
  schema: Field<A>;
  /** Names the check introduces for its own expressions (random matrices it draws). */
  localNames?(args: A): string[];
  run(args: A, ctx: ClaimContext, opts: CheckRunOptions): CheckOutput;
}

/** An operator usable inside model expressions: diff(L, theta), E(…), grad(f, phi). */
export interface OperatorKind {
  role: 'operator';
  name: string;
  summary: string;
  arity: [number, number];
  tex: (args: string[]) => string;
  evaluate(args: ExprNode[], ctx: SymContext): SymValue;
}

export interface FigureKind<A = any> {
  role: 'figure';
  name: string;
  summary: string;
  readme: ReadmeRow[];
  schema: Field<A>;
  localNames?(args: A): string[];
  compute(args: A, ctx: ClaimContext): import('../model/result').FigureData;
}

/** The validated argument type of a schema. */
export type ArgsOf<F> = F extends Field<infer T> ? T : never;
