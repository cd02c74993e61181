/**
 * Many clients rotate their refresh tokens across two Carport processes on one PostgreSQL database
 * while one process is SIGKILLed with refreshes in flight, at a point the test sets up exactly: some
 * refreshes have committed but their answers are still on the way (a proxy swallows them), the others
 * wait on a row lock the test holds. Each cut-off client repeats its refresh with the same token on
 * the surviving process and gets a working pair: the winner's pair when the rotation had committed, a
 * fresh rotation when it had not. No family is revoked as reuse, no refresh token is lost, and every
 * client ends with an access token both processes accept.
 */
import { tmpdir } from 'node:os';
import { sql } from 'kysely';
import pg from 'pg';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { hashSecret } from '../../src/security/tokens.js';
import { createRepositories, migrateToLatest, openDatabase, type Repositories, type Store } from '../../src/store/index.js';
import { seedWorld } from '../helpers/test-world.js';
import { startTcpFaultProxy, type TcpFaultProxy } from '../helpers/tcp-fault-proxy.js';
import { deleteKeys, uniqueKeyPrefix } from '../limits/redis-harness.js';
import { createScratchPostgresDatabase, describePostgres, type ScratchDatabase } from '../store/database-harness.js';
import { faultTestSecretKey, logLinesWith, sharedEnv, startServerProcess, type ServerProcess } from './server-process.js';

const CLIENTS = 24;

/** One API client with its own application and token family. */
interface Client {
  readonly authorization: string;
  readonly vehicleId: string;
  refreshToken: string;
  accessToken: string;
}

interface TokenPair {
  readonly access_token: string;
  readonly refresh_token: string;
}

