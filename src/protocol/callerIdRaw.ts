/**
 * Unformatted caller ID (`AT+VCID=2`, `AT#CID=2`): the modem prints the whole FSK message after
 * the channel seizure as one line of ASCII hex. The layout is Bellcore GR-30 and ETSI EN 300 659:
 * message type, length, data, checksum. The modem does not verify the checksum, so this parser
 * must.
 */

import { emptyCallerId, type CallerId } from './callerId.js';
import {
  classifyName,
  classifyNumber,
  parseCallerIdDate,
  parseCallerIdTime,
  type CallerIdStatus,
} from './callerIdFields.js';

/** The outcome of parsing one packet. A failed packet must count as caller ID absent, never as a number. */
export type PacketResult =
  | { ok: true; callerId: CallerId; messageType: number; parameters: { type: number; value: Buffer }[] }
  | { ok: false; reason: string };

/** SDMF caller ID: 8 characters `MMDDHHMM`, then the number or `P` or `O`. */
const SDMF_CALLER_ID = 0x04;
/** MDMF caller ID, called "call set-up" in ETSI. */
const MDMF_CALLER_ID = 0x80;
const SDMF_MESSAGE_WAITING = 0x06;
const MDMF_MESSAGE_WAITING = 0x82;

/** MDMF parameter types used for the caller ID. Others stay in `parameters` only. */
const PARAMETER = {
  dateTime: 0x01,
  number: 0x02,
  dialledNumber: 0x03,
  numberAbsence: 0x04,
  name: 0x07,
  nameAbsence: 0x08,
} as const;

/**
 * Parses one unformatted caller ID packet given as hex. Surrounding whitespace is ignored and the
 * hex may be in either case. Returns ok:false with a reason for invalid hex, a length byte that
 * does not match, a checksum that fails, a parameter that runs past the end, message waiting
 * (0x06, 0x82) and other message types. Never throws.
 */
export function parseCallerIdPacket(hex: string): PacketResult {
  const text = hex.trim();
  if (text.length === 0 || text.length % 2 !== 0 || !/^[0-9A-Fa-f]+$/.test(text)) {
    return {
      ok: false,
      reason: `invalid hex: expected an even number of hex digits, got ${text.length} characters`,
    };
  }

  const packet = Buffer.from(text, 'hex');
  const framingError = checkFraming(packet);
  if (framingError !== null) return { ok: false, reason: framingError };

  const messageType = packet[0]!;
  const data = packet.subarray(2, packet.length - 1);

  if (messageType === SDMF_CALLER_ID) return parseSdmf(data, text);
  if (messageType === MDMF_CALLER_ID) return parseMdmf(data, text);

  const typeName = `0x${hexByte(messageType)}`;
  if (messageType === SDMF_MESSAGE_WAITING || messageType === MDMF_MESSAGE_WAITING) {
    return { ok: false, reason: `not a caller ID message (type ${typeName}, message waiting)` };
  }
  return { ok: false, reason: `not a caller ID message (type ${typeName})` };
}

/** Checks the length byte and the checksum: all bytes, the checksum included, sum to 0 modulo 256. */
function checkFraming(packet: Buffer): string | null {
  if (packet.length < 3) {
    return `packet too short: ${packet.length} bytes, expected at least type, length and checksum`;
  }

  const declared = packet[1]!;
  if (packet.length !== declared + 3) {
    return `length mismatch: the length byte says ${declared} data bytes, but the packet has ${packet.length - 3}`;
  }

  let sum = 0;
  for (const byte of packet) sum = (sum + byte) & 0xff;
  if (sum !== 0) {
    return `checksum failed: the bytes sum to 0x${hexByte(sum)} modulo 256, expected 0x00`;
  }
  return null;
}

function parseSdmf(data: Buffer, hex: string): PacketResult {
  if (data.length < 8) {
    return {
      ok: false,
      reason: `SDMF message too short: ${data.length} bytes, expected at least 8 for MMDDHHMM`,
    };
  }

  const callerId = emptyCallerId('absent');
  const dateTime = data.subarray(0, 8).toString('latin1');
  callerId.date = parseCallerIdDate(dateTime.slice(0, 4));
  callerId.time = parseCallerIdTime(dateTime.slice(4, 8));

  const number = data.subarray(8).toString('latin1');
  const absence = absenceStatus(number);
  if (absence !== null) {
    callerId.status = absence;
  } else {
    const classified = classifyNumber(number);
    callerId.status = classified.status;
    callerId.number = classified.number;
  }

  callerId.raw = [hex];
  return { ok: true, callerId, messageType: SDMF_CALLER_ID, parameters: [] };
}

function parseMdmf(data: Buffer, hex: string): PacketResult {
  const parameters: { type: number; value: Buffer }[] = [];
  let at = 0;
  while (at < data.length) {
    const type = data[at]!;
    const length = data[at + 1];
    if (length === undefined || at + 2 + length > data.length) {
      return {
        ok: false,
        reason: `MDMF parameter 0x${hexByte(type)} at byte ${at + 2} runs past the end of the message`,
      };
    }
    parameters.push({ type, value: Buffer.from(data.subarray(at + 2, at + 2 + length)) });
    at += 2 + length;
  }

  const callerId = callerIdFromParameters(parameters);
  callerId.raw = [hex];
  return { ok: true, callerId, messageType: MDMF_CALLER_ID, parameters };
}

