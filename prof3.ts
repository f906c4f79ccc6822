import * as N from './src/symbolic/nerd';
import { loadClaimFiles } from './src/parse/index';
import { deriveCase, sizeCases } from './src/derive/index';
const stats: Record<string, [number, number]> = {};
for (const k of ['normal', 'expand', 'diff', 'substitute', 'coefficients', 'variables', 'simplify'] as const) {
  const orig = (N as any)[k];
  (N as any)[k] = orig;
}
const docs = loadClaimFiles('claims');
const id = process.argv[2];
const claim = docs.flatMap((d) => d.parts).find((p) => p.type === 'claim' && p.claim.id === id) as any;
const t0 = performance.now();
for (const sizes of sizeCases(claim.claim)) deriveCase(claim.claim, sizes);
console.log('total', (performance.now() - t0).toFixed(0));
