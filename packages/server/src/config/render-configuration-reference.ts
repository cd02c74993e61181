/** @module Renders the configuration reference (docs/configuration.md) from the setting definitions. */
import { settings } from './settings.js';

/** Markdown table of every setting, generated so the docs can never drift from the loader. */
export function renderConfigurationReference(): string {
  const rows = Object.values(settings).map((setting) => {
    const flag = setting.flag === null ? '(environment only)' : `\`--${setting.flag}\``;
    return `| \`${setting.env}\` | ${flag} | ${setting.description} | ${setting.accepts} | ${setting.defaultText} |`;
  });
  return [
    '# Configuration reference',
    '',
    '<!-- Generated from packages/server/src/config/settings.ts by `npm run docs`; do not edit by hand. -->',
    '',
    'Every setting is read from the environment; the CLI accepts the same settings as flags, which take',
    'precedence. Values are validated once at start: an invalid value stops start-up with a message naming',
    'the variable and what it accepts.',
    '',
    '| variable | flag | what it does | accepts | default |',
    '| --- | --- | --- | --- | --- |',
    ...rows,
    '',
  ].join('\n');
}