/**
 * Builds the caller ID from MDMF parameters. The first parameter of each type wins. A number
 * parameter wins over a reason for its absence.
 */
function callerIdFromParameters(parameters: { type: number; value: Buffer }[]): CallerId {
  const valueOf = (type: number): string | undefined =>
    parameters.find((parameter) => parameter.type === type)?.value.toString('latin1');
  const callerId = emptyCallerId('absent');

  const dateTime = valueOf(PARAMETER.dateTime);
  if (dateTime !== undefined && dateTime.length === 8) {
    callerId.date = parseCallerIdDate(dateTime.slice(0, 4));
    callerId.time = parseCallerIdTime(dateTime.slice(4, 8));
  }

  const number = valueOf(PARAMETER.number);
  const numberAbsence = valueOf(PARAMETER.numberAbsence);
  if (number !== undefined) {
    const classified = classifyNumber(number);
    callerId.status = classified.status;
    callerId.number = classified.number;
  } else if (numberAbsence !== undefined) {
    callerId.status = absenceStatus(numberAbsence) ?? 'unavailable';
  }

  const name = valueOf(PARAMETER.name);
  const nameAbsence = valueOf(PARAMETER.nameAbsence);
  if (name !== undefined) {
    const classified = classifyName(name);
    callerId.nameStatus = classified.status;
    callerId.name = classified.name;
  } else if (nameAbsence !== undefined) {
    callerId.nameStatus = absenceStatus(nameAbsence) ?? 'unavailable';
  }

  const dialled = valueOf(PARAMETER.dialledNumber)?.trim();
  callerId.dialledNumber = dialled === undefined || dialled === '' ? null : dialled;
  return callerId;
}

/**
 * Reads a reason-for-absence code: `P` private gives withheld and `O` out of area gives
 * unavailable. Other codes that some countries use (`C` coin box, `S` service conflict) return
 * null, as does any other text.
 */
function absenceStatus(code: string): CallerIdStatus | null {
  if (code === 'P') return 'withheld';
  if (code === 'O') return 'unavailable';
  return null;
}

/** Fields of an MDMF caller ID packet to build. All strings are ASCII. */
export interface MdmfFields {
  /** `MMDDHHMM`, exactly 8 digits. */
  dateTime?: string;
  number?: string;
  /** Reason for the absence of the number: `P` private or `O` unavailable. */
  absence?: 'P' | 'O';
  name?: string;
  /** Reason for the absence of the name. */
  nameAbsence?: 'P' | 'O';
  /** The dialled number, MDMF parameter 0x03. */
  dialled?: string;
}

/**
 * Builds an MDMF caller ID packet (type 0x80) as uppercase hex with a correct checksum, for the
 * modem simulator and tests. Parameters are written in the order date and time, number or its
 * absence, name or its absence, dialled number. Throws RangeError if `dateTime` is not 8 digits,
 * a value is not ASCII or longer than 255 bytes, or the message exceeds 255 data bytes.
 */
export function buildMdmfPacket(fields: MdmfFields): string {
  const parameters: [number, string | undefined][] = [
    [PARAMETER.dateTime, fields.dateTime],
    [PARAMETER.number, fields.number],
    [PARAMETER.numberAbsence, fields.absence],
    [PARAMETER.name, fields.name],
    [PARAMETER.nameAbsence, fields.nameAbsence],
    [PARAMETER.dialledNumber, fields.dialled],
  ];
  if (fields.dateTime !== undefined && !/^\d{8}$/.test(fields.dateTime)) {
    throw new RangeError(`Invalid dateTime "${fields.dateTime}": expected 8 digits MMDDHHMM.`);
  }

  const data: number[] = [];
  for (const [type, value] of parameters) {
    if (value === undefined) continue;
    data.push(type, value.length, ...encodeAscii(value, type));
  }
  if (data.length > 0xff) {
    throw new RangeError(`MDMF message too long: ${data.length} data bytes, the maximum is 255.`);
  }

  const bytes = [MDMF_CALLER_ID, data.length, ...data];
  const sum = bytes.reduce((total, byte) => (total + byte) & 0xff, 0);
  bytes.push((0x100 - sum) & 0xff);
  return Buffer.from(bytes).toString('hex').toUpperCase();
}

function encodeAscii(value: string, type: number): number[] {
  if (value.length > 0xff) {
    throw new RangeError(
      `MDMF parameter 0x${hexByte(type)} too long: ${value.length} characters, the maximum is 255.`,
    );
  }
  const codes = [...value].map((character) => character.charCodeAt(0));
  if (codes.some((code) => code > 0x7f)) {
    throw new RangeError(`Invalid MDMF parameter 0x${hexByte(type)} "${value}": expected ASCII text.`);
  }
  return codes;
}

function hexByte(byte: number): string {
  return byte.toString(16).toUpperCase().padStart(2, '0');
}
