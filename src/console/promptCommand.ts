/**
 * The `prompt` command: lists the spoken prompts, replaces one with a WAV file or a recording
 * made at the desk phone, and goes back to the shipped one.
 */
import { readFile, stat } from 'node:fs/promises';
import { resolve } from 'node:path';

import {
  hasPromptOverride,
  isPromptName,
  promptOverrideDir,
  promptOverridePath,
  removePromptOverride,
  writePromptOverride,
} from '../call/promptFiles.js';
import { PROMPT_NAMES, type PromptName } from '../call/prompts.js';
import { SAMPLES_PER_MS, wavToModemAudio } from '../protocol/audio.js';
import { describeWriteFailure } from '../storage/fileSystem.js';
import { errorMessage, isVorzimmerError } from '../util/errors.js';
import { TIMEOUTS } from '../util/timeouts.js';
import type { CommandContext, CommandHandler } from './commandContext.js';
import { isArgumentWord } from './commandTable.js';
import type { Word } from './inputLine.js';
import { MAX_IMPORT_BYTES } from './transferCommands.js';

/** `prompt list | import NAME FILE | reset NAME | record NAME`. */
export const promptCommand: CommandHandler = async (context, args) => {
  const [subcommand, ...rest] = args;
  if (subcommand === undefined) return missing(context);

  const locale = context.session.locale;
  if (isArgumentWord(subcommand.text, 'promptList', locale)) {
    if (rest.length > 0) return unexpected(context, rest[0]!);
    return listPrompts(context);
  }
  if (isArgumentWord(subcommand.text, 'promptImport', locale)) {
    if (rest.length < 2) return missing(context);
    if (rest.length > 2) return unexpected(context, rest[2]!);
    return importPrompt(context, rest[0]!.text, rest[1]!.text);
  }
  if (isArgumentWord(subcommand.text, 'promptReset', locale)) {
    if (rest.length < 1) return missing(context);
    if (rest.length > 1) return unexpected(context, rest[1]!);
    return resetPrompt(context, rest[0]!.text);
  }
  if (isArgumentWord(subcommand.text, 'promptRecord', locale)) {
    if (rest.length < 1) return missing(context);
    if (rest.length > 1) return unexpected(context, rest[1]!);
    return armRecording(context, rest[0]!.text);
  }
  return unexpected(context, subcommand);
};

function missing(context: CommandContext): string {
  return context.translate('missingArgument', { usage: context.usage('prompt') });
}

function unexpected(context: CommandContext, word: Word): string {
  return context.translate('unexpectedWord', { word: word.text, usage: context.usage('prompt') });
}

/** Returns the prompt name, or the text that rejects an unknown one. */
function checkName(context: CommandContext, name: string): { name: PromptName } | { rejection: string } {
  const lowerCase = name.toLowerCase();
  if (isPromptName(lowerCase)) return { name: lowerCase };
  return { rejection: context.translate('promptNameUnknown', { name, names: PROMPT_NAMES.join(', ') }) };
}

function overridePath(context: CommandContext, name: PromptName): string {
  const { config } = context.deps;
  return promptOverridePath(promptOverrideDir(config), config.locale, name);
}

async function listPrompts(context: CommandContext): Promise<string> {
  const { config } = context.deps;
  const width = Math.max(...PROMPT_NAMES.map((name) => name.length));
  const lines = [
    context.translate('promptListHeading', { locale: config.locale, dir: promptOverrideDir(config) }),
  ];
  for (const name of PROMPT_NAMES) {
    const own = await hasPromptOverride(overridePath(context, name));
    lines.push(`  ${name.padEnd(width)}  ${context.translate(own ? 'promptOwn' : 'promptShipped')}`);
  }
  return lines.join('\n');
}

async function importPrompt(context: CommandContext, nameWord: string, shownPath: string): Promise<string> {
  const checked = checkName(context, nameWord);
  if ('rejection' in checked) return checked.rejection;
  const { name } = checked;
  const file = resolve(context.deps.baseDir, shownPath);

  let bytes: Buffer;
  try {
    const { size } = await stat(file);
    if (size > MAX_IMPORT_BYTES)
      return context.translate('fileTooLarge', { file: shownPath, size, max: MAX_IMPORT_BYTES });
    bytes = await readFile(file);
  } catch (error) {
    return context.translate('fileUnreadable', { file: shownPath, detail: errorMessage(error) });
  }

  let audio: Buffer;
  try {
    audio = wavToModemAudio(bytes);
  } catch (error) {
    if (!isVorzimmerError(error, 'AUDIO_INVALID')) throw error;
    return context.translate('promptFileInvalid', { file: shownPath, detail: errorMessage(error) });
  }
  if (audio.length === 0) return context.translate('promptFileEmpty', { file: shownPath });

  const path = overridePath(context, name);
  try {
    await writePromptOverride(path, audio, context.deps.logger);
  } catch (error) {
    context.deps.logger.warn({ path, err: error }, 'Failed to save an own prompt');
    return context.translate('promptWriteFailed', { path, detail: describeWriteFailure(error) });
  }

  await context.deps.reloadPrompts?.();
  const seconds = (audio.length / SAMPLES_PER_MS / 1000).toFixed(1);
  return context.translate('promptImported', { name, file: shownPath, seconds, path });
}

async function resetPrompt(context: CommandContext, nameWord: string): Promise<string> {
  const checked = checkName(context, nameWord);
  if ('rejection' in checked) return checked.rejection;
  const { name } = checked;
  const path = overridePath(context, name);

  let removed: boolean;
  try {
    removed = await removePromptOverride(path, context.deps.logger);
  } catch (error) {
    context.deps.logger.warn({ path, err: error }, 'Failed to delete an own prompt');
    return context.translate('promptRemoveFailed', { path, detail: describeWriteFailure(error) });
  }
  if (!removed) return context.translate('promptResetNone', { name });

  await context.deps.reloadPrompts?.();
  return context.translate('promptReset', { name });
}

function armRecording(context: CommandContext, nameWord: string): string {
  const checked = checkName(context, nameWord);
  if ('rejection' in checked) return checked.rejection;
  const arm = context.deps.armPromptRecording;
  if (!arm) return context.translate('promptRecordUnavailable');

  arm(checked.name);
  return context.translate('promptRecordArmed', { seconds: TIMEOUTS.promptRecordingArmed / 1000 });
}
