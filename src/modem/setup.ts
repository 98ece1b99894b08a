/**
 * Modem set-up, sent in full after every reset and reconnect, because some Conexant dongles forget
 * caller ID after `ATZ` even when it was saved (reported with CX93001 USB modems). Every setting
 * that the modem can report is read back, and a mismatch becomes a warning.
 */
import {
  chooseAudioFormat,
  identifyChipset,
  parseVsmList,
  type Chipset,
  type VsmEntry,
} from '../protocol/identify.js';
import { stripQueryPrefix } from '../protocol/resultCodes.js';
import type { Logger } from '../util/log.js';
import { VorzimmerError } from '../util/errors.js';
import { TIMEOUTS } from '../util/timeouts.js';
import type { AtChannel } from './atChannel.js';
import { profileFor, type ChipsetProfile } from './profiles.js';

/** Caller ID reporting of `AT+VCID`: 1 formatted tag lines, 2 the whole packet in hex. */
export type CallerIdMode = 'formatted' | 'unformatted';

export interface SetupOptions {
  /** `line` reads caller ID from the wall line; `phone` only talks to the desk phone. */
  side: 'line' | 'phone';
  /** `AT+GCI` country code, such as `42` for Germany. */
  countryCode: string;
  /** Extra commands from the configuration, sent after the standard ones. */
  initExtra: readonly string[];
  /** Caller ID reporting on the line side; formatted unless the configuration requests packets. */
  callerIdMode?: CallerIdMode;
}

/** Findings of the set-up about one modem. */
export interface ModemProfile {
  chipset: Chipset;
  /** Handling that the driver applies for this chipset. */
  chipsetProfile: ChipsetProfile;
  model: string;
  /** Clues and decision of the chipset identification, for the log and the doctor. */
  identification: string[];
  audioFormat: VsmEntry;
  /** Every format of `AT+VSM=?`. */
  audioFormats: VsmEntry[];
  callerIdEnabled: boolean;
  callerIdMode: CallerIdMode | null;
  /** Whether `AT+VSD` was set and reads back as set, so `<DLE>s` and `<DLE>q` may come. */
  silenceDetection: boolean;
  country: string | null;
  warnings: string[];
}

/** The `AT+VCID` value of each caller ID mode. */
const CALLER_ID_VALUE: Readonly<Record<CallerIdMode, string>> = { formatted: '1', unformatted: '2' };

/**
 * Resets the modem and sends the whole set-up: echo off, verbose result codes, no auto-answer,
 * country, caller ID (line side), voice class, audio format and, where the chipset applies it,
 * silence detection. Logs the detected chipset with its reasons and every warning.
 * @throws VorzimmerError when the modem does not answer or offers no usable audio format.
 */
export async function runSetup(
  channel: AtChannel,
  options: SetupOptions & { logger: Logger },
): Promise<ModemProfile> {
  const { logger } = options;
  const warnings: string[] = [];

  await channel.send('ATZ', { timeoutMs: TIMEOUTS.atReset });
  // ATZ may turn echo back on (the CX93001 factory profile has E1), so echo off comes after it.
  await channel.send('ATE0');
  await channel.send('ATV1');
  await channel.send('ATS0=0');
  await checkReadBack(channel, 'ATS0?', 'S0', ['0', '000'], 'the modem may answer calls by itself', warnings);

  const answers = {
    ati0: await query(channel, 'ATI0'),
    ati3: await query(channel, 'ATI3'),
    gmi: await query(channel, 'AT+GMI'),
    gmm: await query(channel, 'AT+GMM'),
    fclass: await queryLines(channel, 'AT+FCLASS=?'),
  };

  const country = await setCountry(channel, options.countryCode, warnings);
  const callerIdMode = options.side === 'line' ? (options.callerIdMode ?? 'formatted') : null;
  const callerIdEnabled =
    callerIdMode === null ? false : await enableCallerId(channel, callerIdMode, warnings);

  for (const command of options.initExtra) {
    const response = await channel.send(command, { allowError: true });
    if (response.result === 'ERROR')
      warnings.push(`The extra init command ${command} was answered with ERROR.`);
  }

  await channel.send('AT+FCLASS=8');
  await checkReadBack(
    channel,
    'AT+FCLASS?',
    '+FCLASS',
    ['8'],
    'the modem may not be in voice mode',
    warnings,
  );

  const vsm = await channel.send('AT+VSM=?', { allowError: true });
  const entries = parseVsmList(vsm.lines);
  const chosen = chooseAudioFormat(entries);
  if (!chosen) {
    throw new VorzimmerError(
      'MODEM_PROTOCOL',
      `Modem "${channel.name}" on ${channel.path} offers no 8-bit unsigned PCM format at 8000 Hz (AT+VSM=? listed ${entries.length} formats). It cannot be used as a voice modem.`,
    );
  }
  await channel.send(`AT+VSM=${chosen.entry.id},8000,0,0`);
  await checkAudioFormat(channel, chosen.entry.id, warnings);

  const identity = identifyChipset({ ...answers, vsm: entries });
  const chipsetProfile = profileFor(identity.chipset);
  const silenceDetection = await enableSilenceDetection(channel, chipsetProfile, warnings);

  for (const warning of warnings) logger.warn({ modem: channel.name, chipset: identity.chipset }, warning);
  logger.info(
    {
      modem: channel.name,
      chipset: identity.chipset,
      chipsetLabel: chipsetProfile.label,
      model: identity.model,
      reasons: identity.reasons,
      audioFormat: chosen.entry.name,
      callerIdEnabled,
      callerIdMode,
      silenceDetection,
      country,
    },
    'modem set up',
  );

  return {
    chipset: identity.chipset,
    chipsetProfile,
    model: identity.model,
    identification: identity.reasons,
    audioFormat: chosen.entry,
    audioFormats: entries,
    callerIdEnabled,
    callerIdMode: callerIdEnabled ? callerIdMode : null,
    silenceDetection,
    country,
    warnings,
  };
}

