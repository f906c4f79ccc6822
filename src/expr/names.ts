/** How identifiers are spelt inside the tool and typeset in the report. */

const GREEK = new Set([
  'alpha',
  'beta',
  'gamma',
  'delta',
  'epsilon',
  'varepsilon',
  'zeta',
  'eta',
  'theta',
  'vartheta',
  'iota',
  'kappa',
  'lambda',
  'mu',
  'nu',
  'xi',
  'pi',
  'rho',
  'sigma',
  'tau',
  'upsilon',
  'phi',
  'varphi',
  'chi',
  'psi',
  'omega',
  'Gamma',
  'Delta',
  'Theta',
  'Lambda',
  'Xi',
  'Pi',
  'Sigma',
  'Phi',
  'Psi',
  'Omega',
]);
const ALIASES: Record<string, string> = { eps: '\\varepsilon', lam: '\\lambda', gam: '\\gamma' };

/** Internal name of the k-th derivative of an unknown function at its expansion point: f'(0) → f__d1. */
export function derivativeName(fn: string, order: number): string {
  return `${fn}__d${order}`;
}

/** The value or a derivative of an unknown function at a point, written where a symbol may stand: f(0), f'(0), f''(0). */
export const WRITTEN_DERIVATIVE = /^([A-Za-z][A-Za-z0-9_]*)('*)\((-?[\d.]+)\)$/;
/** The internal name of a derivative written f''(0) (f__d2), or undefined for any other name. */
export function writtenDerivativeName(written: string): string | undefined {
  const m = WRITTEN_DERIVATIVE.exec(written);
  return m ? derivativeName(m[1]!, m[2]!.length) : undefined;
}

export function parseDerivativeName(name: string): { fn: string; order: number } | undefined {
  const m = /^([A-Za-z][A-Za-z0-9_]*?)__d(\d+)$/.exec(name);
  return m ? { fn: m[1]!, order: Number(m[2]) } : undefined;
}

/** Internal name of the k-th derivative of an unknown function as a function, called at any argument: f'(x*y) → f__p1(x*y). */
export function derivativeCallName(fn: string, order: number): string {
  return `${fn}__p${order}`;
}
export function parseDerivativeCallName(name: string): { fn: string; order: number } | undefined {
  const m = /^([A-Za-z][A-Za-z0-9_]*?)__p(\d+)$/.exec(name);
  return m ? { fn: m[1]!, order: Number(m[2]) } : undefined;
}
/** f, f', f'', f''', then f^(4) as books write it: thirteen primes cannot be counted at a glance. */
function primed(fn: string, order: number, power: (order: number) => string): string {
  return order <= 3 ? `${fn}${"'".repeat(order)}` : `${fn}${power(order)}`;
}
/** LaTeX of the k-th derivative of a function by its base: f′, f″, f‴, f^{(4)}. */
export function primedTex(fnTex: string, order: number): string {
  return primed(fnTex, order, (k) => `^{(${k})}`);
}

/** A Greek letter's LaTeX by its name or a short alias (gam, lam, eps), else undefined. */
function greekTex(word: string): string | undefined {
  if (GREEK.has(word)) return `\\${word}`;
  return Object.hasOwn(ALIASES, word) ? ALIASES[word]! : undefined;
}

/** gphi → [g, phi], etad → [eta, d]: one letter beside a Greek name of three letters or more. */
function greekSplit(stem: string): [string, string, string] | null {
  if (stem.length >= 4 && GREEK.has(stem.slice(1))) return [stem, stem[0]!, stem.slice(1)];
  if (stem.length >= 4 && GREEK.has(stem.slice(0, -1))) return [stem, stem.slice(0, -1), stem.slice(-1)];
  return null;
}

/** The rest of a name as its subscript: letters and digits in italics (d, QA, 2G), a word of three letters or more upright and in lower case (Slope → slope). */
function subscriptTex(rest: string): string {
  const greek = greekTex(rest);
  if (greek) return greek;
  return /^[A-Z]?[a-z]{2,}$/.test(rest) && rest.length >= 3 ? `\\mathrm{${rest.toLowerCase()}}` : rest;
}

/**
 * A name as a reader writes it: its head (a letter, a Greek letter, or a word) with the rest as a
 * subscript, trailing digits as a subscript too, and a trailing "star" as an asterisk. Names of
 * the claim language are identifiers, so a2, Jd, pX, muG, W2star, Jalt, ctSlope read a₂, J_d, p_X,
 * μ_G, W₂*, J_alt, ct_slope; an all-lower-case word (prox, cost) stays an upright word. A name with
 * a subscript or an asterisk comes braced, so that a further subscript or a prime attaches to it whole.
 */
function texOfBase(base: string): string {
  const greek = greekTex(base);
  if (greek) return greek;
  if (base.length === 1) return base;
  let stem = base;
  const star = /.star$/.test(stem);
  if (star) stem = stem.slice(0, -4);
  const digits = /^(.*?[A-Za-z])([0-9]+)$/.exec(stem);
  if (digits) stem = digits[1]!;
  const word = (w: string) => greekTex(w) ?? (w.length === 1 ? w : `\\mathrm{${w}}`);
  // A lower-case head before a capital (pX, muG, ctSlope), a capital before anything (Jd, HD, W2G,
  // Dside), a letter before a Greek name or a Greek name before a letter (gphi, etad).
  const split = /^([a-z]+)([A-Z].*)$/.exec(stem) ?? /^([A-Z])(.+)$/.exec(stem) ?? greekSplit(stem);
  const head = split ? word(split[1]) : word(stem);
  const sub = `${split ? subscriptTex(split[2]) : ''}${digits ? digits[2] : ''}`;
  if (!sub && !star) return head;
  return `{${head}${sub ? `_{${sub}}` : ''}${star ? '^{*}' : ''}}`;
}

/** Default LaTeX for a name: theta → \\theta, n_g → n_{g}, sigma_2 → \\sigma_{2}, a2 → a_{2}, f__d2 → f''(0). */
export function defaultTex(name: string, about = 0): string {
  const d = parseDerivativeName(name);
  if (d) return `${primedTex(texOfBase(d.fn), d.order)}(${about})`;
  const parts = name.split('_');
  const head = texOfBase(parts[0]!);
  if (parts.length === 1) return head;
  return `${head}_{${parts
    .slice(1)
    .map((p) => (GREEK.has(p) ? `\\${p}` : p))
    .join(',')}}`;
}

/** Plain-text spelling of an internal name for terminal output: f__d1 → f'(0). */
export function plainName(name: string, about = 0): string {
  const d = parseDerivativeName(name);
  return d ? `${primed(d.fn, d.order, (k) => `^(${k})`)}(${about})` : name;
}

/** Names no claim may declare: nerdamer and mathjs read them as constants. */
export const RESERVED = new Set([
  'e',
  'i',
  'pi',
  'E',
  'I',
  'Infinity',
  'NaN',
  'true',
  'false',
  'and',
  'or',
  'not',
  'xor',
  'mod',
  'to',
  'in',
]);
