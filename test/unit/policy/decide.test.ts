import { describe, expect, it } from 'vitest';

import {
  buildListIndex,
  decide,
  type ListEntry,
  type Lists,
  type PolicySettings,
} from '../../../src/policy/decide.js';
import { parseListPattern, type NumberContext } from '../../../src/policy/numbers.js';

const BERLIN: NumberContext = { region: 'DE', areaCode: '030' };
const ANNA = '+49305550123';

const SCREEN_UNKNOWN: PolicySettings = {
  preset: 'screen-unknown',
  withheld: 'screen',
  unavailable: 'screen',
  absent: 'screen',
};

let nextId = 0;

/** Builds a list entry from a number as a person would type it on a Berlin line. */
function entry(list: 'allow' | 'block', raw: string): ListEntry {
  nextId += 1;
  return {
    id: `entry-${nextId}`,
    list,
    raw,
    name: raw,
    pattern: parseListPattern(raw, BERLIN),
    addedAt: '2024-12-04T09:00:00.000Z',
    source: 'console',
  };
}

function lists(allow: string[], block: string[]): Lists {
  return { allow: allow.map((raw) => entry('allow', raw)), block: block.map((raw) => entry('block', raw)) };
}

describe('decide list precedence', () => {
  it.each([
    {
      case: 'exact allow over block prefix',
      allow: ['030 5550123'],
      block: ['030*'],
      decision: 'allow',
      rule: 'allowlist',
    },
    {
      case: 'exact block over allow prefix',
      allow: ['030*'],
      block: ['030 5550123'],
      decision: 'block',
      rule: 'blocklist',
    },
    {
      case: 'longer block prefix over allow prefix',
      allow: ['0*'],
      block: ['030555*'],
      decision: 'block',
      rule: 'blocklist-prefix',
    },
    {
      case: 'longer allow prefix over block prefix',
      allow: ['030555*'],
      block: ['030*'],
      decision: 'allow',
      rule: 'allowlist-prefix',
    },
    {
      case: 'allow prefix on equal prefix tie',
      allow: ['030*'],
      block: ['+4930*'],
      decision: 'allow',
      rule: 'allowlist-prefix',
    },
    {
      case: 'allow on exact tie',
      allow: ['030 5550123'],
      block: ['+49 30 5550123'],
      decision: 'allow',
      rule: 'allowlist',
    },
    { case: 'block exact alone', allow: [], block: ['5550123'], decision: 'block', rule: 'blocklist' },
    { case: 'allow exact alone', allow: ['5550123'], block: [], decision: 'allow', rule: 'allowlist' },
    {
      case: 'non-matching entries',
      allow: ['0895550177'],
      block: ['0900*'],
      decision: 'screen',
      rule: 'unknown-screened',
    },
  ])('decides $case', ({ allow, block, decision, rule }) => {
    const result = decide({
      e164: ANNA,
      status: 'present',
      lists: lists(allow, block),
      settings: SCREEN_UNKNOWN,
    });

    expect(result.decision).toBe(decision);
    expect(result.rule).toBe(rule);
  });

  it('returns the entry that decided', () => {
    const seeded = lists(['030*'], ['030 5550123']);

    const result = decide({ e164: ANNA, status: 'present', lists: seeded, settings: SCREEN_UNKNOWN });

    expect(result.entry).toBe(seeded.block[0]);
  });
});

describe('decide without a number', () => {
  it.each([
    { status: 'withheld', action: 'voicemail' },
    { status: 'unavailable', action: 'block' },
    { status: 'absent', action: 'allow' },
  ] as const)('uses the configured $status action', ({ status, action }) => {
    const settings: PolicySettings = { ...SCREEN_UNKNOWN, [status]: action };

    const result = decide({ e164: null, status, lists: lists([], []), settings });

    expect(result.decision).toBe(action);
    expect(result.rule).toBe(status);
    expect(result.entry).toBeNull();
  });

  it.each(['block-only', 'allowlist-only'] as const)('keeps withheld action under %s', (preset) => {
    const result = decide({
      e164: null,
      status: 'withheld',
      lists: lists([], []),
      settings: { ...SCREEN_UNKNOWN, preset },
    });

    expect(result.decision).toBe('screen');
  });

  it('ignores the lists for a withheld number', () => {
    const result = decide({
      e164: ANNA,
      status: 'withheld',
      lists: lists(['030*'], []),
      settings: SCREEN_UNKNOWN,
    });

    expect(result.rule).toBe('withheld');
  });
});

describe('decide presets', () => {
  it.each([
    { preset: 'screen-unknown', decision: 'screen', rule: 'unknown-screened' },
    { preset: 'block-only', decision: 'allow', rule: 'preset-block-only' },
    { preset: 'allowlist-only', decision: 'block', rule: 'preset-allowlist-only' },
  ] as const)('treats unknown callers under $preset', ({ preset, decision, rule }) => {
    const result = decide({
      e164: ANNA,
      status: 'present',
      lists: lists([], []),
      settings: { ...SCREEN_UNKNOWN, preset },
    });

    expect(result.decision).toBe(decision);
    expect(result.rule).toBe(rule);
  });

  it.each([
    { preset: 'block-only', allow: [], block: ['030*'], decision: 'block' },
    { preset: 'allowlist-only', allow: ['030*'], block: [], decision: 'allow' },
    { preset: 'allowlist-only', allow: ['030*'], block: ['030 5550123'], decision: 'block' },
  ] as const)('applies lists under $preset', ({ preset, allow, block, decision }) => {
    const result = decide({
      e164: ANNA,
      status: 'present',
      lists: lists([...allow], [...block]),
      settings: { ...SCREEN_UNKNOWN, preset },
    });

    expect(result.decision).toBe(decision);
  });

  it.each([
    { preset: 'screen-unknown', decision: 'screen' },
    { preset: 'block-only', decision: 'allow' },
    { preset: 'allowlist-only', decision: 'block' },
  ] as const)('treats unusable number as unknown under $preset', ({ preset, decision }) => {
    const result = decide({
      e164: null,
      status: 'present',
      lists: lists([], []),
      settings: { ...SCREEN_UNKNOWN, preset },
    });

    expect(result.decision).toBe(decision);
  });
});

