/**
 * Every text that the console shows, in German and English, keyed by id. `{name}` in a text is
 * replaced by the parameter of that name. Help texts are in `helpMessages.ts`.
 */
import { HELP_MESSAGES } from './helpMessages.js';
import { PROMPT_MESSAGES } from './promptMessages.js';

/** Language of the console text. */
export type Locale = 'de' | 'en';

/** A text in both languages. */
export interface LocalisedText {
  de: string;
  en: string;
}

const GENERAL_MESSAGES = {
  welcome: {
    en: 'vorzimmer console. Type help for the commands, exit to leave.',
    de: 'vorzimmer-Konsole. „hilfe“ zeigt die Befehle, „beenden“ schließt die Konsole.',
  },
  goodbye: { en: 'Console closed.', de: 'Konsole geschlossen.' },
  ptyReady: {
    en: 'The console is on {path}. Attach with: picocom {path}. Stop it with Ctrl-C here.',
    de: 'Die Konsole liegt auf {path}. Verbinden mit: picocom {path}. Beenden mit Strg-C hier.',
  },
  nothingChanged: { en: 'Nothing was changed.', de: 'Nichts wurde geändert.' },
  lineTooLong: {
    en: 'The line is too long ({length} characters, at most {max}). Nothing was changed.',
    de: 'Die Zeile ist zu lang ({length} Zeichen, höchstens {max}). Nichts wurde geändert.',
  },
  controlCharacter: {
    en: 'The line contains the control character {codePoint} at position {position}. Type the command again without it. Nothing was changed.',
    de: 'Die Zeile enthält das Steuerzeichen {codePoint} an Stelle {position}. Bitte den Befehl ohne dieses Zeichen neu eingeben. Nichts wurde geändert.',
  },
  invalidUtf8: {
    en: 'The line contains bytes that are not valid UTF-8. Set the terminal program to UTF-8 and type the command again. Nothing was changed.',
    de: 'Die Zeile enthält Bytes, die kein gültiges UTF-8 sind. Bitte das Terminalprogramm auf UTF-8 stellen und den Befehl neu eingeben. Nichts wurde geändert.',
  },
  openQuote: {
    en: 'The quote at position {position} is not closed. Nothing was changed.',
    de: 'Das Anführungszeichen an Stelle {position} wird nicht geschlossen. Nichts wurde geändert.',
  },
  unknownCommand: {
    en: 'Unknown command "{command}". Type help for the list of commands.',
    de: 'Unbekannter Befehl „{command}“. „hilfe“ zeigt alle Befehle.',
  },
  unknownCommandSuggestion: {
    en: 'Unknown command "{command}". Did you mean "{suggestion}"? Type help for the list of commands.',
    de: 'Unbekannter Befehl „{command}“. Meinten Sie „{suggestion}“? „hilfe“ zeigt alle Befehle.',
  },
  usage: { en: 'Usage: {usage}', de: 'Aufruf: {usage}' },
  unexpectedWord: {
    en: 'Unexpected "{word}". Usage: {usage}. Nothing was changed.',
    de: 'Unerwartet: „{word}“. Aufruf: {usage}. Nichts wurde geändert.',
  },
  // The usage names the missing part in the console's language, so the message need not repeat it.
  missingArgument: {
    en: 'Something is missing. Usage: {usage}. Nothing was changed.',
    de: 'Es fehlt eine Angabe. Aufruf: {usage}. Nichts wurde geändert.',
  },
  numberInvalid: {
    en: '{detail} Nothing was changed.',
    de: 'Die Nummer „{number}“ ist ungültig. Nichts wurde geändert. Details (englisch): {detail}',
  },
  storageFailed: { en: 'Saving failed: {detail}', de: 'Speichern fehlgeschlagen: {detail}' },
  commandFailed: {
    en: 'The command failed: {detail}',
    de: 'Der Befehl ist fehlgeschlagen: {detail}',
  },

  allowlist: { en: 'allowlist', de: 'Erlaubt-Liste' },
  blocklist: { en: 'blocklist', de: 'Sperrliste' },
  allowlistTitle: { en: 'Allowlist ({count}):', de: 'Erlaubt-Liste ({count}):' },
  blocklistTitle: { en: 'Blocklist ({count}):', de: 'Sperrliste ({count}):' },
  listEmpty: { en: '  (empty)', de: '  (leer)' },
  entryAdded: {
    en: 'Added {number} ({pattern}) to the {list}, name "{name}".',
    de: '{number} ({pattern}) steht jetzt auf der {list}, Name „{name}“.',
  },
  entryAddedWithoutName: {
    en: 'Added {number} ({pattern}) to the {list}.',
    de: '{number} ({pattern}) steht jetzt auf der {list}.',
  },
  entryRenamed: {
    en: '{pattern} was already on the {list}. Its name is now "{name}".',
    de: '{pattern} stand schon auf der {list}. Der Name ist jetzt „{name}“.',
  },
  entryMoved: { en: 'It was removed from the {list}.', de: 'Von der {list} wurde der Eintrag entfernt.' },
  entryRemoved: {
    en: 'Removed {pattern} "{name}" from the {list}.',
    de: '{pattern} „{name}“ von der {list} entfernt.',
  },
  entryNotFound: {
    en: '{number} ({pattern}) is on neither list. A prefix such as 0900* is removed only by typing the prefix. Nothing was changed.',
    de: '{number} ({pattern}) steht auf keiner Liste. Ein Präfix wie 0900* lässt sich nur mit dem Präfix selbst entfernen. Nichts wurde geändert.',
  },

  logEmpty: { en: 'The call log is empty.', de: 'Das Anrufprotokoll ist leer.' },
  logHeading: { en: 'Calls, newest first ({count}):', de: 'Anrufe, neueste zuerst ({count}):' },
  countInvalid: {
    en: 'Invalid count "{value}": give a whole number from 1 to {max}, such as {example}. Nothing was changed.',
    de: 'Ungültige Anzahl „{value}“: bitte eine ganze Zahl von 1 bis {max} angeben, etwa {example}. Nichts wurde geändert.',
  },
  callerWithheld: { en: 'withheld', de: 'unterdrückt' },
  callerUnavailable: { en: 'unavailable', de: 'nicht verfügbar' },
  callerAbsent: { en: 'no caller ID', de: 'keine Rufnummer' },
  decisionAllow: { en: 'allowed', de: 'erlaubt' },
  decisionBlock: { en: 'blocked', de: 'gesperrt' },
  decisionScreen: { en: 'screened', de: 'geprüft' },
  decisionNone: { en: 'not answered', de: 'nicht angenommen' },
  outcomeConnected: { en: 'connected', de: 'verbunden' },
  outcomeVoicemail: { en: 'message left', de: 'Nachricht hinterlassen' },
  outcomeNoMessage: { en: 'no message', de: 'keine Nachricht' },
  outcomeRejected: { en: 'rejected', de: 'abgewiesen' },
  outcomeCallerHungUp: { en: 'caller hung up', de: 'Anrufer hat aufgelegt' },
  outcomeMissed: { en: 'missed', de: 'verpasst' },
  outcomeIgnored: { en: 'ignored', de: 'ignoriert' },

  messagesEmpty: { en: 'No messages.', de: 'Keine Nachrichten.' },
  messagesHeading: {
    en: 'Messages ({count}, {unheard} new), newest first:',
    de: 'Nachrichten ({count}, davon {unheard} neu), neueste zuerst:',
  },
  messageNew: { en: 'new', de: 'neu' },
  messagesHint: {
    en: 'Play one with play N, delete one with delete message N.',
    de: 'Abspielen mit „abspielen N“, löschen mit „löschen nachricht N“.',
  },
  messageNumberInvalid: {
    en: 'Invalid message number "{value}": give a number from 1 to {max} as shown by messages. Nothing was changed.',
    de: 'Ungültige Nachrichtennummer „{value}“: bitte eine Nummer von 1 bis {max} angeben, wie „nachrichten“ sie zeigt. Nichts wurde geändert.',
  },
  messagesNone: {
    en: 'There are no messages. Nothing was changed.',
    de: 'Es gibt keine Nachrichten. Nichts wurde geändert.',
  },
  messageGone: {
    en: 'Message {index} was deleted already. Type messages to see the current list. Nothing was changed.',
    de: 'Nachricht {index} ist schon gelöscht. „nachrichten“ zeigt die aktuelle Liste. Nichts wurde geändert.',
  },
  messagePlayed: {
    en: 'Played message {index} ({caller}, {time}). It is marked as heard.',
    de: 'Nachricht {index} ({caller}, {time}) abgespielt. Sie ist jetzt als gehört markiert.',
  },
  messagePlayFailed: {
    en: 'Playing message {index} failed: {detail}. It stays unheard.',
    de: 'Nachricht {index} ließ sich nicht abspielen: {detail}. Sie bleibt ungehört.',
  },
  messageDeleted: {
    en: 'Deleted message {index} ({caller}, {time}).',
    de: 'Nachricht {index} ({caller}, {time}) gelöscht.',
  },

  statusDaemon: { en: 'Daemon: {state}', de: 'Dienst: {state}' },
  statusDaemonHidden: {
    en: 'Daemon: not visible from this console, because it runs in a separate process.',
    de: 'Dienst: von dieser Konsole aus nicht sichtbar, weil sie ein eigener Prozess ist.',
  },
  daemonStarting: { en: 'starting', de: 'startet' },
  daemonIdle: { en: 'idle, waiting for calls', de: 'bereit, wartet auf Anrufe' },
  daemonInCall: { en: 'in a call', de: 'im Gespräch' },
  daemonDeskCall: { en: 'desk phone on the line', de: 'Tischtelefon an der Leitung' },
  daemonPromptRecording: {
    en: 'recording a prompt at the desk phone',
    de: 'nimmt eine Ansage am Tischtelefon auf',
  },
  daemonDegraded: { en: 'modems not ready, retrying', de: 'Modems nicht bereit, neuer Versuch läuft' },
  daemonFailed: { en: 'modems failed, stopping', de: 'Modems ausgefallen, der Dienst beendet sich' },
  daemonStopped: { en: 'stopped', de: 'angehalten' },
  statusModems: {
    en: 'Modems: line {line}, desk phone {phone}',
    de: 'Modems: Leitung {line}, Tischtelefon {phone}',
  },
  modemReady: { en: 'ready', de: 'bereit' },
  modemNotConnected: { en: 'not connected', de: 'nicht verbunden' },
  statusRelayHeld: {
    en: 'Relay: held (desk phone on the box)',
    de: 'Relais: angezogen (Tischtelefon an der Box)',
  },
  statusRelayReleased: {
    en: 'Relay: released (desk phone on the wall line)',
    de: 'Relais: abgefallen (Tischtelefon an der Wandleitung)',
  },
  statusLastCall: { en: 'Last call: {call}', de: 'Letzter Anruf: {call}' },
  statusNoCalls: { en: 'Last call: none yet', de: 'Letzter Anruf: noch keiner' },
  statusMessages: {
    en: 'Messages: {count} ({unheard} new)',
    de: 'Nachrichten: {count} (davon {unheard} neu)',
  },
  statusLists: {
    en: 'Lists: {allow} allowed, {block} blocked',
    de: 'Listen: {allow} erlaubt, {block} gesperrt',
  },
};

