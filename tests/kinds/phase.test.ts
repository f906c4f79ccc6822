import { kindTable } from './table';

const CHECK = 'checks:\n  - holds: theta^2 + psi^2 >= 0';

kindTable('phase', {
  cases: [
    {
      says: 'the rotation field with a run of simultaneous steps',
      body: `symbols: {theta: real, psi: real}\n${CHECK}\nfigures:\n  - phase: {theta: -psi, psi: theta}\n    state: [theta, psi]\n    window: [-2, 2]\n    paths:\n      - label: simultaneous GD\n        iterate: {theta: theta - 0.2*psi, psi: psi + 0.2*theta}\n        from: {theta: 1, psi: 0}\n        steps: 20`,
      verdict: 'proved',
      series: 2,
    },
  ],
  schemaErrors: [
    {
      says: 'a path that starts nowhere',
      body: `symbols: {theta: real, psi: real}\n${CHECK}\nfigures:\n  - phase: {theta: -psi, psi: theta}\n    state: [theta, psi]\n    window: [-2, 2]\n    paths:\n      - label: simultaneous GD\n        iterate: {theta: theta - 0.2*psi, psi: psi + 0.2*theta}\n        steps: 20`,
      message: /item 1 of figures item 1 \(phase\)\.paths is missing the field "from"/,
      at: 'label: simultaneous GD',
    },
  ],
});
