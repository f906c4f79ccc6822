/**
 * The numeric side of one claim case: which symbols get values (slots), how instances are drawn
 * from their domains (scalars by edge cases then draws; matrix symbols by structured samplers),
 * and compilation of expressions (internal-name strings from the derivation, or the claim's own
 * expressions, whose derived and defined names are computed per instance).
 */
import { parseMath, transformNodes, type ExprNode } from '../../expr/mathjs-parser';
import { compileNumeric } from '../../numeric/compile';
import { NumericError } from '../../numeric/arithmetic';
import type { CompileEnv, Compiled, Scope } from '../../numeric/value';
import type { Complex } from '../../numeric/complex';
import { eigenvalues, numMatrix, type NumMatrix } from '../../numeric/linalg';
import { generalMatrix, symmetricMatrix } from '../../numeric/matrices';
import { planInstances, type Instance, type SampledSymbol, type SpecialPoint } from '../../numeric/sample';
import { list, isMatrix, type NValue } from '../../numeric/value';
import type { Rng } from '../../numeric/rng';
import { plainName } from '../../expr/names';
import { freeSymbols } from '../../expr/parse';
import type { PointValue } from '../../model/result';
import { ClaimError } from '../../model/source';
import { internalNamesIn } from '../../symbolic/table';
import type { ClaimContext } from '../kind';
import { ratText, type Rational } from '../../certified/rational';
import { exactText } from './value-tex';
import { componentNames } from '../scope';

interface MatrixSymbol {
  name: string;
  rows: number;
  cols: number;
  symmetric: boolean;
  /** Slot of each entry, row-major. */
  slots: number[];
}

export interface DrawnInstance extends Instance {
  /** Structures drawn for matrix symbols ("A: indefinite"). */
  structures: string[];
}

export class NumericEnv {
  readonly slots = new Map<string, number>();
  readonly sampled: SampledSymbol[] = [];
  readonly matrices: MatrixSymbol[] = [];
  size = 0;
  /** One past the highest slot a compiled binder uses. */
  private reach = 0;
  private readonly labels: string[] = [];
  private readonly expandedNodes = new WeakMap<ExprNode, ExprNode>();

  /**
   * `relevant`: the internal names the check's expressions depend on. Only these are drawn, so
   * edge cases concentrate on them and counterexamples show only what matters.
   */
  constructor(
    readonly ctx: ClaimContext,
    relevant?: ReadonlySet<string>,
  ) {
    const matrixEntry = new Set<string>();
    for (const s of ctx.claim.symbols) {
      if (s.domain.kind !== 'matrix') continue;
      const rows = sizeValue(s.domain.rows, ctx);
      const cols = sizeValue(s.domain.cols, ctx);
      const names = componentNames(s.name, rows, cols);
      const slots: number[] = [];
      if (relevant && !names.flat().some((u) => ctx.table.has(u) && relevant.has(ctx.table.internal(u)))) continue;
      names.forEach((row, i) =>
        row.forEach((_, j) => {
          const user = s.domain.kind === 'matrix' && s.domain.symmetric && j < i ? names[j]![i]! : names[i]![j]!;
          matrixEntry.add(user);
          slots.push(this.slotOfInternal(ctx.table.internal(user)));
        }),
      );
      this.matrices.push({ name: s.name, rows, cols, symmetric: s.domain.symmetric, slots });
    }
    for (const [user, internal] of ctx.table.entries()) {
      if (matrixEntry.has(user)) continue;
      if (relevant && !relevant.has(internal)) continue;
      const decl = ctx.symbol(user);
      const slot = this.slotOfInternal(internal);
      if (decl?.domain.kind === 'real' || decl?.domain.kind === 'integer') {
        this.sampled.push({ slot, label: plainName(user), domain: decl.domain });
      } else if (decl?.domain.kind === 'normal' || decl?.domain.kind === 'function') {
        // random variables are integrated out; functions are not values
      } else {
        // vector components and other undeclared scalars: any real
        this.sampled.push({ slot, label: plainName(user), domain: { kind: 'real', sign: 'any', range: [-3, 3] } });
      }
    }
  }

