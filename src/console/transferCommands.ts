/**
 * The `import` and `export` commands: lists from and to CSV and vCard files, with a report of
 * every entry that was added, merged or skipped.
 */
import { readFile, rename, stat } from 'node:fs/promises';
import { dirname, extname, resolve } from 'node:path';

import { formatPattern, parseListPattern } from '../policy/numbers.js';
import { fsyncDirectory, removeQuietly, writeFileSynced } from '../storage/fileSystem.js';
import { errorMessage, isVorzimmerError } from '../util/errors.js';
import type { CommandContext, CommandHandler } from './commandContext.js';
import { commandNames, parseListWord } from './commandTable.js';
import { formatCsv } from './csv.js';
import type { Word } from './inputLine.js';
import {
  readCsvSource,
  readVcardSource,
  type ImportCandidate,
  type ImportSource,
  type SourceSkip,
} from './importSources.js';
import { listName } from './listCommands.js';
import { formatVcards } from './vcardWriter.js';

/** Maximum size of an import file, in bytes. A phone's vCard export with photos can reach a few MB. */
export const MAX_IMPORT_BYTES = 32 * 1024 * 1024;

/** Added and merged entries shown one by one in the report. Skipped entries are always all shown. */
const MAX_REPORTED_CHANGES = 20;

type FileFormat = 'csv' | 'vcard';

function formatOfPath(path: string): FileFormat | null {
  const extension = extname(path).toLowerCase();
  if (extension === '.csv') return 'csv';
  if (extension === '.vcf' || extension === '.vcard') return 'vcard';
  return null;
}

/** Reads the FILE and optional list words of `import` and `export`. Returns the text to show when they are wrong. */
function parseFileArguments(
  context: CommandContext,
  args: readonly Word[],
  command: 'import' | 'export',
): { path: string; shownPath: string; format: FileFormat; list: 'allow' | 'block' } | string {
  if (args.length === 0)
    return context.translate('missingArgument', { argument: 'FILE', usage: context.usage(command) });
  if (args.length > 2)
    return context.translate('unexpectedWord', { word: args[2]!.text, usage: context.usage(command) });

  const shownPath = args[0]!.text;
  const format = formatOfPath(shownPath);
  if (format === null) return context.translate('fileTypeUnknown', { file: shownPath });

  let list: 'allow' | 'block' = 'allow';
  if (args.length === 2) {
    const chosen = parseListWord(args[1]!.text, context.session.locale);
    if (chosen === null)
      return context.translate('unexpectedWord', { word: args[1]!.text, usage: context.usage(command) });
    list = chosen;
  }
  return { path: resolve(context.deps.baseDir, shownPath), shownPath, format, list };
}

/** `import FILE [allow|block]`. */
export const importCommand: CommandHandler = async (context, args) => {
  const parsed = parseFileArguments(context, args, 'import');
  if (typeof parsed === 'string') return parsed;
  const { path, shownPath, format, list } = parsed;

  let bytes: Buffer;
  try {
    const { size } = await stat(path);
    if (size > MAX_IMPORT_BYTES)
      return context.translate('fileTooLarge', { file: shownPath, size, max: MAX_IMPORT_BYTES });
    bytes = await readFile(path);
  } catch (error) {
    return context.translate('fileUnreadable', { file: shownPath, detail: errorMessage(error) });
  }

  const { text, wasUtf8 } = decodeFile(bytes);
  const source: ImportSource = format === 'csv' ? readCsvSource(text) : readVcardSource(text, list);
  if (source.kind === 'open-quote')
    return context.translate('csvOpenQuote', { file: shownPath, line: source.line });

  const report = await applyImport(context, source.candidates);
  const lines = [
    context.translate('importReport', {
      file: shownPath,
      added: report.added.length,
      merged: report.merged.length,
      skipped: report.skipped.length + source.skips.length,
    }),
  ];
  if (!wasUtf8) lines.push(context.translate('fileNotUtf8', { file: shownPath }));
  lines.push(...limitLines(context, report.added), ...limitLines(context, report.merged));
  lines.push(...source.skips.map((skip) => describeSourceSkip(context, skip)), ...report.skipped);
  if (report.stopped !== null) lines.push(report.stopped);
  return lines.join('\n');
};

/** Decodes a file as UTF-8, or as Windows-1252 when it is not valid UTF-8, as files from older Windows programs are. */
function decodeFile(bytes: Uint8Array): { text: string; wasUtf8: boolean } {
  try {
    return { text: new TextDecoder('utf-8', { fatal: true }).decode(bytes), wasUtf8: true };
  } catch {
    return { text: new TextDecoder('windows-1252').decode(bytes), wasUtf8: false };
  }
}

interface ImportReport {
  added: string[];
  merged: string[];
  skipped: string[];
  /** Text about a failed write that ended the import, or null. */
  stopped: string | null;
}

/**
 * Adds the candidates one by one, so that each change is on disk before the next, and sorts
 * them into added, merged and skipped. A number already on the same list with another name is
 * merged, and one on the other list is skipped, because an import should not quietly unblock
 * or block a known number.
 * NOTE: every entry is a separate atomic write of the whole lists file, so an import of
 * thousands of entries on an SD card takes minutes. A bulk add in ListStore would make it one write.
 */
