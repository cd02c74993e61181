/** @module Entry point of the `carport` command: runs the program and turns failures into exit codes. */
import { CommanderError } from 'commander';
import { ConfigError, StartupError } from '@carport/server/core';
import { buildProgram } from './program.js';

// A reader that stops early (`carport apps list | head -1`) closes the pipe; the rest of the output
// has nowhere to go, which is what the user asked for, not a failure to report with a stack trace.
process.stdout.on('error', (error: NodeJS.ErrnoException) => {
  if (error.code === 'EPIPE') return;
  process.stderr.write(`carport: cannot write to standard output: ${error.message}\n`);
  process.exitCode = 1;
});

try {
  await buildProgram().parseAsync(process.argv);
} catch (error) {
  if (error instanceof CommanderError) {
    process.exitCode = error.exitCode;
  } else if (error instanceof StartupError) {
    // A start-up message is the whole answer (it says what to do), so it stands alone.
    process.stderr.write(`${error.message}\n`);
    process.exitCode = 1;
  } else if (error instanceof ConfigError) {
    process.stderr.write(`carport: ${error.message}\n`);
    process.exitCode = 2;
  } else {
    process.stderr.write(`carport: ${error instanceof Error ? error.message : String(error)}\n`);
    process.exitCode = 1;
  }
}