  /** The internal name held in a slot. */
  internalName(slot: number): string {
    return this.labels[slot]!;
  }

  /** Internal names a quantity of the claim depends on (declared symbols, matrix entries, or the variables of a derived value). */
  static dependencies(ctx: ClaimContext, userNames: Iterable<string>): Set<string> {
    const out = new Set<string>();
    const addExpr = (e: string) => {
      for (const v of internalNamesIn(e)) out.add(v);
    };
    const seen = new Set<string>();
    const queue = [...userNames];
    while (queue.length) {
      const name = queue.shift()!;
      if (seen.has(name)) continue;
      seen.add(name);
      const def = ctx.claim.define.find((d) => d.name === name && !d.params);
      if (def) {
        queue.push(...freeSymbols(ctx.parse(def.expr)));
        continue;
      }
      const decl = ctx.symbol(name);
      if (decl && (decl.domain.kind === 'real' || decl.domain.kind === 'integer')) {
        if (ctx.table.has(name)) out.add(ctx.table.internal(name));
        continue;
      }
      const d = ctx.derived(name);
      if (d?.type === 'spectrum') {
        d.charpoly.forEach(addExpr);
        continue;
      }
      if (d?.type === 'condition') {
        addExpr(d.bound ?? '0');
        continue;
      }
      try {
        const v = ctx.symContext.lookup(name);
        if (v) (v.kind === 'scalar' ? [v.expr] : v.rows.flat()).forEach(addExpr);
      } catch {
        /* not a value: nothing to sample */
      }
    }
    return out;
  }

  private slotOfInternal(internal: string): number {
    let k = this.slots.get(internal);
    if (k === undefined) {
      k = this.size++;
      this.slots.set(internal, k);
      this.labels[k] = internal;
    }
    return k;
  }

  /** Instances for one check: edge cases, coincidences, special points, then draws; matrices by their samplers. */
  plan(count: number, rng: Rng, specials: SpecialPoint[] = [], maxEdges?: number): DrawnInstance[] {
    const base = planInstances(this.sampled, {
      count,
      rng,
      specials,
      size: this.size,
      ...(maxEdges !== undefined ? { maxEdges } : {}),
    });
    return base.map((inst) => {
      const structures: string[] = [];
      const exact: Array<() => Array<[number, Rational]>> = [];
      for (const m of this.matrices) {
        const drawn = m.symmetric ? symmetricMatrix(m.rows, rng) : generalMatrix(m.rows, m.cols, rng);
        drawn.matrix.data.forEach((x, k) => (inst.values[m.slots[k]!] = x));
        structures.push(`${m.name}: ${drawn.structure}`);
        if (drawn.exact) exact.push(() => drawn.exact!().map((q, k) => [m.slots[k]!, q]));
      }
      // (A generic draw has its values alone: built directly, the same properties in the same
      // order as the spread, which was a tenth of some checks' time.)
      const plain = !('special' in inst) && !('exactOf' in inst);
      if (!exact.length) return plain ? { values: inst.values, structures } : { ...inst, structures };
      let memo: Map<number, Rational> | undefined;
      const exactOf = () => (memo ??= new Map(exact.flatMap((f) => f())));
      return plain ? { values: inst.values, structures, exactOf } : { ...inst, structures, exactOf };
    });
  }

  /**
   * A scope array for an instance: the drawn values, then room for a check's locals (32 slots) and
   * the variables its binders bind. Sized to what was compiled, not a round guess: condition checks
   * make one per instance, and a few hundred slots each was most of their allocation.
   */
  scopeOf(values: number[], extra?: number): Scope {
    const s: Scope = new Array(extra === undefined ? Math.max(this.size + 32, this.reach) : this.size + extra);
    for (let k = 0; k < this.size; k++) s[k] = values[k]!;
    return s;
  }

