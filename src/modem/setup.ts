/**
 * Modem set-up, sent in full after every reset and reconnect, because some Conexant dongles forget
 * caller ID after `ATZ` even when it was saved (reported with CX93001 USB modems).
 */
import { chooseAudioFormat, identifyChipset, parseVsmList, type Chipset, type VsmEntry } from '../protocol/identify.js';
import { stripQueryPrefix } from '../protocol/resultCodes.js';
import type { Logger } from '../util/log.js';
import { VorzimmerError } from '../util/errors.js';
import { TIMEOUTS } from '../util/timeouts.js';
import type { AtChannel } from './atChannel.js';

export interface SetupOptions {
  /** `line` reads caller ID from the wall line; `phone` only talks to the desk phone. */
  side: 'line' | 'phone';
  /** `AT+GCI` country code, such as `42` for Germany. */
  countryCode: string;
  /** Extra commands from the configuration, sent after the standard ones. */
  initExtra: readonly string[];
}

/** What the set-up found out about a modem. */
export interface ModemProfile {
  chipset: Chipset;
  model: string;
  audioFormat: VsmEntry;
  callerIdEnabled: boolean;
  country: string | null;
  warnings: string[];
}

/**
 * Resets the modem and sends the whole set-up: echo off, verbose result codes, no auto-answer,
 * country, caller ID (line side), voice class and audio format.
 * @throws VorzimmerError when the modem does not answer or offers no usable audio format.
 */
export async function runSetup(channel: AtChannel, options: SetupOptions & { logger: Logger }): Promise<ModemProfile> {
  const { logger } = options;
  const warnings: string[] = [];

  await channel.send('ATZ', { timeoutMs: TIMEOUTS.atReset });
  // ATZ may turn echo back on (the CX93001 factory profile has E1), so echo off comes after it.
  await channel.send('ATE0');
  await channel.send('ATV1');
  await channel.send('ATS0=0');

  const ati0 = await query(channel, 'ATI0');
  const ati3 = await query(channel, 'ATI3');
  const gmi = await query(channel, 'AT+GMI');

  const country = await setCountry(channel, options.countryCode, warnings);
  const callerIdEnabled = options.side === 'line' ? await enableCallerId(channel, warnings) : false;

  for (const command of options.initExtra) {
    const response = await channel.send(command, { allowError: true });
    if (response.result === 'ERROR') warnings.push(`The extra init command ${command} was answered with ERROR.`);
  }

  await channel.send('AT+FCLASS=8');
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

  const identity = identifyChipset({ ati0, ati3, gmi, vsm: entries });
  for (const warning of warnings) logger.warn({ modem: channel.name }, warning);
  logger.info(
    { modem: channel.name, chipset: identity.chipset, model: identity.model, audioFormat: chosen.entry.name, callerIdEnabled, country },
    'modem set up',
  );

  return { chipset: identity.chipset, model: identity.model, audioFormat: chosen.entry, callerIdEnabled, country, warnings };
}

async function query(channel: AtChannel, command: string): Promise<string | undefined> {
  const response = await channel.send(command, { allowError: true });
  if (response.result !== 'OK') return undefined;
  return response.lines.join(' ').trim() || undefined;
}

async function setCountry(channel: AtChannel, code: string, warnings: string[]): Promise<string | null> {
  const set = await channel.send(`AT+GCI=${code}`, { allowError: true });
  if (set.result === 'ERROR') {
    warnings.push(`The modem rejected country code ${code} (AT+GCI). Tone and caller ID detection may not fit the line.`);
  }

  const read = await channel.send('AT+GCI?', { allowError: true });
  const value = read.result === 'OK' && read.lines[0] ? stripQueryPrefix(read.lines[0], '+GCI').toUpperCase() : null;
  if (value !== null && value !== code.toUpperCase()) {
    warnings.push(`The modem reports country ${value} after AT+GCI=${code}.`);
  }
  return value;
}

async function enableCallerId(channel: AtChannel, warnings: string[]): Promise<boolean> {
  const set = await channel.send('AT+VCID=1', { allowError: true });
  if (set.result === 'ERROR') {
    warnings.push('The modem rejected AT+VCID=1, so caller ID is off. Set an extra init command such as AT#CID=1 in modems.line.initExtra.');
    return false;
  }

  const read = await channel.send('AT+VCID?', { allowError: true });
  const value = read.result === 'OK' && read.lines[0] ? stripQueryPrefix(read.lines[0], '+VCID') : null;
  if (value !== null && value !== '1') {
    warnings.push(`The modem reports caller ID mode ${value} after AT+VCID=1.`);
    return false;
  }
  return true;
}
