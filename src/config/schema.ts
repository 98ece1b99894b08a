import { z } from 'zod';

import {
  checkVoicemailUse,
  policySchema,
  screeningSchema,
  voicemailSchema,
  type PolicyConfig,
} from './policySchema.js';
import { REGIONS } from './regions.js';

const gpioPin = z.number().int().min(0).max(53).describe('Broadcom (BCM) GPIO number');

const modemSchema = z.strictObject({
  /** A stable device path, such as a udev symlink or /dev/serial/by-path/…. */
  path: z.string().min(1),
  baudRate: z.number().int().positive().default(115200),
  /** Extra AT commands sent after the standard set-up, such as a vendor caller ID switch. */
  initExtra: z.array(z.string().regex(/^AT/i, 'must start with AT')).default([]),
  /** Caller ID reporting: `formatted` tag lines (`AT+VCID=1`) or `unformatted` hex packets (`AT+VCID=2`). */
  callerIdMode: z.enum(['formatted', 'unformatted']).default('formatted'),
});

const boardSchema = z.strictObject({
  /** `gpio` drives the real pins through onoff; `sim-link` talks to a board simulator over a serial link. */
  kind: z.enum(['gpio', 'sim-link']).default('gpio'),
  /** Serial path of the board simulator, for `kind: "sim-link"`. */
  simLinkPath: z.string().optional(),
  /** sysfs root, changed only by tests. */
  sysfsRoot: z.string().default('/sys/class/gpio'),
  relay: z.strictObject({ pin: gpioPin.default(17), activeLow: z.boolean().default(false) }).prefault({}),
  slic: z
    .strictObject({
      ringModePin: gpioPin.default(27),
      forwardReversePin: gpioPin.default(22),
      hookPin: gpioPin.default(23),
      /** Whether the SHK output is high while the phone is off-hook (true on the Ag1171). */
      hookActiveHigh: z.boolean().default(true),
      /** Polarity reversal rate while ringing, in Hz (20 to 25 Hz in Germany, 20 Hz in the US). */
      ringFrequencyHz: z.number().min(15).max(50).default(25),
    })
    .prefault({}),
  lineSense: z
    .strictObject({ pin: gpioPin.default(24), activeHigh: z.boolean().default(false) })
    .nullable()
    .default(null),
  leds: z
    .strictObject({
      ready: gpioPin.nullable().default(5),
      message: gpioPin.nullable().default(6),
      call: gpioPin.nullable().default(13),
    })
    .prefault({}),
});

export const configSchema = z
  .strictObject({
    region: z.enum(REGIONS as [string, ...string[]]).default('DE'),
    /** Language of prompts and console; defaults to German for DE and English elsewhere. */
    locale: z.enum(['de', 'en']).optional(),
    /** Local area code with its trunk prefix, such as "030", so that local numbers without it match. */
    areaCode: z
      .string()
      .regex(/^0?[1-9][0-9]{1,5}$/, 'must be digits such as "030"')
      .optional(),
    /** Folder for lists, call log and messages. */
    dataDir: z.string().default('./data'),
    /** Folder with prompt WAV files that replace the shipped ones. */
    promptsDir: z.string().optional(),
    modems: z
      .strictObject({
        line: modemSchema.prefault({ path: '/dev/vorzimmer-line' }),
        phone: modemSchema.prefault({ path: '/dev/vorzimmer-phone' }),
      })
      .prefault({}),
    board: boardSchema.prefault({}),
    policy: policySchema.prefault({}),
    screening: screeningSchema.prefault({}),
    voicemail: voicemailSchema.prefault({}),
    callLog: z.strictObject({ maxEntries: z.number().int().min(100).default(20000) }).prefault({}),
    console: z
      .strictObject({
        path: z.string().nullable().default(null),
        baudRate: z.number().int().positive().default(115200),
      })
      .prefault({}),
  })
  .superRefine(checkVoicemailUse);

export type ConfigInput = z.input<typeof configSchema>;
type ParsedConfig = z.output<typeof configSchema>;

/** The validated configuration, with the locale resolved. */
export type Config = Omit<ParsedConfig, 'region' | 'locale' | 'policy'> & {
  region: 'DE' | 'UK' | 'US';
  locale: 'de' | 'en';
  policy: PolicyConfig;
};
