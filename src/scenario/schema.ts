/**
 * The scenario file format, version 1: one incoming call described from the outside. This is a
 * contract with scenario authors, so unknown fields are errors and every error names its field.
 */
import { z } from 'zod';

import { formatIssues } from '../config/load.js';
import { VorzimmerError } from '../util/errors.js';

/** Events that `await` steps can wait for: each is something the daemon does to the hardware. */
export const SCENARIO_EVENTS = [
  'line-answered',
  'line-playing',
  'line-recording',
  'line-hung-up',
  'desk-ringing',
  'desk-ring-stopped',
  'desk-playing',
  'desk-on-line',
  'desk-held',
] as const;
export type ScenarioEvent = (typeof SCENARIO_EVENTS)[number];

const KEY = /^[0-9*#A-D]$/;
const seconds = z.number().positive().max(3600);

/** A list entry; `vip` (allowlist only) lets the contact ring through during do-not-disturb times. */
const listEntry = z.strictObject({
  number: z.string().min(1),
  name: z.string().default(''),
  vip: z.boolean().optional(),
});

/** Each step type, keyed by its one identifying field. */
const STEP_SCHEMAS = {
  modem: z.strictObject({ modem: z.string().max(10_000) }),
  ring: z.strictObject({
    ring: z.union([
      z.number().int().min(1).max(100),
      z.strictObject({ untilAnswered: z.literal(true), max: z.number().int().min(1).max(100) }),
    ]),
  }),
  callerId: z.strictObject({
    callerId: z.strictObject({
      number: z.string().optional(),
      name: z.string().optional(),
      date: z
        .string()
        .regex(/^\d{4}$/, 'must be MMDD')
        .optional(),
      time: z
        .string()
        .regex(/^\d{4}$/, 'must be HHMM')
        .optional(),
    }),
  }),
  callerIdRaw: z.strictObject({
    callerIdRaw: z.string().regex(/^([0-9A-Fa-f]{2})+$/, 'must be hexadecimal bytes'),
  }),
  wait: z.strictObject({ wait: z.number().min(0).max(3_600_000) }),
  await: z.strictObject({
    await: z.enum(SCENARIO_EVENTS),
    timeoutMs: z.number().positive().max(3_600_000).default(30_000),
  }),
  say: z.strictObject({ say: z.union([z.string().min(1), z.strictObject({ seconds })]) }),
  silence: z.strictObject({ silence: z.strictObject({ seconds }) }),
  key: z.strictObject({ key: z.string().regex(KEY, 'must be one key: 0-9, *, #, A-D') }),
  keyBurst: z.strictObject({
    keyBurst: z.string().regex(/^([0-9*#A-D])\1*$/, 'must be one key repeated, such as "000"'),
  }),
  hangUp: z.strictObject({ hangUp: z.literal(true) }),
  pickUp: z.strictObject({ pickUp: z.literal(true) }),
  /** A command typed at the serial console, such as `allow 030 5550123 Anna`; an addition to format version 1. */
  console: z.strictObject({ console: z.string().min(1).max(1000) }),
} as const;

type StepKind = keyof typeof STEP_SCHEMAS;
export type ScenarioStep = { [K in StepKind]: z.output<(typeof STEP_SCHEMAS)[K]> }[StepKind];

const LINE_STEPS: readonly StepKind[] = [
  'modem',
  'ring',
  'callerId',
  'callerIdRaw',
  'wait',
  'await',
  'say',
  'silence',
  'key',
  'keyBurst',
  'hangUp',
  'console',
];
const DESK_STEPS: readonly StepKind[] = ['wait', 'await', 'key', 'hangUp', 'pickUp', 'console'];

const resultFields = {
  decision: z.enum(['allow', 'block', 'screen']).nullable(),
  outcome: z
    .enum(['connected', 'voicemail', 'no-message', 'rejected', 'caller-hung-up', 'missed', 'ignored'])
    .nullable(),
  number: z.string().nullable(),
  callerIdStatus: z.enum(['present', 'withheld', 'unavailable', 'absent']),
  lineAnswered: z.boolean(),
  deskRang: z.boolean(),
  allowlistAdded: z.boolean(),
  blocklistAdded: z.boolean(),
  /** The policy rule that decided, such as `allowlist`, `withheld` or `do-not-disturb`. */
  rule: z.string().nullable(),
};

const expectSchema = z.strictObject({
  ...Object.fromEntries(Object.entries(resultFields).map(([key, schema]) => [key, schema.optional()])),
  maxDecisionMs: z.number().min(0).optional(),
}) as z.ZodType<
  Partial<{ [K in keyof typeof resultFields]: z.output<(typeof resultFields)[K]> }> & {
    maxDecisionMs?: number;
  }
>;

const topSchema = z.strictObject({
  description: z.string().default(''),
  config: z.record(z.string(), z.unknown()).default({}),
  lineModem: z.enum(['conexant', 'usr5637', 'lucent']).default('conexant'),
  phoneModem: z.enum(['conexant', 'usr5637', 'lucent']).default('conexant'),
  lists: z
    .strictObject({ allow: z.array(listEntry).default([]), block: z.array(listEntry).default([]) })
    .default({ allow: [], block: [] }),
  line: z.array(z.unknown()).default([]),
  desk: z.array(z.unknown()).default([]),
  expect: expectSchema.default({}),
});

export type Scenario = Omit<z.output<typeof topSchema>, 'line' | 'desk'> & {
  line: ScenarioStep[];
  desk: ScenarioStep[];
};
export type ScenarioExpect = Scenario['expect'];

/**
 * Validates a parsed scenario file.
 * @throws VorzimmerError SCENARIO_INVALID naming the file and every wrong field.
 */
export function parseScenario(input: unknown, file: string): Scenario {
  const top = topSchema.safeParse(input);
  if (!top.success) throw invalid(file, formatIssues(top.error.issues));

  const problems: string[] = [];
  const line = parseSteps(top.data.line, 'line', LINE_STEPS, problems);
  const desk = parseSteps(top.data.desk, 'desk', DESK_STEPS, problems);
  if (problems.length > 0) throw invalid(file, problems.join('\n'));

  return { ...top.data, line, desk };
}

function parseSteps(
  steps: unknown[],
  list: 'line' | 'desk',
  allowed: readonly StepKind[],
  problems: string[],
): ScenarioStep[] {
  const parsed: ScenarioStep[] = [];
  steps.forEach((step, index) => {
    const where = `${list}[${index}]`;
    if (typeof step !== 'object' || step === null || Array.isArray(step)) {
      problems.push(`  ${where}: must be an object such as {"wait": 1000}`);
      return;
    }

    const kinds = Object.keys(step).filter((key): key is StepKind => key in STEP_SCHEMAS);
    if (kinds.length !== 1) {
      const found = Object.keys(step).join(', ') || 'no field';
      problems.push(`  ${where}: expected exactly one step field of ${allowed.join(', ')}; found ${found}`);
      return;
    }

    const kind = kinds[0] as StepKind;
    if (!allowed.includes(kind)) {
      problems.push(
        `  ${where}.${kind}: not allowed in the ${list} list; allowed there: ${allowed.join(', ')}`,
      );
      return;
    }

    const result = STEP_SCHEMAS[kind].safeParse(step);
    if (!result.success) problems.push(formatIssues(result.error.issues, where));
    else parsed.push(result.data as ScenarioStep);
  });
  return parsed;
}

function invalid(file: string, details: string): VorzimmerError {
  return new VorzimmerError('SCENARIO_INVALID', `Invalid scenario ${file}:\n${details}`);
}
