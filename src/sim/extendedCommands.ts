/**
 * Extended AT commands of the simulated modems: identification (`+GMI`), service class
 * (`+FCLASS`), caller ID (`+VCID`), country (`+GCI`), the V.253 voice commands and the Conexant
 * dash commands. Voice commands other than `+VCID` get ERROR outside `+FCLASS=8`, as `AT+VSD?` does
 * on a Zoom 3095 (CX93001) before `AT+FCLASS=8`.
 */
import type { CommandOutcome, InterpreterContext } from './commandInterpreter.js';
import type { ExtendedForm } from './atCommandLine.js';
import type { CallerIdMode } from './modemSettings.js';
import { COUNTRY_CODES } from './personalities.js';
import { parseToneDurationMs } from './toneList.js';

type Handler = (form: ExtendedForm, args: string, context: InterpreterContext) => CommandOutcome | null;

/**
 * Event capability lines of `AT+VLS=?` for labels 0 and 1, as printed in the Conexant AT command
 * manual (label, primitives, then the transmit, receive and idle event masks in hex).
 */
const LINE_SELECTION_CAPABILITIES = ['0,"",B0804100,B0804100,B0804100', '1,"T",0B8433C1,0FE431C1,0B8431C1'];

/** Executes one extended command. Returns null for ERROR, including unknown commands. */
export function executeExtendedCommand(
  name: string,
  form: ExtendedForm,
  args: string,
  context: InterpreterContext,
): CommandOutcome | null {
  const handler = HANDLERS[name];
  if (handler === undefined) return null;

  const needsVoiceClass = name.startsWith('+V') && name !== '+VCID';
  if (needsVoiceClass && context.settings.serviceClass !== '8') return null;

  return handler(form, args, context);
}

const HANDLERS: Readonly<Record<string, Handler>> = {
  '+GMI': identification('+GMI', (context) => context.personality.manufacturer),
  '+GMM': identification('+GMM', (context) => context.personality.model),
  '+GMR': identification('+GMR', (context) => context.personality.revision),
  '+FMI': identification('+FMI', (context) => context.personality.manufacturer),
  '+FMM': identification('+FMM', (context) => context.personality.model),
  '+FMR': identification('+FMR', (context) => context.personality.revision),
  '+FCLASS': serviceClass,
  '+VCID': callerIdMode,
  '+GCI': country,
  '+VSM': voiceFormat,
  '+VLS': lineSelection,
  '+VTX': dataState('transmit'),
  '+VRX': dataState('receive'),
  '+VSD': silenceDetection,
  '+VGT': numberParameter(
    '+VGT',
    0,
    255,
    (settings) => settings.transmitGain,
    (settings, value) => (settings.transmitGain = value),
  ),
  '+VGR': numberParameter(
    '+VGR',
    0,
    255,
    (settings) => settings.receiveGain,
    (settings, value) => (settings.receiveGain = value),
  ),
  '+VIT': numberParameter(
    '+VIT',
    0,
    255,
    (settings) => settings.inactivitySeconds,
    (settings, value) => (settings.inactivitySeconds = value),
  ),
  '+VTD': numberParameter(
    '+VTD',
    5,
    255,
    (settings) => settings.toneDurationTens,
    (settings, value) => (settings.toneDurationTens = value),
  ),
  '+VTS': toneSequence,
  '-STE': numberParameter(
    '-STE',
    0,
    7,
    (settings) => settings.telephonyExtension,
    (settings, value) => (settings.telephonyExtension = value),
  ),
  '-SCID': numberParameter(
    '-SCID',
    0,
    255,
    (settings) => settings.callerIdSelect,
    (settings, value) => (settings.callerIdSelect = value),
  ),
};

function identification(command: string, text: (context: InterpreterContext) => string): Handler {
  return (form, _args, context) => {
    if (form !== 'action' && form !== 'read') return null;
    return { lines: [context.personality.formatParameter(command, [text(context)])] };
  };
}

function serviceClass(form: ExtendedForm, args: string, context: InterpreterContext): CommandOutcome | null {
  const { personality, settings } = context;
  switch (form) {
    case 'read':
      return {
        lines: [personality.formatParameter('+FCLASS', [settings.serviceClass])],
        unterminated: personality.unterminatedServiceClassRead,
      };
    case 'test':
      return { lines: [personality.formatParameter('+FCLASS', personality.serviceClasses)] };
    case 'set':
      if (!personality.serviceClasses.includes(args)) return null;
      settings.serviceClass = args;
      return {};
    case 'action':
      return null;
  }
}

function callerIdMode(form: ExtendedForm, args: string, context: InterpreterContext): CommandOutcome | null {
  const { personality, settings } = context;
  switch (form) {
    case 'read':
      return { lines: [personality.formatParameter('+VCID', [String(settings.callerIdMode)])] };
    case 'test':
      return { lines: [personality.formatParameter('+VCID', ['(0-2)'])] };
    case 'set':
      if (args !== '0' && args !== '1' && args !== '2') return null;
      settings.callerIdMode = Number(args) as CallerIdMode;
      return {};
    case 'action':
      return null;
  }
}

