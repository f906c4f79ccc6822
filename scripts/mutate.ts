/**
 * Mutation score: for every claim expected to be proved or verified, mutate its claimed results
 * (flip a sign, drop or double a factor, swap σ and σ², drop a square root, < for ≤, min for max,
 * drop an i, change an exponent), check each mutant, and report the share refuted. A mutant that
 * is equal to the original — shown symbolically and by exact evaluation at rational points — is
 * equivalent and left out of the score (listed with the reason).
 *   npm run mutate [-- --count 2000] [-- --only ID,…] [-- --seeds 20]
 * With --seeds N it also re-checks every true claim with N different seeds: none may be refuted.
 */
import { parseMath, type ExprNode } from '../src/expr/mathjs-parser';
import { loadClaimFiles } from '../src/parse/index';
import { checkClaim } from '../src/run/claim';
import type { Claim, CheckSpec } from '../src/model/claim';
import type { ExprSource } from '../src/model/schema';
import nerdamer from 'nerdamer-prime';

type AnyNode = ExprNode & Record<string, any>;

const args = process.argv.slice(2);
const opt = (name: string, dflt: string) => {
  const k = args.indexOf(`--${name}`);
  return k >= 0 ? args[k + 1]! : dflt;
};
const COUNT = Number(opt('count', '2000'));
const ONLY = opt('only', '').split(',').filter(Boolean);
const SEEDS = Number(opt('seeds', '0'));

const SCALAR_FUNCTIONS = new Set(['sqrt', 'abs', 'exp', 'log', 're', 'im', 'sin', 'cos', 'Phi', 'phi', 'erf']);

/** The claim-side expressions of a check, by field (the things a mutant may change). */
const CLAIMED_FIELDS: Record<string, string[]> = {
  equal: ['to'],
  holds: ['holds'],
  implies: ['then'],
  iff: ['with'],
  threshold: ['claimed'],
};

interface Mutant {
  description: string;
  text: string;
}

