/**
 * Help texts of the console commands in German and English: the usage line, a one-line summary
 * for `help`, the details for `help COMMAND`, and an example. German usage lines show the German
 * command names, and the English names work in both languages.
 */

export const HELP_MESSAGES = {
  helpHeading: {
    en: 'Commands (help COMMAND shows details and an example):',
    de: 'Befehle („hilfe BEFEHL“ zeigt Einzelheiten und ein Beispiel; die englischen Namen gehen auch):',
  },
  helpExample: { en: 'Example:', de: 'Beispiel:' },
  helpAliases: { en: 'Also: {names}', de: 'Auch: {names}' },

  helpHelpUsage: { en: 'help [COMMAND]', de: 'hilfe [BEFEHL]' },
  helpHelpSummary: {
    en: 'Show the commands, or the details of one.',
    de: 'Zeigt die Befehle oder die Einzelheiten eines Befehls.',
  },
  helpHelpDetails: {
    en: 'Without a command, lists every command with a short description.',
    de: 'Ohne Befehl zeigt es alle Befehle mit einer kurzen Beschreibung.',
  },
  helpHelpExample: { en: 'help allow', de: 'hilfe erlauben' },

  helpListUsage: { en: 'list [allow|block]', de: 'liste [erlaubt|gesperrt]' },
  helpListSummary: {
    en: 'Show the allowlist and the blocklist.',
    de: 'Zeigt die Erlaubt-Liste und die Sperrliste.',
  },
  helpListDetails: {
    en: 'Shows both lists unless one is named. Each entry shows its number in international form and its name.',
    de: 'Zeigt beide Listen, außer eine wird genannt. Jeder Eintrag zeigt die Nummer in internationaler Form und den Namen.',
  },
  helpListExample: { en: 'list block', de: 'liste gesperrt' },

  helpAllowUsage: { en: 'allow NUMBER [NAME]', de: 'erlauben NUMMER [NAME]' },
  helpAllowSummary: {
    en: 'Put a number or prefix on the allowlist.',
    de: 'Setzt eine Nummer oder ein Präfix auf die Erlaubt-Liste.',
  },
  helpAllowDetails: {
    en: 'Calls from the number ring the desk phone at once. A prefix ends in *, such as 0800*. A number already on the allowlist gets the new name, and one on the blocklist moves over. A name that starts with a digit needs quotes.',
    de: 'Anrufe von dieser Nummer klingeln sofort am Tischtelefon. Ein Präfix endet auf *, etwa 0800*. Steht die Nummer schon auf der Erlaubt-Liste, bekommt sie den neuen Namen; steht sie auf der Sperrliste, wechselt sie herüber. Ein Name, der mit einer Ziffer beginnt, braucht Anführungszeichen.',
  },
  helpAllowExample: { en: 'allow 030 5550123 Anna Berger', de: 'erlauben 030 5550123 Anna Berger' },

  helpBlockUsage: { en: 'block NUMBER [NAME]', de: 'sperren NUMMER [NAME]' },
  helpBlockSummary: {
    en: 'Put a number or prefix on the blocklist.',
    de: 'Setzt eine Nummer oder ein Präfix auf die Sperrliste.',
  },
  helpBlockDetails: {
    en: 'Calls from the number get the block action (set policy.blockAction). A prefix ends in *, such as 0900*. A number on the allowlist moves over.',
    de: 'Anrufe von dieser Nummer bekommen die Sperr-Aktion (setze policy.blockAction). Ein Präfix endet auf *, etwa 0900*. Eine Nummer von der Erlaubt-Liste wechselt herüber.',
  },
  helpBlockExample: { en: 'block 0900* premium lines', de: 'sperren 0900* Mehrwertnummern' },

  helpRemoveUsage: { en: 'remove NUMBER', de: 'entfernen NUMMER' },
  helpRemoveSummary: {
    en: 'Take a number or prefix off both lists.',
    de: 'Nimmt eine Nummer oder ein Präfix von beiden Listen.',
  },
  helpRemoveDetails: {
    en: 'Removes the entries whose number equals NUMBER. A prefix that covers the number stays until you remove the prefix itself.',
    de: 'Entfernt die Einträge mit genau dieser Nummer. Ein Präfix, das die Nummer abdeckt, bleibt, bis das Präfix selbst entfernt wird.',
  },
  helpRemoveExample: { en: 'remove 030 5550123', de: 'entfernen 030 5550123' },

  helpLogUsage: { en: 'log [N]', de: 'protokoll [N]' },
  helpLogSummary: { en: 'Show the last calls.', de: 'Zeigt die letzten Anrufe.' },
  helpLogDetails: {
    en: 'Shows the last N calls, newest first, with time, caller, decision and outcome. N is 10 unless given, at most {max}.',
    de: 'Zeigt die letzten N Anrufe, neueste zuerst, mit Zeit, Anrufer, Entscheidung und Ausgang. Ohne Angabe ist N 10, höchstens {max}.',
  },
  helpLogExample: { en: 'log 20', de: 'protokoll 20' },

  helpMessagesUsage: { en: 'messages', de: 'nachrichten' },
  helpMessagesSummary: {
    en: 'Show the voicemail messages.',
    de: 'Zeigt die Nachrichten auf dem Anrufbeantworter.',
  },
  helpMessagesDetails: {
    en: 'Lists the messages, newest first, with their numbers for play and delete. Those numbers stay the same until you list the messages again.',
    de: 'Listet die Nachrichten, neueste zuerst, mit den Nummern für „abspielen“ und „löschen“. Diese Nummern bleiben gleich, bis die Nachrichten erneut angezeigt werden.',
  },
  helpMessagesExample: { en: 'messages', de: 'nachrichten' },

  helpPlayUsage: { en: 'play N', de: 'abspielen N' },
  helpPlaySummary: {
    en: "Play a message on the box's speaker.",
    de: 'Spielt eine Nachricht über den Lautsprecher der Box ab.',
  },
  helpPlayDetails: {
    en: 'Plays message N from the list of messages and marks it as heard. The command returns when the message has ended.',
    de: 'Spielt Nachricht N aus der Nachrichtenliste ab und markiert sie als gehört. Der Befehl endet, wenn die Nachricht zu Ende ist.',
  },
  helpPlayExample: { en: 'play 1', de: 'abspielen 1' },

  helpDeleteUsage: { en: 'delete message N', de: 'löschen nachricht N' },
  helpDeleteSummary: { en: 'Delete a message.', de: 'Löscht eine Nachricht.' },
  helpDeleteDetails: {
    en: 'Deletes message N from the list of messages, with its recording. This cannot be undone.',
    de: 'Löscht Nachricht N aus der Nachrichtenliste samt Aufnahme. Das lässt sich nicht rückgängig machen.',
  },
  helpDeleteExample: { en: 'delete message 2', de: 'löschen nachricht 2' },

  helpStatusUsage: { en: 'status', de: 'status' },
  helpStatusSummary: {
    en: 'Show modems, relay, last call and messages.',
    de: 'Zeigt Modems, Relais, letzten Anruf und Nachrichten.',
  },
  helpStatusDetails: {
    en: 'Shows the state of the daemon and the modems, whether the relay holds the desk phone, the last call, and the number of messages and list entries.',
    de: 'Zeigt den Zustand von Dienst und Modems, ob das Relais das Tischtelefon hält, den letzten Anruf und die Zahl der Nachrichten und Listeneinträge.',
  },
  helpStatusExample: { en: 'status', de: 'status' },

  helpSetUsage: { en: 'set [KEY VALUE]', de: 'setze [SCHLÜSSEL WERT]' },
  helpSetSummary: { en: 'Show or change a setting.', de: 'Zeigt oder ändert eine Einstellung.' },
  helpSetDetails: {
    en: 'Without arguments, shows every setting with its value and the values it accepts. A change is saved in settings.json in the data folder and applies from the next call. Keys: {keys}.',
    de: 'Ohne Angaben zeigt es alle Einstellungen mit Wert und erlaubten Werten. Eine Änderung wird in settings.json im Datenordner gespeichert und gilt ab dem nächsten Anruf. Schlüssel: {keys}.',
  },
  helpSetExample: { en: 'set policy.withheld block', de: 'setze policy.withheld block' },

  helpImportUsage: { en: 'import FILE [allow|block]', de: 'import DATEI [erlaubt|gesperrt]' },
  helpImportSummary: {
    en: 'Add entries from a CSV or vCard file.',
    de: 'Übernimmt Einträge aus einer CSV- oder vCard-Datei.',
  },
  helpImportDetails: {
    en: 'A CSV file has the columns list,number,name (a header line is optional, and semicolons work too). A vCard file (.vcf, versions 2.1 to 4.0) goes to the allowlist unless block is given. A number already on the list with another name is merged (the name is updated). The report names every skipped entry and why. A relative path starts in {baseDir}.',
    de: 'Eine CSV-Datei hat die Spalten list,number,name (Kopfzeile freiwillig, Semikolon geht auch). Eine vCard-Datei (.vcf, Version 2.1 bis 4.0) kommt auf die Erlaubt-Liste, außer „gesperrt“ wird angegeben. Steht eine Nummer mit anderem Namen schon auf der Liste, wird sie zusammengeführt (der Name wird aktualisiert). Der Bericht nennt jeden übersprungenen Eintrag mit Grund. Ein relativer Pfad beginnt in {baseDir}.',
  },
  helpImportExample: { en: 'import contacts.vcf', de: 'import kontakte.vcf' },

  helpExportUsage: { en: 'export FILE [allow|block]', de: 'export DATEI [erlaubt|gesperrt]' },
  helpExportSummary: {
    en: 'Write the lists to a CSV or vCard file.',
    de: 'Schreibt die Listen in eine CSV- oder vCard-Datei.',
  },
  helpExportDetails: {
    en: 'A .csv file gets both lists with the columns list,number,name. A .vcf file gets vCard 3.0 cards of the allowlist, or of the blocklist when block is given, and leaves out prefixes. An existing file is never overwritten. A relative path starts in {baseDir}.',
    de: 'Eine .csv-Datei bekommt beide Listen mit den Spalten list,number,name. Eine .vcf-Datei bekommt vCard-3.0-Karten der Erlaubt-Liste, oder der Sperrliste mit „gesperrt“, ohne Präfixe. Eine vorhandene Datei wird nie überschrieben. Ein relativer Pfad beginnt in {baseDir}.',
  },
  helpExportExample: { en: 'export lists.csv', de: 'export listen.csv' },

  helpPromptUsage: {
    en: 'prompt list | import NAME FILE | reset NAME | record NAME',
    de: 'ansage liste | importieren NAME DATEI | zurücksetzen NAME | aufnehmen NAME',
  },
  helpPromptSummary: {
    en: 'Replace a spoken prompt with your own recording.',
    de: 'Ersetzt eine Ansage durch eine eigene Aufnahme.',
  },
  helpPromptDetails: {
    en: 'list shows every prompt and whether it is shipped or your own. import converts any PCM, float, A-law or µ-law WAV file to the modem format and saves it as your own prompt. reset goes back to the shipped prompt. record waits {armSeconds} s for the desk phone to be picked up, then records after the tone until # or {silenceSeconds} s of silence (at most {maxSeconds} s), plays the recording back and saves it. A ring cancels the wait. Own prompts are in {promptsDir}. A relative FILE starts in {baseDir}.',
    de: '„liste“ zeigt alle Ansagen und ob sie mitgeliefert oder eigene sind. „importieren“ wandelt eine WAV-Datei (PCM, Gleitkomma, A-law oder µ-law) ins Modemformat und speichert sie als eigene Ansage. „zurücksetzen“ stellt die mitgelieferte Ansage wieder her. „aufnehmen“ wartet {armSeconds} s darauf, dass der Hörer des Tischtelefons abgenommen wird, nimmt nach dem Ton bis # oder {silenceSeconds} s Stille auf (höchstens {maxSeconds} s), spielt die Aufnahme vor und speichert sie. Ein Anruf bricht das Warten ab. Eigene Ansagen liegen in {promptsDir}. Eine relative DATEI beginnt in {baseDir}.',
  },
  helpPromptExample: { en: 'prompt import hold my-hold.wav', de: 'ansage importieren hold warteansage.wav' },

  helpExitUsage: { en: 'exit', de: 'beenden' },
  helpExitSummary: { en: 'Close the console.', de: 'Schließt die Konsole.' },
  helpExitDetails: {
    en: 'On a serial port, a new prompt follows, because the console stays available there. Ctrl-D on an empty line does the same.',
    de: 'Auf einer seriellen Schnittstelle folgt eine neue Eingabeaufforderung, weil die Konsole dort verfügbar bleibt. Strg-D in einer leeren Zeile wirkt genauso.',
  },
  helpExitExample: { en: 'exit', de: 'beenden' },
};
