/**
 * Messages of the board link: JSON objects, one per line, between the daemon (which drives the
 * board) and the board simulator (which plays the desk phone).
 */

import { ReadlineParser } from '@serialport/parser-readline';
import { z } from 'zod';

/**
 * Durations of the link handshake, in real milliseconds rather than Clock time, because they wait
 * for another process to start.
 */
export const BOARD_LINK_TIMING = {
  /** Time from the first hello until the simulator must have sent its state. */
  helloTimeout: 5000,
  /** Interval at which hello is repeated, in case the simulator started after the daemon. */
  helloRepeat: 1000,
} as const;

/** Maximum line length in characters. Longer input is discarded, so that garbage cannot grow the buffer. */
const MAX_LINE_LENGTH = 4096;

const cadenceSchema = z
  .array(z.number().positive())
  .min(2)
  .max(32)
  .refine((cadence) => cadence.length % 2 === 0, 'a ring cadence needs pairs of on and off periods');

/** A message from the daemon to the board simulator. */
export const daemonMessageSchema = z.discriminatedUnion('op', [
  z.strictObject({ op: z.literal('hello') }),
  z.strictObject({ op: z.literal('relay'), held: z.boolean() }),
  z.strictObject({ op: z.literal('ring'), cadence: cadenceSchema }),
  z.strictObject({ op: z.literal('ring-stop') }),
  z.strictObject({ op: z.literal('led'), name: z.enum(['ready', 'message', 'call']), on: z.boolean() }),
]);
export type DaemonMessage = z.infer<typeof daemonMessageSchema>;

/** The simulator's state message: the SLIC's hook state, and the line sense or null when the board has none. */
export const simMessageSchema = z.strictObject({
  op: z.literal('state'),
  hook: z.enum(['on-hook', 'off-hook']),
  lineSense: z.boolean().nullable(),
});
export type SimMessage = z.infer<typeof simMessageSchema>;

/** Encodes one message as a line of JSON. */
export function encodeMessage(message: DaemonMessage | SimMessage): Buffer {
  return Buffer.from(`${JSON.stringify(message)}\n`);
}

/**
 * Parses one line with `schema`.
 * @returns the message, or a reason that names what was wrong with the line.
 */
export function decodeMessage<T>(
  line: string,
  schema: z.ZodType<T>,
): { ok: true; message: T } | { ok: false; reason: string } {
  let value: unknown;
  try {
    value = JSON.parse(line);
  } catch {
    return { ok: false, reason: 'not JSON' };
  }

  const result = schema.safeParse(value);
  if (!result.success) {
    return { ok: false, reason: result.error.issues.map((issue) => issue.message).join('; ') };
  }
  return { ok: true, message: result.data };
}

/**
 * Splits a byte stream into lines ending in LF or CRLF, with serialport's ReadlineParser doing the
 * framing. Empty lines are skipped, and a line longer than the limit is discarded, so a peer that
 * never sends LF cannot make the buffer grow without bound.
 */
const LF = 0x0a;

export class LineSplitter {
  private readonly parser = new ReadlineParser({ delimiter: '\n', encoding: 'utf8' });
  private readonly completed: string[] = [];
  private pendingLength = 0;
  private skipping = false;

  constructor() {
    // ReadlineParser is a Transform stream; its 'data' events fire during write() for a flowing stream.
    this.parser.on('data', (line: string) => this.completed.push(line));
  }

  /** Adds received bytes and returns the lines they complete, plus any overlong input that was discarded. */
  push(bytes: Buffer): { lines: string[]; discarded: string[] } {
    const discarded: string[] = [];
    let forwardFrom = 0;

    for (let index = 0; index < bytes.length; index++) {
      const isLineEnd = bytes[index] === LF;
      if (this.skipping) {
        if (isLineEnd) {
          this.skipping = false;
          this.pendingLength = 0;
          forwardFrom = index + 1;
        }
        continue;
      }
      if (isLineEnd) {
        this.pendingLength = 0;
      } else if (++this.pendingLength > MAX_LINE_LENGTH) {
        // End the overlong line inside the parser, so that it drops what it holds, and skip to the next LF.
        this.parser.write(bytes.subarray(forwardFrom, index));
        this.parser.write('\n');
        discarded.push((this.completed.pop() ?? '').slice(0, 80));
        this.skipping = true;
        forwardFrom = bytes.length;
      }
    }
    if (!this.skipping && forwardFrom < bytes.length) this.parser.write(bytes.subarray(forwardFrom));

    const lines: string[] = [];
    for (const part of this.completed.splice(0)) {
      const line = part.replace(/\r$/, '').trim();
      if (line !== '') lines.push(line);
    }
    return { lines, discarded };
  }
}
