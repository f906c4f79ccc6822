import { kindTable } from './table';

const CHECK = 'checks:\n  - holds: h^2 >= 0';

kindTable('sweep', {
  cases: [
    {
      says: 'a spectral radius against the step size, the bound marked',
      body: `symbols: {h: real}\n${CHECK}\nfigures:\n  - sweep: abs(1 - h)\n    over: h\n    from: 0\n    to: 3\n    mark: {at: 2, label: the bound}\n    level: 1`,
      verdict: 'proved',
      series: 1,
    },
    {
      says: 'two quantities on one plot',
      body: `symbols: {h: real}\n${CHECK}\nfigures:\n  - sweep: [abs(1 - h), abs(1 - 2*h)]\n    labels: [one, two]\n    over: h\n    from: 0\n    to: 2`,
      verdict: 'proved',
      series: 2,
    },
  ],
  schemaErrors: [
    {
      says: 'a sweep over a variable it does not name',
      body: `symbols: {h: real}\n${CHECK}\nfigures:\n  - sweep: abs(1 - h)\n    from: 0\n    to: 3`,
      message: /figures item 1 \(sweep\) is missing the field "over"/,
      at: 'sweep: abs(1 - h)',
    },
  ],
});
