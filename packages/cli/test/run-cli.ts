/** @module Runs the `carport` command in a child process, as a user would: from source, or the built `bin/carport.js`. */
import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { join } from 'node:path';

/** The top of the checkout these tests run in. */
export const repositoryRoot = join(import.meta.dirname, '..', '..', '..');
const entry = join(repositoryRoot, 'packages', 'cli', 'src', 'main.ts');
/** The installed command (`npx carport`), which runs the build in `dist` (`npm run build` first). */
export const builtEntry = join(repositoryRoot, 'packages', 'cli', 'bin', 'carport.js');

/** What every command that opens the embedded database of `env` first writes to standard error. */
export function databaseLine(env: Readonly<Record<string, string>>): string {
  return `carport: using the SQLite database ${join(env.CARPORT_DATA_DIR ?? '', 'carport.sqlite')}\n`;
}

export interface CliResult {
  readonly code: number | null;
  readonly stdout: string;
  readonly stderr: string;
}

/** Environment for a child: the test's own variables plus `env`, without any inherited Carport setting. */
export function childEnv(env: Record<string, string>): NodeJS.ProcessEnv {
  const inherited = Object.fromEntries(
    Object.entries(process.env).filter(([name]) => !/^(PORT|HOST|PUBLIC_URL|DATABASE_URL|CARPORT_|LOG_LEVEL|NODE_ENV)/.test(name)),
  );
  return { ...inherited, ...env };
}

/** Starts `carport <args>` (from TypeScript source, through tsx). */
export function startCli(args: readonly string[], env: Record<string, string>): ChildProcessWithoutNullStreams {
  return spawn(process.execPath, ['--conditions=source', '--import', 'tsx', entry, ...args], {
    cwd: repositoryRoot,
    env: childEnv(env),
  });
}

/** Starts the built `carport <args>`, as `npx carport` runs it (from the top of the checkout unless `cwd` says otherwise). */
export function startBuiltCli(args: readonly string[], env: Record<string, string>, cwd: string = repositoryRoot): ChildProcessWithoutNullStreams {
  return spawn(process.execPath, [builtEntry, ...args], { cwd, env: childEnv(env) });
}

/** Runs the built `carport <args>` to completion. */
export function runBuiltCli(args: readonly string[], env: Record<string, string>, cwd?: string): Promise<CliResult> {
  return completion(startBuiltCli(args, env, cwd));
}

/** Runs `carport <args>` to completion. */
export function runCli(args: readonly string[], env: Record<string, string>): Promise<CliResult> {
  return completion(startCli(args, env));
}

function completion(child: ChildProcessWithoutNullStreams): Promise<CliResult> {
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
