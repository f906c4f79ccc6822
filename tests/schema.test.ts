import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { claimJsonSchema } from '../src/parse/claim';

const ROOT = join(__dirname, '..');

describe('claim.schema.json', () => {
  it('is what the generator produces from the field declarations (run npm run schema after changing them)', () => {
    expect(readFileSync(join(ROOT, 'claim.schema.json'), 'utf8')).toBe(`${JSON.stringify(claimJsonSchema(), null, 2)}\n`);
  });

  it('carries the fields\' help texts as descriptions', () => {
    const schema = claimJsonSchema() as { properties: Record<string, { description: string }> };
    expect(schema.properties.statement!.description).toBe('the statement in LaTeX as the lecture writes it');
    const checks = JSON.stringify(schema.properties.checks);
    expect(checks).toContain('the claimed closed form');
    expect(checks).toContain('equal: ');
  });
});
