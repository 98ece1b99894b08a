/**
 * Caller ID as a simulated modem prints it: formatted `<tag> = <value>` lines (`AT+VCID=1`) and
 * the unformatted packet in hex (`AT+VCID=2`), built and decoded here. Packet layout per Bellcore
 * GR-30 and ETSI EN 300 659 as summarised in spandsp's adsi.h: message type, length, parameters
 * (type, length, value), and a checksum that makes the byte sum 0 modulo 256.
 *
 * This decoder exists for the simulator only; the product parses caller ID elsewhere.
 */

/** Caller ID that the exchange sends. `number` may be `P` (withheld) or `O` (unavailable). */
export interface CallerIdFields {
  number?: string;
  name?: string;
  /** `MMDD` */
  date?: string;
  /** `HHMM`, 24 hours */
  time?: string;
}

/** One formatted caller ID line before the tag separator is applied. */
export interface CallerIdItem {
  tag: string;
  value: string;
}

const MDMF_CALLER_ID = 0x80;
const SDMF_CALLER_ID = 0x04;
const SDMF_DATE_TIME_LENGTH = 8;

/** MDMF parameter types (GR-30, EN 300 659). */
const PARAMETER = {
  dateTime: 0x01,
  number: 0x02,
  numberAbsent: 0x04,
  name: 0x07,
  nameAbsent: 0x08,
} as const;

/** Absence codes: `P` private (withheld), `O` out of area (unavailable). */
const ABSENCE_CODES = new Set(['P', 'O']);

/**
 * Lists the formatted items of `fields` in the order DATE, TIME, NMBR, NAME, leaving out missing
 * fields. Throws a RangeError when date or time are not four digits.
 */
export function callerIdItems(fields: CallerIdFields): CallerIdItem[] {
  validateFields(fields);

  const items: CallerIdItem[] = [];
  if (fields.date !== undefined) items.push({ tag: 'DATE', value: fields.date });
  if (fields.time !== undefined) items.push({ tag: 'TIME', value: fields.time });
  if (fields.number !== undefined) items.push({ tag: 'NMBR', value: fields.number });
  if (fields.name !== undefined) items.push({ tag: 'NAME', value: fields.name });
  return items;
}

/** Formats items as lines with `separator` between tag and value (`' = '` or `'='`). */
export function formatCallerIdItems(items: readonly CallerIdItem[], separator: string): string[] {
  return items.map((item) => `${item.tag}${separator}${item.value}`);
}

/**
 * Builds an MDMF caller ID packet (type 0x80) with its checksum. Date and time go into one 0x01
 * parameter, so it is present only when both are given. A `P`/`O` number becomes a 0x04 reason
 * for absence and a `P`/`O` name a 0x08. Throws a RangeError for invalid fields or a packet over
 * 255 bytes.
 */
export function buildMdmfPacket(fields: CallerIdFields): Buffer {
  validateFields(fields);

  const parameters: Buffer[] = [];
  if (fields.date !== undefined && fields.time !== undefined) {
    parameters.push(encodeParameter(PARAMETER.dateTime, fields.date + fields.time));
  }
  if (fields.number !== undefined) {
    const type = ABSENCE_CODES.has(fields.number) ? PARAMETER.numberAbsent : PARAMETER.number;
    parameters.push(encodeParameter(type, fields.number));
  }
  if (fields.name !== undefined) {
    const type = ABSENCE_CODES.has(fields.name) ? PARAMETER.nameAbsent : PARAMETER.name;
    parameters.push(encodeParameter(type, fields.name));
  }

  const body = Buffer.concat(parameters);
  if (body.length > 255)
    throw new RangeError(`Caller ID packet too long: ${body.length} data bytes, maximum 255.`);
  return appendChecksum(Buffer.concat([Buffer.from([MDMF_CALLER_ID, body.length]), body]));
}

/** Returns `bytes` as upper-case hex without spaces, as modems print `AT+VCID=2` packets. */
export function toHex(bytes: Uint8Array): string {
  return Buffer.from(bytes).toString('hex').toUpperCase();
}

/** Result of decoding a packet for formatted output. */
export type DecodedPacket = { ok: true; items: CallerIdItem[] } | { ok: false; reason: string };

/**
 * Decodes a caller ID packet given in hex into formatted items, as a modem in `AT+VCID=1` does.
 * MDMF parameters map to DATE/TIME, NMBR and NAME; others become `MESG` with the parameter in
 * hex (which is how the NCID test line `MESG = 110101` reads). SDMF (0x04) gives DATE, TIME and
 * NMBR; any other message type becomes one `MESG` line. A wrong checksum or length fails,
 * because a formatted-mode modem suppresses a bad packet.
 */
