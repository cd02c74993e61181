/** @module The baseline: a bare Fastify route answering a constant odometer body, in a process of its own. */
import fastify from 'fastify';
import { answerCpuQuestions } from './cpu-report.js';

const bare = fastify({ logger: false });
bare.get('/odometer', () => ({ distance: 12_345.6 }));
const url = await bare.listen({ port: 0, host: '127.0.0.1' });
answerCpuQuestions();
process.send?.({ url });
process.once('SIGTERM', () => {
  void bare.close().then(() => process.exit(0));
});
