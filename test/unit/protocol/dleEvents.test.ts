import { describe, expect, it } from 'vitest';

import { decodeDleCode, type DleEventName } from '../../../src/protocol/dleEvents.js';

function code(character: string): number {
  return character.charCodeAt(0);
}

describe('decodeDleCode', () => {
  const namedEvents: [string, DleEventName][] = [
    ['R', 'ring'],
    ['r', 'ringback'],
    ['b', 'busy'],
    ['d', 'dial-tone'],
    ['/', 'dtmf-start'],
    ['~', 'dtmf-end'],
    ['\x7f', 'dtmf-end'],
    ['s', 'silence'],
    ['q', 'quiet'],
    ['u', 'underrun'],
    ['o', 'overrun'],
    ['l', 'loop-interruption'],
    ['L', 'polarity-reversal'],
    ['P', 'extension-off-hook'],
    ['p', 'extension-on-hook'],
    ['H', 'local-off-hook'],
    ['h', 'local-on-hook'],
    ['c', 'fax-calling'],
    ['e', 'data-calling'],
    ['a', 'answer-tone'],
    ['f', 'answer-tone'],
    ['J', 'sit'],
    ['X', 'complex-event-start'],
    ['.', 'complex-event-end'],
    ['T', 'timing-mark'],
  ];

  it.each(namedEvents)('maps code %j to %s', (character, name) => {
    expect(decodeDleCode(code(character))).toEqual({ name, code: code(character) });
  });

  it.each([...'0123456789*#ABCD'])('maps code %j to that digit', (digit) => {
    expect(decodeDleCode(code(digit))).toEqual({ name: 'digit', code: code(digit), digit });
  });

  it('reads lower-case d as dial tone', () => {
    expect(decodeDleCode(code('d')).name).toBe('dial-tone');
  });

  it('reads upper-case D as a digit', () => {
    expect(decodeDleCode(code('D')).digit).toBe('D');
  });

  it('keeps the code of unknown events', () => {
    expect(decodeDleCode(code('$'))).toEqual({ name: 'unknown', code: code('$') });
  });

  it('leaves ETX to the caller as unknown', () => {
    expect(decodeDleCode(0x03).name).toBe('unknown');
  });

  it.each([-1, 256, 0x130, 1.5])('reads non-byte number %d as unknown', (value) => {
    expect(decodeDleCode(value)).toEqual({ name: 'unknown', code: value });
  });
});
