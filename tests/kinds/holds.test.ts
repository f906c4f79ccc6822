import { kindTable } from './table';

kindTable('holds', {
  cases: [
    { says: 'a square is never negative', body: 'symbols: {x: real}\nchecks:\n  - holds: x^2 >= 0', verdict: 'proved' },
    {
      says: 'a condition true at every instance, with no sign proof',
      body: 'symbols: {x: real, y: real}\nchecks:\n  - holds: abs(sin(x*y)) <= 1',
      verdict: 'verified',
    },
    {
      says: 'x² > x fails on (0, 1)',
      body: 'symbols: {x: real in [-2, 2]}\nchecks:\n  - holds: x^2 > x',
      verdict: 'refuted',
    },
  ],
  schemaErrors: [
    {
      says: 'an unknown field',
      body: 'symbols: {x: real}\nchecks:\n  - holds: x^2 >= 0\n    bogus: 1',
      message: /unknown field "bogus" in checks item 1 \(holds\)/,
      at: 'bogus: 1',
    },
    {
      says: 'an undeclared name in the condition',
      body: 'symbols: {x: real}\nchecks:\n  - holds: x^2 >= z',
      message: /"z" is used but not declared/,
      at: 'z',
    },
  ],
});
