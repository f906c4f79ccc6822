/**
 * Step `compose`: the Jacobian, at a fixed point, of an update operator made of stages applied in
 * order (alternating GD: n_g generator steps, then n_d discriminator steps). By the chain rule it
 * is the product of the stages' Jacobians, valid because every stage fixes the point (checked).
 * A stage repeated a symbolic number n of times needs J^n: nerdamer has no matrix power with a
 * symbolic exponent, so the tool shows N = J − I is nilpotent (N^k = 0, checked entry by entry on
 * polynomials) and uses the binomial sum J^n = Σ_{j<k} C(n, j) N^j, exact for every integer n ≥ 0.
 */
import { field, optional, required } from '../model/schema';
import { ClaimError } from '../model/source';
import { expand, expandsToZero, substitute } from '../symbolic/nerd';
import { asScalar, identity, matrix, multiply, shape, subtract, type SymValue } from '../symbolic/value';
import { variablesOf } from './diff';
import { jacobianMatrix } from './jacobian';
import type { ArgsOf, ClaimContext, StepKind } from './kind';
import { pointTex, substitutionOf } from './point';

const stageSchema = field.object({
  map: required(field.record(field.expr()), 'the variables this stage updates and their new values'),
  repeat: optional(field.expr(), 'how many times the stage is applied (a number or an integer symbol)'),
});
const schema = field.object({
  compose: required(field.list(stageSchema, { min: 1 }), 'the stages, applied first to last'),
  state: required(field.expr(), 'the state variables, e.g. [theta, psi]'),
  at: required(field.record(field.expr()), 'the fixed point, e.g. {theta: 0, psi: 0}'),
});

function squareMatrix(v: SymValue): string[][] {
  if (v.kind === 'scalar') return [[v.expr]];
  return v.rows;
}
const isZeroMatrix = (m: string[][]) => m.every((r) => r.every((x) => expandsToZero(x)));

/** J^n for a symbolic integer n ≥ 0 via nilpotency of J − I. */
export function symbolicPower(J: SymValue, n: string): { value: SymValue; nilpotencyIndex: number } {
  const size = shape(J)[0];
  const N = subtract(J, identity(size));
  const powers: SymValue[] = [identity(size)];
  for (let k = 1; k <= size; k++) {
    const P = k === 1 ? N : multiply(powers[k - 1]!, N);
    const rows = squareMatrix(P).map((r) => r.map(expand));
    if (isZeroMatrix(rows)) {
      const terms = powers.map((Pj, j) => {
        let binom = '1';
        for (let t = 0; t < j; t++) binom = `${binom}*((${n})-${t})`;
        let fact = 1;
        for (let t = 2; t <= j; t++) fact *= t;
        return { Pj, coeff: `(${binom})/${fact}` };
      });
      const out = matrix(
        Array.from({ length: size }, (_, i) =>
          Array.from({ length: size }, (_, jj) =>
            expand(terms.map(({ Pj, coeff }) => `(${coeff})*(${squareMatrix(Pj)[i]![jj]})`).join('+')),
          ),
        ),
      );
      return { value: out, nilpotencyIndex: k };
    }
    powers.push(matrix(rows));
  }
  throw new ClaimError(
    `cannot raise a stage to the symbolic power ${n}: J − I is not nilpotent, and no other closed form is known to the tool`,
  );
}

export const composeStep: StepKind<ArgsOf<typeof schema>> = {
  role: 'step',
  name: 'compose',
  title: 'Jacobian of the composed update',
  summary: 'Jacobian at a fixed point of an update operator composed of (repeated) stages',
  readme: [
    {
      example: 'see `p.altgd-spectrum`',
      text: 'the Jacobian at a fixed point of stages applied in turn, each possibly repeated a symbolic number of times (via nilpotency of J − I, checked)',
    },
  ],
  schema,
  derive(args, ctx: ClaimContext) {
    const state = variablesOf(ctx.parse(args.state), ctx.symContext, 'the state');
    const at = substitutionOf(args.at, ctx);
    const notes: string[] = [];
    const texParts: string[] = [];
    let total: SymValue = identity(state.length);
    const factorsTex: string[] = [];
    args.compose.forEach((stage, k) => {
      const updates = new Map<string, string>();
      for (const { name, pos, value } of stage.map) {
        const target = variablesOf(ctx.parse({ text: name, pos }), ctx.symContext, 'a stage variable');
        if (target.length !== 1 || !state.includes(target[0]!))
          throw new ClaimError(`"${name}" is not one of the state variables`, pos);
        updates.set(target[0]!, asScalar(ctx.sym(ctx.parse(value)), `the new value of ${name}`));
      }
      const mapEntries = state.map((x) => updates.get(x) ?? x);
      // The chain rule at x̄ needs every stage to map x̄ to itself.
      mapEntries.forEach((m, j) => {
        if (!expandsToZero(`(${substitute(m, at)})-(${at[state[j]!] ?? state[j]})`))
          throw new ClaimError(
            `stage ${k + 1} does not fix the point: its ${ctx.table.user(state[j]!)} component becomes ${ctx.table.toUserText(substitute(m, at))}`,
            stage.pos,
          );
      });
      const J = jacobianMatrix(matrix(mapEntries.map((m) => [m])), state, at);
      const name = `J_{${k + 1}}`;
      texParts.push(`${name} = ${ctx.texValue(J)}`);
      let powered = J;
      if (stage.repeat) {
        const repeatNode = ctx.parse(stage.repeat);
        const rep = asScalar(ctx.sym(repeatNode), 'repeat');
        const repTex = ctx.tex(repeatNode);
        if (/^\d+$/.test(rep)) {
          powered = identity(state.length);
          for (let t = 0; t < Number(rep); t++) powered = multiply(powered, J);
          powered = matrix(squareMatrix(powered).map((r) => r.map(expand)));
        } else {
          const decl = ctx.symbol(ctx.table.user(rep));
          if (!decl || decl.domain.kind !== 'integer' || decl.domain.min < 0)
            throw new ClaimError(
              `repeat must be a whole number or a symbol declared as a non-negative integer range, found ${ctx.table.toUserText(rep)}`,
              stage.repeat.pos,
            );
          const p = symbolicPower(J, rep);
          powered = p.value;
          const r = ctx.tex(repeatNode);
          notes.push(
            `$(${name} - I)^{${p.nilpotencyIndex}} = 0$, checked symbolically entry by entry, so $${name}^{${r}} = \\sum_{j<${p.nilpotencyIndex}} \\binom{${r}}{j}(${name} - I)^j$ for every integer $${r} \\ge 0$`,
          );
        }
        texParts.push(`${name}^{${repTex}} = ${ctx.texValue(powered)}`);
        factorsTex.unshift(`${name}^{${repTex}}`);
      } else factorsTex.unshift(name);
      total = multiply(powered, total);
    });
    total = matrix(squareMatrix(total).map((r) => r.map(expand)));
    notes.push(
      `every stage maps the point $${pointTex(args.at, ctx)}$ to itself (checked), so the Jacobian of the composition is the product of the stages' Jacobians`,
    );
    // One stage taken once is its own product: J₁ is shown once.
    if (args.compose.length > 1 || args.compose[0]!.repeat)
      texParts.push(`${factorsTex.join('\\,')} = ${ctx.texValue(total)}`);
    return { value: { type: 'value', value: total }, tex: texParts.join(' \\\\ '), notes };
  },
};