  /** Compile an expression string in internal names (from the derivation). */
  compileInternal(expr: string): Compiled {
    const node = parseMath(expr);
    return compileNumeric(node, {
      slot: (name) => {
        const k = this.slots.get(name);
        if (k === undefined) throw new NumericError(`"${this.ctx.table.user(name)}" has no numeric value`);
        return k;
      },
    });
  }

  /**
   * The expression with each diff, grad, hessian or E in it replaced by its symbolic value (in user
   * names): `x1 - diff(f, x1)/L` in an update rule is `x1 - mu*x1/L`, which floating point and
   * exact arithmetic evaluate. A call the derivation cannot do stays, and its check says why.
   */
  derivativesExpanded(node: ExprNode): ExprNode {
    // Remembered by node: certified arithmetic asks again at every instance it decides.
    let out = this.expandedNodes.get(node);
    if (!out) {
      out = this.replacedBySymbolicValue(
        node,
        (n) => n.type === 'FunctionNode' && SYMBOLIC_CALLS.has((n as unknown as { fn: { name: string } }).fn.name),
      );
      this.expandedNodes.set(node, out);
    }
    return out;
  }

  /**
   * The expression with the claim's model and derived names in it replaced by their symbolic values
   * (in user names): `iterate: {x1: F1}` with F1: x1 − h·μ·x1 reads as the map it names, so its
   * shape (affine, polynomial) can be seen. A name the derivation cannot give stays.
   */
  namesExpanded(node: ExprNode): ExprNode {
    const named = new Set([...this.ctx.claim.model.map((m) => m.name), ...this.ctx.claim.derive.map((d) => d.name)]);
    return this.replacedBySymbolicValue(
      node,
      (n) => n.type === 'SymbolNode' && named.has((n as unknown as { name: string }).name),
    );
  }

  /** Each subexpression `pick` selects replaced by its symbolic value, parsed back in user names; one the derivation cannot give stays. */
  private replacedBySymbolicValue(node: ExprNode, pick: (n: ExprNode) => boolean): ExprNode {
    if (!node.filter(pick).length) return node;
    return transformNodes(node, (n) => {
      if (!pick(n)) return n;
      try {
        const v = this.ctx.sym(n);
        const text = v.kind === 'scalar' ? v.expr : `[${v.rows.map((r) => `[${r.join(', ')}]`).join(', ')}]`;
        return parseMath(`(${this.ctx.table.toUserText(text)})`);
      } catch {
        return n;
      }
    });
  }

  /**
   * Compile one of the claim's own expressions. Declared symbols read their slots; matrix symbols,
   * and model, define and derived names are computed per instance into extra slots; `locals`
   * supplies names a check draws itself.
   */
  compileUser(written: ExprNode, locals: ReadonlyMap<string, number> = new Map()): Compiled {
    const node = this.derivativesExpanded(written);
    this.refuseUnorderedEntries(node);
    let next = this.size + 32; // the first 32 extra slots belong to the check's locals
    const computedCache = new Map<string, Compiled>();
    const slot = (name: string): number | undefined => {
      const local = locals.get(name);
      if (local !== undefined) return local;
      const decl = this.ctx.symbol(name);
      if (decl && (decl.domain.kind === 'real' || decl.domain.kind === 'integer') && this.ctx.table.has(name))
        return this.slots.get(this.ctx.table.internal(name));
      return undefined;
    };
    const computed = (name: string): Compiled | undefined => {
      if (locals.has(name)) return undefined;
      if (this.ctx.sizes.has(name)) {
        const n = this.ctx.sizes.get(name)!;
        return () => n;
      }
      if (slot(name) !== undefined) return undefined;
      let c = computedCache.get(name);
      if (!c) {
        c = this.computeName(name);
        computedCache.set(name, c);
      }
      return c;
    };
    // A bound variable that is a declared symbol (minOver(…, h, 0, 2)) uses the symbol's own slot,
    // so derived quantities that depend on it follow the binder.
    const bind = (name: string) => {
      const own = this.symbolSlots(name);
      if (own && own.length === 1) return own[0]!;
      this.reach = Math.max(this.reach, next + 1);
      return next++;
    };
    const definition = (name: string) => (computed(name) ? this.definitionOf(name) : undefined);
    return compileNumeric(node, { slot, computed, bind, definition });
  }

