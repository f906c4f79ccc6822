/** The command that replays one counterexample, as the terminal, the JSON, the JUnit file and the report print it. */
import type { ClaimResult } from '../model/result';

export interface ReplayTarget {
  /** The claims folder of the run, as it was given (a replay reads the same files). */
  claimsDir: string;
  id: string;
  /** Index of the check, from 0 (printed from 1, as claim-file messages number checks). */
  check: number;
  seed: number;
  count: number;
  instance: number;
}

/** An argument as a POSIX shell reads it back: quoted when it holds anything but plain path characters. */
function shellWord(s: string): string {
  return /^[\w./:=@%+,-]+$/.test(s) ? s : `'${s.replace(/'/g, `'\\''`)}'`;
}

export function replayCommand(t: ReplayTarget): string {
  // The count is always written: the instances a seed draws depend on it.
  return [
    'npx',
    'claimcheck',
    '--claims',
    shellWord(t.claimsDir),
    '--replay',
    t.id,
    '--check',
    String(t.check + 1),
    '--seed',
    String(t.seed),
    '--count',
    String(t.count),
    '--instance',
    String(t.instance),
  ].join(' ');
}

/** The replay command of each refuted check of a claim's result, with the check's index (from 0). */
export function replaysOf(
  r: ClaimResult,
  run: { claimsDir: string; seed: number; count: number },
): Array<{ check: number; label: string; command: string }> {
  return r.checks.flatMap((c, k) =>
    c.status === 'refuted' && c.counterexample
      ? [
          {
            check: k,
            label: c.label,
            command: replayCommand({
              claimsDir: run.claimsDir,
              id: r.id,
              check: k,
              seed: c.counterexample.seed,
              count: run.count,
              instance: c.counterexample.instance,
            }),
          },
        ]
      : [],
  );
}

/**
 * The LaTeX of a counterexample as terminal text: matrices as nested lists, \text{…} as its
 * content; other commands (\lambda) stay as written.
 */
export function texAsText(tex: string): string {
  let out = '';
  for (let k = 0; k < tex.length;) {
    if (tex.startsWith('\\text{', k)) {
      const end = closingBrace(tex, k + 5);
      out += tex
        .slice(k + 6, end)
        .replace(/\\textasciicircum\{\}/g, '^')
        .replace(/\\([{}_&%$#])/g, '$1');
      k = end + 1;
    } else if (tex.startsWith('\\begin{pmatrix}', k)) {
      const end = tex.indexOf('\\end{pmatrix}', k);
      if (end < 0) return out + tex.slice(k);
      const rows = tex
        .slice(k + '\\begin{pmatrix}'.length, end)
        .split('\\\\')
        .map((row) => row.split('&').map((x) => texAsText(x.trim())));
      out += `[${rows.map((row) => `[${row.join(', ')}]`).join(', ')}]`;
      k = end + '\\end{pmatrix}'.length;
    } else if (tex.startsWith('\\quad', k)) {
      out += '   ';
      k += 5;
    } else out += tex[k++];
  }
  return out;
}

/** Index of the brace that closes the one at `open` (escaped braces do not count). */
function closingBrace(s: string, open: number): number {
  let depth = 0;
  for (let k = open; k < s.length; k++) {
    if (s[k] === '\\') k++;
    else if (s[k] === '{') depth++;
    else if (s[k] === '}' && --depth === 0) return k;
  }
  return s.length;
}
