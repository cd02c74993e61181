/** @module Runs one load in its own process (so the generator does not share the server's event loop) and prints the result as JSON. */
import { runLoad, type LoadOptions } from './load.js';

const options = JSON.parse(process.argv[2] ?? '{}') as LoadOptions;
process.stdout.write(`${JSON.stringify(await runLoad(options))}\n`);
