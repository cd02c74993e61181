/** @module Writes the generated documents under docs/ (run `npm run docs` after changing a catalog, a setting or a route). */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { renderGeneratedDocs } from '@carport/server';

const docsDir = join(import.meta.dirname, '..', 'docs');
for (const [name, content] of Object.entries(renderGeneratedDocs())) {
  writeFileSync(join(docsDir, name), content);
  process.stdout.write(`wrote docs/${name}\n`);
}
