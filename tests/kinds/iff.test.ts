import { kindTable } from './table';

kindTable('iff', {
  cases: [
    {
      says: 'the step sizes for which |1 − h| < 1',
      body: 'symbols: {h: real in [-1, 3]}\nchecks:\n  - iff: abs(1 - h) < 1\n    with: h > 0 and h < 2',
      verdict: 'verified',
    },
    {
      says: 'the stable steps with the bound halved',
      body: 'symbols: {h: real in [-1, 3]}\nchecks:\n  - iff: abs(1 - h) < 1\n    with: h > 0 and h < 1',
      verdict: 'refuted',
    },
  ],
  schemaErrors: [
    {
      says: 'an iff without its other side',
      body: 'symbols: {h: real}\nchecks:\n  - iff: abs(1 - h) < 1',
      message: /checks item 1 \(iff\) is missing the field "with"/,
      at: 'iff: abs(1 - h) < 1',
    },
    {
      says: 'an unknown field',
      body: 'symbols: {h: real}\nchecks:\n  - iff: h > 0\n    with: h >= 0\n    than: 1',
      message: /unknown field "than"/,
      at: 'than: 1',
    },
  ],
});
