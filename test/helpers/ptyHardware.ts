/**
 * Simulated hardware on pseudo-terminals (socat), for running `vorzimmer run` as its own process:
 * both modem simulators and the board simulator sit on the far ends, in this process.
 */
import path from 'node:path';

import { ScenarioWorld } from '../../src/scenario/world.js';
import { serveSimBoard } from '../../src/sim/boardLink.js';
import { attachSimToSerial, createPtyPair, type PtyPair } from '../../src/sim/ptyBridge.js';
import { openSerialLink, type ByteLink } from '../../src/transport/serialLink.js';
import { createClock } from '../../src/util/clock.js';
import { createSilentLogger } from '../../src/util/log.js';

export interface PtyHardware {
  world: ScenarioWorld;
  /** A configuration for the daemon that points at the pseudo-terminals, with `changes` merged in at the top. */
  config(dataDir: string, changes?: Record<string, unknown>): Record<string, unknown>;
  close(): Promise<void>;
}

/** Creates the three pseudo-terminal pairs in `folder` and attaches the simulators. */
export async function startPtyHardware(folder: string, timeScale: number): Promise<PtyHardware> {
  const world = new ScenarioWorld(createClock(timeScale), {
    region: 'DE',
    lineModem: 'conexant',
    phoneModem: 'conexant',
    logger: createSilentLogger(),
  });

  const pairs: PtyPair[] = [];
  const closers: { close(): Promise<void> }[] = [];
  let boardLink: ByteLink | null = null;
  const close = async (): Promise<void> => {
    await boardLink?.close();
    for (const closer of closers) await closer.close();
    for (const pair of pairs) await pair.close();
    world.dispose();
  };

  try {
    const line = await createPtyPair(path.join(folder, 'line'));
    pairs.push(line);
    const phone = await createPtyPair(path.join(folder, 'phone'));
    pairs.push(phone);
    const board = await createPtyPair(path.join(folder, 'board'));
    pairs.push(board);
    closers.push(await attachSimToSerial(world.lineModem, line.simPath));
    closers.push(await attachSimToSerial(world.phoneModem, phone.simPath));
    boardLink = await openSerialLink(board.simPath, { exclusive: false });
    serveSimBoard(world.board, boardLink, { logger: createSilentLogger() });

    const config = (dataDir: string, changes: Record<string, unknown> = {}): Record<string, unknown> => ({
      region: 'DE',
      locale: 'de',
      dataDir,
      modems: { line: { path: line.hostPath }, phone: { path: phone.hostPath } },
      board: { kind: 'sim-link', simLinkPath: board.hostPath },
      ...changes,
    });
    return { world, config, close };
  } catch (error) {
    await close();
    throw error;
  }
}
