import { kindTable } from './table';

kindTable('eigenvalues', {
  cases: [
    {
      says: 'the spectrum of a triangular matrix',
      body: 'symbols: {a: real, b: real, c: real}\nmodel:\n  M: [[a, b], [0, c]]\nderive:\n  lambda: {eigenvalues: M}\nchecks:\n  - equal: lambda\n    to: [c, a]',
      verdict: 'proved',
    },
    {
      says: 'the off-diagonal entry taken for an eigenvalue',
      body: 'symbols: {a: real, b: real, c: real}\nmodel:\n  M: [[a, b], [0, c]]\nderive:\n  lambda: {eigenvalues: M}\nchecks:\n  - equal: lambda\n    to: [a, b]',
      verdict: 'refuted',
    },
  ],
  schemaErrors: [
    {
      says: 'the eigenvalues of a name never defined',
      body: 'symbols: {a: real}\nmodel:\n  M: [[a, 0], [0, a]]\nderive:\n  lambda: {eigenvalues: N}\nchecks:\n  - equal: lambda\n    to: [a, a]',
      message: /"N" is used but not declared/,
      at: 'N',
    },
  ],
});
