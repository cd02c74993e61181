/** @module Every server setting as a CLI flag, so the CLI reads exactly the configuration the server reads. */
import type { Command } from 'commander';
import { loadConfig, settings, type Config, type ConfigSources } from '@carport/server/core';

/** Adds one `--flag <value>` per setting that may safely appear on a command line. */
export function addSettingFlags(command: Command): Command {
  for (const setting of Object.values(settings)) {
    if (setting.flag === null) continue;
    command.option(`--${setting.flag} <value>`, `${setting.description} (env ${setting.env})`);
  }
  return command;
}

/** Where the command's settings come from: the environment, with the command's flags taking precedence. */
export function sourcesFrom(command: Command, env: NodeJS.ProcessEnv = process.env): ConfigSources {
  const options = command.optsWithGlobals<Record<string, unknown>>();
  const flags: Record<string, string | undefined> = {};
  for (const setting of Object.values(settings)) {
    if (setting.flag === null) continue;
    const value = options[camelCase(setting.flag)];
    if (typeof value === 'string') flags[setting.flag] = value;
  }
  return { env, flags };
}

/** Loads the configuration from the environment, with the command's flags taking precedence. */
export function configFrom(command: Command, env: NodeJS.ProcessEnv = process.env): Config {
  return loadConfig(sourcesFrom(command, env));
}

function camelCase(flag: string): string {
  return flag.replace(/-([a-z])/g, (_match, letter: string) => letter.toUpperCase());
}
