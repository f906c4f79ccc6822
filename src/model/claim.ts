/**
 * The typed claim model: what the parse stage produces from a claim file and every later stage
 * reads. It is plain data (serialisable), so a claim can be sent to a worker as it is.
 */
import type { SourcePos, Diagnostic } from './source';
import type { ExprSource } from './schema';

export type SignConstraint = 'any' | 'positive' | 'negative' | 'nonzero' | 'nonnegative' | 'nonpositive';

/** A declared symbol's domain: where its values come from and what the tool may assume. */
export type SymbolDomain =
  | {
      kind: 'real';
      sign: SignConstraint;
      range: [number, number];
      /** Ends excluded: `[0, 1)` is [false, true]. */ open?: [boolean, boolean];
      /** The range is written in the claim (else the default one draws come from): the claim is about it alone. */ written?: true;
      /** An end written with more digits than its double keeps (0.33333333333333334): the decimal as written. */
      exactEnds?: [string | undefined, string | undefined];
    }
  | { kind: 'integer'; min: number; max: number }
  /** A random variable, used only inside E(...). */
  | { kind: 'normal'; mean: ExprSource; variance: ExprSource }
  /** An unknown smooth function, represented by its Taylor polynomial about `about`. */
  | { kind: 'function'; about: number; order: number }
  | { kind: 'vector'; size: string }
  | { kind: 'matrix'; rows: string; cols: string; symmetric: boolean };

export interface SymbolDecl {
  name: string;
  domain: SymbolDomain;
  /** LaTeX for the symbol in the report; defaults from the name (theta → \theta, n_g → n_{g}). */
  latex?: string;
  pos: SourcePos;
}

export interface NamedExpr {
  name: string;
  expr: ExprSource;
  pos: SourcePos;
  /** Parameters of a function-style definition: `bound(mu): …`. */
  params?: string[];
}

/** One derivation step: `name: {kind: main-argument, option: …}`. Arguments are validated by the kind's schema. */
export interface StepSpec {
  name: string;
  kind: string;
  args: unknown;
  pos: SourcePos;
  /** LaTeX for the derived name in the report; defaults from the name (a2 → a_{2}). */
  latex?: string;
}

/** One claimed fact about the derived quantities, checked by a check kind. */
export interface CheckSpec {
  kind: string;
  args: unknown;
  label?: string;
  pos: SourcePos;
  /** Unknown functions made concrete for this check or figure alone: `given: f(t) = -log(1 + exp(-t))`. */
  given?: GivenFunction[];
}

/** A declared unknown function given a definition: the model is re-derived with it, so a check runs the model's own expressions. */
export interface GivenFunction {
  fn: string;
  param: string;
  body: ExprSource;
  pos: SourcePos;
}

export type Verdict = 'proved' | 'verified' | 'refuted' | 'not-checked' | 'error';
/** The mark of each verdict in the terminal, the report and its dependency graph. */
const VERDICT_MARK: Readonly<Record<string, string>> = {
  proved: '✓',
  verified: '≈',
  refuted: '✗',
  'not-checked': '?',
  error: '!',
};
/** A verdict's mark (? for not checked); undefined for a word that is no verdict. */
export function verdictMark(verdict: string): string | undefined {
  return VERDICT_MARK[verdict];
}
/** A verdict in words (not checked). */
export function verdictWords(verdict: string): string {
  return verdict.replace('-', ' ');
}
/** A verdict as the terminal and the report name it: its mark, then its words (? not checked). */
export function verdictLabel(verdict: string): string {
  const mark = VERDICT_MARK[verdict];
  return mark === undefined ? verdict : `${mark} ${verdictWords(verdict)}`;
}
export type ExpectedVerdict = Exclude<Verdict, 'error'>;
export const VERDICTS: readonly ExpectedVerdict[] = ['proved', 'verified', 'refuted', 'not-checked'];

export interface InstanceSpec {
  /** Random instances per numeric check; the run's default when absent. */
  count?: number;
  /** Hand-named special points (coincident parameters and the like), each a partial assignment; the rest is drawn. */
  special: Array<{ assign: NamedExpr[]; pos: SourcePos }>;
}

export interface LectureInfo {
  seed: string;
  title: string;
}

export interface Claim {
  id: string;
  title: string;
  file: string;
  pos: SourcePos;
  lecture?: LectureInfo;
  /** Where in the lecture: section, lemma, slide. */
  where: string;
  /** The statement in LaTeX as the lecture writes it. */
  statement: { tex: string; pos: SourcePos };
  symbols: SymbolDecl[];
  /** Abbreviations used in claimed forms (α = √(n_g n_d) h f′(0)); substituted before comparing. */
  define: NamedExpr[];
  /** The model: named expressions the derivation starts from (loss, vector field, update map). */
  model: NamedExpr[];
  /**
   * `model: from <id>`: the claim whose model this one uses, by reference. Once the catalogue is
   * loaded, `model` holds that claim's model (its positions in that claim's file).
   */
  modelFrom?: { id: string; pos: SourcePos };
  derive: StepSpec[];
  checks: CheckSpec[];
  /** Pictures for the report, computed at fixed parameter values (illustration, not evidence). */
  figures: CheckSpec[];
  instances: InstanceSpec;
  expect: { verdict: ExpectedVerdict; reason?: string; pos: SourcePos };
  uses: Array<{ id: string; pos: SourcePos }>;
  corrects?: { id: string; pos: SourcePos };
  /** For a claim expected to be refuted: the one-line explanation shown beside the counterexample. */
  finding?: string;
  /** The precise reading checked, where the lecture's wording is vague. */
  reading?: string;
}

export type DocPart =
  | { type: 'prose'; markdown: string; line: number }
  | { type: 'claim'; claim: Claim }
  | { type: 'invalid'; id?: string; title?: string; expect?: ExpectedVerdict; line: number; diagnostics: Diagnostic[] };

export interface ClaimDocument {
  file: string;
  lecture?: LectureInfo;
  /** Position of the page in its lecture (front matter `order`). */
  order: number;
  parts: DocPart[];
  diagnostics: Diagnostic[];
}
