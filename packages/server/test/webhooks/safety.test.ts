/** @module Callback safety: HTTPS in live mode, refused address ranges (literal and resolved), no redirects, capped responses. */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { networkInterfaces } from 'node:os';
import { addressClassOf, addressRefusal } from '../../src/webhooks/address-ranges.js';
import { CallbackSender } from '../../src/webhooks/callback-sender.js';
import { checkCallbackUrl } from '../../src/webhooks/callback-url-policy.js';
import { RefusedAddressError, safeLookup, type HostResolver } from '../../src/webhooks/safe-lookup.js';
import { MAX_RESPONSE_BYTES } from '../../src/webhooks/webhook-settings.js';
import { describeEachDatabase } from '../store/database-harness.js';
import { TestReceiver } from './receiver.js';
import { buildWebhookApp, json, managementAuth, webhookPermissions } from './webhook-app.js';
import { seedWorld } from '../helpers/test-world.js';

describe('address ranges', () => {
  it.each([
    ['127.0.0.1', 'loopback'],
    ['127.255.0.9', 'loopback'],
    ['0.0.0.0', 'loopback'],
    ['::1', 'loopback'],
    ['::', 'loopback'],
    ['::ffff:127.0.0.1', 'loopback'],
    ['::ffff:7f00:1', 'loopback'],
    ['10.1.2.3', 'private'],
    ['172.16.0.1', 'private'],
    ['172.31.255.255', 'private'],
    ['192.168.1.1', 'private'],
    ['100.64.0.1', 'private'],
    ['fd12:3456::1', 'private'],
    ['::ffff:a01:203', 'private'],
    ['169.254.169.254', 'link-local'],
    ['fe80::1', 'link-local'],
    ['224.0.0.1', 'reserved'],
    ['255.255.255.255', 'reserved'],
    ['192.0.0.8', 'reserved'],
    ['192.0.2.10', 'reserved'],
    ['198.18.0.1', 'reserved'],
    ['198.19.255.1', 'reserved'],
    ['198.51.100.7', 'reserved'],
    ['203.0.113.5', 'reserved'],
    ['2001:db8::1', 'reserved'],
    ['64:ff9b::808:808', 'reserved'],
    ['2002:c000:0204::1', 'reserved'],
    ['::808:808', 'reserved'],
    ['::ffff:203.0.113.5', 'reserved'],
    ['8.8.8.8', null],
    ['172.32.0.1', null],
    ['2001:4860:4860::8888', null],
  ])('%s is %s', (address, range) => {
    expect(addressClassOf(address)).toBe(range);
  });

  it('names the setting that would allow a refused address, and never allows reserved ranges', () => {
    expect(addressRefusal('10.0.0.1', [])).toBe('10.0.0.1 is a private address; set CARPORT_WEBHOOK_ALLOW_ADDRESSES to include private to allow it');
    expect(addressRefusal('10.0.0.1', ['private'])).toBeNull();
    expect(addressRefusal('224.0.0.1', ['loopback', 'private', 'link-local'])).toBe('224.0.0.1 is a multicast, reserved or other special-purpose address, which webhooks never reach');
  });

  it("counts this machine's own interface addresses as loopback, whatever their range", () => {
    const own = Object.values(networkInterfaces())
      .flatMap((entries) => entries ?? [])
      .map((entry) => entry.address.replace(/%.*$/, ''));
    expect(own.length).toBeGreaterThan(0);
    for (const address of own) expect(addressClassOf(address), address).not.toBeNull();
    expect(own.filter((address) => addressClassOf(address) === null)).toEqual([]);
  });
});

describe('callback URL policy', () => {
  it.each([
    ['https://hooks.example.com/carport', 'live', { ok: true, url: 'https://hooks.example.com/carport' }],
    ['http://hooks.example.com/carport', 'live', { ok: false, problem: 'must use https:// for a live-mode webhook' }],
    ['http://hooks.example.com/carport', 'test', { ok: true, url: 'http://hooks.example.com/carport' }],
    ['ftp://hooks.example.com/', 'test', { ok: false, problem: 'must be an http:// or https:// URL' }],
    ['hooks.example.com', 'test', { ok: false, problem: 'must be an absolute http:// or https:// URL' }],
    ['https://user:secret@hooks.example.com/', 'live', { ok: false, problem: 'must not contain a user name or password' }],
    ['https://hooks.example.com/#x', 'live', { ok: false, problem: 'must not contain a fragment (#...)' }],
    ['https://127.0.0.1/hooks', 'live', { ok: false, problem: 'is refused: 127.0.0.1 is a loopback address; set CARPORT_WEBHOOK_ALLOW_ADDRESSES to include loopback to allow it' }],
    ['https://[::ffff:169.254.169.254]/latest', 'live', { ok: false, problem: 'is refused: ::ffff:a9fe:a9fe is a link-local address; set CARPORT_WEBHOOK_ALLOW_ADDRESSES to include link-local to allow it' }],
    ['http://10.0.0.7:8080/hooks', 'simulated', { ok: false, problem: 'is refused: 10.0.0.7 is a private address; set CARPORT_WEBHOOK_ALLOW_ADDRESSES to include private to allow it' }],
    ['http://localhost:3000/hooks', 'simulated', { ok: false, problem: 'is refused: localhost is a loopback name; set CARPORT_WEBHOOK_ALLOW_ADDRESSES to include loopback to allow it' }],
    ['http://api.localhost/hooks', 'simulated', { ok: false, problem: 'is refused: api.localhost is a loopback name; set CARPORT_WEBHOOK_ALLOW_ADDRESSES to include loopback to allow it' }],
  ] as const)('%s in %s mode', (url, mode, expected) => {
    expect(checkCallbackUrl(url, mode, [])).toEqual(expected);
  });

  it('allows loopback when configured', () => {
    expect(checkCallbackUrl('http://localhost:3000/hooks', 'simulated', ['loopback'])).toEqual({ ok: true, url: 'http://localhost:3000/hooks' });
  });
});

