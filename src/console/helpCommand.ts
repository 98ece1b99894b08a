/** The `help` command: every command in one line each, or one command in detail. */
import { promptOverrideDir } from '../call/promptFiles.js';
import { TIMEOUTS } from '../util/timeouts.js';
import type { CommandContext, CommandHandler } from './commandContext.js';
import { COMMANDS, commandNames, findCommand, helpMessageIds, type CommandId } from './commandTable.js';
import { MAX_LOG_COUNT } from './recordCommands.js';
import { SETTING_KEYS } from './settings.js';

/** `help [COMMAND]`. */
export const helpCommand: CommandHandler = async (context, args) => {
  if (args.length > 1)
    return context.translate('unexpectedWord', { word: args[1]!.text, usage: context.usage('help') });
  if (args.length === 0) return listCommands(context);

  const id = findCommand(args[0]!.text, context.session.locale);
  if (id === null) return context.translate('unknownCommand', { command: args[0]!.text });
  return describeCommand(context, id);
};

function listCommands(context: CommandContext): string {
  const usages = COMMANDS.map((command) => context.usage(command.id));
  const width = Math.max(...usages.map((usage) => usage.length));
  const lines = COMMANDS.map(
    (command, index) =>
      `  ${usages[index]!.padEnd(width)}  ${context.translate(helpMessageIds(command.id).summary)}`,
  );
  return [context.translate('helpHeading'), ...lines].join('\n');
}

/** Shows the usage, details, other names and an example of one command. */
export function describeCommand(context: CommandContext, id: CommandId): string {
  const ids = helpMessageIds(id);
  const details = context.translate(ids.details, {
    max: MAX_LOG_COUNT,
    keys: SETTING_KEYS.join(', '),
    baseDir: context.deps.baseDir,
    promptsDir: promptOverrideDir(context.deps.config),
    armSeconds: TIMEOUTS.promptRecordingArmed / 1000,
    silenceSeconds: TIMEOUTS.promptRecordingSilence / 1000,
    maxSeconds: TIMEOUTS.promptRecordingMax / 1000,
  });
  const names = commandNames(id, context.session.locale);

  const lines = [
    context.translate('usage', { usage: context.usage(id) }),
    '',
    context.translate(ids.summary),
    details,
  ];
  if (names.length > 1) lines.push(context.translate('helpAliases', { names: names.join(', ') }));
  lines.push('', context.translate('helpExample'), `  ${context.translate(ids.example)}`);
  return lines.join('\n');
}
