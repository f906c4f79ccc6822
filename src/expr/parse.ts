/**
 * Expressions in claim files: mathjs syntax, plus the lecture's f'(0), f''(0) for the derivatives
 * of a declared unknown function at its expansion point. Every identifier must be known to the
 * claim (declared symbol, model or derived name, constant or function); errors carry positions.
 */
import { ClaimError } from '../model/source';
import type { ExprSource } from '../model/schema';
import { closest, positionIn } from '../model/schema';
import { callNode, constantNode, parseMath, transformNodes, type ExprNode } from './mathjs-parser';
import { derivativeCallName, derivativeName } from './names';

export interface NameScope {
  /** Identifiers usable as values. */
  values: ReadonlySet<string>;
  /** Identifiers usable as functions (builtins, operators of kinds, declared unknown functions). */
  functions: ReadonlySet<string>;
  /** Declared unknown functions and their expansion points, for f'(0) notation. */
  unknownFunctions: ReadonlyMap<string, number>;
  /** How many arguments a function takes (least, most), and how it is called, where known. */
  arities?: ReadonlyMap<string, { arity: readonly [number, number]; usage?: string }>;
}

export const CONSTANTS = new Set(['i', 'e', 'pi', 'I', 'true', 'false']);

interface Rewritten {
  text: string;
  /** For each index of `text`, the index in the original. */
  origin: number[];
}

/**
 * Replace f(0), f'(0), f''(0) … at the expansion point by internal symbols f__d0, f__d1, f__d2 …, and a
 * derivative at any other argument, f'(psi*theta), by a call f__p1(psi*theta) (which only a check
 * with `given:` can evaluate), keeping an index map for errors.
 */
