/**
 * What an index selects: entry(v, k), entry(M, i, j) and block(M, i1, i2, j1, j2) (the parser's
 * v[k], M[i, j], M[i1:i2, j1:j2]; 1-based, 0:0 for a whole dimension). One definition for the
 * symbolic, numeric and certified evaluators, which differ only in what an entry holds.
 */

/** The rows and columns (0-based) an index picks from a rows×cols value, or why it cannot. */
export function selection(
  name: 'entry' | 'block',
  shape: [number, number],
  indices: number[],
): { rows: number[]; cols: number[] } | string {
  const [rows, cols] = shape;
  const size = `${rows}×${cols}`;
  for (const k of indices) if (!Number.isInteger(k)) return `an index must be a whole number, found ${k}`;
  const span = (a: number, b: number, n: number, what: string): number[] | string => {
    if (a === 0 && b === 0) return Array.from({ length: n }, (_, k) => k);
    if (a < 1 || b > n || a > b) return `the ${what} range ${a}:${b} is outside 1:${n} (the value is ${size})`;
    return Array.from({ length: b - a + 1 }, (_, k) => a - 1 + k);
  };
  if (name === 'entry') {
    if (indices.length === 1) {
      // One index reads a vector (a column or a row) or a list.
      if (rows !== 1 && cols !== 1) return `a ${size} matrix needs a row and a column: M[i, j]`;
      const n = Math.max(rows, cols);
      const k = indices[0]!;
      if (k < 1 || k > n) return `index ${k} is outside 1..${n}`;
      return cols === 1 ? { rows: [k - 1], cols: [0] } : { rows: [0], cols: [k - 1] };
    }
    const [i, j] = indices as [number, number];
    if (i < 1 || i > rows || j < 1 || j > cols) return `entry (${i}, ${j}) is outside the ${size} value`;
    return { rows: [i - 1], cols: [j - 1] };
  }
  if (indices.length === 2) {
    if (rows !== 1 && cols !== 1) return `a block of a ${size} matrix needs rows and columns: M[1:2, 1:2]`;
    const picked = span(indices[0]!, indices[1]!, Math.max(rows, cols), 'index');
    if (typeof picked === 'string') return picked;
    return cols === 1 ? { rows: picked, cols: [0] } : { rows: [0], cols: picked };
  }
  if (indices.length !== 4) return 'block takes a value and two or four indices';
  const r = span(indices[0]!, indices[1]!, rows, 'row');
  if (typeof r === 'string') return r;
  const c = span(indices[2]!, indices[3]!, cols, 'column');
  if (typeof c === 'string') return c;
  return { rows: r, cols: c };
}

/** LaTeX of an index: v_{k}, M_{i,j}, M_{1:2,\,:}. */
export function indexTex(name: 'entry' | 'block', [value, ...indices]: string[]): string {
  const base = /^[A-Za-z]$|^\\[A-Za-z]+$/.test(value!) ? value : `\\left(${value}\\right)`;
  if (name === 'entry') return `{${base}}_{${indices.join(',')}}`;
  const ranges: string[] = [];
  for (let k = 0; k < indices.length; k += 2)
    ranges.push(
      indices[k] === '0' && indices[k + 1] === '0'
        ? ':'
        : indices[k] === indices[k + 1]
          ? indices[k]!
          : `${indices[k]}:${indices[k + 1]}`,
    );
  return `{${base}}_{${ranges.join(',\\,')}}`;
}
