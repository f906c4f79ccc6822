// Writes claim.schema.json (the JSON Schema of a claim block) from the parser's own field
// declarations; tests/schema.test.ts fails when the committed file is out of date.
import { writeFileSync } from 'node:fs';
import { claimJsonSchema } from '../src/parse/claim';

writeFileSync(new URL('../claim.schema.json', import.meta.url), `${JSON.stringify(claimJsonSchema(), null, 2)}\n`);