const SETTINGS_MESSAGES = {
  settingsHeading: {
    en: 'Settings (change with set KEY VALUE):',
    de: 'Einstellungen (ändern mit „setze SCHLÜSSEL WERT“):',
  },
  settingUnknown: {
    en: 'Unknown setting "{key}". Settings: {keys}. Nothing was changed.',
    de: 'Unbekannte Einstellung „{key}“. Einstellungen: {keys}. Nichts wurde geändert.',
  },
  settingUnknownSuggestion: {
    en: 'Unknown setting "{key}". Did you mean "{suggestion}"? Nothing was changed.',
    de: 'Unbekannte Einstellung „{key}“. Meinten Sie „{suggestion}“? Nichts wurde geändert.',
  },
  settingInvalid: {
    en: 'Invalid value "{value}" for {key}: {reason} Nothing was changed.',
    de: 'Ungültiger Wert „{value}“ für {key}: {reason} Nichts wurde geändert.',
  },
  settingExpectedOneOf: { en: 'expected one of {values}.', de: 'erlaubt sind {values}.' },
  settingExpectedNumber: {
    en: 'expected a number from {min} to {max}.',
    de: 'erlaubt ist eine Zahl von {min} bis {max}.',
  },
  settingExpectedWholeNumber: {
    en: 'expected a whole number from {min} to {max}.',
    de: 'erlaubt ist eine ganze Zahl von {min} bis {max}.',
  },
  settingExpectedSwitch: { en: 'expected on or off.', de: 'erlaubt sind an oder aus.' },
  settingRejected: {
    en: 'the configuration check reports: {detail}',
    de: 'die Prüfung der Konfiguration meldet: {detail}',
  },
  settingSaved: {
    en: '{key} is now {value}. It applies from the next call.',
    de: '{key} ist jetzt {value}. Das gilt ab dem nächsten Anruf.',
  },
  settingLocaleSaved: {
    en: 'The console speaks English now. Prompts for callers follow after a restart of the daemon.',
    de: 'Die Konsole spricht jetzt Deutsch. Die Ansagen für Anrufer folgen nach einem Neustart des Dienstes.',
  },
  valueOn: { en: 'on', de: 'an' },
  valueOff: { en: 'off', de: 'aus' },
};

