import { kindTable } from './table';

const CHECK = 'checks:\n  - equal: lambda\n    to: [-i, i]';

kindTable('spectrum', {
  cases: [
    {
      says: 'the eigenvalues of a rotation and of a step of it',
      body: `symbols: {}\nmodel:\n  A: [[0, -1], [1, 0]]\nderive:\n  lambda: {eigenvalues: A}\n${CHECK}\nfigures:\n  - spectrum: [A, identity(2) + 0.5*A]\n    labels: [A, I + A/2]`,
      verdict: 'proved',
      series: 2,
    },
  ],
  schemaErrors: [
    {
      says: 'labels that do not match the matrices',
      body: `symbols: {}\nmodel:\n  A: [[0, -1], [1, 0]]\nderive:\n  lambda: {eigenvalues: A}\n${CHECK}\nfigures:\n  - spectrum: [A]\n    labels: [A, B]`,
      message: /spectrum: 1 matrix but 2 labels/,
      at: 'spectrum: [A]',
    },
  ],
});
