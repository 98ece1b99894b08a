/**
 * One line of the call log: what happened on one incoming call, from the first ring to idle.
 */
import { z } from 'zod';

import type { CallerIdStatus } from '../protocol/callerIdFields.js';

/** Record of one call, as the call log stores it. */
export interface CallRecord {
  id: string;
  /** ISO 8601 times of the first ring and of the return to idle. */
  startedAt: string;
  endedAt: string;
  /** Caller ID lines as the modem sent them. */
  rawCallerId: string[];
  /** Caller's number in E.164, or null when none was usable. */
  number: string | null;
  /** Caller's number as caller ID sent it, before normalising. */
  rawNumber: string | null;
  name: string | null;
  callerIdStatus: CallerIdStatus;
  decision: 'allow' | 'block' | 'screen' | null;
  /** Rule of the policy that made the decision, such as `allowlist` or `withheld`. */
  rule: string | null;
  outcome:
    'connected' | 'voicemail' | 'no-message' | 'rejected' | 'caller-hung-up' | 'missed' | 'ignored' | null;
  /** Key pressed at the desk phone, if any. */
  deskKey: string | null;
  allowlistAdded: boolean;
  blocklistAdded: boolean;
  lineAnswered: boolean;
  deskRang: boolean;
  /** Time from the end of caller ID to the first hardware action, in ms. */
  decisionMs: number | null;
  durationMs: number;
  messageId: string | null;
  notes: string[];
}

/** Creates the record of a call that has just started: nothing decided, nothing done yet. */
export function newCallRecord(id: string, startedAt: string): CallRecord {
  return {
    id,
    startedAt,
    endedAt: startedAt,
    rawCallerId: [],
    number: null,
    rawNumber: null,
    name: null,
    callerIdStatus: 'absent',
    decision: null,
    rule: null,
    outcome: null,
    deskKey: null,
    allowlistAdded: false,
    blocklistAdded: false,
    lineAnswered: false,
    deskRang: false,
    decisionMs: null,
    durationMs: 0,
    messageId: null,
    notes: [],
  };
}

/** Schema of a stored call record, used to skip damaged lines when reading the log. */
export const callRecordSchema: z.ZodType<CallRecord> = z.object({
  id: z.string(),
  startedAt: z.string(),
  endedAt: z.string(),
  rawCallerId: z.array(z.string()),
  number: z.string().nullable(),
  rawNumber: z.string().nullable(),
  name: z.string().nullable(),
  callerIdStatus: z.enum(['present', 'withheld', 'unavailable', 'absent']),
  decision: z.enum(['allow', 'block', 'screen']).nullable(),
  rule: z.string().nullable(),
  outcome: z
    .enum(['connected', 'voicemail', 'no-message', 'rejected', 'caller-hung-up', 'missed', 'ignored'])
    .nullable(),
  deskKey: z.string().nullable(),
  allowlistAdded: z.boolean(),
  blocklistAdded: z.boolean(),
  lineAnswered: z.boolean(),
  deskRang: z.boolean(),
  decisionMs: z.number().nullable(),
  durationMs: z.number(),
  messageId: z.string().nullable(),
  notes: z.array(z.string()),
});
