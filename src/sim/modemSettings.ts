/**
 * The settings a simulated modem keeps between commands, its saved profile (`AT&W`), the factory
 * defaults and the `AT&V` report.
 */
import type { Personality, SilenceSetting } from './personalities.js';

/** Caller ID reporting mode of `AT+VCID`: 0 off, 1 formatted lines, 2 packet in hex. */
export type CallerIdMode = 0 | 1 | 2;

/** Settings changed by commands. The hook state is not a setting; the simulator keeps it. */
export interface ModemSettings {
  echo: boolean;
  verbose: boolean;
  quiet: boolean;
  /** S-registers S0 to S255. */
  registers: number[];
  /** `AT+FCLASS` value as text: `0`, `8`, `1.0`, … */
  serviceClass: string;
  callerIdMode: CallerIdMode;
  /** T.35 country code in upper-case hex. */
  country: string;
  voiceFormat: { id: number; rate: number };
  /** Silence detection as the host last set it; whether it applies depends on the personality. */
  silence: SilenceSetting;
  transmitGain: number;
  receiveGain: number;
  /** `AT+VIT` in seconds; stored but not enforced by the simulator. */
  inactivitySeconds: number;
  /** `AT+VTD`: default tone duration in units of 10 ms. */
  toneDurationTens: number;
  /** Conexant `-STE` bits: line-in-use, extension pickup and remote hang-up detection. */
  telephonyExtension: number;
  /** Conexant `-SCID`, sent by callattendant but undefined in any source found; stored only. */
  callerIdSelect: number;
}

/** The part of the settings that `AT&W` saves and `ATZ` loads. */
export interface SavedProfile {
  verbose: boolean;
  quiet: boolean;
  registers: number[];
  callerIdMode: CallerIdMode;
}

/** Hayes S-register defaults, as in the CX93001 `AT&V` transcript (S02:043, S07:050, …). */
const REGISTER_DEFAULTS: Readonly<Record<number, number>> = {
  2: 43,
  3: 13,
  4: 10,
  5: 8,
  6: 2,
  7: 50,
  8: 2,
  9: 6,
  10: 14,
  11: 95,
  12: 50,
  25: 5,
  26: 1,
  36: 7,
  38: 20,
  46: 138,
  48: 7,
};

/** Registers that `AT&V` lists, in order. */
const REPORTED_REGISTERS = [0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 18, 25, 26, 36, 38, 46, 48, 95];

/** `AT&V` prints ten registers to a line, as the Dell RD02-D400 (Conexant) capture shows. */
const REGISTERS_PER_LINE = 10;

/** Number of S-registers. `ATS<n>` with a larger n gets ERROR. */
export const REGISTER_COUNT = 256;

/** Returns the factory settings of `personality`: echo on (the CX93001 factory profile shows E1), class 0, caller ID off. */
export function factorySettings(
  personality: Personality,
  country = personality.defaultCountry,
): ModemSettings {
  return {
    echo: true,
    verbose: true,
    quiet: false,
    registers: factoryRegisters(),
    serviceClass: '0',
    callerIdMode: 0,
    country,
    voiceFormat: { ...personality.defaultVoiceFormat },
    silence: { ...personality.defaultSilence },
    transmitGain: 128,
    receiveGain: 128,
    inactivitySeconds: 0,
    toneDurationTens: 100,
    telephonyExtension: 0,
    callerIdSelect: 0,
  };
}

/** Returns the profile that a modem saves before any `AT&W`. */
export function factoryProfile(): SavedProfile {
  return { verbose: true, quiet: false, registers: factoryRegisters(), callerIdMode: 0 };
}

/** Copies the savable part of `settings` into a new profile. */
export function saveProfile(settings: ModemSettings): SavedProfile {
  return {
    verbose: settings.verbose,
    quiet: settings.quiet,
    registers: [...settings.registers],
    callerIdMode: settings.callerIdMode,
  };
}

/**
 * Returns the settings after `ATZ`: factory settings with the saved profile loaded. Echo comes back
 * on whatever was saved (the CX93001 factory profile shows E1, so drivers send ATE0 after ATZ). A
 * modem that does not keep caller ID over a reset (`keepsCallerId` false, the personality's
 * setting by default) starts with `+VCID=0`, as Conexant dongles were seen to do.
 * The country code survives, because modems keep it apart from the profile.
 */
export function resetSettings(
  personality: Personality,
  current: ModemSettings,
  saved: SavedProfile,
  keepsCallerId = personality.keepsCallerIdOnReset,
): ModemSettings {
  const settings = factorySettings(personality, current.country);
  settings.verbose = saved.verbose;
  settings.quiet = saved.quiet;
  settings.registers = [...saved.registers];
  settings.callerIdMode = keepsCallerId ? saved.callerIdMode : 0;
  return settings;
}

/** Renders the `AT&V` report: the active profile and stored profile 0, in the CX93001 layout. */
export function renderProfileReport(settings: ModemSettings, saved: SavedProfile): string[] {
  return [
    'ACTIVE PROFILE:',
    renderFlags(settings.echo, settings.verbose, settings.quiet),
    ...renderRegisters(settings.registers),
    '',
    'STORED PROFILE 0:',
    renderFlags(true, saved.verbose, saved.quiet),
    ...renderRegisters(saved.registers),
  ];
}

function factoryRegisters(): number[] {
  const registers = new Array<number>(REGISTER_COUNT).fill(0);
  for (const [register, value] of Object.entries(REGISTER_DEFAULTS)) registers[Number(register)] = value;
  return registers;
}

function renderFlags(echo: boolean, verbose: boolean, quiet: boolean): string {
  const flag = (on: boolean): string => (on ? '1' : '0');
  return `B1 E${flag(echo)} L2 M1 N0 Q${flag(quiet)} T V${flag(verbose)} W0 X4 Y0 &C1 &D2 &G0 &J0 &K3 &Q5 &R1 &S0 &T5 &X0 &Y0`;
}

function renderRegisters(registers: readonly number[]): string[] {
  const cells = REPORTED_REGISTERS.map(
    (register) =>
      `S${String(register).padStart(2, '0')}:${String(registers[register] ?? 0).padStart(3, '0')}`,
  );
  const lines: string[] = [];
  for (let start = 0; start < cells.length; start += REGISTERS_PER_LINE)
    lines.push(cells.slice(start, start + REGISTERS_PER_LINE).join(' '));
  return lines;
}