async function applyImport(
  context: CommandContext,
  candidates: readonly ImportCandidate[],
): Promise<ImportReport> {
  const report: ImportReport = { added: [], merged: [], skipped: [], stopped: null };
  const { translate } = context;

  for (const candidate of candidates) {
    const skip = (reason: string): void => {
      report.skipped.push(
        translate('importSkipped', { line: candidate.line, value: candidate.number, reason }),
      );
    };

    let pattern: string;
    try {
      pattern = formatPattern(parseListPattern(candidate.number, context.numberContext));
    } catch (error) {
      if (!isVorzimmerError(error, 'NUMBER_INVALID')) throw error;
      skip(translate('skipInvalidNumber', { detail: errorMessage(error) }));
      continue;
    }

    const snapshot = context.deps.lists.snapshot();
    const other = candidate.list === 'allow' ? 'block' : 'allow';
    const existing = snapshot[candidate.list].find((entry) => formatPattern(entry.pattern) === pattern);
    if (snapshot[other].some((entry) => formatPattern(entry.pattern) === pattern)) {
      const command = `${commandNames(candidate.list, context.session.locale)[0]} ${candidate.number}`;
      skip(translate('skipOnOtherList', { list: listName(context, other), command }));
      continue;
    }
    if (existing !== undefined && (existing.name === candidate.name || candidate.name === '')) {
      skip(translate('skipSameName', { list: listName(context, candidate.list) }));
      continue;
    }

    try {
      await context.deps.lists.add(candidate.list, candidate.number, candidate.name, 'import');
    } catch (error) {
      if (!isVorzimmerError(error, 'STORAGE_FAILED')) throw error;
      report.stopped = translate('importStopped', { line: candidate.line, detail: errorMessage(error) });
      break;
    }

    const list = listName(context, candidate.list);
    if (existing === undefined)
      report.added.push(translate('importAdded', { pattern, name: candidate.name, list }));
    else
      report.merged.push(
        translate('importMerged', { pattern, oldName: existing.name, name: candidate.name, list }),
      );
  }
  return report;
}

function limitLines(context: CommandContext, lines: readonly string[]): string[] {
  if (lines.length <= MAX_REPORTED_CHANGES) return [...lines];
  return [
    ...lines.slice(0, MAX_REPORTED_CHANGES),
    context.translate('importMore', { count: lines.length - MAX_REPORTED_CHANGES }),
  ];
}

function describeSourceSkip(context: CommandContext, skip: SourceSkip): string {
  const { translate } = context;
  const reasons = {
    'missing-number': () => translate('skipMissingNumber'),
    'unknown-list': () =>
      translate('skipUnknownList', { value: skip.problem.kind === 'unknown-list' ? skip.problem.value : '' }),
    'card-without-number': () => translate('skipNoNumber'),
    'card-not-closed': () => translate('skipCardNotClosed'),
  } as const;
  return translate('importSkipped', {
    line: skip.line,
    value: skip.value,
    reason: reasons[skip.problem.kind](),
  });
}

/** `export FILE [allow|block]`. */
export const exportCommand: CommandHandler = async (context, args) => {
  const parsed = parseFileArguments(context, args, 'export');
  if (typeof parsed === 'string') return parsed;
  const { path, shownPath, format, list } = parsed;

  const snapshot = context.deps.lists.snapshot();
  let content: string;
  let count: number;
  const lines: string[] = [];

  if (format === 'csv') {
    const rows = (['allow', 'block'] as const).flatMap((name) =>
      snapshot[name].map((entry) => [name, formatPattern(entry.pattern), entry.name]),
    );
    content = formatCsv([['list', 'number', 'name'], ...rows]);
    count = rows.length;
  } else {
    const entries = snapshot[list];
    const numbers = entries.flatMap((entry) =>
      entry.pattern.kind === 'exact' ? [{ name: entry.name, number: entry.pattern.e164 }] : [],
    );
    const prefixes = entries
      .filter((entry) => entry.pattern.kind === 'prefix')
      .map((entry) => formatPattern(entry.pattern));
    content = formatVcards(numbers);
    count = numbers.length;
    if (prefixes.length > 0)
      lines.push(context.translate('exportSkippedPrefixes', { patterns: prefixes.join(', ') }));
  }

  const written = await writeNewFile(context, path, shownPath, content);
  if (written !== null) return written;
  return [context.translate('exportDone', { count, file: shownPath }), ...lines].join('\n');
};

/**
 * Writes a file that must not exist yet: to `PATH.tmp`, flushed, then renamed, so a power cut
 * never leaves half a file under the final name. Returns the text to show on failure, or null.
 * The file gets mode 0o600 because it contains names and numbers.
 */
async function writeNewFile(
  context: CommandContext,
  path: string,
  shownPath: string,
  content: string,
): Promise<string | null> {
  // Any error other than a missing file shows up again, with its reason, when the write is tried.
  const exists = await stat(path).then(
    () => true,
    () => false,
  );
  if (exists) return context.translate('exportExists', { file: shownPath });

  const tempPath = `${path}.tmp`;
  try {
    await writeFileSynced(tempPath, content, 'wx', 0o600);
    await rename(tempPath, path);
    await fsyncDirectory(dirname(path));
  } catch (error) {
    await removeQuietly(tempPath, context.deps.logger);
    context.deps.logger.warn({ path, err: error }, 'Failed to export the lists');
    return context.translate('exportFailed', { file: shownPath, detail: errorMessage(error) });
  }
  context.deps.logger.info({ path }, 'Exported the lists');
  return null;
}