function country(form: ExtendedForm, args: string, context: InterpreterContext): CommandOutcome | null {
  const { personality, settings } = context;
  switch (form) {
    case 'read':
      return { lines: [personality.formatParameter('+GCI', [settings.country])] };
    case 'test':
      return { lines: [personality.formatParameter('+GCI', [`(${COUNTRY_CODES.join(',')})`])] };
    case 'set': {
      const code = args.padStart(2, '0');
      if (!COUNTRY_CODES.includes(code)) return null;
      settings.country = code;
      return {};
    }
    case 'action':
      return null;
  }
}

/** `AT+VSM=<id>[,<rate>[,…]]`: chips ignore the arguments after the rate (NCID, vgetty). */
function voiceFormat(form: ExtendedForm, args: string, context: InterpreterContext): CommandOutcome | null {
  const { personality, settings } = context;
  switch (form) {
    case 'read': {
      const { id, rate } = settings.voiceFormat;
      return { lines: [personality.formatParameter('+VSM', [String(id), String(rate), '0', '0'])] };
    }
    case 'test':
      return { lines: personality.formatVoiceFormats(personality.voiceFormats) };
    case 'set': {
      const [idText = '', rateText] = args.split(',');
      const format = personality.voiceFormats.find((candidate) => String(candidate.id) === idText);
      if (format === undefined) return null;

      const rate = rateText === undefined || rateText === '' ? settings.voiceFormat.rate : Number(rateText);
      if (!format.rates.includes(rate)) return null;
      settings.voiceFormat = { id: format.id, rate };
      return {};
    }
    case 'action':
      return null;
  }
}

/** `AT+VLS`: label 0 puts the modem on-hook, label 1 off-hook on the line (V.253 table). */
function lineSelection(form: ExtendedForm, args: string, context: InterpreterContext): CommandOutcome | null {
  switch (form) {
    case 'read':
      return { lines: [context.personality.formatParameter('+VLS', [context.offHook ? '1' : '0'])] };
    case 'test':
      return { lines: LINE_SELECTION_CAPABILITIES };
    case 'set':
      // NOTE: labels 2 to 14 (local handset, speaker, microphone) are not simulated and get ERROR.
      if (args !== '0' && args !== '1') return null;
      context.offHook = args === '1';
      return { effect: { kind: 'hook', offHook: context.offHook } };
    case 'action':
      return null;
  }
}

/**
 * `AT+VTX` and `AT+VRX` respond CONNECT and enter the data state. Their test form gets ERROR on
 * CX93001 firmware although the commands work (modec notes).
 */
function dataState(kind: 'transmit' | 'receive'): Handler {
  return (form, _args, context) => {
    if (form === 'test') return context.personality.acceptsDataCommandTestForm ? {} : null;
    if (form !== 'action') return null;
    return { effect: { kind }, finalResult: 'CONNECT' };
  };
}

/**
 * `AT+VSD=<sensitivity>,<interval>`. A Zoom 3095 (CX93001) accepts `AT+VSD=128,50` but keeps
 * answering `128,0` to `AT+VSD?`; the USR 5637 stores and applies the setting.
 */
function silenceDetection(
  form: ExtendedForm,
  args: string,
  context: InterpreterContext,
): CommandOutcome | null {
  const { personality, settings } = context;
  switch (form) {
    case 'read': {
      const shown = personality.honoursSilenceDetection ? settings.silence : personality.defaultSilence;
      return {
        lines: [
          personality.formatParameter('+VSD', [String(shown.sensitivity), String(shown.intervalTenths)]),
        ],
      };
    }
    case 'test':
      return { lines: [personality.formatParameter('+VSD', ['(0-255)', '(0-255)'])] };
    case 'set': {
      const values = parseIntegerList(args, 2, 0, 255);
      if (values === null) return null;
      settings.silence = { sensitivity: values[0] ?? 128, intervalTenths: values[1] ?? 0 };
      return {};
    }
    case 'action':
      return null;
  }
}

function toneSequence(form: ExtendedForm, args: string, context: InterpreterContext): CommandOutcome | null {
  if (form === 'test')
    return {
      lines: [context.personality.formatParameter('+VTS', ['(0,200-3200)', '(0,200-3200)', '(0-255)'])],
    };
  if (form !== 'set') return null;

  const durationMs = parseToneDurationMs(args, context.settings.toneDurationTens);
  return durationMs === null ? null : { effect: { kind: 'tone', durationMs } };
}

function numberParameter(
  command: string,
  min: number,
  max: number,
  read: (settings: InterpreterContext['settings']) => number,
  write: (settings: InterpreterContext['settings'], value: number) => void,
): Handler {
  return (form, args, context) => {
    const { personality, settings } = context;
    switch (form) {
      case 'read':
        return { lines: [personality.formatParameter(command, [String(read(settings))])] };
      case 'test':
        return { lines: [personality.formatParameter(command, [`(${min}-${max})`])] };
      case 'set': {
        const values = parseIntegerList(args, 1, min, max);
        if (values === null || values.length !== 1) return null;
        write(settings, values[0] as number);
        return {};
      }
      case 'action':
        return null;
    }
  };
}

/** Parses up to `maxCount` comma-separated decimal integers within [min, max]; null when invalid. */
function parseIntegerList(args: string, maxCount: number, min: number, max: number): number[] | null {
  const parts = args.split(',');
  if (parts.length > maxCount) return null;

  const values: number[] = [];
  for (const part of parts) {
    if (!/^\d+$/.test(part)) return null;
    const value = Number(part);
    if (value < min || value > max) return null;
    values.push(value);
  }
  return values;
}
