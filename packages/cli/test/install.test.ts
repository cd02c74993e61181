/** @module Install and start as the README's first line says: `npm ci && npm start` builds once, on a Node.js every dependency supports. */
import { spawn } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import semver from 'semver';
import { describe, expect, it } from 'vitest';
import { repositoryRoot, type CliResult } from './run-cli.js';

function run(command: string, args: readonly string[]): Promise<CliResult> {
  const child = spawn(command, args, { cwd: repositoryRoot, env: { ...process.env, npm_config_offline: 'true' } });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString('utf8')));
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString('utf8')));
  return new Promise((resolve, reject) => {
    child.on('error', reject);
    child.on('close', (code) => {
      resolve({ code, stdout, stderr });
    });
  });
}

interface Manifest {
  readonly name?: string;
  readonly version?: string;
  readonly engines?: { readonly node?: string };
}

function manifestOf(directory: string): Manifest {
  return JSON.parse(readFileSync(join(directory, 'package.json'), 'utf8')) as Manifest;
}

/** Every installed package's directory, nested installs included. */
function installedPackages(nodeModules: string): string[] {
  if (!existsSync(nodeModules)) return [];
  const found: string[] = [];
  for (const entry of readdirSync(nodeModules)) {
    if (entry.startsWith('.')) continue;
    const directory = join(nodeModules, entry);
    if (entry.startsWith('@')) {
      found.push(...installedPackages(directory));
      continue;
    }
    if (!existsSync(join(directory, 'package.json')) || statSync(directory).isSymbolicLink()) continue;
    found.push(directory, ...installedPackages(join(directory, 'node_modules')));
  }
  return found;
}

describe('install and start', () => {
  it('`npm start` does not build again when the build is up to date with the sources, and says so', async () => {
    // Brings the build up to date first, as `npm ci` (its `prepare`) leaves it.
    expect((await run(process.execPath, ['scripts/build.mjs'])).code).toBe(0);
    const outputs = [join(repositoryRoot, 'packages', 'server', 'dist', 'index.js'), join(repositoryRoot, 'packages', 'cli', 'dist', 'main.js')];
    const builtAt = outputs.map((file) => statSync(file).mtimeMs);
    const prestart = await run('npm', ['run', '--silent', 'prestart']);
    expect(prestart.code).toBe(0);
    expect(prestart.stdout).toMatch(/^build: checking packages\/server, packages\/emulators and packages\/cli against their last build \(tsc --build\)\nbuild: up to date, nothing compiled \(\d+\.\d s\)\n$/);
    expect(outputs.map((file) => statSync(file).mtimeMs)).toEqual(builtAt);
  }, 600_000);

  it('`engines` names only Node.js versions every installed dependency supports, and the README names the same', () => {
    const engines = manifestOf(repositoryRoot).engines?.node ?? '';
    const unsupported = installedPackages(join(repositoryRoot, 'node_modules'))
      .map(manifestOf)
      .filter(({ engines: required }) => required?.node !== undefined && !semver.subset(engines, required.node))
      .map(({ name, version, engines: required }) => `${name ?? '?'}@${version ?? '?'} needs Node.js ${required?.node ?? ''}`);
    expect(unsupported).toEqual([]);
    expect(semver.satisfies(process.version, engines)).toBe(true);
    expect(readFileSync(join(repositoryRoot, 'README.md'), 'utf8')).toContain(`Node.js \`${engines}\``);
  });
});
