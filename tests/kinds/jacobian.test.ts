import { kindTable } from './table';

kindTable('jacobian', {
  cases: [
    {
      says: 'the Jacobian of the bilinear game field at 0',
      body: 'symbols: {theta: real, psi: real, c: real}\nmodel:\n  v: [-c*psi, c*theta]\nderive:\n  J: {jacobian: v, wrt: [theta, psi], at: {theta: 0, psi: 0}}\nchecks:\n  - equal: J\n    to: [[0, -c], [c, 0]]',
      verdict: 'proved',
    },
    {
      says: 'the same Jacobian transposed',
      body: 'symbols: {theta: real, psi: real, c: real}\nmodel:\n  v: [-c*psi, c*theta]\nderive:\n  J: {jacobian: v, wrt: [theta, psi], at: {theta: 0, psi: 0}}\nchecks:\n  - equal: J\n    to: [[0, c], [-c, 0]]',
      verdict: 'refuted',
    },
  ],
  schemaErrors: [
    {
      says: 'a Jacobian without the variables it differentiates by',
      body: 'symbols: {theta: real, psi: real}\nmodel:\n  v: [-psi, theta]\nderive:\n  J: {jacobian: v}\nchecks:\n  - equal: J\n    to: [[0, -1], [1, 0]]',
      message: /derive\.J \(jacobian\) is missing the field "wrt"/,
      at: '{jacobian: v}',
    },
  ],
});