function rewriteDerivatives(src: ExprSource, scope: NameScope): Rewritten {
  const text = src.text;
  let out = '';
  const origin: number[] = [];
  const re = /([A-Za-z][A-Za-z0-9_]*)('*)\(/g;
  let last = 0;
  for (let m = re.exec(text); m; m = re.exec(text)) {
    const [head, fn, primes] = m as unknown as [string, string, string];
    const about = scope.unknownFunctions.get(fn);
    // A plain call is rewritten only where it is an unknown function's value at its expansion point
    // (f(0) → f__d0, a number numeric checks can draw); every other call stays as written.
    const open = m.index + head.length;
    const close = callEnd(text, open);
    const arg = close === undefined ? undefined : text.slice(open, close - 1).trim();
    if (primes === '' && (about === undefined || !arg || Number(arg) !== about)) {
      re.lastIndex = open;
      continue;
    }
    if (about === undefined) {
      throw new ClaimError(
        `"${fn}${primes}(…)" is derivative notation, but "${fn}" is not a declared function`,
        positionIn(src, m.index),
        `declare it under symbols, e.g. "${fn}: function"`,
      );
    }
    if (close === undefined || arg === undefined) break; // unbalanced: the parser says where
    if (arg === '')
      throw new ClaimError(`${fn}${primes}() needs an argument, as in ${fn}${primes}(0)`, positionIn(src, m.index));
    for (let k = last; k < m.index; k++) origin.push(k);
    out += text.slice(last, m.index);
    if (Number(arg) === about) {
      const name = derivativeName(fn, primes.length);
      for (let k = 0; k < name.length; k++) origin.push(m.index);
      out += name;
      last = close;
    } else {
      const name = derivativeCallName(fn, primes.length);
      for (let k = 0; k < name.length; k++) origin.push(m.index);
      out += name;
      // The argument stays in place (it may hold derivatives itself): only the name is replaced.
      last = open - 1;
    }
    re.lastIndex = Math.max(re.lastIndex, last);
  }
  for (let k = last; k < text.length; k++) origin.push(k);
  out += text.slice(last);
  origin.push(text.length);
  const stray = out.indexOf("'");
  if (stray >= 0) {
    throw new ClaimError(
      `unexpected "'" (a prime is only for derivatives of a declared function, as in f'(0))`,
      positionIn(src, origin[stray]!),
      'write transpose(x) for a transpose',
    );
  }
  return { text: out, origin };
}

/** The index just past the parenthesis that closes a call opened before `open`, or undefined when none does. */
function callEnd(text: string, open: number): number | undefined {
  let depth = 1;
  let close = open;
  while (close < text.length && depth > 0) {
    const c = text[close]!;
    if (c === '(') depth++;
    else if (c === ')') depth--;
    close++;
  }
  return depth > 0 ? undefined : close;
}

function firstIndexOf(text: string, name: string): number {
  const m = new RegExp(`(^|[^A-Za-z0-9_])${name.replace(/[$]/g, '\\$&')}(?![A-Za-z0-9_])`).exec(text);
  return m ? m.index + m[1]!.length : 0;
}

/** Where the brackets of an expression do not match (the usual cause of a parse error), in words. */
function bracketHint(text: string): string | undefined {
  const open: Array<{ c: string; at: number }> = [];
  const pairs: Record<string, string> = { ')': '(', ']': '[' };
  for (let k = 0; k < text.length; k++) {
    const c = text[k]!;
    if (c === '(' || c === '[') open.push({ c, at: k });
    else if (c === ')' || c === ']') {
      const last = open.pop();
      if (!last) return `the "${c}" at character ${k + 1} closes nothing`;
      if (last.c !== pairs[c])
        return `the "${last.c}" at character ${last.at + 1} is closed by the "${c}" at character ${k + 1}`;
    }
  }
  const last = open.pop();
  return last ? `the "${last.c}" at character ${last.at + 1} is never closed` : undefined;
}

/** An expression in a message: in full when short, its start otherwise (the source line is shown below it). */
function quoted(text: string): string {
  return text.length <= 80 ? `"${text}"` : `"${text.slice(0, 60)}…" (${text.length} characters)`;
}

/** Deeper than this, brackets are refused before parsing: every stage walks the tree recursively. */
const MAX_NESTING = 64;
const NEST_HINT = 'name an inner part (in model: or derive:) and write the name in its place';

function refuseDeepNesting(src: ExprSource): void {
  let depth = 0;
  for (let k = 0; k < src.text.length; k++) {
    const c = src.text[k];
    if (c === '(' || c === '[') depth++;
    else if (c === ')' || c === ']') depth--;
    if (depth > MAX_NESTING)
      throw new ClaimError(
        `${quoted(src.text)} nests brackets more than ${MAX_NESTING} deep, too deep to read`,
        positionIn(src, k),
        NEST_HINT,
      );
  }
}

/** Parse and validate one expression. Throws ClaimError with the position of the problem. */
export function parseExpr(src: ExprSource, scope: NameScope): ExprNode {
  if (src.items) {
    for (const item of src.items) parseExpr(item, scope);
  }
  refuseDeepNesting(src);
  const rw = rewriteDerivatives(src, scope);
  let node: ExprNode;
  try {
    node = parseMath(rw.text);
  } catch (e) {
    if (e instanceof RangeError)
      throw new ClaimError(`${quoted(src.text)} is too long or nested too deeply to read`, src.pos, NEST_HINT);
    const err = e as Error & { char?: number };
    const at = typeof err.char === 'number' ? rw.origin[Math.min(err.char, rw.origin.length - 1)]! : 0;
    throw new ClaimError(
      `cannot read the expression ${quoted(src.text)}: ${err.message.replace(/\s*\(char \d+\)/, '')}`,
      positionIn(src, at),
      bracketHint(src.text),
    );
  }
  node = rewriteIndexing(node, src);
  validateNames(node, src, rw, scope);
  return node;
}

/**
 * Indexing, 1-based as in mathjs: v[k] and M[i, j] become entry(v, k) and entry(M, i, j); a block
 * M[i1:i2, j1:j2] (or a row M[i, :]) becomes block(M, i1, i2, j1, j2), where 0:0 stands for a
 * whole dimension. Every stage then knows them as ordinary functions.
 */
function rewriteIndexing(root: ExprNode, src: ExprSource): ExprNode {
  return transformNodes(root, (node) => {
    if (node.type !== 'AccessorNode') return node;
    const n = node as unknown as {
      object: ExprNode;
      index: { dimensions: Array<ExprNode & Record<string, any>>; dotNotation?: boolean };
    };
    const dims = n.index.dimensions;
    const refuse = (why: string): never => {
      throw new ClaimError(
        `"${src.text}": ${why}`,
        src.pos,
        'index from 1: v[1], M[2, 1], a block M[1:2, 2:3], a row M[1, :]',
      );
    };
    // a.b and a["b"] read properties: not mathematics, and not allowed.
    if (n.index.dotNotation || dims.some((d) => d.type === 'ConstantNode' && typeof d.value !== 'number'))
      refuse('property access (a.b, a["b"]) is not allowed in claim files');
    if (dims.length < 1 || dims.length > 2) refuse(`an index takes one or two positions, found ${dims.length}`);
    const ranges = dims.map((d) => {
      if (d.type !== 'RangeNode') {
        if (d.type === 'SymbolNode' && d.name === 'end')
          refuse('"end" is not an index here: write the last index as a number');
        return [d, d];
      }
      if (d.step) refuse('a range with a step is not a block');
      const all =
        d.start.type === 'ConstantNode' && d.start.value === 1 && d.end.type === 'SymbolNode' && d.end.name === 'end';
      if (all) return [constantNode(0), constantNode(0)];
      if (d.end.type === 'SymbolNode' && d.end.name === 'end')
        refuse('"end" is not an index here: write the last index as a number');
      return [d.start as ExprNode, d.end as ExprNode];
    });
    if (dims.every((d) => d.type !== 'RangeNode')) return callNode('entry', [n.object, ...dims]);
    return callNode('block', [n.object, ...ranges.flat()]);
  });
}

/** Functions whose second argument is a variable they bind: integral(p(x), x, a, b). */
const BINDING_FUNCTIONS = new Set(['integral', 'signChanges', 'maxOver', 'minOver']);

function validateNames(root: ExprNode, src: ExprSource, rw: Rewritten, scope: NameScope): void {
  const bound = new Set<string>();
  root.traverse((node) => {
    const n = node as unknown as {
      type: string;
      fn?: { name?: string };
      args?: Array<{ type: string; name?: string }>;
    };
    if (n.type === 'FunctionNode' && BINDING_FUNCTIONS.has(n.fn?.name ?? '') && n.args?.[1]?.type === 'SymbolNode')
      bound.add(n.args[1].name!);
  });
  const fail = (name: string, message: string, hint?: string): never => {
    const at = rw.origin[firstIndexOf(rw.text, name)] ?? 0;
    throw new ClaimError(message, positionIn(src, at), hint);
  };
  root.traverse((node, _path, parent) => {
    const t = node.type;
    if (t === 'SymbolNode') {
      const name = (node as unknown as { name: string }).name;
      const isCallee = parent?.type === 'FunctionNode' && (parent as unknown as { fn: ExprNode }).fn === node;
      if (isCallee) {
        const known = scope.arities?.get(name);
        const given = (parent as unknown as { args: unknown[] }).args.length;
        if (known && scope.functions.has(name) && (given < known.arity[0] || given > known.arity[1])) {
          const [lo, hi] = known.arity;
          const takes = lo === hi ? `${lo}` : hi === Infinity ? `${lo} or more` : `${lo} to ${hi}`;
          fail(name, `${name} takes ${takes} argument${lo === 1 && hi === 1 ? '' : 's'}, given ${given}`, known.usage);
        }
        if (!scope.functions.has(name) && scope.values.has(name)) {
          // g(u = 1) or g(1) for a model or derived name: a value at a point is a derivation step.
          const args = (parent as unknown as { args: Array<ExprNode & { object?: ExprNode; value?: ExprNode }> }).args;
          const at = args.every((a) => a.type === 'AssignmentNode')
            ? args.map((a) => `${a.object!.toString()}: ${a.value!.toString()}`).join(', ')
            : 'x: …';
          fail(
            name,
            `"${name}" is a value (a declared symbol, a model or a derived name), not a function, so ${name}(…) cannot be called`,
            `for a product write ${name}*(…); for its value at a point, add a derivation step, e.g. ${name}At: {let: ${name}, at: {${at}}}, and use ${name}At; a function of arguments is defined under define: (${name}(x): …)`,
          );
        }
        if (!scope.functions.has(name)) {
          const guess = closest(name, [...scope.functions]);
          fail(
            name,
            `unknown function "${name}"`,
            guess
              ? `did you mean ${guess}?`
              : 'declare it under symbols as "function", or see the README for the functions the tool knows',
          );
        }
      } else if (!scope.values.has(name) && !CONSTANTS.has(name) && !bound.has(name)) {
        const guess = closest(name, [...scope.values]);
        fail(
          name,
          `"${name}" is used but not declared`,
          guess
            ? `did you mean ${guess}? Otherwise declare it under symbols`
            : 'declare it under symbols (e.g. "' + name + ': real")',
        );
      }
    } else if (
      t === 'AssignmentNode' ||
      t === 'FunctionAssignmentNode' ||
      t === 'BlockNode' ||
      t === 'AccessorNode' ||
      t === 'IndexNode' ||
      t === 'ObjectNode' ||
      t === 'RangeNode' ||
      t === 'ConditionalNode'
    ) {
      throw new ClaimError(
        `"${src.text}": this kind of expression (${t.replace('Node', '').toLowerCase()}) is not allowed in claim files`,
        src.pos,
      );
    }
  });
}

/** Identifiers used as values in an expression (not function names), in order of first use. */
export function freeSymbols(root: ExprNode): string[] {
  const seen = new Set<string>();
  root.traverse((node, _path, parent) => {
    if (node.type !== 'SymbolNode') return;
    const isCallee = parent?.type === 'FunctionNode' && (parent as unknown as { fn: ExprNode }).fn === node;
    if (!isCallee) seen.add((node as unknown as { name: string }).name);
  });
  return [...seen];
}