describe('resolution-time checks', () => {
  it('refuses a host name that resolves to a refused range, on the addresses the socket would use', async () => {
    const lookup = safeLookup([]);
    const outcome = await new Promise<{ error: Error | null; address: unknown }>((resolve) => {
      lookup('localhost', { all: true }, (error, address) => {
        resolve({ error, address });
      });
    });
    expect(outcome.error).toBeInstanceOf(RefusedAddressError);
    expect(outcome.error?.message).toBe('localhost resolves to 127.0.0.1 is a loopback address; set CARPORT_WEBHOOK_ALLOW_ADDRESSES to include loopback to allow it');
    const allowed = await new Promise<unknown>((resolve) => {
      safeLookup(['loopback'])('localhost', { family: 4 }, (_error, address) => {
        resolve(address);
      });
    });
    expect(allowed).toBe('127.0.0.1');
  });
});

describe('callback sender', () => {
  let receiver: TestReceiver;
  let sender: CallbackSender;
  beforeEach(async () => {
    receiver = await TestReceiver.start();
    sender = new CallbackSender({ timeoutMs: 1_000, allowedAddressClasses: ['loopback'], maxResponseBytes: MAX_RESPONSE_BYTES, connectionsPerOrigin: 4 });
  });
  afterEach(async () => {
    await sender.close();
    await receiver.close();
  });
  const post = (url: string) => sender.post({ url, mode: 'simulated', body: '{"eventName":"eventBased"}', headers: {} });

  it('does not follow redirects', async () => {
    receiver.responder = () => ({ status: 302, headers: { location: receiver.url('/elsewhere') } });
    const outcome = await post(receiver.url());
    expect(outcome).toMatchObject({ statusCode: 302, error: `redirect to ${receiver.url('/elsewhere')} not followed` });
    expect(receiver.requests.map((request) => request.url)).toEqual(['/hooks']);
  });

  it('reads at most the capped number of response bytes', async () => {
    receiver.responder = () => ({ status: 200, body: 'x'.repeat(4 * MAX_RESPONSE_BYTES) });
    const outcome = await post(receiver.url());
    expect(outcome.statusCode).toBe(200);
    expect(outcome.error).toBeNull();
    expect(outcome.responseBody).toBe('x'.repeat(MAX_RESPONSE_BYTES));
  });

  it('refuses loopback unless configured, through a name as well as a literal address', async () => {
    // A public-looking name that resolves to loopback (DNS rebinding): caught on the resolved address.
    const rebinding: HostResolver = (hostname, _options, callback) => {
      callback(null, hostname === 'hooks.example.test' ? [{ address: '127.0.0.1', family: 4 }] : []);
    };
    const strict = new CallbackSender({ timeoutMs: 1_000, allowedAddressClasses: [], maxResponseBytes: 1024, connectionsPerOrigin: 1 }, rebinding);
    const lenient = new CallbackSender({ timeoutMs: 1_000, allowedAddressClasses: ['loopback'], maxResponseBytes: 1024, connectionsPerOrigin: 1 }, rebinding);
    const named = receiver.url().replace('127.0.0.1', 'hooks.example.test');
    const literal = await strict.post({ url: receiver.url(), mode: 'simulated', body: '{}', headers: {} });
    const refused = await strict.post({ url: named, mode: 'simulated', body: '{}', headers: {} });
    expect(literal).toEqual({ statusCode: null, latencyMs: 0, error: 'callback URL is refused: 127.0.0.1 is a loopback address; set CARPORT_WEBHOOK_ALLOW_ADDRESSES to include loopback to allow it', responseBody: '' });
    expect(refused).toMatchObject({ statusCode: null, error: 'refused: hooks.example.test resolves to 127.0.0.1 is a loopback address; set CARPORT_WEBHOOK_ALLOW_ADDRESSES to include loopback to allow it' });
    expect(receiver.requests).toEqual([]);
    // The same name is reached when loopback is allowed: the check sits on the socket's own lookup.
    receiver.token = 'unused';
    expect(await lenient.post({ url: named, mode: 'simulated', body: '{"eventName":"eventBased"}', headers: {} })).toMatchObject({ statusCode: 200, error: null });
    await strict.close();
    await lenient.close();
  });
});

describeEachDatabase('callback safety through the Management API', (getStore) => {
  it('refuses a loopback callback at creation unless configuration allows it', async () => {
    const harness = await buildWebhookApp(getStore(), { env: { CARPORT_WEBHOOK_ALLOW_ADDRESSES: 'none' } });
    try {
      const seeded = await seedWorld(harness.repositories, { permissions: webhookPermissions });
      const response = await harness.app.inject({
        method: 'POST',
        url: '/v2.0/management/webhooks',
        headers: managementAuth(seeded.managementToken),
        payload: { name: 'Local', callbackUrl: 'http://127.0.0.1:9/hooks', kind: 'eventBased', mode: 'simulated', eventTypes: ['CHARGING_STARTED'] },
      });
      expect(response.statusCode).toBe(400);
      expect(json(response).detail).toEqual([
        { field: 'body.callbackUrl', message: 'is refused: 127.0.0.1 is a loopback address; set CARPORT_WEBHOOK_ALLOW_ADDRESSES to include loopback to allow it' },
      ]);
    } finally {
      await harness.app.close();
    }
  });
});
