import { describe, expect, it } from 'vitest';

import {
  buildMdmfPacket,
  parseCallerIdPacket,
  type PacketResult,
} from '../../../src/protocol/callerIdRaw.js';
import { invalidManualPackets, validPackets } from '../../fixtures/transcripts.js';

function parseOk(hex: string): Extract<PacketResult, { ok: true }> {
  const result = parseCallerIdPacket(hex);
  if (!result.ok) throw new Error(`expected a valid packet, got: ${result.reason}`);
  return result;
}

function reasonOf(hex: string): string {
  const result = parseCallerIdPacket(hex);
  return result.ok ? 'ok' : result.reason;
}

/** Builds a packet as hex from its type and data, with the length byte and a correct checksum. */
function packet(type: number, data: number[]): string {
  const bytes = [type, data.length, ...data];
  const sum = bytes.reduce((total, byte) => (total + byte) & 0xff, 0);
  bytes.push((0x100 - sum) & 0xff);
  return Buffer.from(bytes).toString('hex').toUpperCase();
}

function ascii(text: string): number[] {
  return [...Buffer.from(text, 'latin1')];
}

/** Replaces the last byte (the checksum) so that the packet sums to `offset` instead of 0. */
function withChecksumOffBy(hex: string, offset: number): string {
  const bytes = Buffer.from(hex, 'hex');
  bytes[bytes.length - 1] = (bytes[bytes.length - 1]! + offset) & 0xff;
  return bytes.toString('hex').toUpperCase();
}

describe('parseCallerIdPacket valid packets', () => {
  it('reads MDMF number and name', () => {
    const { callerId, messageType } = parseOk(validPackets.mdmfNumberAndName);

    expect(messageType).toBe(0x80);
    expect(callerId.number).toBe('5045550123');
    expect(callerId.status).toBe('present');
    expect(callerId.name).toBe('DOE JOHN');
    expect(callerId.nameStatus).toBe('present');
    expect(callerId.date).toEqual({ month: 3, day: 22 });
    expect(callerId.time).toEqual({ hour: 14, minute: 5 });
    expect(callerId.raw).toEqual([validPackets.mdmfNumberAndName]);
  });

  it('reads MDMF withheld number and name', () => {
    const { callerId } = parseOk(validPackets.mdmfWithheld);

    expect(callerId.status).toBe('withheld');
    expect(callerId.number).toBeNull();
    expect(callerId.nameStatus).toBe('withheld');
  });

  it('reads SDMF with an invalid hour', () => {
    const { callerId, messageType } = parseOk(validPackets.sdmfNumber);

    expect(messageType).toBe(0x04);
    expect(callerId.number).toBe('5045550123');
    expect(callerId.date).toEqual({ month: 3, day: 22 });
    expect(callerId.time).toBeNull();
  });

  it('reads the German ETSI number without a name', () => {
    const { callerId } = parseOk(validPackets.etsiNumber);

    expect(callerId.number).toBe('03055501234');
    expect(callerId.nameStatus).toBe('absent');
    expect(callerId.date).toEqual({ month: 4, day: 21 });
  });

  it('reads the ETSI withheld packet', () => {
    expect(parseOk(validPackets.etsiWithheld).callerId.status).toBe('withheld');
  });

  it('lists every MDMF parameter', () => {
    const { parameters } = parseOk(validPackets.mdmfNumberAndName);

    expect(parameters.map((parameter) => parameter.type)).toEqual([0x01, 0x02, 0x07]);
    expect(parameters[2]?.value.toString('latin1')).toBe('DOE JOHN');
  });

  it('accepts lower-case hex and surrounding spaces', () => {
    expect(parseOk(` ${validPackets.etsiNumber.toLowerCase()}\r`).callerId.number).toBe('03055501234');
  });
});

