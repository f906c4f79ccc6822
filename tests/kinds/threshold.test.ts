import { kindTable } from './table';

kindTable('threshold', {
  count: 100,
  cases: [
    {
      says: 'gradient descent on a·x²/2 is stable below 2/a',
      body: 'symbols: {a: positive in [0.5, 4], h: positive}\nchecks:\n  - threshold: abs(1 - h*a) < 1\n    in: h\n    from: 0.001\n    to: 10\n    claimed: 2/a',
      verdict: 'verified',
    },
    {
      says: 'the stability bound without its factor 2',
      body: 'symbols: {a: positive in [0.5, 4], h: positive}\nchecks:\n  - threshold: abs(1 - h*a) < 1\n    in: h\n    from: 0.001\n    to: 10\n    claimed: 1/a',
      verdict: 'refuted',
    },
  ],
  schemaErrors: [
    {
      says: 'a threshold without its claimed value',
      body: 'symbols: {a: positive, h: positive}\nchecks:\n  - threshold: abs(1 - h*a) < 1\n    in: h\n    from: 0.001\n    to: 10',
      message: /checks item 1 \(threshold\) is missing the field "claimed"/,
      at: 'threshold: abs(1 - h*a) < 1',
    },
    {
      says: 'a range end that is not a number',
      body: 'symbols: {a: positive, h: positive}\nchecks:\n  - threshold: abs(1 - h*a) < 1\n    in: h\n    from: zero\n    to: 10\n    claimed: 2/a',
      message: /from must be a number, found string "zero"/,
      at: 'zero',
    },
  ],
});
