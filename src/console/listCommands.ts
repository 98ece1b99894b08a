/** The `list`, `allow`, `block` and `remove` commands. */
import type { ListEntry } from '../policy/listIndex.js';
import { formatPattern, parseListPattern } from '../policy/numbers.js';
import { describeNumberError, type CommandContext, type CommandHandler } from './commandContext.js';
import { parseListWord } from './commandTable.js';
import { splitNumberAndName } from './inputLine.js';
import type { MessageId } from './messages.js';

/** Returns the name of a list for use inside a sentence. */
export function listName(context: CommandContext, list: 'allow' | 'block'): string {
  return context.translate(list === 'allow' ? 'allowlist' : 'blocklist');
}

/** `list [allow|block]`: shows one list or both. */
export const listCommand: CommandHandler = async (context, args) => {
  if (args.length > 1) {
    return context.translate('unexpectedWord', { word: args[1]!.text, usage: context.usage('list') });
  }

  let lists: ('allow' | 'block')[] = ['allow', 'block'];
  if (args.length === 1) {
    const chosen = parseListWord(args[0]!.text, context.session.locale);
    if (chosen === null) {
      return context.translate('unexpectedWord', { word: args[0]!.text, usage: context.usage('list') });
    }
    lists = [chosen];
  }

  const snapshot = context.deps.lists.snapshot();
  const sections = lists.map((list) => {
    const titleId: MessageId = list === 'allow' ? 'allowlistTitle' : 'blocklistTitle';
    const entries = snapshot[list];
    const lines = entries.length === 0 ? [context.translate('listEmpty')] : formatEntries(entries);
    return [context.translate(titleId, { count: entries.length }), ...lines].join('\n');
  });
  return sections.join('\n\n');
};

function formatEntries(entries: readonly ListEntry[]): string[] {
  const width = Math.max(...entries.map((entry) => formatPattern(entry.pattern).length));
  return entries.map((entry) => `  ${formatPattern(entry.pattern).padEnd(width)}  ${entry.name}`.trimEnd());
}

/** Builds the handler of `allow` or `block`. */
function addCommand(list: 'allow' | 'block'): CommandHandler {
  return async (context, args) => {
    if (args.length === 0) {
      return context.translate('missingArgument', { argument: 'NUMBER', usage: context.usage(list) });
    }
    const { number, name } = splitNumberAndName(args);

    let result;
    try {
      result = await context.deps.lists.add(list, number, name, 'console');
    } catch (error) {
      return describeNumberError(context, number, error);
    }

    const pattern = formatPattern(result.entry.pattern);
    const lines: string[] = [];
    if (result.replaced !== null) {
      lines.push(
        context.translate('entryRenamed', {
          pattern,
          list: listName(context, list),
          name: result.entry.name,
        }),
      );
    } else {
      const id: MessageId = result.entry.name === '' ? 'entryAddedWithoutName' : 'entryAdded';
      lines.push(
        context.translate(id, { number, pattern, list: listName(context, list), name: result.entry.name }),
      );
    }
    if (result.movedFrom !== null)
      lines.push(context.translate('entryMoved', { list: listName(context, result.movedFrom) }));
    return lines.join(' ');
  };
}

export const allowCommand = addCommand('allow');
export const blockCommand = addCommand('block');

/** `remove NUMBER`: removes the entries with exactly this number or prefix from both lists. */
export const removeCommand: CommandHandler = async (context, args) => {
  if (args.length === 0) {
    return context.translate('missingArgument', { argument: 'NUMBER', usage: context.usage('remove') });
  }
  const number = args.map((word) => word.text).join(' ');

  let pattern: string;
  let removed: ListEntry[];
  try {
    pattern = formatPattern(parseListPattern(number, context.numberContext));
    removed = await context.deps.lists.remove(number);
  } catch (error) {
    return describeNumberError(context, number, error);
  }

  if (removed.length === 0) return context.translate('entryNotFound', { number, pattern });
  return removed
    .map((entry) =>
      context.translate('entryRemoved', { pattern, name: entry.name, list: listName(context, entry.list) }),
    )
    .join('\n');
};