describe('parseCallerIdPacket invalid packets', () => {
  it('rejects the 3Com manual example', () => {
    expect(reasonOf(invalidManualPackets.threeCom)).toMatch(/length mismatch/);
  });

  it('rejects the Askey manual example', () => {
    expect(reasonOf(invalidManualPackets.askey)).toMatch(/length mismatch/);
  });

  it.each([1, 0x80, 0xff])('rejects a checksum off by %d', (offset) => {
    expect(reasonOf(withChecksumOffBy(validPackets.mdmfNumberAndName, offset))).toMatch(/checksum failed/);
  });

  it.each(['', 'XYZ0', '8001F', '80 10 01', 'RING'])('rejects bad hex %j', (hex) => {
    expect(reasonOf(hex)).toMatch(/invalid hex/);
  });

  it('rejects a packet shorter than three bytes', () => {
    expect(reasonOf('8000')).toMatch(/too short/);
  });

  it('rejects MDMF message waiting', () => {
    // Parameter 0x0B is the visual indicator, 0xFF means messages are waiting.
    expect(reasonOf(packet(0x82, [0x0b, 0x01, 0xff]))).toBe(
      'not a caller ID message (type 0x82, message waiting)',
    );
  });

  it('rejects SDMF message waiting', () => {
    expect(reasonOf(packet(0x06, [0x42, 0x42, 0x42]))).toMatch(/type 0x06/);
  });

  it('rejects an unknown message type', () => {
    expect(reasonOf(packet(0x81, [0xfe]))).toBe('not a caller ID message (type 0x81)');
  });

  it('rejects a parameter that runs past the end', () => {
    // Parameter 0x02 declares 5 bytes but only 2 follow.
    expect(reasonOf(packet(0x80, [0x02, 0x05, ...ascii('00')]))).toMatch(/runs past the end/);
  });

  it('rejects an SDMF shorter than its date', () => {
    expect(reasonOf(packet(0x04, ascii('0322')))).toMatch(/SDMF message too short/);
  });
});

describe('parseCallerIdPacket other parameters', () => {
  it('keeps unknown parameters out of the caller ID', () => {
    // Parameter 0x11 is the ETSI call type, value 1 for a voice call.
    const hex = packet(0x80, [0x02, 0x0a, ...ascii('5045550123'), 0x11, 0x01, 0x01]);
    const { callerId, parameters } = parseOk(hex);

    expect(parameters.map((parameter) => parameter.type)).toEqual([0x02, 0x11]);
    expect(callerId.number).toBe('5045550123');
    expect(callerId.messages).toEqual([]);
  });

  it('checks the packet helper against a reference vector', () => {
    const data = [0x01, 0x08, ...ascii('04211530'), 0x04, 0x01, ...ascii('P')];

    expect(packet(0x80, data)).toBe(validPackets.etsiWithheld);
  });

  it('reads the dialled number parameter', () => {
    const { callerId } = parseOk(buildMdmfPacket({ number: '5045550123', dialled: '5045550199' }));

    expect(callerId.dialledNumber).toBe('5045550199');
    expect(callerId.number).toBe('5045550123');
  });

  it('reads absence O as unavailable', () => {
    expect(parseOk(buildMdmfPacket({ absence: 'O', nameAbsence: 'O' })).callerId.status).toBe('unavailable');
  });
});

describe('buildMdmfPacket', () => {
  it('builds the number and name vector', () => {
    const hex = buildMdmfPacket({ dateTime: '03221405', number: '5045550123', name: 'DOE JOHN' });

    expect(hex).toBe(validPackets.mdmfNumberAndName);
  });

  it('builds the withheld vector', () => {
    expect(buildMdmfPacket({ dateTime: '03221405', absence: 'P', nameAbsence: 'P' })).toBe(
      validPackets.mdmfWithheld,
    );
  });

  it('builds the ETSI vector', () => {
    expect(buildMdmfPacket({ dateTime: '04211530', number: '03055501234' })).toBe(validPackets.etsiNumber);
  });

  it('round-trips through the parser', () => {
    const fields = { dateTime: '02291159', number: '07700900123', name: 'A N OTHER', dialled: '02075550123' };
    const { callerId } = parseOk(buildMdmfPacket(fields));

    expect(callerId.date).toEqual({ month: 2, day: 29 });
    expect(callerId.time).toEqual({ hour: 11, minute: 59 });
    expect(callerId.number).toBe('07700900123');
    expect(callerId.name).toBe('A N OTHER');
    expect(callerId.dialledNumber).toBe('02075550123');
  });

  it('rejects a malformed date and time', () => {
    expect(() => buildMdmfPacket({ dateTime: '0322140' })).toThrow(RangeError);
  });

  it('rejects non-ASCII names', () => {
    expect(() => buildMdmfPacket({ name: 'M\u00dcLLER' })).toThrow(RangeError);
  });

  it('rejects a message over 255 bytes', () => {
    expect(() => buildMdmfPacket({ name: 'N'.repeat(200), dialled: '1'.repeat(60) })).toThrow(RangeError);
  });
});