const TRANSFER_MESSAGES = {
  fileUnreadable: {
    en: 'Cannot read {file}: {detail}. Nothing was changed.',
    de: 'Die Datei {file} lässt sich nicht lesen: {detail}. Nichts wurde geändert.',
  },
  fileTooLarge: {
    en: '{file} is too large ({size} bytes, at most {max}). Nothing was changed.',
    de: '{file} ist zu groß ({size} Bytes, höchstens {max}). Nichts wurde geändert.',
  },
  fileTypeUnknown: {
    en: 'Unknown file type of {file}: the name must end in .csv, .vcf or .vcard. Nothing was changed.',
    de: 'Unbekannter Dateityp von {file}: der Name muss auf .csv, .vcf oder .vcard enden. Nichts wurde geändert.',
  },
  fileNotUtf8: {
    en: '{file} is not UTF-8, so it was read as Windows-1252. Check the names below.',
    de: '{file} ist kein UTF-8 und wurde deshalb als Windows-1252 gelesen. Bitte die Namen unten prüfen.',
  },
  csvOpenQuote: {
    en: 'The quote in line {line} of {file} is not closed. Nothing was changed.',
    de: 'Das Anführungszeichen in Zeile {line} von {file} wird nicht geschlossen. Nichts wurde geändert.',
  },
  importReport: {
    en: 'Imported {file}: added {added}, merged {merged}, skipped {skipped}.',
    de: '{file} importiert: {added} hinzugefügt, {merged} zusammengeführt, {skipped} übersprungen.',
  },
  importAdded: { en: '  added   {pattern}  {name}  ({list})', de: '  neu     {pattern}  {name}  ({list})' },
  importMerged: {
    en: '  merged  {pattern}  "{oldName}" → "{name}"  ({list})',
    de: '  ergänzt {pattern}  „{oldName}“ → „{name}“  ({list})',
  },
  importSkipped: {
    en: '  skipped line {line}: {value}: {reason}',
    de: '  übersprungen, Zeile {line}: {value}: {reason}',
  },
  importMore: { en: '  … and {count} more', de: '  … und {count} weitere' },
  skipInvalidNumber: { en: 'invalid number. {detail}', de: 'ungültige Nummer. Details (englisch): {detail}' },
  skipSameName: {
    en: 'already on the {list} with this name',
    de: 'steht schon mit diesem Namen auf der {list}',
  },
  skipOnOtherList: {
    en: 'already on the {list}. To move it, use {command}',
    de: 'steht schon auf der {list}. Verschieben mit {command}',
  },
  skipNoNumber: { en: 'card without phone number', de: 'Karte ohne Telefonnummer' },
  skipCardNotClosed: { en: 'card without END:VCARD', de: 'Karte ohne END:VCARD' },
  skipMissingNumber: { en: 'the number column is empty', de: 'die Spalte number ist leer' },
  skipUnknownList: {
    en: 'unknown list "{value}", expected allow or block',
    de: 'unbekannte Liste „{value}“, erlaubt sind allow oder block',
  },
  importStopped: {
    en: 'Saving stopped at line {line}: {detail} The entries above it are saved.',
    de: 'Speichern brach bei Zeile {line} ab: {detail} Die Einträge davor sind gespeichert.',
  },
  exportDone: { en: 'Wrote {file} (entries: {count}).', de: '{file} geschrieben (Einträge: {count}).' },
  exportSkippedPrefixes: {
    en: 'Left out the prefixes, because a vCard holds only whole numbers: {patterns}',
    de: 'Präfixe ausgelassen, weil eine vCard nur ganze Nummern enthält: {patterns}',
  },
  exportExists: {
    en: '{file} exists already. Choose another name or delete the file first. Nothing was written.',
    de: '{file} gibt es schon. Bitte einen anderen Namen wählen oder die Datei erst löschen. Nichts wurde geschrieben.',
  },
  exportFailed: { en: 'Cannot write {file}: {detail}', de: '{file} lässt sich nicht schreiben: {detail}' },
};

const MESSAGES = {
  ...GENERAL_MESSAGES,
  ...SETTINGS_MESSAGES,
  ...TRANSFER_MESSAGES,
  ...PROMPT_MESSAGES,
  ...HELP_MESSAGES,
} satisfies Record<string, LocalisedText>;

/** Id of a console text. */
export type MessageId = keyof typeof MESSAGES;

/** Values for the `{name}` placeholders of a text. */
export type MessageParams = Readonly<Record<string, string | number>>;

/**
 * Returns the text `id` in `locale` with its placeholders filled in. A placeholder without a
 * parameter stays as `{name}`, so that a missing value shows instead of vanishing.
 */
export function translate(locale: Locale, id: MessageId, params: MessageParams = {}): string {
  return MESSAGES[id][locale].replace(/\{(\w+)\}/g, (placeholder, name: string) => {
    const value = params[name];
    return value === undefined ? placeholder : String(value);
  });
}

/** Returns every message id, for the test that checks both languages. */
export function allMessageIds(): MessageId[] {
  return Object.keys(MESSAGES) as MessageId[];
}

/** Returns the raw text of a message, for tests. */
export function messageText(id: MessageId): LocalisedText {
  return MESSAGES[id];
}
