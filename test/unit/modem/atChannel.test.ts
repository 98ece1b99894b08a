import { describe, expect, it } from 'vitest';

import { AtChannel, type UnsolicitedFrame } from '../../../src/modem/atChannel.js';
import { createClock } from '../../../src/util/clock.js';
import { isVorzimmerError } from '../../../src/util/errors.js';
import { createSilentLogger } from '../../../src/util/log.js';
import { MemoryLink } from '../../helpers/memoryLink.js';

function setup(): { link: MemoryLink; channel: AtChannel; unsolicited: UnsolicitedFrame[] } {
  const link = new MemoryLink();
  const channel = new AtChannel(link, { name: 'line', clock: createClock(1), logger: createSilentLogger() });
  const unsolicited: UnsolicitedFrame[] = [];
  channel.onUnsolicited((frame) => unsolicited.push(frame));
  return { link, channel, unsolicited };
}

describe('AtChannel', () => {
  it('returns information lines and the final result', async () => {
    const { link, channel } = setup();
    link.onWrite = () => link.reply('\r\nCX93001-EIS_V0.2002-V92\r\n\r\nOK\r\n');

    const response = await channel.send('ATI3');

    expect(response.result).toBe('OK');
    expect(response.lines).toEqual(['CX93001-EIS_V0.2002-V92']);
  });

  it('skips the echo of the command', async () => {
    const { link, channel } = setup();
    // Captured from a Conexant modem with echo still on (pycallblock issue 2, as quoted in the reference).
    link.onWrite = () => link.reply('AT+GMI\r\r\n+GMI: CONEXANT\r\n\r\nOK\r\n');

    const response = await channel.send('AT+GMI');

    expect(response.lines).toEqual(['+GMI: CONEXANT']);
  });

  it('sends one command at a time', async () => {
    const { link, channel } = setup();
    const seen: string[] = [];
    link.onWrite = (bytes) => {
      seen.push(bytes.toString());
      setTimeout(() => link.reply('\r\nOK\r\n'), 20);
    };

    await Promise.all([channel.send('ATE0'), channel.send('ATV1'), channel.send('ATS0=0')]);

    expect(seen).toEqual(['ATE0\r', 'ATV1\r', 'ATS0=0\r']);
  });

  it('passes RING during a command on as unsolicited', async () => {
    const { link, channel, unsolicited } = setup();
    link.onWrite = () => link.reply('\r\nRING\r\n\r\nOK\r\n');

    const response = await channel.send('AT');

    expect(response.lines).toEqual([]);
    expect(unsolicited).toContainEqual({ kind: 'line', text: 'RING' });
  });

  it('rejects ERROR unless allowed', async () => {
    const { link, channel } = setup();
    link.onWrite = () => link.reply('\r\nERROR\r\n');

    await expect(channel.send('AT+VSD?')).rejects.toSatisfy((error) =>
      isVorzimmerError(error, 'MODEM_ERROR_RESULT'),
    );
    await expect(channel.send('AT+VSD?', { allowError: true })).resolves.toMatchObject({ result: 'ERROR' });
  });

  it('times out naming the port and the command', async () => {
    const { channel } = setup();

    const failure = channel.send('AT+VCID=1', { timeoutMs: 50 });

    await expect(failure).rejects.toThrow(
      /"line" on \/dev\/test-modem did not answer "AT\+VCID=1" within 50 ms/,
    );
  });

  it('fails the pending command on disconnect', async () => {
    const { link, channel } = setup();
    link.onWrite = () => link.unplug();

    await expect(channel.send('ATZ')).rejects.toSatisfy((error) =>
      isVorzimmerError(error, 'MODEM_DISCONNECTED'),
    );
    expect(channel.isConnected).toBe(false);
  });

  it('logs and skips garbage between commands', async () => {
    const { link, channel, unsolicited } = setup();
    link.reply(Buffer.from([0xff, 0xfe, 0x01, 0x0d, 0x0a]));
    link.onWrite = () => link.reply('\r\nOK\r\n');

    const response = await channel.send('AT');

    expect(response.result).toBe('OK');
    expect(unsolicited.filter((frame) => frame.kind === 'line')).toEqual([]);
  });
});
