/**
 * A real VoiceModem (driver, AT channel, serialport stream) on an in-process simulated modem, for
 * tests of the driver against the simulator's personalities and fault switches.
 */
import { AtChannel } from '../../src/modem/atChannel.js';
import type { CallerIdMode } from '../../src/modem/setup.js';
import { VoiceModem } from '../../src/modem/voiceModem.js';
import { ModemSim, type PersonalityName } from '../../src/sim/modemSim.js';
import { SimRegistry } from '../../src/sim/simBinding.js';
import { openSerialLink } from '../../src/transport/serialLink.js';
import { createClock, type Clock } from '../../src/util/clock.js';
import { createSilentLogger, type Logger } from '../../src/util/log.js';

/** Clock speed-up of the driver tests against the simulator. */
export const DRIVER_TEST_SCALE = 20;

export const SIM_MODEM_PATH = 'sim://modem';

export interface SimModemRig {
  clock: Clock;
  sim: ModemSim;
  registry: SimRegistry;
  modem: VoiceModem;
  dispose(): Promise<void>;
}

/** Opens a VoiceModem on a fresh simulator; the modem is not set up yet. */
export async function openSimModem(
  personality: PersonalityName,
  options: { callerIdMode?: CallerIdMode; logger?: Logger } = {},
): Promise<SimModemRig> {
  const clock = createClock(DRIVER_TEST_SCALE);
  const logger = options.logger ?? createSilentLogger();
  const sim = new ModemSim({ personality, clock });
  const registry = new SimRegistry();
  registry.register(SIM_MODEM_PATH, sim);

  const link = await openSerialLink(SIM_MODEM_PATH, { binding: registry.binding });
  const channel = new AtChannel(link, { name: 'line', clock, logger });
  const modem = new VoiceModem(channel, {
    clock,
    logger,
    side: 'line',
    countryCode: '42',
    initExtra: [],
    callerIdMode: options.callerIdMode,
  });

  return {
    clock,
    sim,
    registry,
    modem,
    dispose: async () => {
      await modem.close();
      sim.dispose();
    },
  };
}
