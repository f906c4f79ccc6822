/** How a check was decided, in words: the one formatter of `Decision` records for every writer. */
import type { Decision, ThresholdProbe } from './decision';
import { formatNumber } from './text';

const PROBES: Record<Exclude<ThresholdProbe, 'bisection'>, string> = {
  'beside-claimed': 'certified evaluation just below and just above the claimed value',
  'claimed-and-ends': 'certified evaluation at the claimed value and at both ends of the range',
  'touching-point':
    'certified evaluation at the claimed value and, exactly, at a point where a comparison touches its boundary',
  'claimed-exactly': "certified evaluation of the condition's comparisons at the claimed value, exactly",
  'beyond-claimed': 'certified evaluation at the claimed value and at a point beyond it',
};

/** "n of m" unless all m were. */
const share = (n: number, of: number): string => (n === of ? String(of) : `${n} of ${of}`);

/**
 * The sentence; with `asides: false` without its parenthesised asides, for the one-line summary of
 * a check's evidence (the handout's line, the collapsed evidence on screen).
 */
export function decisionText(d: Decision, { asides = true }: { asides?: boolean } = {}): string {
  const aside = (text: string) => (asides ? ` (${text})` : '');
  switch (d.method) {
    case 'symbolic-structure':
      return `symbolic derivation${aside('structure of the result')}`;
    case 'symbolic-derivation':
      return 'symbolic derivation';
    case 'checked-symbolic-zero':
      return `nerdamer's symbolic zero of the difference, checked by certified evaluation at ${d.points} points${aside(`${d.exactPoints} exact`)}`;
    case 'schwartz-zippel': {
      const where = d.everyInteger
        ? `${d.points} random points for every value of the integer symbols`
        : `${d.points} random points`;
      return `exact agreement at ${where}${aside(`Schwartz–Zippel: were the difference not identically 0, each point would agree with probability at most ${formatNumber(d.perPoint, 2)}, so all ${d.points} with probability below ${d.perPoint === 0 ? '0' : `10^${d.exponent}`}`)}`;
    }
    case 'certified-agreement':
      return `certified agreement at ${d.agreeing} of ${d.points} points${aside(`${d.exactPoints} exact`)}`;
    case 'float-agreement':
      return `floating-point agreement at ${share(d.compared, d.points)} points${aside(`${d.special} special`)}, worst relative error ${formatNumber(d.worstError, 2)}${d.restRounding ? aside("at the others floating point's own rounding, the identity being proved exactly") : ''}`;
    case 'certified-counterexample':
      return `certified evaluation at the counterexample${aside(`exact arithmetic, or enclosures that exclude ${d.excludes === 'zero' ? '0' : d.excludes}`)}`;
    case 'certified-threshold':
      return d.probe === 'bisection'
        ? `bisection, with the ends of the bracket decided in certified arithmetic${aside('the condition switches once in the range')}`
        : PROBES[d.probe];
    case 'sign-proof':
      return `sign prover: ${d.difference} is ${d.sign} on the declared domains`;
    case 'instances':
      return d.decided === undefined
        ? `${d.instances} instances${aside(`${d.special} special`)}, seed ${d.seed}`
        : `${d.decided} of ${d.instances} instances${aside(`${d.special} special`)} decided, seed ${d.seed}`;
    case 'witness':
      return `a witness at instance ${d.instance}`;
    case 'equilibrium-start':
      return `run ${d.run} of ${d.runs} starts where the field vanishes exactly (exact arithmetic): it is an equilibrium`;
    case 'exceptional-start':
      return `the exact run from ${d.start}${aside("with run 1's parameters")}, a start where the ${d.flow ? 'field' : 'map'} is not smooth or a simple rational of the start range, which random draws do not meet`;
    case 'exact-run':
      return `run ${d.run} of ${d.runs} repeated in exact rational arithmetic from its start${d.atEdge ? aside('floating point met the criterion only at the edge of its range') : ''}`;
    case 'exact-rate-run':
      return `the rate decided exactly from the map's linear part for run ${d.run} of ${d.runs}, which met it over its ${d.steps} floating-point steps`;
    case 'simulation':
      return `simulation of ${d.runs} runs${aside(`${d.steps} steps each`)}, seed ${d.seed}`;
    case 'exact-rate':
      return `the rate of each of ${d.runs} runs decided exactly for all k, from the map's linear part${d.fromMinimalPolynomial ? " and the start's minimal polynomial" : ` at the point${aside('the runs tending to it in floating point')}`}, seed ${d.seed}`;
    case 'threshold-switch':
      return `certified at ${d.certified} of ${d.decided} instances: the condition switches at the claimed value${aside('its two sides exactly equal there, and on either side within a relative 1e-30 as claimed')}${d.undecided ? aside(`${d.undecided} undecided`) : ''}`;
    case 'size-case':
      return `size case ${d.label}`;
    case 'size-cases':
      return `all ${d.cases} size cases${aside(`${d.first} … ${d.last}`)}, ${d.instances} instances in all`;
  }
}
