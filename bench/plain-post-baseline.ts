/** @module Plain unsigned POSTs to the benchmark's receiver with autocannon, in its own process: what the receiver and the loopback network sustain without Carport. */
// Run by bench/webhooks.ts: `tsx bench/plain-post-baseline.ts <url> <connections> <requests> <body>`; prints {"requests":n,"seconds":s}.
import autocannon from 'autocannon';

const [url, connections, amount, body] = process.argv.slice(2);
if (url === undefined || connections === undefined || amount === undefined || body === undefined) throw new Error('usage: plain-post-baseline.ts <url> <connections> <requests> <body>');
const result = await autocannon({
  url,
  method: 'POST',
  connections: Number(connections),
  amount: Number(amount),
  headers: { 'content-type': 'application/json' },
  body,
});
process.stdout.write(`${JSON.stringify({ requests: result.requests.total, seconds: result.duration, errors: result.errors + result.non2xx })}\n`);
