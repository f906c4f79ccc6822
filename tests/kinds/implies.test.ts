import { kindTable } from './table';

kindTable('implies', {
  cases: [
    {
      says: 'a positive x has a positive square',
      body: 'symbols: {x: real}\nchecks:\n  - implies: x > 0\n    then: x^2 > 0',
      verdict: 'verified',
    },
    {
      says: 'x² > 1 does not make x > 1',
      body: 'symbols: {x: real}\nchecks:\n  - implies: x^2 > 1\n    then: x > 1',
      verdict: 'refuted',
    },
  ],
  schemaErrors: [
    {
      says: 'a premise without its conclusion',
      body: 'symbols: {x: real}\nchecks:\n  - implies: x > 0',
      message: /checks item 1 \(implies\) is missing the field "then"/,
      at: 'implies: x > 0',
    },
    {
      says: 'a conclusion that is no condition',
      body: 'symbols: {x: real}\nchecks:\n  - implies: x > 0\n    then: x^2',
      message: /cannot evaluate the condition "x\^2": result needs a condition/,
      at: 'x^2',
    },
  ],
});
