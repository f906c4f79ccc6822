// Writes claim.schema.json (the JSON Schema of a claim block) from the parser's own field
// declarations, and the README's tables of steps, checks and figures from each kind's readme
// rows; tests/schema.test.ts fails when either committed file is out of date.
import { readFileSync, writeFileSync } from 'node:fs';
import { claimJsonSchema } from '../src/parse/claim-schema';
import { withKindTables } from '../src/kinds/readme-tables';

writeFileSync(new URL('../claim.schema.json', import.meta.url), `${JSON.stringify(claimJsonSchema(), null, 2)}\n`);
const readme = new URL('../README.md', import.meta.url);
writeFileSync(readme, withKindTables(readFileSync(readme, 'utf8')));
