import { describe, expect, it } from 'vitest';

import { parseCommandLine } from '../../../src/sim/atCommandLine.js';

describe('parseCommandLine', () => {
  it('splits concatenated basic commands', () => {
    expect(parseCommandLine('E0V1')).toEqual({
      ok: true,
      commands: [
        { kind: 'basic', name: 'E', value: '0' },
        { kind: 'basic', name: 'V', value: '1' },
      ],
    });
  });

  it('ignores spaces between commands', () => {
    const parsed = parseCommandLine(' Z S0=0 E0 Q0 V1');
    expect(parsed).toEqual({
      ok: true,
      commands: [
        { kind: 'basic', name: 'Z', value: '' },
        { kind: 'register-set', register: 0, value: '0' },
        { kind: 'basic', name: 'E', value: '0' },
        { kind: 'basic', name: 'Q', value: '0' },
        { kind: 'basic', name: 'V', value: '1' },
      ],
    });
  });

  it('separates extended commands at semicolons', () => {
    const parsed = parseCommandLine('-SCID=1;+VCID=1;-STE=3');
    expect(parsed).toEqual({
      ok: true,
      commands: [
        { kind: 'extended', name: '-SCID', form: 'set', args: '1' },
        { kind: 'extended', name: '+VCID', form: 'set', args: '1' },
        { kind: 'extended', name: '-STE', form: 'set', args: '3' },
      ],
    });
  });

  it('tells read, test and action forms apart', () => {
    const parsed = parseCommandLine('+VCID?;+VSM=?;+GMI');
    expect(
      parsed.ok && parsed.commands.map((command) => (command.kind === 'extended' ? command.form : null)),
    ).toEqual(['read', 'test', 'action']);
  });

  it('upper-cases lower-case commands', () => {
    expect(parseCommandLine('+fclass=8')).toEqual({
      ok: true,
      commands: [{ kind: 'extended', name: '+FCLASS', form: 'set', args: '8' }],
    });
  });

  it('keeps tone lists whole', () => {
    const parsed = parseCommandLine('+VTS=[900,900,120]');
    expect(parsed).toEqual({
      ok: true,
      commands: [{ kind: 'extended', name: '+VTS', form: 'set', args: '[900,900,120]' }],
    });
  });

  it('reads register queries', () => {
    expect(parseCommandLine('S7?')).toEqual({ ok: true, commands: [{ kind: 'register-read', register: 7 }] });
  });

  it('rejects an extended action followed by text', () => {
    expect(parseCommandLine('+VTX&W').ok).toBe(false);
  });

  it('rejects stray punctuation', () => {
    expect(parseCommandLine('E0$')).toEqual({ ok: false, errorAt: 2 });
  });
});
