/**
 * Chipset profiles: what each family of voice modem needs from the driver, so that every quirk
 * sits in one named place. The facts come from issue reports and manuals of the chips that users
 * of call blockers own: Conexant CX93001/CX93010 (Zoom 3095 and the cheap "USB 56K" dongles),
 * USRobotics 5637, Lucent/Agere (Zoom 2949L, "Venus"), and a generic V.253 modem for the rest.
 */
import type { Chipset } from '../protocol/identify.js';
import type { DleEventName } from '../protocol/dleEvents.js';

/** What the driver does differently for one chipset family. */
export interface ChipsetProfile {
  readonly chipset: Chipset;
  /** Name for logs and the doctor's report. */
  readonly label: string;
  /**
   * Whether `ATZ` may switch caller ID off although `AT+VCID=1` was saved with `AT&W`, so that the
   * set-up must send it again after every reset. Conexant dongles do this (Home Assistant and
   * callattendant reports), and the set-up sends it for every chip anyway.
   */
  readonly forgetsCallerIdOnReset: boolean;
  /**
   * Whether `AT+VSD` silence detection works, so that `<DLE>s` and `<DLE>q` can end a recording.
   * CX93001 parts accept `AT+VSD=128,50` but keep reporting `128,0` and never send the events.
   */
  readonly silenceDetection: boolean;
  /** `AT+VSD` setting to send when silenceDetection is true: sensitivity, then tenths of a second. */
  readonly silenceSetting: string | null;
  /**
   * Events that this chip sends as a matter of course and that mean nothing: the Conexant sends one
   * `<DLE>u` (underrun) right after the CONNECT of `AT+VTX`, before any audio could arrive.
   */
  readonly expectedEvents: readonly DleEventName[];
  /**
   * Events that may tell that the caller hung up, in the order of how far they can be trusted.
   * The driver acts on all that arrive; this list only tells the log and the doctor what to expect.
   */
  readonly hangUpEvents: readonly DleEventName[];
  /** Whether the test forms `AT+VTX=?` and `AT+VRX=?` work; CX93001 firmware answers ERROR. */
  readonly dataCommandTestForm: boolean;
}

const CONEXANT: ChipsetProfile = {
  chipset: 'conexant',
  label: 'Conexant CX93001/CX93010',
  forgetsCallerIdOnReset: true,
  silenceDetection: false,
  silenceSetting: null,
  expectedEvents: ['underrun'],
  // Busy is usual but "sometimes won't send BUSY" (pycallblock on a CX93010); loop-current events
  // need -STE and suitable hardware.
  hangUpEvents: ['busy', 'dial-tone', 'loop-interruption', 'polarity-reversal'],
  dataCommandTestForm: false,
};

const USR: ChipsetProfile = {
  chipset: 'usr',
  label: 'USRobotics 5637',
  forgetsCallerIdOnReset: false,
  silenceDetection: true,
  // USRobotics factory default: sensitivity 128, 5 s.
  silenceSetting: '128,50',
  expectedEvents: [],
  hangUpEvents: ['busy', 'dial-tone', 'silence', 'quiet', 'loop-interruption'],
  dataCommandTestForm: true,
};

const LUCENT: ChipsetProfile = {
  chipset: 'lucent',
  label: 'Lucent/Agere (Zoom 2949L)',
  forgetsCallerIdOnReset: false,
  // vgetty's Lucent driver reads one `<DLE>s` for any silence longer than the +VSD interval.
  silenceDetection: true,
  silenceSetting: '128,50',
  expectedEvents: [],
  hangUpEvents: ['busy', 'dial-tone', 'silence'],
  dataCommandTestForm: true,
};

const GENERIC: ChipsetProfile = {
  chipset: 'generic',
  label: 'generic V.253',
  // Unknown chips get the careful treatment: caller ID sent again, silence measured by the host.
  forgetsCallerIdOnReset: true,
  silenceDetection: false,
  silenceSetting: null,
  expectedEvents: ['underrun'],
  hangUpEvents: ['busy', 'dial-tone', 'loop-interruption', 'polarity-reversal', 'silence', 'quiet'],
  dataCommandTestForm: false,
};

const PROFILES: Readonly<Record<Chipset, ChipsetProfile>> = {
  conexant: CONEXANT,
  usr: USR,
  lucent: LUCENT,
  generic: GENERIC,
};

/** Returns the profile of `chipset`. */
export function profileFor(chipset: Chipset): ChipsetProfile {
  return PROFILES[chipset];
}
