// Starts the TypeScript worker under tsx (tests and `tsx` runs); the built CLI uses dist/worker.mjs directly.
import { register } from 'tsx/esm/api';
register();
await import('./worker.ts');
