/**
 * The desk menu: what each key on the desk phone does while a screened caller is held.
 * The announcement lists exactly these keys: prompt `desk-menu`, or `desk-menu-no-voicemail`
 * without key 2 when voicemail is switched off.
 */
import type { PromptName } from './prompts.js';

/** What the person at the desk chose for the held caller. */
export type DeskChoice = 'accept' | 'voicemail' | 'reject' | 'block' | 'accept-and-allow';

export type DeskKeyAction = { kind: 'choice'; choice: DeskChoice } | { kind: 'repeat' } | { kind: 'invalid' };

const KEY_CHOICES: Readonly<Record<string, DeskChoice>> = {
  '1': 'accept',
  '2': 'voicemail',
  '3': 'reject',
  '4': 'block',
  '5': 'accept-and-allow',
};

/** What the menu offers; voicemail only while it is enabled. */
export interface DeskMenuOptions {
  voicemail: boolean;
}

/**
 * Maps a key pressed at the desk to its action: 1 to 5 choose, `*` repeats, anything else is
 * invalid. Key 2 is invalid when voicemail is off, because the menu does not offer it then.
 */
export function deskKeyAction(key: string, options: DeskMenuOptions = { voicemail: true }): DeskKeyAction {
  const choice = KEY_CHOICES[key];
  if (choice === 'voicemail' && !options.voicemail) return { kind: 'invalid' };
  if (choice) return { kind: 'choice', choice };
  if (key === '*') return { kind: 'repeat' };
  return { kind: 'invalid' };
}

/** Returns the menu prompt that lists exactly the keys `deskKeyAction` accepts. */
export function deskMenuPrompt(options: DeskMenuOptions): PromptName {
  return options.voicemail ? 'desk-menu' : 'desk-menu-no-voicemail';
}
