import { kindTable } from './table';

kindTable('let', {
  cases: [
    {
      says: 'a loss at a point, as an expression and with at',
      body: 'symbols: {x: real, y: real}\nmodel:\n  L: x^2*y + y\nderive:\n  P: 2*L\n  L0: {let: L, at: {y: 1}}\nchecks:\n  - equal: P\n    to: 2*x^2*y + 2*y\n  - equal: L0\n    to: x^2 + 1',
      verdict: 'proved',
    },
    {
      says: 'the loss at y = 1 with its constant dropped',
      body: 'symbols: {x: real, y: real}\nmodel:\n  L: x^2*y + y\nderive:\n  L0: {let: L, at: {y: 1}}\nchecks:\n  - equal: L0\n    to: x^2',
      verdict: 'refuted',
    },
  ],
  schemaErrors: [
    {
      says: 'a point at a name that is not declared',
      body: 'symbols: {x: real}\nmodel:\n  L: x^2\nderive:\n  L0: {let: L, at: {z: 1}}\nchecks:\n  - equal: L0\n    to: x^2',
      message: /"z" in at: is not a declared symbol/,
      at: 'z',
    },
  ],
});
