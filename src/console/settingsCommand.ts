/** The `set` command: shows the settings, or checks, saves and applies one. */
import type { z } from 'zod';

import type { CommandContext, CommandHandler } from './commandContext.js';
import type { Locale } from './messages.js';
import {
  describeSetting,
  isSettingKey,
  readSetting,
  SETTING_KEYS,
  type SettingKey,
  type SettingKind,
  type SettingValue,
} from './settings.js';
import { nearestWord } from './suggest.js';

/** Words for on and off, in both languages, because a setting is often typed from a config file in English. */
const SWITCH_WORDS: Readonly<Record<string, boolean>> = {
  on: true,
  off: false,
  true: true,
  false: false,
  yes: true,
  no: false,
  an: true,
  aus: false,
  ja: true,
  nein: false,
  '1': true,
  '0': false,
};

/** `set [KEY VALUE]`. */
export const setCommand: CommandHandler = async (context, args) => {
  if (args.length === 0) return showSettings(context);

  const key = args[0]!.text;
  if (!isSettingKey(key)) return unknownSetting(context, key);
  if (args.length === 1) return showSettings(context, [key]);
  if (args.length > 2)
    return context.translate('unexpectedWord', { word: args[2]!.text, usage: context.usage('set') });

  const text = args[1]!.text;
  const kind = describeSetting(key);
  const value = parseSettingText(kind, text);
  if (value === null) return invalidValue(context, key, text, expectedText(context, kind));

  const store = await context.deps.settings();
  const check = await store.set(key, value);
  if (!check.ok)
    return invalidValue(
      context,
      key,
      text,
      context.translate('settingRejected', { detail: describeIssue(check.issue) }),
    );

  await context.deps.applySetting?.(key, value);
  if (key === 'locale') {
    context.session.locale = value as Locale;
    return context.translate('settingLocaleSaved');
  }
  return context.translate('settingSaved', { key, value: formatValue(context, value) });
};

/** Lists settings with their current value and the values they accept. */
function showSettings(context: CommandContext, keys: readonly SettingKey[] = SETTING_KEYS): string {
  const width = Math.max(...keys.map((key) => key.length));
  const lines = keys.map((key) => {
    const value = formatValue(context, readSetting(context.deps.config, key));
    return `  ${key.padEnd(width)}  ${value.padEnd(10)}  ${describeAccepted(context, describeSetting(key))}`;
  });
  return [context.translate('settingsHeading'), ...lines].join('\n');
}

function unknownSetting(context: CommandContext, key: string): string {
  const suggestion = nearestWord(key, SETTING_KEYS);
  if (suggestion !== null) return context.translate('settingUnknownSuggestion', { key, suggestion });
  return context.translate('settingUnknown', { key, keys: SETTING_KEYS.join(', ') });
}

function invalidValue(context: CommandContext, key: SettingKey, value: string, reason: string): string {
  return context.translate('settingInvalid', { key, value, reason });
}

/**
 * Reads the text of a value as the kind of the setting, or returns null. A choice is matched
 * without case, and a number may use a decimal comma as Germans write it.
 */
export function parseSettingText(kind: SettingKind, text: string): SettingValue | null {
  switch (kind.kind) {
    case 'choice':
      return kind.options.find((option) => option.toLowerCase() === text.toLowerCase()) ?? null;
    case 'number': {
      const normalised = text.replace(',', '.');
      if (!/^-?\d+(\.\d+)?$/.test(normalised)) return null;
      const number = Number(normalised);
      const inRange = number >= kind.min && number <= kind.max && (!kind.integer || Number.isInteger(number));
      return inRange ? number : null;
    }
    case 'switch':
      return SWITCH_WORDS[text.toLowerCase()] ?? null;
  }
}

function expectedText(context: CommandContext, kind: SettingKind): string {
  switch (kind.kind) {
    case 'choice':
      return context.translate('settingExpectedOneOf', { values: kind.options.join(', ') });
    case 'number':
      return context.translate(kind.integer ? 'settingExpectedWholeNumber' : 'settingExpectedNumber', {
        min: kind.min,
        max: kind.max,
      });
    case 'switch':
      return context.translate('settingExpectedSwitch');
  }
}

function describeAccepted(context: CommandContext, kind: SettingKind): string {
  switch (kind.kind) {
    case 'choice':
      return kind.options.join(' | ');
    case 'number':
      return `${kind.min} … ${kind.max}`;
    case 'switch':
      return `${context.translate('valueOn')} | ${context.translate('valueOff')}`;
  }
}

function formatValue(context: CommandContext, value: SettingValue): string {
  if (typeof value === 'boolean') return context.translate(value ? 'valueOn' : 'valueOff');
  return String(value);
}

/** Describes a schema problem in the schema's own words, which are English. */
function describeIssue(issue: z.core.$ZodIssue): string {
  return issue.message;
}
