/** Texts of the `prompt` command in German and English. Help texts are in `helpMessages.ts`. */

export const PROMPT_MESSAGES = {
  promptNameUnknown: {
    en: 'Unknown prompt "{name}". Prompts: {names}. Nothing was changed.',
    de: 'Unbekannte Ansage „{name}“. Ansagen: {names}. Nichts wurde geändert.',
  },
  promptFileInvalid: {
    en: '{file} cannot be used as a prompt: {detail} Nothing was changed.',
    de: '{file} lässt sich nicht als Ansage verwenden. Nichts wurde geändert. Details (englisch): {detail}',
  },
  promptFileEmpty: {
    en: '{file} contains no samples. Nothing was changed.',
    de: '{file} enthält keine Samples. Nichts wurde geändert.',
  },
  promptImported: {
    en: 'Prompt {name} is now your recording from {file} ({seconds} s), saved as {path}. It plays from the next call.',
    de: 'Die Ansage {name} ist jetzt Ihre Aufnahme aus {file} ({seconds} s), gespeichert als {path}. Sie gilt ab dem nächsten Anruf.',
  },
  promptWriteFailed: {
    en: 'Cannot write {path}: {detail}. The prompt was not changed.',
    de: '{path} lässt sich nicht schreiben: {detail}. Die Ansage wurde nicht geändert.',
  },
  promptRemoveFailed: {
    en: 'Cannot delete {path}: {detail}. The prompt was not changed.',
    de: '{path} lässt sich nicht löschen: {detail}. Die Ansage wurde nicht geändert.',
  },
  promptListHeading: {
    en: 'Prompts in {locale} (own recordings are in {dir}):',
    de: 'Ansagen auf {locale} (eigene Aufnahmen liegen in {dir}):',
  },
  promptShipped: { en: 'shipped', de: 'mitgeliefert' },
  promptOwn: { en: 'own recording', de: 'eigene Aufnahme' },
  promptReset: {
    en: 'Prompt {name} is the shipped one again from the next call.',
    de: 'Die Ansage {name} ist ab dem nächsten Anruf wieder die mitgelieferte.',
  },
  promptResetNone: {
    en: 'Prompt {name} is the shipped one already. Nothing was changed.',
    de: 'Die Ansage {name} ist schon die mitgelieferte. Nichts wurde geändert.',
  },
  promptRecordArmed: {
    en: 'Pick up the desk phone within {seconds} s and speak after the tone; press # when done.',
    de: 'Bitte innerhalb von {seconds} s den Hörer des Tischtelefons abnehmen und nach dem Ton sprechen; zum Beenden # drücken.',
  },
  promptRecordUnavailable: {
    en: 'Recording at the desk phone works only in the console of the running daemon (the serial console). Record the prompt elsewhere and use prompt import. Nothing was changed.',
    de: 'Aufnehmen am Tischtelefon geht nur in der Konsole des laufenden Dienstes (der seriellen Konsole). Bitte die Ansage anders aufnehmen und mit „ansage importieren“ übernehmen. Nichts wurde geändert.',
  },
};