/** Sends one refresh; a connection cut before the answer rejects. */
async function refresh(origin: string, client: Client, refreshToken = client.refreshToken): Promise<{ status: number; pair: TokenPair | undefined }> {
  const response = await fetch(`${origin}/oauth/token`, {
    method: 'POST',
    headers: { authorization: client.authorization, 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({ grant_type: 'refresh_token', refresh_token: refreshToken }).toString(),
    // A refresh that never ends fails the test instead of stalling it.
    signal: AbortSignal.timeout(60_000),
  });
  const body: unknown = await response.json();
  return { status: response.status, pair: response.status === 200 ? (body as TokenPair) : undefined };
}

/** Takes the pair a refresh answered. */
function adopt(client: Client, answer: { status: number; pair: TokenPair | undefined }): void {
  expect(answer.status).toBe(200);
  if (answer.pair === undefined) throw new Error('no pair');
  client.refreshToken = answer.pair.refresh_token;
  client.accessToken = answer.pair.access_token;
}

function groupBy<T, K>(items: readonly T[], keyOf: (item: T) => K): Map<K, T[]> {
  const groups = new Map<K, T[]>();
  for (const item of items) groups.set(keyOf(item), [...(groups.get(keyOf(item)) ?? []), item]);
  return groups;
}

describePostgres('refresh-token rotation across two processes, one SIGKILLed mid-refresh', () => {
  const keyPrefix = uniqueKeyPrefix();
  let scratch: ScratchDatabase;
  let store: Store;
  let repositories: Repositories;
  let proxy: TcpFaultProxy | undefined;
  const processes: ServerProcess[] = [];
  const clients: Client[] = [];

  beforeAll(async () => {
    scratch = await createScratchPostgresDatabase();
    store = await openDatabase({ databaseUrl: scratch.url, dataDir: tmpdir() });
    await migrateToLatest(store);
    repositories = createRepositories(store, { secretKey: faultTestSecretKey });
    for (let index = 0; index < CLIENTS; index += 1) {
      const grant = await seedWorld(repositories);
      const secret = (await repositories.applications.rotateSecret(grant.clientId)) ?? '';
      clients.push({
        authorization: `Basic ${Buffer.from(`${grant.clientId}:${secret}`).toString('base64')}`,
        vehicleId: grant.vehicleIds[0] ?? '',
        refreshToken: grant.refreshToken,
        accessToken: grant.accessToken,
      });
    }
  });
  afterAll(async () => {
    await Promise.all(processes.map((server) => server.stop()));
    await proxy?.close();
    await store.close();
    await scratch.drop();
    await deleteKeys(keyPrefix);
  });

  const start = async (name: string): Promise<ServerProcess> => {
    // A refresh waiting on the test's row lock must not reach the statement timeout meanwhile.
    const server = await startServerProcess(name, { ...sharedEnv(scratch.url, keyPrefix), CARPORT_DB_QUERY_TIMEOUT_MS: '120000', CARPORT_READ_CACHE_TTL_MS: '0' });
    processes.push(server);
    return server;
  };

  /** Every client refreshes at once, half through each origin (alternating per round). */
  async function refreshAll(round: number, origins: readonly [string, string]): Promise<void> {
    const answers = await Promise.all(clients.map((client, index) => refresh(origins[(index + round) % 2] ?? '', client)));
    answers.forEach((answer, index) => {
      adopt(clients[index] as Client, answer);
    });
  }

  const tokenRows = (hashes: readonly string[]) => store.db.selectFrom('tokens').selectAll().where('refresh_token_hash', 'in', hashes).execute();

  it('loses no refresh token and revokes no family when a process dies mid-refresh', async () => {
    const [first, second] = await Promise.all([start('A'), start('B')]);
    // Clients reach A through a proxy, which can swallow A's answers.
    const toFirst = await startTcpFaultProxy({ host: '127.0.0.1', port: first.port });
    proxy = toFirst;
    const viaProxy = `http://${toFirst.host}:${toFirst.port}`;
    await refreshAll(0, [viaProxy, second.origin]);
    await refreshAll(1, [viaProxy, second.origin]);

    // The kill round: clients with an even index go to A. The first half of them get their refresh
    // committed with the answer swallowed; the second half wait on a row lock the test holds.
    const toA = clients.filter((_client, index) => index % 2 === 0);
    const toB = clients.filter((_client, index) => index % 2 === 1);
    const answerLost = toA.slice(0, toA.length / 2);
    const beforeCommit = toA.slice(toA.length / 2);
    const tokensAtKill = new Map(toA.map((client) => [client, client.refreshToken]));
    const lock = new pg.Client({ connectionString: scratch.url });
    await lock.connect();
    await lock.query('begin');
    await lock.query('select id from tokens where refresh_token_hash = any($1) for update', [beforeCommit.map((client) => hashSecret(client.refreshToken))]);
    toFirst.setMode('mute');
    const cutOff = toA.map((client) => refresh(viaProxy, client).then(
      () => 'answered' as const,
      () => 'cut off' as const,
    ));
    const survivorAnswers = await Promise.all(toB.map((client) => refresh(second.origin, client)));
    survivorAnswers.forEach((answer, index) => {
      adopt(toB[index] as Client, answer);
    });
    const lostHashes = answerLost.map((client) => hashSecret(client.refreshToken));
    await expect.poll(async () => (await tokenRows(lostHashes)).filter((row) => row.rotated_at !== null).length, { timeout: 30_000, interval: 50 }).toBe(answerLost.length);
    const waiting = async () => Number((await sql<{ count: string }>`select count(*) as count from pg_stat_activity where datname = current_database() and application_name = 'carport' and wait_event_type = 'Lock'`.execute(store.db)).rows[0]?.count);
    await expect.poll(waiting, { timeout: 30_000, interval: 50 }).toBe(beforeCommit.length);
    // The pairs A committed for the swallowed answers: what a retry must hand out.
    const lostParents = await tokenRows(lostHashes);
    const committedChildren = await store.db.selectFrom('tokens').select(['id', 'parent_id']).where('parent_id', 'in', lostParents.map((row) => row.id)).execute();
    expect(committedChildren).toHaveLength(answerLost.length);

    await first.kill();
    expect(await Promise.all(cutOff)).toEqual(toA.map(() => 'cut off'));
    await lock.query('rollback');
    await lock.end();

    // Each cut-off client repeats its refresh, with the same token, on the surviving process.
    const retries = await Promise.all(toA.map((client) => refresh(second.origin, client, tokensAtKill.get(client))));
    retries.forEach((answer, index) => {
      adopt(toA[index] as Client, answer);
    });
    const parentOf = new Map(lostParents.map((row) => [row.refresh_token_hash, row.id]));
    for (const client of answerLost) {
      const issued = await repositories.tokens.findByRefreshToken(client.refreshToken);
      const parent = parentOf.get(hashSecret(tokensAtKill.get(client) ?? ''));
      expect(issued?.id).toBe(committedChildren.find((child) => child.parent_id === parent)?.id);
    }
    for (const client of beforeCommit) {
      const issued = await repositories.tokens.findByRefreshToken(client.refreshToken);
      const previous = await repositories.tokens.findByRefreshToken(tokensAtKill.get(client) ?? '');
      expect(issued?.parentId).toBe(previous?.id);
    }

    const restarted = await start('A (restarted)');
    await refreshAll(3, [restarted.origin, second.origin]);
    await refreshAll(4, [restarted.origin, second.origin]);

    for (const origin of [restarted.origin, second.origin]) {
      const statuses = await Promise.all(clients.map(async (client) => (await fetch(`${origin}/v2.0/vehicles`, { headers: { authorization: `Bearer ${client.accessToken}` } })).status));
      expect(statuses).toEqual(clients.map(() => 200));
    }
    const rows = await store.db.selectFrom('tokens').selectAll().execute();
    expect(rows.filter((row) => row.revoked_at !== null)).toEqual([]);
    // One linear chain per family: five rotations each, every token but the newest rotated exactly
    // once, and the newest is the one its client holds.
    const families = groupBy(rows, (row) => row.family_id);
    expect(families.size).toBe(CLIENTS);
    const current = new Set(clients.map((client) => hashSecret(client.refreshToken)));
    for (const family of families.values()) {
      expect(family).toHaveLength(6);
      const children = groupBy(family.filter((row) => row.parent_id !== null), (row) => row.parent_id);
      expect([...children.values()].every((siblings) => siblings.length === 1)).toBe(true);
      const live = family.filter((row) => row.rotated_at === null);
      expect(live).toHaveLength(1);
      expect(current.has(live[0]?.refresh_token_hash ?? '')).toBe(true);
    }
    expect(logLinesWith(processes, 'refresh token reused; token family revoked')).toEqual([]);
    expect([second.exit(), restarted.exit(), first.exit()]).toEqual([null, null, { code: null, signal: 'SIGKILL' }]);
    console.log(
      `[faults] refresh SIGKILL across two processes: clients=${CLIENTS} refreshes raced=${5 * CLIENTS + toA.length} cut off by the kill=${toA.length} (committed, answer lost: ${answerLost.length}; before commit: ${beforeCommit.length}) retried=${retries.length} failed after retry=0 families revoked=0`,
    );
  }, 180_000);
});
