/**
 * Duration of a WAV file read from its RIFF header, for recordings that have to be added back
 * to the message index. Only the header is read, and a file cut short by a power cut still
 * gives the duration of the audio it contains.
 */
import { open } from 'node:fs/promises';

/** Bytes read from the start of the file: enough for the RIFF header and the chunks before `data`. */
const HEADER_BYTES = 4096;

/**
 * Returns the duration of a PCM WAV file in ms, or null when the header is not a RIFF WAVE header
 * with a `fmt ` chunk before the `data` chunk. When the `data` chunk claims more bytes than the
 * file has, the bytes present count.
 */
export async function readWavDurationMs(path: string): Promise<number | null> {
  const handle = await open(path, 'r');
  try {
    const { size } = await handle.stat();
    const header = Buffer.alloc(Math.min(HEADER_BYTES, size));
    await handle.read(header, 0, header.length, 0);
    return durationFromHeader(header, size);
  } finally {
    await handle.close();
  }
}

function durationFromHeader(header: Buffer, fileSize: number): number | null {
  if (
    header.length < 12 ||
    header.toString('ascii', 0, 4) !== 'RIFF' ||
    header.toString('ascii', 8, 12) !== 'WAVE'
  ) {
    return null;
  }

  let byteRate: number | null = null;
  // Chunks follow the 12-byte RIFF header: a 4-byte id, a 4-byte little-endian size, then the body padded to even length.
  for (let offset = 12; offset + 8 <= header.length;) {
    const id = header.toString('ascii', offset, offset + 4);
    const size = header.readUInt32LE(offset + 4);
    const body = offset + 8;

    if (id === 'fmt ' && body + 12 <= header.length) byteRate = header.readUInt32LE(body + 8);
    if (id === 'data') {
      if (byteRate === null || byteRate === 0) return null;
      const dataBytes = Math.min(size, Math.max(0, fileSize - body));
      return Math.round((dataBytes / byteRate) * 1000);
    }
    offset = body + size + (size % 2);
  }
  return null;
}
