import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { startCli } from './run-cli.js';

describe('carport serve', () => {
  it('prints the demo credentials, serves, and exits cleanly on SIGTERM after draining', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'carport-serve-'));
    const child = startCli(['serve', '--port', '0', '--host', '127.0.0.1'], { CARPORT_DATA_DIR: dataDir });
    let stdout = '';
    let stderr = '';
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString('utf8')));
    const exited = new Promise<number | null>((resolve) => child.on('close', resolve));
    const address = await new Promise<string>((resolve, reject) => {
      const timer = setTimeout(() => {
        reject(new Error(`no listening line; stdout: ${stdout}; stderr: ${stderr}`));
      }, 20_000);
      child.stdout.on('data', (chunk: Buffer) => {
        stdout += chunk.toString('utf8');
        const match = /"address":"(http:\/\/127\.0\.0\.1:\d+)"/.exec(stdout);
        if (match?.[1] !== undefined) {
          clearTimeout(timer);
          resolve(match[1]);
        }
      });
    });
    expect(stdout).toContain('Carport demo application (shown once)');
    expect(stderr).toContain('!!! WARNING: CARPORT_SECRET_KEY is unset');
    const health = await fetch(`${address}/healthz`);
    expect(health.status).toBe(200);
    const unauthenticated = await fetch(`${address}/v2.0/vehicles`);
    expect(unauthenticated.status).toBe(401);
    child.kill('SIGTERM');
    expect(await exited).toBe(0);
    const messages = stdout
      .split('\n')
      .filter((line) => line.startsWith('{'))
      .map((line) => (JSON.parse(line) as { msg: string }).msg);
    expect(messages.slice(-2)).toEqual(['shutting down: draining requests and background work', 'shutdown complete']);
  });
});