  /**
   * Where a named quantity of the claim comes from, in the order names are resolved: a define,
   * a drawn matrix, a derived spectrum or condition, else a derived value (scalar or matrix).
   * One order for computeName and definitionOf, so the grid evaluator sees what the point
   * evaluator computes.
   */
  private sourceOf(name: string) {
    const def = this.ctx.claim.define.find((d) => d.name === name && !d.params);
    if (def) return { kind: 'define' as const, def };
    const matrix = this.matrices.find((x) => x.name === name);
    if (matrix) return { kind: 'drawn matrix' as const, matrix };
    const d = this.ctx.derived(name);
    if (d?.type === 'spectrum') return { kind: 'spectrum' as const, spectrum: d };
    if (d?.type === 'condition') return { kind: 'condition' as const };
    return { kind: 'derived' as const, value: this.ctx.symContext.lookup(name) };
  }

  /**
   * The expression behind a derived scalar, over the drawn values' slots: what computeName
   * compiles for it, given to the grid evaluator so that a grid can pass through it.
   */
  private definitionOf(name: string): { node: ExprNode; env: CompileEnv } | undefined {
    let source;
    try {
      source = this.sourceOf(name);
    } catch {
      return undefined; // computeName reports it
    }
    if (source.kind !== 'derived' || source.value?.kind !== 'scalar') return undefined;
    const { expr } = source.value;
    let node = this.definitions.get(expr);
    if (!node) this.definitions.set(expr, (node = parseMath(expr)));
    return { node, env: this.internalEnv };
  }
  private readonly definitions = new Map<string, ExprNode>();
  private readonly internalEnv: CompileEnv = { slot: (name) => this.slots.get(name) };

  /** Eigenvalues computed numerically come in no particular order: lambda[1] of them would be arbitrary. */
  private refuseUnorderedEntries(root: ExprNode): void {
    root.traverse((raw) => {
      const n = raw as ExprNode & { fn?: { name?: string }; args?: Array<ExprNode & { name?: string }> };
      if (n.type !== 'FunctionNode' || (n.fn?.name !== 'entry' && n.fn?.name !== 'block')) return;
      const target = n.args?.[0];
      if (target?.type !== 'SymbolNode') return;
      const d = this.ctx.derived(target.name!);
      if (d?.type === 'spectrum' && !d.eigenvalues)
        throw new NumericError(
          `the eigenvalues "${target.name}" have no closed forms, so they come in no particular order and ${target.name}[k] would be arbitrary: state the condition for all of them (re(${target.name}) < 0, max(abs(${target.name})) < 1)`,
        );
    });
  }

  /** A per-instance computation of a named quantity of the claim. */
  computeName(name: string): Compiled {
    const source = this.sourceOf(name);
    switch (source.kind) {
      case 'define':
        // Compiled from its own expression: it may use numeric-only functions (step, sign, integral …).
        return this.compileUser(this.ctx.parse(source.def.expr));
      case 'drawn matrix': {
        const m = source.matrix;
        return (scope) =>
          numMatrix(
            m.rows,
            m.cols,
            m.slots.map((k) => scope[k] as number),
          );
      }
      case 'spectrum': {
        const d = source.spectrum;
        if (d.eigenvalues) {
          const fs = d.eigenvalues.map((e) => this.compileInternal(e));
          return (scope) => list(fs.map((f) => f(scope) as number | Complex));
        }
        const M = this.compileMatrix(d.matrix);
        return (scope) => list(eigenvalues(M(scope)));
      }
      case 'condition':
        throw new NumericError(`"${name}" is a condition; compare it with the claim through an equal check`);
      case 'derived': {
        const v = source.value;
        if (!v) throw new NumericError(`"${name}" has no value`);
        if (v.kind === 'scalar') return this.compileInternal(v.expr);
        const M = this.compileMatrix(v);
        return (scope) => M(scope);
      }
    }
  }

