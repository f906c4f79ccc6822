import { kindTable } from './table';

const CLAIM = `symbols: {a: real in [-1, 1], x1: real, x2: real}
checks:
  - iterate: {x1: a*x1/2, x2: x2/4}
    state: [x1, x2]
    start: {x1: real in [-1, 1], x2: real in [-1, 1]}
    steps: 40
    runs: 10
    rate: {to: {x1: 0, x2: 0}, rho: 1/2}`;

kindTable('rate', {
  count: 100,
  cases: [
    {
      says: "the distance over ρᵏ along runs of check 1's map",
      body: `${CLAIM}\nfigures:\n  - rate: 1\n    runs:\n      - at: {a: 1}\n        from: {x1: 1, x2: 1}\n        label: a = 1\n    steps: 30`,
      verdict: 'verified',
      series: 1,
    },
  ],
  schemaErrors: [
    {
      says: 'a rate figure of a check that is no iterate with a rate',
      body: `${CLAIM}\n  - holds: a^2 >= 0\nfigures:\n  - rate: 2\n    runs:\n      - at: {a: 1}\n        from: {x1: 1, x2: 1}\n        label: a = 1\n    steps: 30`,
      message: /rate: check 2 is not an iterate check with a rate/,
      at: 'rate: 2',
    },
  ],
});
