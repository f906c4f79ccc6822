/**
 * The render stage's own pieces: numbers in scientific notation typeset as a reader writes them.
 */
import { describe, expect, it } from 'vitest';
import katex from 'katex';
import { texNumbers, textNumbers } from '../src/render/numbers';

describe('numbers in scientific notation', () => {
  it('become a power of ten in LaTeX, never e minus a number', () => {
    expect(texNumbers('x = 4.881e-7')).toBe('x = 4.881 \\cdot 10^{-7}');
    expect(texNumbers('\\begin{pmatrix}-6.949e-7 \\\\ 8.007e+07 \\\\ 1e3\\end{pmatrix}')).toBe('\\begin{pmatrix}-6.949 \\cdot 10^{-7} \\\\ 8.007 \\cdot 10^{7} \\\\ 10^{3}\\end{pmatrix}');
    expect(texNumbers('2.5e-10 + 3')).toBe('2.5 \\cdot 10^{-10} + 3');
  });

  it('leave names, plain numbers and e as a constant alone', () => {
    for (const tex of ['x1e5', '\\mathrm{e2e}', '2e^{3}', 'e^{-7}', '0.5', '10^{-7}', '\\mathrm{a1e-3}']) expect(texNumbers(tex), tex).toBe(tex);
  });

  it('write the plain-text form inside \\text{…}, where \\cdot does not exist', () => {
    expect(texNumbers('y = 1.5e-3 \\text{ at most 4.881e-7 {away}} + 2e5')).toBe('y = 1.5 \\cdot 10^{-3} \\text{ at most 4.881·10⁻⁷ {away}} + 2 \\cdot 10^{5}');
  });

  it('typeset without error, the converted forms included', () => {
    for (const tex of ['x = 4.881e-7', 'y = 1e-12 \\text{ and 3e4 }', '\\begin{pmatrix}-3.657e-9 \\\\ 3.299e-7\\end{pmatrix}']) expect(() => katex.renderToString(texNumbers(tex), { throwOnError: true, strict: 'ignore' })).not.toThrow();
  });

  it('in plain text: 4.881·10⁻⁷', () => {
    expect(textNumbers('worst relative error 5.7e-11 (tolerance 1.0e-9)')).toBe('worst relative error 5.7·10⁻¹¹ (tolerance 1.0·10⁻⁹)');
    expect(textNumbers('1e-12 and 2.0e+03')).toBe('10⁻¹² and 2.0·10³');
    expect(textNumbers('p.e2e-3 seed 1')).toBe('p.e2e-3 seed 1');
  });
});
