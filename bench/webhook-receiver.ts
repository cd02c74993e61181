/** @module The benchmark's webhook receiver, in its own process so it does not share the worker's event loop: answers 200 at once and reports when each event arrived. */
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { performance } from 'node:perf_hooks';

/** Messages the parent sends; each is answered with one {@link ReceiverReply}. */
export type ReceiverCommand = { readonly type: 'count' } | { readonly type: 'arrivals' } | { readonly type: 'reset' };
export type ReceiverReply =
  | { readonly type: 'listening'; readonly url: string }
  /** Requests received, and how many distinct events they carried (fewer when one arrived twice). */
  | { readonly type: 'count'; readonly count: number; readonly distinct: number }
  | { readonly type: 'arrivals'; readonly arrivals: [string, number][] };

/** Arrival times are epoch milliseconds with sub-millisecond precision, comparable across processes. */
const epochMs = () => performance.timeOrigin + performance.now();
const arrivals = new Map<string, number>();
let count = 0;

const server = http.createServer((request, response) => {
  const chunks: Buffer[] = [];
  request.on('data', (chunk: Buffer) => chunks.push(chunk));
  request.on('end', () => {
    const at = epochMs();
    const body = JSON.parse(Buffer.concat(chunks).toString('utf8')) as { payload?: { eventId?: string } };
    const eventId = body.payload?.eventId;
    // The first arrival is the one that counts for latency; a repeat only counts as a duplicate.
    if (eventId !== undefined && !arrivals.has(eventId)) arrivals.set(eventId, at);
    count += 1;
    response.writeHead(200, { 'content-type': 'application/json' });
    response.end('{}');
  });
});
server.keepAliveTimeout = 60_000;
server.listen(0, '127.0.0.1', () => {
  const reply: ReceiverReply = { type: 'listening', url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/hooks` };
  process.send?.(reply);
});

process.on('message', (command: ReceiverCommand) => {
  let reply: ReceiverReply;
  if (command.type === 'count') reply = { type: 'count', count, distinct: arrivals.size };
  else if (command.type === 'arrivals') reply = { type: 'arrivals', arrivals: [...arrivals] };
  else {
    arrivals.clear();
    count = 0;
    reply = { type: 'count', count, distinct: 0 };
  }
  process.send?.(reply);
});
process.on('disconnect', () => {
  server.closeAllConnections();
  server.close();
});
