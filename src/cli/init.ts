/**
 * `claimcheck init [DIR]`: a claims folder with one worked example, small, correct and fast, to
 * copy from when writing a new lecture's claims.
 */
import { existsSync, mkdirSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

const EXAMPLE_FILE = 'example.md';

/** Verdicts: the eigenvalues are proved (exact), the modulus condition verified at every instance. */
export const EXAMPLE_CLAIMS = `---
lecture: An example lecture
seed: 001_example.txt
---

# A linear vector field

The field $v(x, y) = (a x - b y,\\; b x + a y)$ rotates the plane by the angle of $a + b\\,i$ and
scales it by $\\sqrt{a^2 + b^2}$. Its Jacobian is the same at every point.

Each claim is a \`claim\` block: the model, what is derived from it, and the checks of the
claimed result. Copy this block for a new claim and change its \`id\`.

\`\`\`claim
id: example.rotation-eigenvalues
title: A rotation-like Jacobian has eigenvalues a ± b i
where: Example 1
statement: \\text{the eigenvalues of the Jacobian of } v \\text{ are } a \\pm b\\,i \\text{, of modulus } \\sqrt{a^2 + b^2}
symbols:
  x: real
  y: real
  a: real
  b: real
model:
  v: [a*x - b*y, b*x + a*y]
derive:
  J: {jacobian: v, wrt: [x, y]}
  lambda: {eigenvalues: J}
checks:
  - equal: lambda
    to: [a + b*i, a - b*i]
  - holds: abs(lambda)^2 == a^2 + b^2
    label: every eigenvalue has modulus sqrt(a^2 + b^2)
expect: verified
\`\`\`

The first check is proved (the derived and claimed eigenvalues agree exactly); the second holds at
every random instance, so the claim is verified.
`;

/** Writes the example into `dir`, or says in one line why not (an existing non-empty folder, a file). */
export function initClaims(dir: string): { ok: true; file: string } | { ok: false; problem: string } {
  if (existsSync(dir)) {
    if (!statSync(dir).isDirectory()) return { ok: false, problem: `${dir} exists and is not a folder` };
    if (readdirSync(dir).length > 0)
      return { ok: false, problem: `${dir} is not empty; init writes only into a new or empty folder` };
  }
  mkdirSync(dir, { recursive: true });
  const file = join(dir, EXAMPLE_FILE);
  writeFileSync(file, EXAMPLE_CLAIMS);
  return { ok: true, file };
}
