/** The result line of a scenario and the comparison with its `expect` object. */
import { isDeepStrictEqual } from 'node:util';

import type { CallRecord } from '../storage/callLog.js';
import type { ScenarioExpect } from './schema.js';

export interface Mismatch {
  field: string;
  expected: unknown;
  actual: unknown;
}

export interface ScenarioResult {
  type: 'result';
  decision: CallRecord['decision'];
  outcome: CallRecord['outcome'];
  number: string | null;
  callerIdStatus: CallRecord['callerIdStatus'];
  lineAnswered: boolean;
  deskRang: boolean;
  allowlistAdded: boolean;
  blocklistAdded: boolean;
  decisionMs: number | null;
  rule: string | null;
  deskKey: string | null;
  notes: string[];
  failures: string[];
  pass: boolean;
  mismatches: Mismatch[];
}

/** Builds the result from the call's record and checks every field that `expect` names. */
export function compareExpectations(
  expect: ScenarioExpect,
  record: CallRecord | null,
  failures: string[],
): ScenarioResult {
  const actual = {
    decision: record?.decision ?? null,
    outcome: record?.outcome ?? null,
    number: record?.number ?? null,
    callerIdStatus: record?.callerIdStatus ?? 'absent',
    lineAnswered: record?.lineAnswered ?? false,
    deskRang: record?.deskRang ?? false,
    allowlistAdded: record?.allowlistAdded ?? false,
    blocklistAdded: record?.blocklistAdded ?? false,
    rule: record?.rule ?? null,
  };
  const decisionMs = record?.decisionMs ?? null;

  const mismatches: Mismatch[] = failures.map((failure) => ({
    field: 'scenario',
    expected: 'every step completes',
    actual: failure,
  }));
  for (const [field, expected] of Object.entries(expect)) {
    if (field === 'maxDecisionMs') {
      if (decisionMs === null || decisionMs > (expected as number)) {
        mismatches.push({ field: 'decisionMs', expected: `<= ${String(expected)}`, actual: decisionMs });
      }
      continue;
    }
    const value = actual[field as keyof typeof actual];
    if (!isDeepStrictEqual(value, expected)) mismatches.push({ field, expected, actual: value });
  }

  return {
    type: 'result',
    ...actual,
    decisionMs,
    deskKey: record?.deskKey ?? null,
    notes: record?.notes ?? [],
    failures,
    pass: mismatches.length === 0 && failures.length === 0,
    mismatches,
  };
}
