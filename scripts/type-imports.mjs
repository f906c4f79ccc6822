// Declaration files are emitted with the sources' extensionless relative imports ('../model/claim'),
// which TypeScript resolves only under "bundler" resolution. A project on "node16"/"nodenext" (the
// usual setting for Node ESM) reads them as errors, or, with skipLibCheck, quietly as `any`. This
// gives each relative specifier in dist/types the extension Node's resolution needs.
import { existsSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';

const root = resolve(process.argv[2] ?? 'dist/types');
const SPECIFIER = /(\bfrom\s*|\bimport\s*\(\s*)(['"])(\.{1,2}\/[^'"]*)\2/g;

function withExtension(file, spec) {
  if (/\.(m?js|json)$/.test(spec)) return spec;
  const base = join(dirname(file), spec);
  if (existsSync(`${base}.d.ts`)) return `${spec}.js`;
  if (existsSync(join(base, 'index.d.ts'))) return `${spec}/index.js`;
  throw new Error(`${file}: cannot resolve the import '${spec}'`);
}

let rewritten = 0;
const walk = (dir) => {
  for (const name of readdirSync(dir)) {
    const p = join(dir, name);
    if (statSync(p).isDirectory()) walk(p);
    else if (name.endsWith('.d.ts')) {
      const text = readFileSync(p, 'utf8');
      const out = text.replace(SPECIFIER, (_m, head, q, spec) => `${head}${q}${withExtension(p, spec)}${q}`);
      if (out !== text) {
        writeFileSync(p, out);
        rewritten++;
      }
    }
  }
};
walk(root);
console.log(`type declarations: relative imports given extensions in ${rewritten} files`);
