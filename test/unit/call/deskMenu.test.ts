import { describe, expect, it } from 'vitest';

import { deskKeyAction, deskMenuPrompt } from '../../../src/call/deskMenu.js';

describe('deskKeyAction', () => {
  it.each([
    ['1', 'accept'],
    ['2', 'voicemail'],
    ['3', 'reject'],
    ['4', 'block'],
    ['5', 'accept-and-allow'],
  ])('maps key %s to %s', (key, choice) => {
    expect(deskKeyAction(key)).toEqual({ kind: 'choice', choice });
  });

  it('repeats on star', () => {
    expect(deskKeyAction('*')).toEqual({ kind: 'repeat' });
  });

  it.each(['0', '6', '9', '#', 'A'])('treats %s as invalid', (key) => {
    expect(deskKeyAction(key)).toEqual({ kind: 'invalid' });
  });

  it('treats 2 as invalid without voicemail', () => {
    expect(deskKeyAction('2', { voicemail: false })).toEqual({ kind: 'invalid' });
  });

  it('keeps 1 without voicemail', () => {
    expect(deskKeyAction('1', { voicemail: false })).toEqual({ kind: 'choice', choice: 'accept' });
  });
});

describe('deskMenuPrompt', () => {
  it('offers voicemail when enabled', () => {
    expect(deskMenuPrompt({ voicemail: true })).toBe('desk-menu');
  });

  it('leaves voicemail out when disabled', () => {
    expect(deskMenuPrompt({ voicemail: false })).toBe('desk-menu-no-voicemail');
  });
});
