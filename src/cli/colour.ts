/** Colour for the verdict words of the terminal output; never for JSON, JUnit or files. */
import pc from 'picocolors';

/**
 * Whether stdout gets colour. FORCE_COLOR decides when set ("0" or "false": never), as it does for
 * Node itself; otherwise a non-empty NO_COLOR turns colour off; otherwise only a terminal gets it,
 * not a pipe or a file. (picocolors' own guess also colours any output when CI is set.)
 */
export function colourWanted(env: NodeJS.ProcessEnv, isTTY: boolean): boolean {
  const force = env.FORCE_COLOR;
  if (force !== undefined) return force !== '0' && force !== 'false';
  if (env.NO_COLOR) return false;
  return isTTY && env.TERM !== 'dumb';
}

/** Paints a verdict's text: green proved/verified, red refuted and error, yellow not-checked. */
export function verdictPainter(enabled: boolean): (verdict: string, text: string) => string {
  const c = pc.createColors(enabled);
  const paint: Record<string, (s: string) => string> = {
    proved: c.green,
    verified: c.green,
    refuted: c.red,
    error: c.red,
    'not-checked': c.yellow,
  };
  return (verdict, text) => (paint[verdict] ?? String)(text);
}