export function decodeCallerIdPacket(hex: string): DecodedPacket {
  if (!/^([0-9A-Fa-f]{2})+$/.test(hex)) return { ok: false, reason: 'not an even number of hex digits' };

  const packet = Buffer.from(hex, 'hex');
  const type = packet[0] as number;
  const length = packet[1];
  if (length === undefined || packet.length !== length + 3) {
    return { ok: false, reason: `length byte ${length ?? 'missing'} does not match ${packet.length} bytes` };
  }
  if (byteSum(packet) !== 0) return { ok: false, reason: 'checksum mismatch' };

  const body = packet.subarray(2, 2 + length);
  if (type === MDMF_CALLER_ID) return decodeMdmf(body);
  if (type === SDMF_CALLER_ID) return decodeSdmf(body);
  return { ok: true, items: [{ tag: 'MESG', value: toHex(body) }] };
}

function decodeMdmf(body: Buffer): DecodedPacket {
  const items: CallerIdItem[] = [];
  let at = 0;

  while (at < body.length) {
    const type = body[at] as number;
    const length = body[at + 1];
    if (length === undefined || at + 2 + length > body.length)
      return { ok: false, reason: `parameter 0x${type.toString(16)} overruns the packet` };

    const value = body.subarray(at + 2, at + 2 + length).toString('latin1');
    items.push(...parameterItems(type, value, body.subarray(at, at + 2 + length)));
    at += 2 + length;
  }
  return { ok: true, items };
}

function parameterItems(type: number, value: string, raw: Buffer): CallerIdItem[] {
  switch (type) {
    case PARAMETER.dateTime:
      if (value.length !== SDMF_DATE_TIME_LENGTH) break;
      return [
        { tag: 'DATE', value: value.slice(0, 4) },
        { tag: 'TIME', value: value.slice(4) },
      ];
    case PARAMETER.number:
    case PARAMETER.numberAbsent:
      return [{ tag: 'NMBR', value }];
    case PARAMETER.name:
    case PARAMETER.nameAbsent:
      return [{ tag: 'NAME', value }];
  }
  return [{ tag: 'MESG', value: toHex(raw) }];
}

function decodeSdmf(body: Buffer): DecodedPacket {
  if (body.length < SDMF_DATE_TIME_LENGTH)
    return { ok: false, reason: 'SDMF packet shorter than its date and time' };

  const text = body.toString('latin1');
  return {
    ok: true,
    items: [
      { tag: 'DATE', value: text.slice(0, 4) },
      { tag: 'TIME', value: text.slice(4, 8) },
      { tag: 'NMBR', value: text.slice(8) },
    ],
  };
}

function validateFields(fields: CallerIdFields): void {
  for (const key of ['date', 'time'] as const) {
    const value = fields[key];
    if (value !== undefined && !/^\d{4}$/.test(value)) {
      throw new RangeError(
        `Invalid caller ID ${key} "${value}": expected four digits (${key === 'date' ? 'MMDD' : 'HHMM'}).`,
      );
    }
  }
}

function encodeParameter(type: number, value: string): Buffer {
  const bytes = Buffer.from(value, 'latin1');
  if (bytes.length > 255)
    throw new RangeError(`Caller ID parameter 0x${type.toString(16)} too long: ${bytes.length} bytes.`);
  return Buffer.concat([Buffer.from([type, bytes.length]), bytes]);
}

function appendChecksum(packet: Buffer): Buffer {
  return Buffer.concat([packet, Buffer.from([(256 - byteSum(packet)) & 0xff])]);
}

function byteSum(bytes: Uint8Array): number {
  let sum = 0;
  for (const byte of bytes) sum = (sum + byte) & 0xff;
  return sum;
}

/** Line end of modem output. */
const CRLF = '\r\n';

/**
 * Renders what a modem in caller ID `mode` prints for `fields`: nothing for 0, the formatted lines
 * and one blank line for 1, and the MDMF packet as one hex line for 2. Returns '' for nothing.
 */
export function renderCallerId(mode: 0 | 1 | 2, fields: CallerIdFields, separator: string): string {
  if (mode === 1) return renderFormatted(callerIdItems(fields), separator);
  if (mode === 2) return toHex(buildMdmfPacket(fields)) + CRLF;
  validateFields(fields);
  return '';
}

/**
 * Renders what a modem in caller ID `mode` prints for a received packet given in hex. Mode 2
 * prints the hex line and mode 1 the decoded lines. Mode 0 prints nothing (''). Mode 1 prints
 * nothing for a packet that fails to decode, and `rejected` then gives the reason.
 * Throws a RangeError when `hex` is not hex.
 */
export function renderRawCallerId(
  mode: 0 | 1 | 2,
  hex: string,
  separator: string,
): { text: string; rejected: string | null } {
  if (!/^([0-9A-Fa-f]{2})+$/.test(hex)) {
    throw new RangeError(`Invalid caller ID packet "${hex}": expected an even number of hex digits.`);
  }
  if (mode === 2) return { text: hex.toUpperCase() + CRLF, rejected: null };
  if (mode === 0) return { text: '', rejected: null };

  const decoded = decodeCallerIdPacket(hex);
  if (!decoded.ok) return { text: '', rejected: decoded.reason };
  return { text: renderFormatted(decoded.items, separator), rejected: null };
}

function renderFormatted(items: readonly CallerIdItem[], separator: string): string {
  if (items.length === 0) return '';
  return formatCallerIdItems(items, separator).join(CRLF) + CRLF + CRLF;
}
