/**
 * The example configurations in config/ must load as they are, carry the documented defaults,
 * and have every setting described in config/README.md and config/README.de.md.
 */
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';

import { loadConfigFile } from '../../../src/config/load.js';
import { configSchema } from '../../../src/config/schema.js';
import { isVorzimmerError } from '../../../src/util/errors.js';

const root = path.resolve(import.meta.dirname, '../../..');
const configFolder = path.join(root, 'config');

const EXAMPLES = [
  { file: 'de.json', region: 'DE', locale: 'de', ringFrequencyHz: 25, areaCode: '030' },
  { file: 'uk.json', region: 'UK', locale: 'en', ringFrequencyHz: 25, areaCode: '020' },
  { file: 'us.json', region: 'US', locale: 'en', ringFrequencyHz: 20, areaCode: '212' },
] as const;

/**
 * Dotted paths of every setting in `schema`, looking through defaults, optionals, nullables and
 * transforms. The fields of an array's items appear under the array's own path.
 */
function settingPaths(schema: z.core.$ZodType, prefix = ''): string[] {
  let inner: unknown = schema;
  for (;;) {
    if (inner instanceof z.ZodPipe) inner = inner.in;
    else if (
      typeof inner === 'object' &&
      inner !== null &&
      'unwrap' in inner &&
      typeof inner.unwrap === 'function'
    ) {
      inner = inner.unwrap();
    } else break;
  }

  if (!(inner instanceof z.ZodObject)) return [prefix];
  return Object.entries(inner.shape).flatMap(([key, child]) =>
    settingPaths(child as z.core.$ZodType, prefix === '' ? key : `${prefix}.${key}`),
  );
}

describe('example configurations', () => {
  for (const example of EXAMPLES) {
    it(`${example.file} loads with the default pins`, () => {
      const config = loadConfigFile(path.join(configFolder, example.file));

      expect(config.region).toBe(example.region);
      expect(config.locale).toBe(example.locale);
      expect(config.dataDir).toBe('/var/lib/vorzimmer');
      expect(config.modems.line.path).toBe('/dev/vorzimmer-line');
      expect(config.modems.phone.path).toBe('/dev/vorzimmer-phone');
      expect(config.board.kind).toBe('gpio');
      expect(config.board.relay).toEqual({ pin: 17, activeLow: false });
      expect(config.board.slic.ringModePin).toBe(27);
      expect(config.board.slic.forwardReversePin).toBe(22);
      expect(config.board.slic.hookPin).toBe(23);
      expect(config.board.slic.hookActiveHigh).toBe(true);
      expect(config.board.slic.ringFrequencyHz).toBe(example.ringFrequencyHz);
      expect(config.board.lineSense).toBeNull();
      expect(config.board.leds).toEqual({ ready: 5, message: 6, call: 13 });
      expect(config.policy.preset).toBe('screen-unknown');
      expect(config.policy.withheld).toBe('screen');
      expect(config.policy.unavailable).toBe('screen');
      expect(config.policy.absent).toBe('screen');
    });

    it(`${example.file} differs from the defaults only where intended`, async () => {
      const written: unknown = JSON.parse(await readFile(path.join(configFolder, example.file), 'utf8'));
      const intended = {
        region: example.region,
        locale: example.locale,
        areaCode: example.areaCode,
        dataDir: '/var/lib/vorzimmer',
        board: { slic: { ringFrequencyHz: example.ringFrequencyHz } },
      };

      expect(configSchema.parse(written)).toEqual(configSchema.parse(intended));
    });
  }
});

describe('example configuration checks', () => {
  let folder: string;

  beforeAll(async () => {
    folder = await mkdtemp(path.join(tmpdir(), 'vorzimmer-config-'));
  });

  afterAll(async () => {
    await rm(folder, { recursive: true, force: true });
  });

  it('rejects an example with a pin out of range', async () => {
    const written = JSON.parse(await readFile(path.join(configFolder, 'de.json'), 'utf8')) as {
      board: { relay: { pin: number } };
    };
    written.board.relay.pin = 60;
    const file = path.join(folder, 'bad-pin.json');
    await writeFile(file, JSON.stringify(written));

    let caught: unknown;
    try {
      loadConfigFile(file);
    } catch (error) {
      caught = error;
    }

    expect(isVorzimmerError(caught)).toBe(true);
    expect((caught as Error).message).toContain('board.relay.pin');
  });

  it('rejects an example with an unknown key', async () => {
    const written = JSON.parse(await readFile(path.join(configFolder, 'us.json'), 'utf8')) as Record<
      string,
      unknown
    >;
    written.ringerVolume = 3;
    const file = path.join(folder, 'unknown-key.json');
    await writeFile(file, JSON.stringify(written));

    expect(() => loadConfigFile(file)).toThrow(/ringerVolume|nrecognized/);
  });
});

describe('configuration docs', () => {
  const paths = settingPaths(configSchema);

  it('schema walk finds nested settings', () => {
    expect(paths).toContain('board.slic.ringFrequencyHz');
    expect(paths).toContain('board.lineSense.activeHigh');
    expect(paths).toContain('modems.phone.initExtra');
    expect(paths).toContain('policy.robotCheck');
    expect(paths.length).toBeGreaterThan(35);
  });

  for (const readme of ['README.md', 'README.de.md']) {
    it(`${readme} names every setting`, async () => {
      const text = await readFile(path.join(configFolder, readme), 'utf8');
      const missing = paths.filter((setting) => !text.includes(`\`${setting}\``));

      expect(missing).toEqual([]);
    });
  }
});
