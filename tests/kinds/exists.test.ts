import { kindTable } from './table';

kindTable('exists', {
  cases: [
    {
      says: 'some step size contracts',
      body: 'symbols: {h: real in [0, 3]}\nchecks:\n  - exists: abs(1 - h) < 0.5',
      verdict: 'verified',
    },
    {
      says: 'no witness among the instances is no refutation',
      body: 'symbols: {x: real}\nchecks:\n  - exists: x^2 < 0',
      verdict: 'not-checked',
    },
  ],
  schemaErrors: [
    {
      says: 'an exists that is no condition',
      body: 'symbols: {x: real}\nchecks:\n  - exists: x^2',
      message: /cannot evaluate the condition "x\^2": result needs a condition \(true\/false\)/,
      at: 'x^2',
    },
    {
      says: 'a count that is not a number',
      body: 'symbols: {x: real}\nchecks:\n  - exists: x > 0\n    count: many',
      message: /count must be a whole number from 1 to 1000000, found string "many"/,
      at: 'many',
    },
  ],
});
