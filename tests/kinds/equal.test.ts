import { kindTable } from './table';

kindTable('equal', {
  cases: [
    {
      says: 'the expanded square of a sum',
      body: 'symbols: {a: real, b: real}\nderive:\n  S: (a + b)^2\nchecks:\n  - equal: S\n    to: a^2 + 2*a*b + b^2',
      verdict: 'proved',
    },
    {
      says: 'the eigenvalues of a rotation, as a multiset',
      body: 'symbols: {c: positive}\nmodel:\n  J: [[0, -c], [c, 0]]\nderive:\n  lambda: {eigenvalues: J}\nchecks:\n  - equal: lambda\n    to: [-c*i, c*i]',
      verdict: 'proved',
    },
    {
      says: 'a square with its cross term dropped',
      body: 'symbols: {a: real, b: real}\nderive:\n  S: (a + b)^2\nchecks:\n  - equal: S\n    to: a^2 + b^2',
      verdict: 'refuted',
    },
  ],
  schemaErrors: [
    {
      says: 'an equal without its claimed form',
      body: 'symbols: {a: real}\nderive:\n  S: a^2\nchecks:\n  - equal: S',
      message: /checks item 1 \(equal\) is missing the field "to"/,
      at: 'equal: S',
    },
    {
      says: 'an equal of a name never derived',
      body: 'symbols: {a: real}\nderive:\n  S: a^2\nchecks:\n  - equal: T\n    to: a^2',
      message: /"T" is used but not declared/,
      at: 'T',
    },
  ],
});