async function query(channel: AtChannel, command: string): Promise<string | undefined> {
  const lines = await queryLines(channel, command);
  return lines?.join(' ').trim() || undefined;
}

async function queryLines(channel: AtChannel, command: string): Promise<string[] | undefined> {
  const response = await channel.send(command, { allowError: true });
  return response.result === 'OK' ? response.lines : undefined;
}

/** Reads a setting back and adds a warning when the value is not one of `expected`. */
async function checkReadBack(
  channel: AtChannel,
  command: string,
  name: string,
  expected: readonly string[],
  consequence: string,
  warnings: string[],
): Promise<void> {
  const read = await channel.send(command, { allowError: true });
  if (read.result !== 'OK' || read.lines[0] === undefined) return;

  const value = stripQueryPrefix(read.lines[0], name);
  if (!expected.includes(value)) {
    warnings.push(
      `The modem reports ${name} ${value} after setting it to ${expected[0]}, so ${consequence}.`,
    );
  }
}

async function checkAudioFormat(channel: AtChannel, id: number, warnings: string[]): Promise<void> {
  const read = await channel.send('AT+VSM?', { allowError: true });
  if (read.result !== 'OK' || read.lines[0] === undefined) return;

  const value = stripQueryPrefix(read.lines[0], '+VSM').split(',')[0]?.trim();
  if (value !== String(id)) {
    warnings.push(
      `The modem reports audio format ${value} after AT+VSM=${id}, so recordings may sound wrong.`,
    );
  }
}

async function setCountry(channel: AtChannel, code: string, warnings: string[]): Promise<string | null> {
  const set = await channel.send(`AT+GCI=${code}`, { allowError: true });
  if (set.result === 'ERROR') {
    warnings.push(
      `The modem rejected country code ${code} (AT+GCI). Tone and caller ID detection may not fit the line.`,
    );
  }

  const read = await channel.send('AT+GCI?', { allowError: true });
  const value =
    read.result === 'OK' && read.lines[0] ? stripQueryPrefix(read.lines[0], '+GCI').toUpperCase() : null;
  if (value !== null && value !== code.toUpperCase()) {
    warnings.push(`The modem reports country ${value} after AT+GCI=${code}.`);
  }
  return value;
}

async function enableCallerId(channel: AtChannel, mode: CallerIdMode, warnings: string[]): Promise<boolean> {
  const expected = CALLER_ID_VALUE[mode];
  const set = await channel.send(`AT+VCID=${expected}`, { allowError: true });
  if (set.result === 'ERROR') {
    warnings.push(
      `The modem rejected AT+VCID=${expected}, so caller ID is off. Set an extra init command such as AT#CID=${expected} in modems.line.initExtra.`,
    );
    return false;
  }

  const read = await channel.send('AT+VCID?', { allowError: true });
  const value = read.result === 'OK' && read.lines[0] ? stripQueryPrefix(read.lines[0], '+VCID') : null;
  if (value !== null && value !== expected) {
    warnings.push(`The modem reports caller ID mode ${value} after AT+VCID=${expected}.`);
    return false;
  }
  return true;
}

/**
 * Sets `AT+VSD` on chips that apply it and checks the read-back. A Conexant accepts the command
 * but ignores it, so it is not sent there and the host's own silence measurement does the work.
 */
async function enableSilenceDetection(
  channel: AtChannel,
  profile: ChipsetProfile,
  warnings: string[],
): Promise<boolean> {
  if (!profile.silenceDetection || profile.silenceSetting === null) return false;

  const set = await channel.send(`AT+VSD=${profile.silenceSetting}`, { allowError: true });
  if (set.result === 'ERROR') {
    warnings.push(`The modem rejected AT+VSD=${profile.silenceSetting}, so only the host measures silence.`);
    return false;
  }

  const read = await channel.send('AT+VSD?', { allowError: true });
  if (read.result !== 'OK' || read.lines[0] === undefined) return false;
  const values = stripQueryPrefix(read.lines[0], '+VSD').replace(/\s/g, '');
  if (values !== profile.silenceSetting) {
    warnings.push(
      `The modem reports silence detection ${values} after AT+VSD=${profile.silenceSetting}, so only the host measures silence.`,
    );
    return false;
  }
  return true;
}