describe('decide with an index', () => {
  it('matches the result of plain lists', () => {
    const seeded = lists(['030*', '0895550177', '0900 123*'], ['0900*', '030 5550123', '0044*']);
    const index = buildListIndex(seeded);
    const callers = [
      '+49305550123',
      '+49305550124',
      '+49895550177',
      '+499001234567',
      '+499009999',
      '+442075550123',
    ];

    for (const e164 of callers) {
      const fromIndex = decide({ e164, status: 'present', index, settings: SCREEN_UNKNOWN });
      const fromLists = decide({ e164, status: 'present', lists: seeded, settings: SCREEN_UNKNOWN });
      expect(fromIndex, e164).toEqual(fromLists);
    }
  });

  it('decides 10000 calls among 100000 entries quickly', () => {
    const allow: ListEntry[] = [];
    const block: ListEntry[] = [entry('block', '0900*')];
    for (let i = 0; i < 100_000; i += 1) {
      const list = i % 2 === 0 ? 'allow' : 'block';
      const pattern = { kind: 'exact', e164: `+4930${String(1_000_000 + i)}` } as const;
      (list === 'allow' ? allow : block).push({ ...entry(list, '0305550123'), pattern });
    }
    const index = buildListIndex({ allow, block });

    const started = performance.now();
    let blocked = 0;
    for (let i = 0; i < 10_000; i += 1) {
      const result = decide({
        e164: `+4930${String(1_000_000 + i)}`,
        status: 'present',
        index,
        settings: SCREEN_UNKNOWN,
      });
      if (result.decision === 'block') blocked += 1;
    }
    const elapsedMs = performance.now() - started;

    expect(blocked).toBe(5000);
    // A scan of 100,000 entries per call would take seconds. The index needs a few map lookups.
    expect(elapsedMs).toBeLessThan(500);
  });
});

describe('decide during do-not-disturb', () => {
  const NIGHT: PolicySettings = {
    ...SCREEN_UNKNOWN,
    doNotDisturb: [{ days: ['mon'], fromMinute: 22 * 60, toMinute: 7 * 60 }],
  };
  const MONDAY_NIGHT = { day: 'mon', minute: 23 * 60 } as const;
  const TUESDAY_NOON = { day: 'tue', minute: 12 * 60 } as const;

  function vipLists(): Lists {
    return { allow: [{ ...entry('allow', '030 5550123'), vip: true }], block: [] };
  }

  it('sends a contact to voicemail', () => {
    const result = decide({
      e164: ANNA,
      status: 'present',
      lists: lists(['030 5550123'], []),
      settings: NIGHT,
      time: MONDAY_NIGHT,
    });

    expect(result.decision).toBe('voicemail');
    expect(result.rule).toBe('do-not-disturb');
  });

  it('lets a VIP contact ring', () => {
    const result = decide({
      e164: ANNA,
      status: 'present',
      lists: vipLists(),
      settings: NIGHT,
      time: MONDAY_NIGHT,
    });

    expect(result.decision).toBe('allow');
    expect(result.rule).toBe('do-not-disturb-vip');
  });

  it('sends an unknown caller to voicemail', () => {
    const result = decide({
      e164: ANNA,
      status: 'present',
      lists: lists([], []),
      settings: NIGHT,
      time: MONDAY_NIGHT,
    });

    expect(result.decision).toBe('voicemail');
  });

  it('sends a withheld caller to voicemail', () => {
    const result = decide({
      e164: null,
      status: 'withheld',
      lists: lists([], []),
      settings: NIGHT,
      time: MONDAY_NIGHT,
    });

    expect(result.decision).toBe('voicemail');
  });

  it('keeps a blocked caller blocked', () => {
    const result = decide({
      e164: ANNA,
      status: 'present',
      lists: lists([], ['030*']),
      settings: NIGHT,
      time: MONDAY_NIGHT,
    });

    expect(result.decision).toBe('block');
    expect(result.rule).toBe('blocklist-prefix');
  });

  it('keeps a withheld block action', () => {
    const settings: PolicySettings = { ...NIGHT, withheld: 'block' };

    const result = decide({
      e164: null,
      status: 'withheld',
      lists: lists([], []),
      settings,
      time: MONDAY_NIGHT,
    });

    expect(result.decision).toBe('block');
  });

  it('does nothing outside the window', () => {
    const result = decide({
      e164: ANNA,
      status: 'present',
      lists: lists(['030 5550123'], []),
      settings: NIGHT,
      time: TUESDAY_NOON,
    });

    expect(result.decision).toBe('allow');
    expect(result.rule).toBe('allowlist');
  });

  it('does nothing without a time', () => {
    const result = decide({
      e164: ANNA,
      status: 'present',
      lists: lists(['030 5550123'], []),
      settings: NIGHT,
    });

    expect(result.decision).toBe('allow');
  });

  it('ignores VIP on a non-matching entry', () => {
    const result = decide({
      e164: '+49895550177',
      status: 'present',
      lists: vipLists(),
      settings: NIGHT,
      time: MONDAY_NIGHT,
    });

    expect(result.rule).toBe('do-not-disturb');
  });
});
