/**
 * Executes AT command lines against the settings of a simulated modem. It changes settings and
 * returns the framed information text, the final result code and the effects that the simulator
 * must carry out (hook changes, data states, tones), so it needs no timers or ports.
 */
import { parseCommandLine, type AtCommand } from './atCommandLine.js';
import { executeExtendedCommand } from './extendedCommands.js';
import {
  REGISTER_COUNT,
  factoryProfile,
  factorySettings,
  renderProfileReport,
  resetSettings,
  saveProfile,
  type ModemSettings,
  type SavedProfile,
} from './modemSettings.js';
import type { Personality } from './personalities.js';
import { frameInformationLines, type ResultCode } from './responseFraming.js';

/** Something the simulator does after a command line, in order. */
export type CommandEffect =
  | { kind: 'hook'; offHook: boolean }
  /** `ATZ` or `AT&F`: go on-hook and end anything the line was doing. */
  | { kind: 'reset' }
  | { kind: 'transmit' }
  | { kind: 'receive' }
  /** `ATA` outside voice class: go off-hook and try a data handshake, which the simulator lets fail. */
  | { kind: 'answer-data' }
  /** `AT+VTS`: the final result follows when the tones have played. */
  | { kind: 'tone'; durationMs: number };

/** State that command lines read and change. */
export interface InterpreterContext {
  readonly personality: Personality;
  settings: ModemSettings;
  saved: SavedProfile;
  /** Hook state when the line starts; hook commands in the line update it. */
  offHook: boolean;
  /** Whether `ATZ` sets `+VCID=0` whatever was saved; starts as the personality does it. */
  forgetsCallerIdOnReset: boolean;
}

/** Output of one command line. */
export interface CommandLineResult {
  /** Information text, framed with the settings in force when each command ran. */
  output: string;
  /** The final result code, or null when none follows now (a data answer in progress). */
  finalResult: ResultCode | null;
  effects: CommandEffect[];
}

/** Output of one command. A null outcome means ERROR. */
export interface CommandOutcome {
  lines?: readonly string[];
  /** The information text ends without its CR LF (a CX93001 quirk). */
  unterminated?: boolean;
  effect?: CommandEffect;
  /** A result code that ends the line instead of OK (CONNECT, VCON), or null for none now. */
  finalResult?: ResultCode | null;
}

/** Creates the interpreter state of a modem fresh from the factory. */
export function createInterpreterContext(personality: Personality): InterpreterContext {
  return {
    personality,
    settings: factorySettings(personality),
    saved: factoryProfile(),
    offHook: false,
    forgetsCallerIdOnReset: !personality.keepsCallerIdOnReset,
  };
}

/**
 * Executes the body of one command line (the text after `AT`). Commands run in order; the first
 * that fails ends the line with ERROR, after the information text of the commands before it.
 * A command that answers the call or enters a data state (`A`, `+VTX`, `+VRX`) ends the line,
 * because V.250 ignores what follows it.
 */
export function executeCommandLine(body: string, context: InterpreterContext): CommandLineResult {
  const result: CommandLineResult = { output: '', finalResult: 'OK', effects: [] };
  const parsed = parseCommandLine(body);
  if (!parsed.ok) return { ...result, finalResult: 'ERROR' };

  for (const command of parsed.commands) {
    const outcome = executeCommand(command, context);
    if (outcome === null) return { ...result, finalResult: 'ERROR' };

    if (outcome.lines) result.output += frameInformation(outcome, context.settings);
    if (outcome.effect) result.effects.push(outcome.effect);
    if (outcome.finalResult !== undefined) return { ...result, finalResult: outcome.finalResult };
  }
  return result;
}

function frameInformation(outcome: CommandOutcome, settings: ModemSettings): string {
  const framed = frameInformationLines(outcome.lines ?? [], settings);
  return outcome.unterminated && settings.verbose ? framed.slice(0, -2) : framed;
}

