// Builds both packages with `tsc --build`, which compiles a package only when its sources changed
// since its last build (recorded in dist/.tsbuildinfo), so `npm ci && npm start` compiles once.
// Plain JavaScript because it runs before anything is compiled.
import { spawnSync } from 'node:child_process';
import { statSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { performance } from 'node:perf_hooks';
import process from 'node:process';

const root = join(import.meta.dirname, '..');
const projects = ['packages/server/tsconfig.build.json', 'packages/emulators/tsconfig.build.json', 'packages/cli/tsconfig.build.json'];
const tsc = createRequire(import.meta.url).resolve('typescript/bin/tsc');

/** When the project was last built (its build info is rewritten by every build), or 0 when never. */
function builtAt(project) {
  try {
    return statSync(join(root, dirname(project), 'dist', '.tsbuildinfo')).mtimeMs;
  } catch {
    return 0;
  }
}

const before = projects.map(builtAt);
const started = performance.now();
process.stdout.write('build: checking packages/server, packages/emulators and packages/cli against their last build (tsc --build)\n');
const result = spawnSync(process.execPath, [tsc, '--build', ...projects], { cwd: root, stdio: 'inherit' });
if (result.status !== 0) process.exit(result.status ?? 1);
const compiled = projects.filter((project, index) => builtAt(project) !== before[index]).map(dirname);
const seconds = ((performance.now() - started) / 1000).toFixed(1);
process.stdout.write(
  compiled.length === 0
    ? `build: up to date, nothing compiled (${seconds} s)\n`
    : `build: compiled ${compiled.join(' and ')} (${seconds} s)\n`,
);
