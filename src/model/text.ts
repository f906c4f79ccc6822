/** Split "a, f(b, c), [d, e]" at the commas outside brackets. An empty text gives no parts. */
export function splitTopLevel(s: string): string[] {
  const out: string[] = [];
  let depth = 0;
  let cur = '';
  for (const ch of s) {
    if (ch === '(' || ch === '[') depth++;
    if (ch === ')' || ch === ']') depth--;
    if (ch === ',' && depth === 0) {
      out.push(cur);
      cur = '';
    } else cur += ch;
  }
  if (cur.trim() !== '' || out.length) out.push(cur);
  return out;
}

/** A number as a report prints it: whole, a draw's exact short decimal, or `digits` significant digits. */
export function formatNumber(x: number, digits = 6): string {
  if (Number.isInteger(x)) return String(x);
  if (Math.abs(x) === 1 / 1024) return x < 0 ? '-1/1024' : '1/1024';
  // Draws are multiples of 2^-10: their decimal expansion is short and exact, so show it whole.
  if (Number.isInteger(x * 1024) && Math.abs(x) < 1e6) return String(x);
  const s = Number(x.toPrecision(digits));
  return String(s);
}