function executeCommand(command: AtCommand, context: InterpreterContext): CommandOutcome | null {
  switch (command.kind) {
    case 'basic':
      return executeBasicCommand(command.name, command.value, context);
    case 'register-set':
      return setRegister(command.register, command.value, context.settings);
    case 'register-read':
      return readRegister(command.register, context.settings);
    case 'extended':
      return executeExtendedCommand(command.name, command.form, command.args, context);
  }
}

/** Hayes commands that real modems accept and that change nothing the simulator models. */
const ACCEPTED_WITHOUT_EFFECT = new Set([
  'B',
  'L',
  'M',
  'N',
  'P',
  'T',
  'W',
  'X',
  'Y',
  '&C',
  '&D',
  '&G',
  '&K',
  '&Q',
  '&S',
]);

function executeBasicCommand(
  name: string,
  value: string,
  context: InterpreterContext,
): CommandOutcome | null {
  const settings = context.settings;

  switch (name) {
    case 'E':
      return setSwitch(value, (on) => (settings.echo = on));
    case 'V':
      return setSwitch(value, (on) => (settings.verbose = on));
    case 'Q':
      return setSwitch(value, (on) => (settings.quiet = on));
    case 'H':
      return setHook(value, context);
    case 'A':
      return answer(context);
    case 'Z':
      return value === '' || value === '0' ? reset(context, false) : null;
    case '&F':
      return value === '' || value === '0' ? reset(context, true) : null;
    case 'I':
      return identify(value, context.personality);
    case '&W':
      if (value !== '' && value !== '0' && value !== '1') return null;
      context.saved = saveProfile(settings);
      return {};
    case '&V':
      return { lines: renderProfileReport(settings, context.saved) };
  }

  // NOTE: dialling (ATD) is not simulated; the product never dials out.
  return ACCEPTED_WITHOUT_EFFECT.has(name) ? {} : null;
}

function setSwitch(value: string, apply: (on: boolean) => void): CommandOutcome | null {
  if (value !== '' && value !== '0' && value !== '1') return null;
  apply(value === '1');
  return {};
}

function setHook(value: string, context: InterpreterContext): CommandOutcome | null {
  if (value !== '' && value !== '0' && value !== '1') return null;
  context.offHook = value === '1';
  return { effect: { kind: 'hook', offHook: context.offHook } };
}

/**
 * `ATA`: in voice class the modem goes off-hook and responds VCON (Rockwell #CLS=8 lineage and
 * ZyXEL). In data class it starts a data handshake, which the simulator lets fail.
 */
function answer(context: InterpreterContext): CommandOutcome {
  context.offHook = true;
  if (context.settings.serviceClass === '8') {
    return { effect: { kind: 'hook', offHook: true }, finalResult: 'VCON' };
  }
  return { effect: { kind: 'answer-data' }, finalResult: null };
}

function reset(context: InterpreterContext, factory: boolean): CommandOutcome {
  const { personality } = context;
  context.settings = factory
    ? factorySettings(personality, context.settings.country)
    : resetSettings(personality, context.settings, context.saved, !context.forgetsCallerIdOnReset);
  context.offHook = false;
  return { effect: { kind: 'reset' } };
}

function identify(value: string, personality: Personality): CommandOutcome | null {
  if (value === '' && !personality.answersPlainIdentification) return null;
  const lines = personality.identification[value === '' ? 0 : Number(value)];
  return lines ? { lines } : null;
}

function setRegister(register: number, value: string, settings: ModemSettings): CommandOutcome | null {
  const number = Number(value === '' ? '0' : value);
  if (register >= REGISTER_COUNT || !Number.isInteger(number) || number > 255) return null;
  settings.registers[register] = number;
  return {};
}

/** `ATS<n>?` answers three decimal digits with leading zeros (V.250 6.3). */
function readRegister(register: number, settings: ModemSettings): CommandOutcome | null {
  if (register >= REGISTER_COUNT) return null;
  return { lines: [String(settings.registers[register] ?? 0).padStart(3, '0')] };
}
