import { describe, expect, it } from 'vitest';

import { buildListIndex, findBestMatch, type ListEntry } from '../../../src/policy/listIndex.js';
import type { ListPattern } from '../../../src/policy/numbers.js';

function entry(id: string, pattern: ListPattern): ListEntry {
  return {
    id,
    list: 'block',
    raw: id,
    name: id,
    pattern,
    addedAt: '2024-12-04T09:00:00.000Z',
    source: 'console',
  };
}

const GERMANY = entry('germany', { kind: 'prefix', prefix: '+49' });
const BERLIN = entry('berlin', { kind: 'prefix', prefix: '+4930' });
const BERLIN_555 = entry('berlin-555', { kind: 'prefix', prefix: '+4930555' });
const ANNA = entry('anna', { kind: 'exact', e164: '+49305550123' });
const ANNA_AGAIN = entry('anna-again', { kind: 'exact', e164: '+49305550123' });
const UK = entry('uk', { kind: 'prefix', prefix: '+44' });

describe('best match', () => {
  it.each([
    {
      case: 'exact over prefix',
      list: [GERMANY, BERLIN_555, ANNA, BERLIN],
      e164: '+49305550123',
      id: 'anna',
    },
    { case: 'longest prefix', list: [GERMANY, BERLIN_555, BERLIN], e164: '+49305550999', id: 'berlin-555' },
    {
      case: 'shorter prefix when longer misses',
      list: [GERMANY, BERLIN_555, BERLIN],
      e164: '+49301234567',
      id: 'berlin',
    },
    { case: 'first of equal entries', list: [ANNA, ANNA_AGAIN], e164: '+49305550123', id: 'anna' },
    {
      case: 'prefix as long as number',
      list: [entry('whole', { kind: 'prefix', prefix: '+4930' })],
      e164: '+4930',
      id: 'whole',
    },
    { case: 'no match', list: [UK, ANNA], e164: '+49301234567', id: null },
    { case: 'empty list', list: [], e164: '+49301234567', id: null },
  ])('finds $case', ({ list, e164, id }) => {
    expect(findBestMatch(list, e164)?.id ?? null).toBe(id);
    expect(buildListIndex({ allow: [], block: list }).bestMatch('block', e164)?.id ?? null).toBe(id);
  });

  it('keeps the two lists apart', () => {
    const index = buildListIndex({ allow: [{ ...UK, list: 'allow' }], block: [ANNA] });

    expect(index.bestMatch('allow', '+49305550123')).toBeNull();
    expect(index.bestMatch('block', '+442075550123')).toBeNull();
  });
});
