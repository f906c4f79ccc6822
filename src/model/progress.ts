/**
 * Where a claim's check has got to (deriving, a check, the figures): the worker passes it on, so a
 * claim stopped by its time limit can say what it was doing, not only that it took too long.
 */
export type Progress = { phase: 'derive' } | { phase: 'check'; index: number; label: string } | { phase: 'figures' };

let listener: ((p: Progress) => void) | undefined;

/** The one listener (a worker thread's, or none). */
export function onProgress(l: ((p: Progress) => void) | undefined): void {
  listener = l;
}

export function reportProgress(p: Progress): void {
  listener?.(p);
}

/** What a claim stopped at its time limit was doing, in words. */
export function progressText(p: Progress | undefined): string {
  if (!p || p.phase === 'derive') return 'while deriving (symbolic work did not finish)';
  if (p.phase === 'figures') return 'while drawing the figures';
  return `in check ${p.index + 1} (${p.label}), whose numeric work did not finish`;
}