function mutants(text: string): Mutant[] {
  let root: AnyNode;
  try {
    root = parseMath(
      text.replace(/([A-Za-z]\w*)('+)\(/g, (_m, f: string, p: string) => `${f}__d${p.length}(`),
    ) as AnyNode;
  } catch {
    return [];
  }
  const out: Mutant[] = [];
  const back = (n: ExprNode) =>
    n.toString().replace(/([A-Za-z]\w*)__d(\d+)\(/g, (_m, f: string, k: string) => `${f}${"'".repeat(Number(k))}(`);
  const nodes: AnyNode[] = [];
  root.traverse((n) => nodes.push(n as AnyNode));
  const rewrite = (target: AnyNode, replacement: ExprNode, description: string) => {
    const m = root.transform((n) => (n === target ? replacement : n));
    const t = back(m);
    if (t !== back(root)) out.push({ description, text: t });
  };
  // Sign flips only on scalar subexpressions: not inside matrix functions or definitions.
  const insideMatrixCall = new Set<AnyNode>();
  root.traverse((n) => {
    const a = n as AnyNode;
    if (a.type === 'FunctionNode' && !SCALAR_FUNCTIONS.has(a.fn.name))
      a.args.forEach((x: AnyNode) => x.traverse((y) => insideMatrixCall.add(y as AnyNode)));
  });
  for (const n of nodes) {
    const s = n.toString();
    if (n.type === 'OperatorNode' && n.fn === 'unaryMinus') rewrite(n, n.args[0], `drop the minus in ${s}`);
    else if (
      n.type !== 'ParenthesisNode' &&
      n !== root &&
      n.type !== 'ArrayNode' &&
      n.type !== 'ConstantNode' &&
      !(n.type === 'SymbolNode' && n.name === 'i') &&
      !insideMatrixCall.has(n) &&
      !['smaller', 'smallerEq', 'larger', 'largerEq', 'and', 'or'].includes(n.fn)
    )
      rewrite(n, parseMath(`-(${n.toString()})`), `flip the sign of ${s}`);
    if (n.type === 'OperatorNode' && n.fn === 'multiply') {
      rewrite(n, n.args[0], `drop the factor ${n.args[1].toString()}`);
      rewrite(n, n.args[1], `drop the factor ${n.args[0].toString()}`);
      rewrite(n, parseMath(`2*(${n.toString()})`), `double ${s}`);
    }
    if (n.type === 'OperatorNode' && n.fn === 'divide')
      rewrite(n, n.args[0], `drop the division by ${n.args[1].toString()}`);
    if (n.type === 'OperatorNode' && n.fn === 'pow' && n.args[1].type === 'ConstantNode') {
      const k = Number(n.args[1].value);
      rewrite(n, parseMath(`(${n.args[0].toString()})^${k + 1}`), `exponent ${k} → ${k + 1}`);
      if (k === 2) rewrite(n, n.args[0], `σ² → σ in ${s}`);
    }
    if (n.type === 'SymbolNode' && /sigma|^s$|^h$|^eta$|^a$|^b$/.test(n.name))
      rewrite(n, parseMath(`${n.name}^2`), `${n.name} → ${n.name}²`);
    if (n.type === 'FunctionNode' && n.fn.name === 'sqrt') rewrite(n, n.args[0], `drop the square root in ${s}`);
    if (n.type === 'FunctionNode' && (n.fn.name === 'min' || n.fn.name === 'max'))
      rewrite(
        n,
        parseMath(s.replace(/^(min|max)/, n.fn.name === 'min' ? 'max' : 'min')),
        `${n.fn.name} → ${n.fn.name === 'min' ? 'max' : 'min'}`,
      );
    if (n.type === 'SymbolNode' && n.name === 'i') rewrite(n, parseMath('1'), 'drop the i');
    if (n.type === 'OperatorNode' && ['smaller', 'smallerEq', 'larger', 'largerEq'].includes(n.fn)) {
      const swap: Record<string, string> = { smaller: '<=', smallerEq: '<', larger: '>=', largerEq: '>' };
      rewrite(
        n,
        parseMath(`(${n.args[0].toString()}) ${swap[n.fn]} (${n.args[1].toString()})`),
        `${n.op} → ${swap[n.fn]}`,
      );
    }
    if (n.type === 'ConstantNode' && typeof n.value === 'number' && n.value !== 0)
      rewrite(
        n,
        parseMath(String(n.value === 1 ? 2 : n.value / 2)),
        `constant ${n.value} → ${n.value === 1 ? 2 : n.value / 2}`,
      );
  }
  const seen = new Set<string>();
  return out.filter((m) => !seen.has(m.text) && seen.add(m.text));
}

/** Pairs of scalar expressions to compare: list items, or the two sides of the same comparison. */
function scalarPairs(a: string, b: string): Array<[string, string]> | undefined {
  try {
    const A = parseMath(
      a.replace(/([A-Za-z]\w*)('+)\(/g, (_m, f: string, p: string) => `${f}__d${p.length}(`),
    ) as AnyNode;
    const B = parseMath(
      b.replace(/([A-Za-z]\w*)('+)\(/g, (_m, f: string, p: string) => `${f}__d${p.length}(`),
    ) as AnyNode;
    const unwrap = (n: AnyNode): AnyNode => (n.type === 'ParenthesisNode' ? unwrap(n.content) : n);
    const a1 = unwrap(A);
    const b1 = unwrap(B);
    if (a1.type === 'ArrayNode' && b1.type === 'ArrayNode' && a1.items.length === b1.items.length) {
      // Lists and (block) matrices: compare entry by entry, descending into nested rows.
      const pairs: Array<[string, string]> = [];
      for (let k = 0; k < a1.items.length; k++) {
        const inner = scalarPairs(a1.items[k].toString(), b1.items[k].toString());
        if (!inner) return undefined;
        pairs.push(...inner);
      }
      return pairs;
    }
    if (
      a1.type === 'OperatorNode' &&
      b1.type === 'OperatorNode' &&
      a1.fn === b1.fn &&
      ['smaller', 'smallerEq', 'larger', 'largerEq'].includes(a1.fn)
    )
      return [
        [a1.args[0].toString(), b1.args[0].toString()],
        [a1.args[1].toString(), b1.args[1].toString()],
      ];
    if (a1.type === 'ArrayNode' || b1.type === 'ArrayNode' || /[<>=]/.test(a + b)) return undefined;
    return [[a, b]];
  } catch {
    return undefined;
  }
}

function equivalent(a: string, b: string): string | undefined {
  const pairs = scalarPairs(a, b);
  if (!pairs) return undefined;
  for (const [x, y] of pairs) if (!equivalentScalar(x, y)) return undefined;
  return 'equal: the difference expands or simplifies to 0, and vanishes exactly at rational points';
}

/** Equivalent scalars: symbolically (the difference expands or simplifies to 0) and at exact rational points. */
function equivalentScalar(a: string, b: string): string | undefined {
  const norm = (t: string) =>
    t
      .replace(/([A-Za-z]\w*)('+)\(0\)/g, (_m, f: string, p: string) => `${f}_d${p.length}`)
      .replace(/([A-Za-z]\w*)__d(\d+)\(0\)/g, (_m, f: string, k: string) => `${f}_d${k}`);
  if (a === b) return 'identical';
  try {
    if (/eigenvalues|spectralRadius|integral|Over|nsd|psd|\bnd\b|\bpd\b/.test(a + b)) return undefined;
    // nerdamer misreads a parenthesised negation after a product inside a difference
    // ("x - 1 - h * -(a)" becomes -(x - 1) + a*h), so it only ever sees fully parenthesised text.
    const full = (t: string) => (parseMath(norm(t)) as AnyNode).toString({ parenthesis: 'all', implicit: 'show' });
    const diffText = `(${full(a)})-(${full(b)})`;
    nerdamer.set('TIMEOUT', 2000);
    const d = nerdamer(`expand(${diffText})`).toString();
    if (d !== '0' && nerdamer(`simplify(${diffText})`).toString() !== '0') return undefined;
    const vars = nerdamer(diffText).variables();
    for (const pt of [0.5, 3, -2, 7]) {
      const subs = Object.fromEntries(vars.map((v, k) => [v, String(pt + k / 3)]));
      const x = nerdamer(diffText, subs).toString();
      if (x !== '0') return undefined;
    }
    return 'equal: the difference expands to 0 and vanishes exactly at rational points';
  } catch {
    return undefined;
  }
}

function withCheck(claim: Claim, k: number, field: string, text: string): Claim {
  const check = claim.checks[k]!;
  const original = (check.args as Record<string, ExprSource>)[field]!;
  const args = { ...(check.args as object), [field]: { text, pos: original.pos } };
  const checks: CheckSpec[] = claim.checks.map((c, j) => (j === k ? { ...c, args } : c));
  return { ...claim, checks };
}

const docs = loadClaimFiles('claims');
const claims = docs
  .flatMap((d) => d.parts.flatMap((p) => (p.type === 'claim' ? [p.claim] : [])))
  .filter(
    (c) =>
      (c.expect.verdict === 'proved' || c.expect.verdict === 'verified') && (ONLY.length === 0 || ONLY.includes(c.id)),
  );
let total = 0;
let killed = 0;
const survivors: string[] = [];
const equivalents: string[] = [];
const weaker: string[] = [];
const invalid: string[] = [];
/** Survivors of one-sided statements (holds, implies): they held at every instance, so they are weaker or equivalent statements, not undetected errors. */
const oneSided: string[] = [];
const started = performance.now();
for (const claim of claims) {
  claim.checks.forEach((check, k) => {
    for (const field of CLAIMED_FIELDS[check.kind] ?? []) {
      const src = (check.args as Record<string, ExprSource | undefined>)[field];
      if (!src) continue;
      for (const m of mutants(src.text)) {
        const eq = equivalent(src.text, m.text);
        if (/^(<|>) → (<=|>=)$/.test(m.description) && (check.kind === 'holds' || check.kind === 'implies')) {
          weaker.push(
            `${claim.id} [check ${k + 1}] ${m.description}: ${m.text} — implied by the original (a non-strict form of a strict inequality), so true whenever the original is`,
          );
          continue;
        }
        if (/^(<|>|<=|>=) → (<|>|<=|>=)$/.test(m.description) && check.kind === 'iff') {
          weaker.push(
            `${claim.id} [check ${k + 1}] ${m.description}: ${m.text} — differs from the original only on the boundary, which random draws do not reach; the claim's symbolic check decides the boundary`,
          );
          continue;
        }
        const r = checkClaim(withCheck(claim, k, field, m.text), { seed: 1, count: COUNT });
        const status = r.checks[k]?.status ?? r.verdict;
        const line = `${claim.id} [check ${k + 1}] ${m.description}: ${m.text} → ${status}${r.checks[k]?.reason ? ` (${r.checks[k].reason})` : ''}`;
        // A mutant that is not a well-formed claim (a bound variable turned into x², say) is no statement at all.
        if (
          r.verdict === 'error' ||
          (status === 'not-checked' && /could not be evaluated|takes \(expression/.test(r.checks[k]?.reason ?? ''))
        ) {
          invalid.push(line);
          continue;
        }
        // Equal as expressions is decided only for mutants that are claims at all (a 1×1 block in a 2×2 slot is not).
        if (eq) {
          equivalents.push(`${claim.id} [check ${k + 1}] ${m.description}: ${m.text} — ${eq}`);
          continue;
        }
        total++;
        if (status === 'refuted') killed++;
        else if (check.kind === 'holds' || check.kind === 'implies') oneSided.push(line);
        else survivors.push(line);
      }
    }
  });
}
const twoSided = total - oneSided.length;
const killedTwo = twoSided - survivors.length;
console.log(
  `mutation score: ${killed} of ${total} mutants refuted (${total ? ((100 * killed) / total).toFixed(1) : '—'} %); of the mutants of claimed results compared exactly (equal, iff, threshold) ${killedTwo} of ${twoSided} (${twoSided ? ((100 * killedTwo) / twoSided).toFixed(1) : '—'} %). Left out: ${equivalents.length} equivalent, ${weaker.length} implied by the original, ${invalid.length} not well-formed. ${claims.length} claims, ${COUNT} instances per check, ${((performance.now() - started) / 1000).toFixed(0)} s`,
);
if (survivors.length)
  console.log(
    `\nsurvivors among claimed results compared exactly (${survivors.length}): examine each\n  ${survivors.join('\n  ')}`,
  );
if (oneSided.length)
  console.log(
    `\nsurvivors of one-sided statements (${oneSided.length}): each held at every instance, so it is a weaker or an equivalent statement (a looser bound, a sign flip under abs or a square)\n  ${oneSided.join('\n  ')}`,
  );
if (invalid.length)
  console.log(`\nmutants that are not well-formed claims, left out (${invalid.length}):\n  ${invalid.join('\n  ')}`);
if (equivalents.length) console.log(`\nequivalent mutants (${equivalents.length}):\n  ${equivalents.join('\n  ')}`);
if (weaker.length)
  console.log(`\nmutants implied by the original, left out (${weaker.length}):\n  ${weaker.join('\n  ')}`);
if (SEEDS > 0) {
  const bad: string[] = [];
  for (let s = 1; s <= SEEDS; s++)
    for (const claim of claims) {
      const r = checkClaim(claim, { seed: 1000 + s, count: COUNT });
      if (r.verdict === 'refuted') bad.push(`${claim.id} refuted with seed ${1000 + s}`);
    }
  console.log(
    `\n${claims.length} true claims × ${SEEDS} seeds: ${bad.length ? `${bad.length} refutations:\n  ${bad.join('\n  ')}` : 'none refuted'}`,
  );
  if (bad.length) process.exitCode = 1;
}
