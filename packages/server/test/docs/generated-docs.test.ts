import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { renderGeneratedDocs } from '../../src/docs/generated-docs.js';

const docsDir = join(import.meta.dirname, '..', '..', '..', '..', 'docs');

describe('generated documents', () => {
  it('are committed and current (run `npm run docs` after changing a catalog, a setting or a route)', () => {
    const generated = renderGeneratedDocs();
    expect(Object.keys(generated).sort()).toEqual(['configuration.md', 'errors.md', 'openapi.json', 'permissions.md']);
    for (const [name, content] of Object.entries(generated)) {
      expect(readFileSync(join(docsDir, name), 'utf8'), `docs/${name} is stale`).toBe(content);
    }
  });

  it('document every setting, every error code and every revocation reason', async () => {
    const generated = renderGeneratedDocs();
    const { settings } = await import('../../src/config/settings.js');
    const { errorCatalog } = await import('../../src/catalog/errors.js');
    const { revocationReasonCatalog } = await import('../../src/catalog/revocation-reasons.js');
    for (const setting of Object.values(settings)) expect(generated['configuration.md']).toContain(`\`${setting.env}\``);
    for (const entry of errorCatalog) expect(generated['errors.md']).toContain(`\`${entry.code ?? 'null'}\``);
    for (const entry of revocationReasonCatalog) expect(generated['errors.md']).toContain(`| \`${entry.reason}\` |`);
  });
});
