import { kindTable } from './table';

kindTable('flow', {
  count: 100,
  cases: [
    {
      says: 'the rotation field conserves the radius',
      body: 'symbols: {theta: real, psi: real}\nchecks:\n  - flow: {theta: -psi, psi: theta}\n    state: [theta, psi]\n    start: {theta: real in [-1, 1], psi: real in [0.5, 1]}\n    dt: 0.01\n    steps: 300\n    runs: 10\n    conserves: {quantity: theta^2 + psi^2, tol: 0.0001}',
      verdict: 'verified',
    },
    {
      says: 'ẋ = x diverges from every start, 0 (an equilibrium) included',
      body: 'symbols: {x: real}\nchecks:\n  - flow: {x: x}\n    state: [x]\n    start: {x: real in [0, 1]}\n    dt: 0.01\n    steps: 300\n    runs: 10\n    diverges: {from: {x: 0}}',
      verdict: 'refuted',
    },
    {
      says: 'a flow that fails only in floating point (RK4 is no certificate)',
      body: 'symbols: {theta: real, psi: real}\nchecks:\n  - flow: {theta: -psi, psi: theta}\n    state: [theta, psi]\n    start: {theta: real in [-1, 1], psi: real in [0.5, 1]}\n    dt: 0.01\n    steps: 300\n    runs: 10\n    converges: {to: {theta: 0, psi: 0}, tol: 0.01}',
      verdict: 'not-checked',
    },
  ],
  schemaErrors: [
    {
      says: 'a time step that is not a number',
      body: 'symbols: {x: real}\nchecks:\n  - flow: {x: -x}\n    state: [x]\n    start: {x: real in [0, 1]}\n    dt: fast\n    steps: 30\n    converges: {to: {x: 0}, tol: 0.01}',
      message: /dt must be a number/,
      at: 'fast',
    },
  ],
});
