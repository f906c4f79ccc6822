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
/** LaTeX of the k-th derivative of a function by its base: f′, f″, f‴, f^{(4)}. */
export function primedTex(fnTex: string, order: number): string {
  return order <= 3 ? `${fnTex}${"'".repeat(order)}` : `${fnTex}^{(${order})}`;
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
  if (d) {
    const at = `(${about})`;
    if (d.order === 0) return `${texOfBase(d.fn)}${at}`;
    if (d.order <= 3) return `${texOfBase(d.fn)}${"'".repeat(d.order)}${at}`;
    return `${texOfBase(d.fn)}^{(${d.order})}${at}`;
  }
  const parts = name.split('_');
  const head = texOfBase(parts[0]!);
  if (parts.length === 1) return head;
  return `${head}_{${parts.slice(1).map((p) => (GREEK.has(p) ? `\\${p}` : p)).join(',')}}`;
}

/** Plain-text spelling of an internal name for terminal output: f__d1 → f'(0). */
export function plainName(name: string, about = 0): string {
  const d = parseDerivativeName(name);
  if (!d) return name;
  if (d.order === 0) return `${d.fn}(${about})`;
  // f'''(0), then f^(4)(0) as books write it: thirteen primes cannot be counted at a glance.
  return d.order <= 3 ? `${d.fn}${"'".repeat(d.order)}(${about})` : `${d.fn}^(${d.order})(${about})`;
}

/** Names no claim may declare: nerdamer and mathjs read them as constants. */
export const RESERVED = new Set(['e', 'i', 'pi', 'E', 'I', 'Infinity', 'NaN', 'true', 'false', 'and', 'or', 'not', 'xor', 'mod', 'to', 'in']);
