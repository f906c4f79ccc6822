/**
 * The table of kinds. A derive entry `name: {<step kind>: …}` and a check entry `- <check kind>: …`
 * find their kind here by name; model expressions find operators in operators.ts.
 */
import type { CheckKind, FigureKind, StepKind } from './kind';
import { spectrumFigure } from './figures/spectrum';
import { sweepFigure } from './figures/sweep';
import { phaseFigure } from './figures/phase';
import { rateFigure } from './figures/rate';
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

export const STEPS: ReadonlyMap<string, StepKind> = new Map(
  [letStep, jacobianStep, eigenvaluesStep, composeStep, solveStep].map((k) => [k.name, k as StepKind]),
);
export const CHECKS: ReadonlyMap<string, CheckKind> = new Map(
  [equalCheck, holdsCheck, impliesCheck, iffCheck, iterateCheck, flowCheck, existsCheck, thresholdCheck].map((k) => [
    k.name,
    k as CheckKind,
  ]),
);
export const FIGURES: ReadonlyMap<string, FigureKind> = new Map(
  [spectrumFigure, sweepFigure, phaseFigure, rateFigure].map((k) => [k.name, k as FigureKind]),
);
