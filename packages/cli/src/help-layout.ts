/**
 * @module The layout of `--help`: what a command does comes before how to configure it, so commands
 * are listed before options (Commander lists them after; at the top level they would follow some
 * thirty server settings).
 */
import type { Command, Help } from 'commander';

/** Commander's help with its sections in the order usage, description, arguments, commands, options. */
export function formatHelpCommandsFirst(command: Command, helper: Help): string {
  const width = helper.padWidth(command, helper);
  const helpWidth = helper.helpWidth ?? 80;
  const item = (term: string, description: string): string => helper.formatItem(term, width, description, helper);
  const output = [`${helper.styleTitle('Usage:')} ${helper.styleUsage(helper.commandUsage(command))}`, ''];
  const description = helper.commandDescription(command);
  if (description.length > 0) output.push(helper.boxWrap(helper.styleCommandDescription(description), helpWidth), '');
  const argumentItems = helper
    .visibleArguments(command)
    .map((argument) => item(helper.styleArgumentTerm(helper.argumentTerm(argument)), helper.styleArgumentDescription(helper.argumentDescription(argument))));
  output.push(...helper.formatItemList('Arguments:', argumentItems, helper));
  const commandGroups = helper.groupItems([...command.commands], helper.visibleCommands(command), (sub) => sub.helpGroup() || 'Commands:');
  for (const [heading, commands] of commandGroups) {
    const items = commands.map((sub) => item(helper.styleSubcommandTerm(helper.subcommandTerm(sub)), helper.styleSubcommandDescription(helper.subcommandDescription(sub))));
    output.push(...helper.formatItemList(heading, items, helper));
  }
  const optionGroups = helper.groupItems([...command.options], helper.visibleOptions(command), (option) => option.helpGroupHeading ?? 'Options:');
  for (const [heading, options] of optionGroups) {
    const items = options.map((option) => item(helper.styleOptionTerm(helper.optionTerm(option)), helper.styleOptionDescription(helper.optionDescription(option))));
    output.push(...helper.formatItemList(heading, items, helper));
  }
  return output.join('\n');
}
