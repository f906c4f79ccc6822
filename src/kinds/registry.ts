/**
 * The table of kinds. A derive entry `name: {<step kind>: …}` and a check entry `- <check kind>: …`
 * find their kind here by name; model expressions find operators in operators.ts.
 */
import type { CheckKind, StepKind } from './kind';
import { jacobianStep } from './jacobian';
import { eigenvaluesStep } from './eigenvalues';
import { composeStep } from './compose';
import { solveStep } from './solve';
import { letStep } from './let';
import { equalCheck } from './equal';
import { holdsCheck } from './holds';
import { impliesCheck } from './implies';
import { iffCheck } from './iff';
import { flowCheck, iterateCheck } from './iterate';
import { existsCheck } from './exists';
import { thresholdCheck } from './threshold';
export { OPERATORS } from './operators';

export const STEPS: ReadonlyMap<string, StepKind> = new Map([letStep, jacobianStep, eigenvaluesStep, composeStep, solveStep].map((k) => [k.name, k as StepKind]));
export const CHECKS: ReadonlyMap<string, CheckKind> = new Map([equalCheck, holdsCheck, impliesCheck, iffCheck, iterateCheck, flowCheck, existsCheck, thresholdCheck].map((k) => [k.name, k as CheckKind]));
