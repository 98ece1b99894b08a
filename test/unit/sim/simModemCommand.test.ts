/** `vorzimmer sim-modem` end to end: a real pty, a host that opens it, and control lines. */
import { lstat, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { PassThrough } from 'node:stream';

import { afterEach, describe, expect, it } from 'vitest';

import { runSimModem } from '../../../src/sim/simModemCommand.js';
import { openSerialLink, type ByteLink } from '../../../src/transport/serialLink.js';
import { createSilentLogger } from '../../../src/util/log.js';
import { waitUntil } from './simHarness.js';

let folder: string | null = null;
let host: ByteLink | null = null;

afterEach(async () => {
  await host?.close();
  host = null;
  if (folder) await rm(folder, { recursive: true, force: true });
  folder = null;
});

describe('runSimModem', () => {
  it('serves a host on the pty until quit', async () => {
    folder = await mkdtemp(path.join(tmpdir(), 'vorzimmer-sim-modem-'));
    const ptyPath = path.join(folder, 'ttyModem');
    const input = new PassThrough();
    const output = new PassThrough();
    let printed = '';
    output.on('data', (chunk: Buffer) => (printed += chunk.toString()));

    const running = runSimModem({
      pty: ptyPath,
      personality: 'conexant',
      timeScale: 10,
      input,
      output,
      logger: createSilentLogger(),
    });
    await waitUntil(() => printed.includes('sim-modem ready'), 'ready line', 10_000);

    host = await openSerialLink(ptyPath);
    const chunks: Buffer[] = [];
    host.onData((bytes) => chunks.push(bytes));
    const received = (): string => Buffer.concat(chunks).toString('latin1');

    await host.write(Buffer.from('ATI3\r'));
    await waitUntil(() => received().endsWith('OK\r\n'), 'answer to ATI3');
    expect(received()).toBe('ATI3\r\r\nCX93001-EIS_V0.2013-V92\r\n\r\nOK\r\n');

    input.write('ring\n');
    await waitUntil(() => received().includes('RING'), 'RING on the host side');
    expect(received().endsWith('\r\nRING\r\n')).toBe(true);

    await host.write(Buffer.from('ATH1\r'));
    await waitUntil(() => printed.includes('modem off-hook'), 'activity line');

    input.write('bogus\n');
    await waitUntil(() => printed.includes('Unknown control line "bogus"'), 'unknown line reply');

    input.write('quit\n');
    await running;
    expect(printed).toContain('sim-modem stopped.');
    expect(await lstat(ptyPath).catch(() => null)).toBeNull();
  });
});
