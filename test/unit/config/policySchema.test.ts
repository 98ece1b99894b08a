import { describe, expect, it } from 'vitest';

import { parseConfig } from '../../../src/config/load.js';
import { isVorzimmerError } from '../../../src/util/errors.js';

/** Returns the message of the error that parseConfig throws, or fails the test when it returns. */
function configError(input: unknown): string {
  try {
    parseConfig(input, 'test.json');
  } catch (error) {
    expect(isVorzimmerError(error, 'CONFIG_INVALID')).toBe(true);
    return (error as Error).message;
  }
  throw new Error('parseConfig returned instead of throwing');
}

describe('policy caller actions per preset', () => {
  it.each([
    { preset: 'screen-unknown', action: 'screen' },
    { preset: 'block-only', action: 'allow' },
    { preset: 'allowlist-only', action: 'block' },
  ] as const)('defaults to $action under $preset', ({ preset, action }) => {
    const { policy } = parseConfig({ policy: { preset } }, 'test.json');

    expect(policy.withheld).toBe(action);
    expect(policy.unavailable).toBe(action);
    expect(policy.absent).toBe(action);
  });

  it('keeps an action the user set', () => {
    const { policy } = parseConfig(
      { policy: { preset: 'allowlist-only', unavailable: 'screen' } },
      'test.json',
    );

    expect(policy.unavailable).toBe('screen');
    expect(policy.withheld).toBe('block');
  });

  it('defaults to screen-unknown', () => {
    const { policy } = parseConfig({}, 'test.json');

    expect(policy.preset).toBe('screen-unknown');
    expect(policy.withheld).toBe('screen');
  });
});

describe('policy blockAction', () => {
  it('accepts sit', () => {
    expect(parseConfig({ policy: { blockAction: 'sit' } }, 'test.json').policy.blockAction).toBe('sit');
  });

  it('names the allowed values', () => {
    const message = configError({ policy: { blockAction: 'explode' } });

    expect(message).toMatch(/policy\.blockAction/);
    expect(message).toMatch(/"sit"/);
  });
});

describe('policy doNotDisturb', () => {
  it('reads a window across midnight', () => {
    const config = parseConfig(
      { policy: { doNotDisturb: [{ days: ['mon', 'tue'], from: '22:00', to: '07:00' }] } },
      'test.json',
    );

    expect(config.policy.doNotDisturb).toEqual([{ days: ['mon', 'tue'], fromMinute: 1320, toMinute: 420 }]);
  });

  it.each([
    {
      window: { days: ['mon'], from: '22:00', to: '7:00' },
      field: 'policy.doNotDisturb.0.to',
      text: /HH:MM/,
    },
    {
      window: { days: ['mon'], from: '25:00', to: '07:00' },
      field: 'policy.doNotDisturb.0.from',
      text: /HH:MM/,
    },
    {
      window: { days: ['mon'], from: '24:00', to: '07:00' },
      field: 'policy.doNotDisturb.0.from',
      text: /23:59/,
    },
    {
      window: { days: ['monday'], from: '22:00', to: '07:00' },
      field: 'policy.doNotDisturb.0.days.0',
      text: /sun, mon, tue/,
    },
    {
      window: { days: [], from: '22:00', to: '07:00' },
      field: 'policy.doNotDisturb.0.days',
      text: /at least one day/,
    },
    {
      window: { days: ['mon'], from: '08:00', to: '08:00' },
      field: 'policy.doNotDisturb.0.to',
      text: /24:00/,
    },
    { window: { days: ['mon'], from: '08:00' }, field: 'policy.doNotDisturb.0.to', text: /./ },
    {
      window: { days: ['mon'], from: '08:00', to: '09:00', until: '10:00' },
      field: 'policy.doNotDisturb.0',
      text: /until/,
    },
  ])('rejects $window with a message on $field', ({ window, field, text }) => {
    const message = configError({ policy: { doNotDisturb: [window] } });

    expect(message).toContain('test.json');
    expect(message).toContain(`${field}:`);
    expect(message).toMatch(text);
  });
});

describe('voicemail.enabled', () => {
  it('defaults to true', () => {
    expect(parseConfig({}, 'test.json').voicemail.enabled).toBe(true);
  });

  it.each(['withheld', 'unavailable', 'absent', 'blockAction'])(
    'rejects %s voicemail without voicemail',
    (field) => {
      const message = configError({ voicemail: { enabled: false }, policy: { [field]: 'voicemail' } });

      expect(message).toContain(`policy.${field}:`);
      expect(message).toMatch(/voicemail\.enabled is false/);
    },
  );

  it('rejects a schedule without voicemail', () => {
    const input = {
      voicemail: { enabled: false },
      policy: { doNotDisturb: [{ days: ['sun'], from: '00:00', to: '24:00' }] },
    };

    expect(configError(input)).toContain('policy.doNotDisturb:');
  });
});

describe('config bad values', () => {
  it('names an unknown region and the allowed ones', () => {
    const message = configError({ region: 'FR' });

    expect(message).toContain('region:');
    expect(message).toMatch(/"DE"/);
  });

  it('names a wrong value type', () => {
    expect(configError({ screening: { deskRings: 'six' } })).toContain('screening.deskRings:');
  });
});