  compileMatrix(v: { kind: string; rows?: string[][]; expr?: string }): (scope: Scope) => NumMatrix {
    const rows = v.kind === 'scalar' ? [[v.expr!]] : v.rows!;
    const fs = rows.map((r) => r.map((e) => this.compileInternal(e)));
    const nr = rows.length;
    const nc = rows[0]!.length;
    return (scope) => {
      const out = numMatrix(nr, nc);
      for (let i = 0; i < nr; i++)
        for (let j = 0; j < nc; j++) {
          const x = fs[i]![j]!(scope);
          if (typeof x !== 'number') {
            if (isMatrix(x)) throw new NumericError('a matrix entry evaluated to a matrix');
            if ((x as Complex).im !== 0) throw new NumericError('a matrix entry is complex');
            out.data[i * nc + j] = (x as Complex).re;
          } else out.data[i * nc + j] = x;
        }
      return out;
    };
  }

  /** Slots holding the value of a declared scalar or vector symbol (its components), if it is drawn here. */
  symbolSlots(name: string): number[] | undefined {
    const decl = this.ctx.symbol(name);
    if (!decl) return undefined;
    const users =
      decl.domain.kind === 'vector'
        ? componentNames(name, sizeValue(decl.domain.size, this.ctx)).map(([c]) => c!)
        : decl.domain.kind === 'real' || decl.domain.kind === 'integer'
          ? [name]
          : undefined;
    if (!users) return undefined;
    const slots = users.map((u) => (this.ctx.table.has(u) ? this.slots.get(this.ctx.table.internal(u)) : undefined));
    return slots.every((s) => s !== undefined) ? slots : undefined;
  }

  /**
   * A value a check draws under the name of a declared scalar symbol replaces that symbol: it is
   * written to the symbol's slot (so derived quantities follow) and to the instance (so a
   * counterexample shows it once).
   */
  mirror(name: string, value: NValue, scope: Scope, values: number[]): void {
    const slots = this.symbolSlots(name);
    if (!slots) return;
    if (typeof value === 'number') {
      for (const s of slots) {
        scope[s] = value;
        values[s] = value;
      }
    } else if (isMatrix(value) && value.data.length === slots.length) {
      slots.forEach((s, i) => {
        scope[s] = value.data[i]!;
        values[s] = value.data[i]!;
      });
    }
  }

  /** The inputs of an instance, for a counterexample: user names, LaTeX, values. */
  pointOf(values: number[], only?: Set<string>, exact?: ReadonlyMap<number, Rational>): PointValue[] {
    // Exactly the point that was decided: typed back in, it is the same point.
    const text = (slot: number) => {
      const q = exact?.get(slot);
      return q ? ratText(q) : exactText(values[slot]!);
    };
    const out: PointValue[] = [];
    for (const s of this.sampled) {
      const internal = this.labels[s.slot]!;
      const user = this.ctx.table.user(internal);
      if (only && !only.has(internal)) continue;
      out.push({ name: plainName(user), tex: this.ctx.texName(user), value: text(s.slot) });
    }
    for (const m of this.matrices) {
      const rows: string[] = [];
      for (let i = 0; i < m.rows; i++)
        rows.push(
          m.slots
            .slice(i * m.cols, (i + 1) * m.cols)
            .map(text)
            .join(' & '),
        );
      out.push({
        name: m.name,
        tex: this.ctx.texName(m.name),
        value: `\\begin{pmatrix}${rows.join(' \\\\ ')}\\end{pmatrix}`,
      });
    }
    return out;
  }
}

function sizeValue(s: string, ctx: ClaimContext): number {
  if (/^\d+$/.test(s)) return Number(s);
  const v = ctx.sizes.get(s);
  if (v === undefined) throw new ClaimError(`the size ${s} has no value in this case`);
  return v;
}

/** Operators derived symbolically, which numeric checks take from the derivation. */
const SYMBOLIC_CALLS = new Set(['diff', 'grad', 'hessian', 'E']);
