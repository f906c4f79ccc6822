import { kindTable } from './table';

const ALTERNATING = `symbols: {theta: real, psi: real, h: positive}
derive:
  J:
    compose:
      - {map: {theta: theta - h*psi}}
      - {map: {psi: psi + h*theta}}
    state: [theta, psi]
    at: {theta: 0, psi: 0}
checks:
  - equal: J`;

kindTable('compose', {
  cases: [
    {
      says: 'alternating gradient steps on the bilinear game: the second stage sees the first',
      body: `${ALTERNATING}\n    to: [[1, -h], [h, 1 - h^2]]`,
      verdict: 'proved',
    },
    {
      says: 'the simultaneous Jacobian claimed for alternating steps',
      body: `${ALTERNATING}\n    to: [[1, -h], [h, 1]]`,
      verdict: 'refuted',
    },
  ],
  schemaErrors: [
    {
      says: 'a stage that is not a map',
      body: 'symbols: {theta: real, h: positive}\nderive:\n  J:\n    compose:\n      - {step: {theta: theta - h*theta}}\n    state: [theta]\n    at: {theta: 0}\nchecks:\n  - equal: J\n    to: [[1 - h]]',
      message: /unknown field "step" in item 1 of derive\.J \(compose\)\.compose/,
      at: 'step',
    },
  ],
});
