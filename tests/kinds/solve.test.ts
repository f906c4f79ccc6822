import { kindTable } from './table';

kindTable('solve', {
  cases: [
    {
      says: 'gradient descent on a·x²/2 is stable for h < 2/a',
      body: 'symbols: {a: positive, h: positive}\nderive:\n  stable: {solve: (1 - h*a)^2 < 1, for: h}\nchecks:\n  - equal: stable\n    to: h < 2/a',
      verdict: 'proved',
    },
    {
      says: 'the stable steps with the bound 1/a',
      body: 'symbols: {a: positive, h: positive}\nderive:\n  stable: {solve: (1 - h*a)^2 < 1, for: h}\nchecks:\n  - equal: stable\n    to: h < 1/a',
      verdict: 'refuted',
    },
  ],
  schemaErrors: [
    {
      says: 'a solve without the variable to solve for',
      body: 'symbols: {a: positive, h: positive}\nderive:\n  stable: {solve: (1 - h*a)^2 < 1}\nchecks:\n  - equal: stable\n    to: h < 2/a',
      message: /derive\.stable \(solve\) is missing the field "for"/,
      at: '{solve: (1 - h*a)^2 < 1}',
    },
  ],
});
