import { loadClaimFiles } from './src/parse/index';
import { deriveCase, sizeCases } from './src/derive/index';
const docs = loadClaimFiles('claims');
const claim = docs.flatMap((d) => d.parts).find((p) => p.type === 'claim' && p.claim.id === 'l14.lemma7') as any;
for (let rep = 0; rep < 2; rep++) {
  const t0 = performance.now();
  for (const sizes of sizeCases(claim.claim)) {
    const t = performance.now();
    deriveCase(claim.claim, sizes);
    if (rep === 1) console.log([...sizes].join(' '), (performance.now() - t).toFixed(0));
  }
  console.log('total', (performance.now() - t0).toFixed(0));
}
