/**
 * The call-handling sections of the configuration: `policy`, `screening` and `voicemail`. The
 * caller actions that a user leaves out resolve per preset, so `allowlist-only` also blocks
 * withheld, unavailable and absent numbers unless the user chose their actions.
 */
import { z } from 'zod';

import type { CallerAction } from '../policy/decide.js';
import { parseClockTime, WEEKDAYS, type QuietWindow, type Weekday } from '../policy/schedule.js';

const PRESETS = ['screen-unknown', 'block-only', 'allowlist-only'] as const;
type Preset = (typeof PRESETS)[number];

/**
 * Action for withheld, unavailable and absent numbers when the config leaves it out. Like an
 * unknown number: `screen-unknown` screens them (many foreign calls to German lines arrive
 * without a number, so blocking them would lose real calls), `block-only` lets them ring and
 * `allowlist-only` blocks them.
 */
export const CALLER_ACTION_DEFAULTS: Readonly<Record<Preset, CallerAction>> = {
  'screen-unknown': 'screen',
  'block-only': 'allow',
  'allowlist-only': 'block',
};

const callerAction = z.enum(['allow', 'screen', 'block', 'voicemail']);

const clockTime = z.string().refine((text) => parseClockTime(text) !== null, {
  message: 'must be a time of day as HH:MM, such as "22:00" ("24:00" is allowed as an end)',
});

const weekday = z.enum(WEEKDAYS, {
  error: `must be one of ${WEEKDAYS.join(', ')}`,
});

/** A do-not-disturb window as written in the config, such as `{"days": ["mon"], "from": "22:00", "to": "07:00"}`. */
const quietWindowSchema = z
  .strictObject({
    days: z.array(weekday).min(1, 'must name at least one day, such as ["sat", "sun"]'),
    /** Start time on each of the days, `HH:MM`. */
    from: clockTime.refine((text) => text !== '24:00', {
      message: 'must be a start time from "00:00" to "23:59"',
    }),
    /** End time, `HH:MM`; a time not later than `from` is on the next day. */
    to: clockTime,
  })
  .refine((window) => window.from !== window.to, {
    message: 'from and to are the same time. For a whole day write "from": "00:00", "to": "24:00"',
    path: ['to'],
  })
  .transform((window): QuietWindow => ({
    days: [...new Set<Weekday>(window.days)],
    fromMinute: parseClockTime(window.from)!,
    toMinute: parseClockTime(window.to)!,
  }));

export const policySchema = z
  .strictObject({
    /** screen-unknown: contacts ring, blocked are refused, others screened. */
    preset: z.enum(PRESETS).default('screen-unknown'),
    /** Action for a withheld number (caller ID `P`); by default as `CALLER_ACTION_DEFAULTS`. */
    withheld: callerAction.optional(),
    /** Action for an unavailable number (caller ID `O`); by default as `CALLER_ACTION_DEFAULTS`. */
    unavailable: callerAction.optional(),
    /** Action when no caller ID arrived at all; by default as `CALLER_ACTION_DEFAULTS`. */
    absent: callerAction.optional(),
    /**
     * What a blocked call gets: `hang-up` (answer, then hang up), `refuse` (answer, play the
     * refusal, hang up), `sit` (answer, play the special information tone, hang up), `voicemail`,
     * or `ring-out` (never answered).
     */
    blockAction: z.enum(['hang-up', 'refuse', 'sit', 'voicemail', 'ring-out']).default('refuse'),
    /** Ask unknown callers to press a random digit before they may leave their name. */
    robotCheck: z.boolean().default(false),
    /** Weekly windows in which everyone except VIP contacts goes to voicemail. */
    doNotDisturb: z.array(quietWindowSchema).default([]),
  })
  // overwrite, not transform, keeps this a plain object schema that tools can walk field by field.
  .overwrite((policy) => resolvePolicy(policy));

/** The policy section after parsing: every caller action is resolved. */
export type PolicyConfig = Omit<z.output<typeof policySchema>, 'withheld' | 'unavailable' | 'absent'> & {
  withheld: CallerAction;
  unavailable: CallerAction;
  absent: CallerAction;
};

/** Fills in each caller action that is left out with its preset's default (`CALLER_ACTION_DEFAULTS`). */
export function resolvePolicy(policy: z.output<typeof policySchema>): PolicyConfig {
  const fallback = CALLER_ACTION_DEFAULTS[policy.preset];
  return {
    ...policy,
    withheld: policy.withheld ?? fallback,
    unavailable: policy.unavailable ?? fallback,
    absent: policy.absent ?? fallback,
  };
}

export const screeningSchema = z.strictObject({
  /** Rings of the desk phone before the caller goes to voicemail. */
  deskRings: z.number().int().min(1).max(30).default(6),
  /** Maximum length of the name recording, in seconds. */
  nameMaxSeconds: z.number().min(2).max(30).default(8),
  /** Silence after speech that ends the name recording, in seconds. */
  nameSilenceSeconds: z.number().min(0.5).max(10).default(2),
  /** Repeats of the desk menu before the caller goes to voicemail. */
  menuRepeats: z.number().int().min(0).max(5).default(2),
});

export const voicemailSchema = z.strictObject({
  /**
   * Whether callers can leave messages. Without voicemail the desk menu offers no key 2, and a
   * screened caller whom nobody takes hears the refusal.
   */
  enabled: z.boolean().default(true),
  maxSeconds: z.number().min(5).max(600).default(120),
  /** Silence that ends a message, in seconds. */
  silenceSeconds: z.number().min(1).max(30).default(5),
});

/**
 * Adds an issue for every policy setting that sends callers to voicemail while voicemail is
 * switched off, because the box could not do what the setting promises.
 */
export function checkVoicemailUse(
  config: { policy: z.output<typeof policySchema>; voicemail: { enabled: boolean } },
  context: z.core.$RefinementCtx,
): void {
  if (config.voicemail.enabled) return;

  const message = 'is "voicemail", but voicemail.enabled is false. Choose another action or enable voicemail';
  for (const field of ['withheld', 'unavailable', 'absent', 'blockAction'] as const) {
    if (config.policy[field] === 'voicemail') {
      context.addIssue({ code: 'custom', path: ['policy', field], message });
    }
  }
  if (config.policy.doNotDisturb.length > 0) {
    context.addIssue({
      code: 'custom',
      path: ['policy', 'doNotDisturb'],
      message:
        'sends callers to voicemail, but voicemail.enabled is false. Enable voicemail or remove the schedule',
    });
  }
}
