/**
 * Personalities of the simulated voice modems: the responses and quirks by which real chipsets
 * differ. Each personality is a data object plus two small formatting hooks, so that another
 * chipset (for example a Lucent/Agere "Venus" part) is one more object in this file.
 *
 * Sources of the facts are named per field: NCID modem documentation and logs (CX93001 and
 * USR 5637 +VSM lists), callattendant and pycallblock issue transcripts (identification strings,
 * caller ID spacing, bare query answers, the `<DLE>u` after CONNECT, +VSD ignored on Conexant),
 * and the USRobotics softmodem command reference (`+VSD: 128, 50`).
 */

/** Names of the simulated chipsets. */
export type PersonalityName = 'conexant' | 'usr5637' | 'lucent';

/** One entry of the `AT+VSM=?` list. */
export interface VoiceFormat {
  readonly id: number;
  readonly name: string;
  readonly bitsPerSample: number;
  /** Sample rates in Hz that `AT+VSM=<id>,<rate>` accepts. */
  readonly rates: readonly number[];
}

/** Silence detection setting of `AT+VSD=<sensitivity>,<interval>`. */
export interface SilenceSetting {
  readonly sensitivity: number;
  /** Silence time in tenths of a second; 0 disables detection. */
  readonly intervalTenths: number;
}

/** Everything the simulator needs to know about one chipset. */
export interface Personality {
  readonly name: PersonalityName;
  /** Information text lines of `ATI<n>`, keyed by n. Other n get ERROR. */
  readonly identification: Readonly<Record<number, readonly string[]>>;
  /** Whether a plain `ATI` is answered as `ATI0` (true) or with ERROR (false, as a Zoom 2949L does). */
  readonly answersPlainIdentification: boolean;
  /** Texts of `AT+GMI`, `AT+GMM`, `AT+GMR`. */
  readonly manufacturer: string;
  readonly model: string;
  readonly revision: string;
  /** Values that `AT+FCLASS=` accepts, in the order `AT+FCLASS=?` lists them. */
  readonly serviceClasses: readonly string[];
  readonly voiceFormats: readonly VoiceFormat[];
  readonly defaultVoiceFormat: { readonly id: number; readonly rate: number };
  /** Whether `AT+VSD=` changes what `AT+VSD?` reports and what the receiver detects. */
  readonly honoursSilenceDetection: boolean;
  readonly defaultSilence: SilenceSetting;
  /** Text between a caller ID tag and its value: `' = '` or `'='`. */
  readonly callerIdSeparator: string;
  /** Whether the modem sends one `<DLE>u` right after the CONNECT of `AT+VTX`. */
  readonly underrunAfterTransmitConnect: boolean;
  /** Whether `ATZ` loads a caller ID mode saved with `AT&W`; if false it always sets `+VCID=0`. */
  readonly keepsCallerIdOnReset: boolean;
  /**
   * Whether the response to `AT+FCLASS?` lacks its closing CR LF, so that OK follows without a
   * blank line (`AT+FCLASS?\r\r\n0\r\nOK\r\n` in pycallblock debug logs of a CX93001).
   */
  readonly unterminatedServiceClassRead: boolean;
  /** Whether the test forms `AT+VTX=?` and `AT+VRX=?` get OK (true) or ERROR (false). */
  readonly acceptsDataCommandTestForm: boolean;
  /** T.35 country code (`AT+GCI`) after a factory reset. */
  readonly defaultCountry: string;
  /** Formats the information text of a query or test command, such as `AT+VCID?` → `0`. */
  formatParameter(command: string, values: readonly string[]): string;
  /** Formats the lines of `AT+VSM=?`. */
  formatVoiceFormats(formats: readonly VoiceFormat[]): string[];
}

/** T.35 country codes that `AT+GCI=` accepts (NCID modem notes and the opengear list). */
export const COUNTRY_CODES: readonly string[] = [
  '00',
  '0A',
  '0F',
  '20',
  '3D',
  '42',
  '59',
  '7B',
  'A0',
  'A5',
  'A6',
  'B4',
  'B5',
  'F6',
  'FD',
];

/**
 * Conexant CX93001-EIS V0.2013 as sold in Zoom 3095-class USB dongles. V.253 voice parameters and
 * +FCLASS answer bare (`0`, `128,0`); V.250 identification and country commands, and the Conexant
 * dash commands (`-STE: 4`), carry their prefix (`+GMI: CONEXANT`).
 */
const conexant: Personality = {
  name: 'conexant',
  identification: { 0: ['56000'], 3: ['CX93001-EIS_V0.2013-V92'] },
  answersPlainIdentification: true,
  manufacturer: 'CONEXANT',
  // NOTE: the +GMM and +GMR texts of a CX93001 were not found in any source; these are made up.
  model: 'CX93001-EIS_V0.2013-V92',
  revision: 'V0.2013',
  serviceClasses: ['0', '1', '1.0', '2', '8'],
  voiceFormats: [
    { id: 0, name: 'SIGNED PCM', bitsPerSample: 8, rates: [8000] },
    { id: 1, name: 'UNSIGNED PCM', bitsPerSample: 8, rates: [8000] },
    { id: 129, name: 'IMA ADPCM', bitsPerSample: 4, rates: [8000] },
    { id: 130, name: 'UNSIGNED PCM', bitsPerSample: 8, rates: [8000] },
    { id: 131, name: 'Mu-Law', bitsPerSample: 8, rates: [8000] },
    { id: 132, name: 'A-Law', bitsPerSample: 8, rates: [8000] },
    { id: 133, name: '14 bit PCM', bitsPerSample: 14, rates: [8000] },
  ],
  defaultVoiceFormat: { id: 1, rate: 8000 },
  honoursSilenceDetection: false,
  defaultSilence: { sensitivity: 128, intervalTenths: 0 },
  callerIdSeparator: ' = ',
  underrunAfterTransmitConnect: true,
  keepsCallerIdOnReset: false,
  unterminatedServiceClassRead: true,
  acceptsDataCommandTestForm: false,
  // NOTE: the factory country of a CX93001 dongle is not documented; B5 (US) is a guess.
  defaultCountry: 'B5',
  formatParameter(command, values) {
    const bare = command.startsWith('+V') || command === '+FCLASS';
    return bare ? values.join(',') : `${command}: ${values.join(',')}`;
  },
  formatVoiceFormats(formats) {
    return formats.map(
      (format) => `${format.id},"${format.name}",${format.bitsPerSample},0,${format.rates.join(',')},0,0`,
    );
  },
};

