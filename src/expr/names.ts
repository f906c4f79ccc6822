/** How identifiers are spelt inside the tool and typeset in the report. */

const GREEK = new Set([
  'alpha', 'beta', 'gamma', 'delta', 'epsilon', 'varepsilon', 'zeta', 'eta', 'theta', 'vartheta', 'iota', 'kappa',
  'lambda', 'mu', 'nu', 'xi', 'pi', 'rho', 'sigma', 'tau', 'upsilon', 'phi', 'varphi', 'chi', 'psi', 'omega',
  'Gamma', 'Delta', 'Theta', 'Lambda', 'Xi', 'Pi', 'Sigma', 'Phi', 'Psi', 'Omega',
]);
const ALIASES: Record<string, string> = { eps: '\\varepsilon', lam: '\\lambda' };

/** Internal name of the k-th derivative of an unknown function at its expansion point: f'(0) → f__d1. */
export function derivativeName(fn: string, order: number): string {
  return `${fn}__d${order}`;
}

/** A derivative of an unknown function at a point, written where a symbol may stand: f'(0), f''(0). */
export const WRITTEN_DERIVATIVE = /^([A-Za-z][A-Za-z0-9_]*)('+)\((-?[\d.]+)\)$/;
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

function texOfBase(base: string): string {
  if (GREEK.has(base)) return `\\${base}`;
  if (Object.hasOwn(ALIASES, base)) return ALIASES[base]!;
  if (base.length === 1) return base;
  return `\\mathrm{${base}}`;
}

/** Default LaTeX for a name: theta → \theta, n_g → n_{g}, sigma_2 → \sigma_{2}, f__d2 → f''(0). */
export function defaultTex(name: string, about = 0): string {
  const d = parseDerivativeName(name);
  if (d) return `${primedTex(texOfBase(d.fn), d.order)}(${about})`;
  const parts = name.split('_');
  const head = texOfBase(parts[0]!);
  if (parts.length === 1) return head;
  return `${head}_{${parts.slice(1).map((p) => (GREEK.has(p) ? `\\${p}` : p)).join(',')}}`;
}

/** Plain-text spelling of an internal name for terminal output: f__d1 → f'(0). */
export function plainName(name: string, about = 0): string {
  const d = parseDerivativeName(name);
  return d ? `${primed(d.fn, d.order, (k) => `^(${k})`)}(${about})` : name;
}

/** Names no claim may declare: nerdamer and mathjs read them as constants. */
export const RESERVED = new Set(['e', 'i', 'pi', 'E', 'I', 'Infinity', 'NaN', 'true', 'false', 'and', 'or', 'not', 'xor', 'mod', 'to', 'in']);
