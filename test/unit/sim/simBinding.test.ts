/** The in-process serialport binding, driven through openSerialLink and the real @serialport/stream. */
import { afterEach, describe, expect, it } from 'vitest';

import { ModemSim } from '../../../src/sim/modemSim.js';
import { SimRegistry } from '../../../src/sim/simBinding.js';
import { openSerialLink, type ByteLink } from '../../../src/transport/serialLink.js';
import { createClock } from '../../../src/util/clock.js';
import { isVorzimmerError } from '../../../src/util/errors.js';
import { TEST_TIME_SCALE, waitUntil } from './simHarness.js';

const PATH = 'sim://line-modem';

let sim: ModemSim;
let registry: SimRegistry;
let link: ByteLink | null = null;

function setUp(): void {
  sim = new ModemSim({ personality: 'conexant', clock: createClock(TEST_TIME_SCALE) });
  registry = new SimRegistry();
  registry.register(PATH, sim);
}

function collect(byteLink: ByteLink): () => string {
  const chunks: Buffer[] = [];
  byteLink.onData((bytes) => chunks.push(Buffer.from(bytes)));
  return () => Buffer.concat(chunks).toString('latin1');
}

afterEach(async () => {
  await link?.close();
  link = null;
  sim.dispose();
});

describe('SimRegistry binding', () => {
  it('carries commands and answers', async () => {
    setUp();
    link = await openSerialLink(PATH, { binding: registry.binding });
    const received = collect(link);

    await link.write(Buffer.from('ATI3\r'));
    await waitUntil(() => received().endsWith('OK\r\n'), 'answer to ATI3');
    expect(received()).toBe('ATI3\r\r\nCX93001-EIS_V0.2013-V92\r\n\r\nOK\r\n');
  });

  it('carries a long receive stream', async () => {
    setUp();
    link = await openSerialLink(PATH, { binding: registry.binding });
    const received = collect(link);

    await link.write(Buffer.from('ATE0;+FCLASS=8;+VLS=1\rAT+VRX\r'));
    await waitUntil(() => received().length > 16_000, 'two seconds of audio');
    expect(received().startsWith('ATE0;+FCLASS=8;+VLS=1\r\r\nOK\r\n\r\nCONNECT\r\n')).toBe(true);
  });

  it('names the path it cannot open', async () => {
    setUp();
    const opening = openSerialLink('sim://nowhere', { binding: registry.binding });
    await expect(opening).rejects.toThrow(/sim:\/\/nowhere/);
    await expect(opening).rejects.toSatisfy((error) => isVorzimmerError(error, 'MODEM_DISCONNECTED'));
  });

  it('lists registered simulators', async () => {
    setUp();
    const ports = await registry.binding.list();
    expect(ports.map((port) => port.path)).toEqual([PATH]);
  });

  it('refuses a second open of one path', async () => {
    setUp();
    link = await openSerialLink(PATH, { binding: registry.binding });
    await expect(openSerialLink(PATH, { binding: registry.binding })).rejects.toThrow(/already open/);
  });

  it('reports unplug as a disconnect', async () => {
    setUp();
    link = await openSerialLink(PATH, { binding: registry.binding });
    collect(link);
    const closed = new Promise<Error | null>((resolve) => link?.onClose(resolve));

    registry.unplug(PATH);
    const error = await closed;
    expect(error).not.toBeNull();
    expect(error?.message).toMatch(/unplugged/);
    expect(link.isOpen).toBe(false);
  });

  it('reopens after unplug', async () => {
    setUp();
    link = await openSerialLink(PATH, { binding: registry.binding });
    collect(link);
    const closed = new Promise<Error | null>((resolve) => link?.onClose(resolve));
    registry.unplug(PATH);
    await closed;

    link = await openSerialLink(PATH, { binding: registry.binding });
    const received = collect(link);
    await link.write(Buffer.from('AT\r'));
    await waitUntil(() => received().endsWith('OK\r\n'), 'answer after reopening');
  });

  it('reports its own close as no error', async () => {
    setUp();
    link = await openSerialLink(PATH, { binding: registry.binding });
    const closed = new Promise<Error | null>((resolve) => link?.onClose(resolve));
    await link.close();
    expect(await closed).toBeNull();
  });

  it('cancels a pending read on close', async () => {
    setUp();
    const port = await registry.binding.open({ path: PATH, baudRate: 115200 });
    const reading = port.read(Buffer.alloc(64), 0, 64);
    await port.close();
    await expect(reading).rejects.toMatchObject({ canceled: true });
  });

  it('cancels a pending write on close', async () => {
    setUp();
    const port = await registry.binding.open({ path: PATH, baudRate: 115200 });
    const writing = port.write(Buffer.from('AT\r'));
    await port.close();
    await expect(writing).rejects.toMatchObject({ canceled: true });
  });

  it('fails a pending read on unplug without canceled', async () => {
    setUp();
    const port = await registry.binding.open({ path: PATH, baudRate: 115200 });
    const reading = port.read(Buffer.alloc(64), 0, 64);
    registry.unplug(PATH);
    const error = await reading.catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(Error);
    expect((error as { canceled?: boolean }).canceled).toBeUndefined();
    await port.close();
  });

  it('resolves a read with the bytes that fit', async () => {
    setUp();
    const port = await registry.binding.open({ path: PATH, baudRate: 115200 });
    sim.printLine('RING');
    const buffer = Buffer.alloc(10);
    const first = await port.read(buffer, 2, 3);
    expect(first.bytesRead).toBe(3);
    expect(buffer.subarray(2, 5).toString()).toBe('RIN');
    const second = await port.read(buffer, 0, 10);
    expect(buffer.subarray(0, second.bytesRead).toString()).toBe('G\r\n');
    await port.close();
  });
});