/**
 * USRobotics 5637 USB fax modem, firmware V1.2.23. Its voice format list has the Lucent form with
 * bracketed rate lists, and it documents prefixed query answers with a space after each comma.
 */
const usr5637: Personality = {
  name: 'usr5637',
  identification: { 0: ['5601'], 3: ['U.S. Robotics 56K FAX USB V1.2.23'] },
  answersPlainIdentification: true,
  // NOTE: the +GMI/+GMM/+GMR texts and the +FCLASS=? list of a 5637 were not found; these are made up.
  manufacturer: 'U.S. Robotics',
  model: 'USR5637',
  revision: 'V1.2.23',
  serviceClasses: ['0', '1', '2.0', '8'],
  voiceFormats: [
    { id: 128, name: '8-BIT LINEAR', bitsPerSample: 8, rates: [7200, 8000, 11025] },
    { id: 129, name: '16-BIT LINEAR', bitsPerSample: 16, rates: [7200, 8000, 11025] },
    { id: 130, name: '8-BIT ALAW', bitsPerSample: 8, rates: [8000] },
    { id: 131, name: '8-BIT ULAW', bitsPerSample: 8, rates: [8000] },
    { id: 132, name: 'IMA ADPCM', bitsPerSample: 4, rates: [7200, 8000, 11025] },
  ],
  defaultVoiceFormat: { id: 128, rate: 8000 },
  honoursSilenceDetection: true,
  defaultSilence: { sensitivity: 128, intervalTenths: 50 },
  callerIdSeparator: '=',
  underrunAfterTransmitConnect: false,
  keepsCallerIdOnReset: true,
  unterminatedServiceClassRead: false,
  acceptsDataCommandTestForm: true,
  // USR ships the TBR-21 code F6 as factory default, also on units sold in the US (NCID notes).
  defaultCountry: 'F6',
  formatParameter(command, values) {
    // NOTE: only `+VSD: 128, 50` is documented; the same form for every other parameter is a guess.
    return command === '+FCLASS' ? values.join(',') : `${command}: ${values.join(', ')}`;
  },
  formatVoiceFormats(formats) {
    return formats.map((format) => `${format.id},"${format.name}",(${format.rates.join(',')})`);
  },
};

/**
 * Zoom 2949L with a Lucent/Agere chip. mgetty's README.lucent shows a plain `ATI` answered with
 * ERROR, `ATI0` and `ATI3` answered with `ZOOM V.90 …` texts, and the same `AT+VSM=?` list as the
 * USR 5637. Caller ID comes without spaces around `=` (mgetty contrib notes on the 2949L).
 */
const lucent: Personality = {
  name: 'lucent',
  // NOTE: the source elides the middle of these texts; the parts between the quoted words are made up.
  identification: {
    0: ['ZOOM V.90 56K -L Z207'],
    3: ['ZOOM V.90 kfav163 Serial 56K'],
    9: ['North America'],
  },
  answersPlainIdentification: false,
  // NOTE: the +GMI/+GMM/+GMR texts and the +FCLASS=? list of a 2949L were not found; these are made up.
  manufacturer: 'Zoom Telephonics',
  model: '2949L',
  revision: 'kfav163',
  serviceClasses: ['0', '1', '2', '8'],
  voiceFormats: usr5637.voiceFormats,
  defaultVoiceFormat: { id: 128, rate: 8000 },
  // vgetty's Lucent driver reads one `<DLE>s` for any silence longer than the +VSD interval.
  honoursSilenceDetection: true,
  defaultSilence: { sensitivity: 128, intervalTenths: 50 },
  callerIdSeparator: '=',
  underrunAfterTransmitConnect: false,
  keepsCallerIdOnReset: true,
  unterminatedServiceClassRead: false,
  acceptsDataCommandTestForm: true,
  // NOTE: the factory country of a 2949L is not documented; B5 (US) is a guess.
  defaultCountry: 'B5',
  formatParameter: usr5637.formatParameter,
  formatVoiceFormats: usr5637.formatVoiceFormats,
};

const PERSONALITIES: Readonly<Record<PersonalityName, Personality>> = { conexant, usr5637, lucent };

/** Names of all personalities, for option parsers and help text. */
export const PERSONALITY_NAMES = Object.keys(PERSONALITIES) as PersonalityName[];

/** Returns the personality called `name`, or throws a RangeError that lists the valid names. */
export function getPersonality(name: string): Personality {
  if (!Object.hasOwn(PERSONALITIES, name)) {
    throw new RangeError(
      `Unknown modem personality "${name}": expected one of ${PERSONALITY_NAMES.join(', ')}.`,
    );
  }
  return PERSONALITIES[name as PersonalityName];
}
