/**
 * `vorzimmer demo`: runs a whole screened call on simulated hardware and prints a readable account:
 * what the modems sent, what the daemon decided, which prompts played, what the desk pressed, and
 * how the call ended.
 */
import path from 'node:path';

import { pino } from 'pino';

import { runScenario, type ScenarioOutput } from '../scenario/runner.js';
import type { ScenarioStep } from '../scenario/schema.js';
import { findPackageRoot } from '../util/packageRoot.js';
import { errorMessage } from '../util/errors.js';
import { loadScenarioFile } from './simulate.js';

/** The built-in demo: an unknown German caller, screened and accepted at the desk. */
const DEMO_SCENARIO = 'test/scenarios/examples/de-unknown-screened-accepted.json';

interface LogRecord {
  msg?: string;
  modem?: string;
  line?: string;
  event?: string;
  digit?: string;
  state?: string;
  decision?: string;
  rule?: string;
  number?: string | null;
  status?: string;
  side?: string;
  prompts?: string[];
  end?: string;
  bytes?: number;
  outcome?: string;
  chipset?: string;
  model?: string;
}

export async function demoCommand(options: { timeScale: number; scenario?: string }): Promise<number> {
  const file = options.scenario ?? path.join(findPackageRoot(), DEMO_SCENARIO);
  const print = (line: string): void => {
    process.stdout.write(`${line}\n`);
  };

  let scenario;
  try {
    scenario = await loadScenarioFile(file);
  } catch (error) {
    process.stderr.write(`${errorMessage(error)}\n`);
    return 2;
  }

  let started = false;
  let startedAt = performance.now();
  const stamp = (): string =>
    started
      ? `${(((performance.now() - startedAt) * options.timeScale) / 1000).toFixed(1).padStart(6)} s`
      : '  setup ';
  const logger = pino(
    { level: 'debug', timestamp: false },
    {
      write: (text: string) => {
        const record = JSON.parse(text) as LogRecord;
        // During set-up only the result of each modem's set-up is worth showing.
        if (!started && record.msg !== 'modem set up') return;
        const described = describeLog(record);
        if (described) print(`${stamp()}  ${described}`);
      },
    },
  );

  print(`Scenario: ${scenario.description}`);
  print(`Time runs ${options.timeScale} times faster than real time; times below are call time.\n`);
  const result = await runScenario(scenario, {
    timeScale: options.timeScale,
    baseDir: path.dirname(file),
    file,
    logger,
    emit: (output: ScenarioOutput) => {
      if (output.type === 'start') {
        started = true;
        startedAt = performance.now();
        print(`${stamp()}  --- the daemon is ready; the call begins ---`);
      } else if (output.type === 'event') {
        print(`${stamp()}  [hardware] ${HARDWARE_EVENTS[output.event] ?? output.event}`);
      } else if (output.type === 'step') {
        const described = describeStep(output.list, output.step);
        if (described) print(`${stamp()}  ${described}`);
      }
    },
  });

  print('');
  print(
    `Result: decision ${String(result.decision)}, outcome ${String(result.outcome)}, number ${String(result.number)}`,
  );
  print(
    `        caller ID ${result.callerIdStatus}, desk key ${String(result.deskKey)}, decided in ${String(result.decisionMs)} ms`,
  );
  for (const mismatch of result.mismatches)
    print(
      `  MISMATCH ${mismatch.field}: expected ${JSON.stringify(mismatch.expected)}, got ${JSON.stringify(mismatch.actual)}`,
    );
  print(
    result.pass ? 'The call went as the scenario expects.' : 'The call did NOT go as the scenario expects.',
  );
  return result.pass ? 0 : 1;
}

/** Meaning of each hardware event, in the words of the account. */
const HARDWARE_EVENTS: Readonly<Record<string, string>> = {
  'line-answered': 'line-side modem off-hook: the box answers the caller',
  'line-playing': 'line-side modem starts playing to the caller',
  'line-recording': 'line-side modem starts recording the caller',
  'line-hung-up': 'line-side modem on-hook',
  'desk-ringing': 'the SLIC rings the desk phone',
  'desk-ring-stopped': 'the desk phone stops ringing',
  'desk-playing': 'phone-side modem starts playing to the desk phone',
  'desk-on-line': 'relay released: the desk phone is on the wall line',
  'desk-held': 'relay energised: the desk phone is held on the local loop',
};

/** The desk menu keys, for the account. */
const DESK_KEYS: Readonly<Record<string, string>> = {
  '1': 'accept',
  '2': 'voicemail',
  '3': 'reject',
  '4': 'block',
  '5': 'accept and always allow',
  '*': 'repeat',
};

/** Describes what the simulated caller or person at the desk does, or null for waits. */
function describeStep(list: 'line' | 'desk', step: ScenarioStep): string | null {
  const who = list === 'line' ? 'caller' : 'desk';
  if ('ring' in step) {
    return typeof step.ring === 'number'
      ? `(line) the exchange rings ${step.ring} time${step.ring === 1 ? '' : 's'}`
      : `(line) the exchange rings until answered, at most ${step.ring.max} times`;
  }
  if ('callerId' in step) return `(line) caller ID for ${step.callerId.number ?? 'no number'}`;
  if ('say' in step)
    return `(caller) speaks${typeof step.say === 'string' ? ` ${step.say}` : ` for ${step.say.seconds} s`}`;
  if ('silence' in step) return `(caller) is silent for ${step.silence.seconds} s`;
  if ('key' in step) return `(${who}) presses ${step.key}`;
  if ('keyBurst' in step)
    return `(caller) presses ${step.keyBurst.charAt(0)}, reported ${step.keyBurst.length} times`;
  if ('pickUp' in step) return '(desk) picks up the handset';
  if ('hangUp' in step) return `(${who}) hangs up`;
  if ('console' in step) return `(console) ${step.console}`;
  return null;
}

/** Turns one daemon log record into a line of the account, or null for records the account skips. */
function describeLog(record: LogRecord): string | null {
  switch (record.msg) {
    case 'modem line':
      return `${record.modem} modem sends: ${record.line}`;
    case 'modem command':
      return null;
    case 'modem set up':
      return `${record.modem} modem set up: ${record.chipset} (${record.model})`;
    case 'key pressed':
      return record.modem === 'phone'
        ? `the desk pressed ${record.digit}${DESK_KEYS[record.digit ?? ''] ? ` (${DESK_KEYS[record.digit ?? '']})` : ''}`
        : `the caller pressed ${record.digit}`;
    case 'call decided':
      return `daemon decided: ${record.decision} (rule ${record.rule}; number ${String(record.number)}, caller ID ${record.status})`;
    case 'playing recorded name':
      return `plays to the desk: the caller's recorded name (${(record as { durationMs?: number }).durationMs} ms)`;
    case 'call state':
      return `call state: ${record.state}`;
    case 'playing prompt':
      return `plays to the ${record.side}: ${record.prompts?.join(' + ')}`;
    case 'name recorded':
    case 'voicemail recorded':
      return `${record.msg}: ${record.bytes} bytes, ended by ${record.end}`;
    case 'call ended':
      return `call ended: ${record.outcome}`;
    default:
      return null;
  }
}
