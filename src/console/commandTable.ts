/**
 * The console commands and the words that name them and their arguments. English names work in
 * both languages, and German names only when the console speaks German.
 */
import type { Locale, MessageId } from './messages.js';

/** Id of a console command. */
export type CommandId =
  | 'help'
  | 'list'
  | 'allow'
  | 'block'
  | 'remove'
  | 'log'
  | 'messages'
  | 'play'
  | 'delete'
  | 'status'
  | 'set'
  | 'import'
  | 'export'
  | 'prompt'
  | 'exit';

/** Names of one command. The first English name is the one that help shows. */
interface CommandNames {
  id: CommandId;
  english: readonly string[];
  german: readonly string[];
}

/** Every command in the order that help lists them. */
export const COMMANDS: readonly CommandNames[] = [
  { id: 'help', english: ['help', '?'], german: ['hilfe'] },
  { id: 'list', english: ['list'], german: ['liste'] },
  { id: 'allow', english: ['allow'], german: ['erlauben'] },
  { id: 'block', english: ['block'], german: ['sperren'] },
  { id: 'remove', english: ['remove'], german: ['entfernen'] },
  { id: 'log', english: ['log'], german: ['protokoll'] },
  { id: 'messages', english: ['messages'], german: ['nachrichten'] },
  { id: 'play', english: ['play'], german: ['abspielen'] },
  { id: 'delete', english: ['delete'], german: ['löschen', 'loeschen'] },
  { id: 'status', english: ['status'], german: ['status'] },
  { id: 'set', english: ['set'], german: ['setze'] },
  { id: 'import', english: ['import'], german: ['import', 'importieren'] },
  { id: 'export', english: ['export'], german: ['export', 'exportieren'] },
  { id: 'prompt', english: ['prompt'], german: ['ansage'] },
  { id: 'exit', english: ['exit', 'quit'], german: ['beenden'] },
];

/** Argument words that name a list, the word `message` or a `prompt` subcommand, per language. */
const ARGUMENT_WORDS = {
  allow: { english: ['allow', 'allowlist'], german: ['erlaubt', 'erlauben'] },
  block: { english: ['block', 'blocklist'], german: ['gesperrt', 'sperren', 'sperrliste'] },
  message: { english: ['message'], german: ['nachricht'] },
  promptList: { english: ['list'], german: ['liste'] },
  promptImport: { english: ['import'], german: ['importieren'] },
  promptReset: { english: ['reset'], german: ['zurücksetzen', 'zuruecksetzen'] },
  promptRecord: { english: ['record'], german: ['aufnehmen'] },
} as const;

/** Returns the names of a command that work in `locale`, the name shown in help first. */
export function commandNames(id: CommandId, locale: Locale): string[] {
  const command = COMMANDS.find((entry) => entry.id === id)!;
  const names = locale === 'de' ? [...command.german, ...command.english] : [...command.english];
  return [...new Set(names)];
}

/** Returns every command name that works in `locale`, for completion and suggestions. */
export function allCommandNames(locale: Locale): string[] {
  return [...new Set(COMMANDS.flatMap((command) => commandNames(command.id, locale)))].filter(
    (name) => name !== '?',
  );
}

/** Finds the command that a word names in `locale`, ignoring case. */
export function findCommand(word: string, locale: Locale): CommandId | null {
  const typed = word.toLowerCase();
  return COMMANDS.find((command) => commandNames(command.id, locale).includes(typed))?.id ?? null;
}

/** Tests whether a word is one of the argument words `kind` in `locale`, ignoring case. */
export function isArgumentWord(word: string, kind: keyof typeof ARGUMENT_WORDS, locale: Locale): boolean {
  const words = ARGUMENT_WORDS[kind];
  const accepted: readonly string[] = locale === 'de' ? [...words.english, ...words.german] : words.english;
  return accepted.includes(word.toLowerCase());
}

/** Reads a word as a list name, or returns null when it names no list. */
export function parseListWord(word: string, locale: Locale): 'allow' | 'block' | null {
  if (isArgumentWord(word, 'allow', locale)) return 'allow';
  if (isArgumentWord(word, 'block', locale)) return 'block';
  return null;
}

/** Message ids of a command's help: usage line, summary, details and example. */
export function helpMessageIds(id: CommandId): {
  usage: MessageId;
  summary: MessageId;
  details: MessageId;
  example: MessageId;
} {
  const stem = `help${id[0]!.toUpperCase()}${id.slice(1)}`;
  return {
    usage: `${stem}Usage` as MessageId,
    summary: `${stem}Summary` as MessageId,
    details: `${stem}Details` as MessageId,
    example: `${stem}Example` as MessageId,
  };
}
