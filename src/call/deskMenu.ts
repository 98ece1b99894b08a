/**
 * The desk menu: what each key on the desk phone does while a screened caller is held.
 * The announcement (prompt `desk-menu`) lists exactly these keys.
 */

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

/** Maps a key pressed at the desk to its action: 1 to 5 choose, `*` repeats, anything else is invalid. */
export function deskKeyAction(key: string): DeskKeyAction {
  const choice = KEY_CHOICES[key];
  if (choice) return { kind: 'choice', choice };
  if (key === '*') return { kind: 'repeat' };
  return { kind: 'invalid' };
}
