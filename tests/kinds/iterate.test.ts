import { kindTable } from './table';

kindTable('iterate', {
  count: 100,
  cases: [
    {
      says: 'gradient descent with step 1/2 on x²/2 converges',
      body: 'symbols: {x: real}\nchecks:\n  - iterate: {x: x - 0.5*x}\n    state: [x]\n    start: {x: real in [-1, 1]}\n    steps: 200\n    runs: 20\n    converges: {to: {x: 0}, tol: 0.000001}',
      verdict: 'verified',
    },
    {
      says: 'x ↦ 2x diverges from every start, 0 included',
      body: 'symbols: {x: real}\nchecks:\n  - iterate: {x: 2*x}\n    state: [x]\n    start: {x: real in [-1, 1]}\n    steps: 60\n    runs: 20\n    diverges: {from: {x: 0}}',
      verdict: 'refuted',
    },
  ],
  schemaErrors: [
    {
      says: 'a run without a criterion',
      body: 'symbols: {x: real}\nchecks:\n  - iterate: {x: 2*x}\n    state: [x]\n    start: {x: real in [-1, 1]}\n    steps: 10',
      message: /iterate needs exactly one criterion: converges, diverges, stays, conserves or rate/,
      at: 'iterate: {x: 2*x}',
    },
    {
      says: 'an unknown quantifier',
      body: 'symbols: {x: real}\nchecks:\n  - iterate: {x: x/2}\n    state: [x]\n    start: {x: real in [-1, 1]}\n    steps: 10\n    quantifier: most\n    converges: {to: {x: 0}, tol: 0.001}',
      message: /quantifier must be one of all, some, found string "most"/,
      at: 'most',
    },
  ],
});
