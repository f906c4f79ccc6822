/** Where something was written: 1-based line and column in a claim file. */
export interface SourcePos {
  file: string;
  line: number;
  column: number;
}

/** A problem found in a claim file, always with a position and, where we can tell, a fix. */
export interface Diagnostic {
  file: string;
  line: number;
  column: number;
  message: string;
  hint?: string;
}

export function formatDiagnostic(d: Diagnostic): string {
  return `${d.file}:${d.line}:${d.column}: ${d.message}${d.hint ? ` (hint: ${d.hint})` : ''}`;
}

/** Thrown by any stage for a problem that belongs to a place in a claim file. */
export class ClaimError extends Error {
  constructor(
    message: string,
    readonly pos?: SourcePos,
    readonly hint?: string,
  ) {
    super(message);
    this.name = 'ClaimError';
  }
}
