/**
 * Numbers in scientific notation as a reader writes them: 4.881e-7 becomes 4.881·10⁻⁷. In the
 * report's generated LaTeX (where "e-7" would read as e minus 7) and in its plain text (evidence,
 * counterexample details). A number glued to a letter or a backslash (x1e5, \mathrm{e2}) is a
 * name, not a number, and is left alone.
 */
import { superscriptOf } from '../expr/plain';

const SCIENTIFIC = /(?<![\w.\\])(\d+(?:\.\d+)?)e([-+]?)(\d+)(?![\w.])/g;
/** A power of ten written inline in plain text (10^-60, 10^5). */
const POWER_OF_TEN = /(?<![\w.])10\^([-+]?)(\d+)(?![\w.])/g;

/** An exact fraction too long to read (numerator and denominator of nine digits or more). */
const LONG_FRACTION = /(?<![\w./])(-?\d{9,})\/(\d{9,})(?![\w./])/g;

/** A decimal with four zeros or more after the point (0.00000104), unreadable without counting them. */
const SMALL_DECIMAL = /(?<![\w.])0\.(0{4,})(\d+)(?![\w.])/g;

function exponent(sign: string, digits: string): string {
  const n = digits.replace(/^0+(?=\d)/, '');
  return sign === '-' ? `-${n}` : n;
}

const superscript = (e: string) => `10${superscriptOf(e)}`;

/**
 * Plain text: 4.881e-7 and 0.0000004881 → 4.881·10⁻⁷, and 10^-60 → 10⁻⁶⁰; an exact fraction of two numbers of nine
 * digits or more, as a reason quotes a matrix drawn in floating point, to four digits with ≈.
 */
export function textNumbers(s: string): string {
  return s
    .replace(LONG_FRACTION, (_, p: string, q: string) => `≈${Number((Number(p) / Number(q)).toPrecision(4))}`)
    .replace(SMALL_DECIMAL, (_, zeros: string, digits: string) => {
      const [lead, rest] = [digits[0]!, digits.slice(1)];
      return `${rest ? `${lead}.${rest}` : lead}e-${zeros.length + 1}`;
    })
    .replace(SCIENTIFIC, (_, mantissa: string, sign: string, digits: string) => {
      const power = superscript(exponent(sign, digits));
      return mantissa === '1' ? power : `${mantissa}·${power}`;
    })
    .replace(POWER_OF_TEN, (_, sign: string, digits: string) => superscript(exponent(sign, digits)));
}

/**
 * LaTeX: 4.881e-7 → 4.881 \cdot 10^{-7} in math mode; inside \text{…} (text mode, where \cdot
 * is not available) the plain-text form.
 */
export function texNumbers(tex: string): string {
  if (!/\de/.test(tex)) return tex;
  let out = '';
  let k = 0;
  while (k < tex.length) {
    const m = /\\(?:text|textrm|textnormal|mathrm|operatorname)\s*\{/.exec(tex.slice(k));
    const end = m ? k + m.index : tex.length;
    out += tex.slice(k, end).replace(SCIENTIFIC, (_, mantissa: string, sign: string, digits: string) => {
      const e = exponent(sign, digits);
      return mantissa === '1' ? `10^{${e}}` : `${mantissa} \\cdot 10^{${e}}`;
    });
    if (!m) break;
    // Copy the braced group as it is (its numbers in plain-text form), matching nested braces.
    let depth = 0;
    let j = end + m[0].length - 1;
    for (; j < tex.length; j++) {
      if (tex[j] === '\\') {
        j++;
        continue;
      }
      if (tex[j] === '{') depth++;
      else if (tex[j] === '}' && --depth === 0) break;
    }
    const group = tex.slice(end, j + 1);
    out += /^\\(?:text|textrm|textnormal)/.test(m[0]) ? textNumbers(group) : group;
    k = j + 1;
  }
  return out;
}
