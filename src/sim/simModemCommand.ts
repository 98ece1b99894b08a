/**
 * `vorzimmer sim-modem --pty PATH`: a simulated modem on a pseudo-terminal, driven by control
 * lines typed on standard input (ring, caller ID, keys, far-end audio, hang-up), so that a
 * terminal program or the daemon can talk to it at PATH.
 */
import { createInterface } from 'node:readline';

import { createClock, type Clock, type Timer } from '../util/clock.js';
import { errorMessage } from '../util/errors.js';
import { createRootLogger, type Logger } from '../util/log.js';
import { ModemSim, type ModemSimActivity } from './modemSim.js';
import type { PersonalityName } from './personalities.js';
import { attachSimToSerial, createPtyPair } from './ptyBridge.js';

/** Options of runSimModem. */
export interface SimModemOptions {
  /** Path of the link that the host opens; `<pty>.sim` is created beside it. */
  pty: string;
  personality: PersonalityName;
  /** Speed-up of all modem timing; 1 is real time. */
  timeScale?: number;
  /** Control lines; standard input by default. */
  input?: NodeJS.ReadableStream;
  /** Activity and replies; standard output by default. */
  output?: NodeJS.WritableStream;
  logger?: Logger;
}

const HELP = `Control lines:
  ring              one ring (RING, or <DLE>R in voice class)
  cid NUMBER [NAME] caller ID with today's date and time (NUMBER may be P or O)
  line TEXT         print TEXT and CR LF exactly
  raw HEX           an unformatted caller ID packet
  key D [N]         key press D, reported N times (default 2)
  say SECONDS       the caller speaks for SECONDS
  silence           the caller goes silent
  hangup            the caller hangs up
  status            hook, data state, class and caller ID mode
  quit              stop the simulator
  help              this text`;

/**
 * Runs a simulated modem on a pty pair until `quit`, the end of input or SIGINT, then stops socat.
 * @throws Error when socat cannot create the pty pair.
 */
export async function runSimModem(options: SimModemOptions): Promise<void> {
  const clock = createClock(options.timeScale ?? 1);
  const logger = options.logger ?? createRootLogger();
  const output = options.output ?? process.stdout;
  const input = options.input ?? process.stdin;
  const print = (text: string): void => void output.write(`${text}\n`);

  const pair = await createPtyPair(options.pty, logger);
  const sim = new ModemSim({ personality: options.personality, clock, name: 'sim-modem', logger });
  let attachment: { close(): Promise<void> };
  try {
    attachment = await attachSimToSerial(sim, pair.simPath, logger);
  } catch (error) {
    sim.dispose();
    await pair.close();
    throw error;
  }

  const control = new ControlLines(sim, clock, print);
  const stopActivity = sim.onActivity((activity) => print(describeActivity(activity, sim)));
  print(`sim-modem ready: ${options.personality} modem at ${pair.hostPath}. Type "help" for control lines.`);

  await new Promise<void>((resolve) => {
    const lines = createInterface({ input, terminal: false });
    const stop = (): void => {
      process.off('SIGINT', stop);
      lines.close();
    };
    process.on('SIGINT', stop);
    lines.on('line', (line) => {
      if (control.run(line) === 'quit') stop();
    });
    lines.on('close', () => {
      process.off('SIGINT', stop);
      resolve();
    });
  });

  control.stop();
  stopActivity();
  sim.dispose();
  await attachment.close();
  await pair.close();
  print('sim-modem stopped.');
}

/** Interpreter of the control lines of `vorzimmer sim-modem`. */
export class ControlLines {
  private sayTimer: Timer | null = null;

  constructor(
    private readonly sim: ModemSim,
    private readonly clock: Clock,
    private readonly print: (text: string) => void,
  ) {}

  /** Executes one control line. Returns 'quit' for the line `quit`. */
  run(line: string): 'quit' | 'continue' {
    const [command = '', ...words] = line.trim().split(/\s+/);
    const rest = line.trim().slice(command.length).trim();
    const sim = this.sim;

    try {
      switch (command.toLowerCase()) {
        case '':
          break;
        case 'ring':
          sim.ring();
          break;
        case 'cid':
          sim.printCallerId(callerIdNow(words));
          if (sim.callerIdMode === 0)
            this.print('Caller ID not sent: the host has not enabled it (+VCID=0).');
          break;
        case 'line':
          sim.printLine(rest);
          break;
        case 'raw':
          sim.printCallerIdRaw(rest);
          break;
        case 'key':
          sim.pressKey(words[0] ?? '', words[1] === undefined ? undefined : Number(words[1]));
          if (!sim.offHook || !sim.voiceClass)
            this.print('Key not reported: the modem is not off-hook in voice class.');
          break;
        case 'say':
          this.say(Number(words[0]));
          break;
        case 'silence':
          this.cancelSay();
          sim.setFarEndAudio('silence');
          break;
        case 'hangup':
          this.cancelSay();
          sim.farEndHangUp();
          break;
        case 'status':
          this.print(
            `${sim.offHook ? 'off-hook' : 'on-hook'}, ${sim.dataState} state, ${sim.voiceClass ? 'voice' : 'data'} class, +VCID=${sim.callerIdMode}`,
          );
          break;
        case 'quit':
          return 'quit';
        case 'help':
          this.print(HELP);
          break;
        default:
          this.print(`Unknown control line "${command}". Type "help" for the list.`);
      }
    } catch (error) {
      this.print(`Cannot run "${line.trim()}": ${errorMessage(error)}`);
    }
    return 'continue';
  }

  /** Cancels a pending end of speech, so that no timer outlives the simulator. */
  stop(): void {
    this.cancelSay();
  }

  private say(seconds: number): void {
    if (!Number.isFinite(seconds) || seconds <= 0)
      throw new Error('SECONDS must be a positive number, for example "say 3"');
    this.cancelSay();
    this.sim.setFarEndAudio('speech');
    this.sayTimer = this.clock.setTimeout(() => {
      this.sayTimer = null;
      this.sim.setFarEndAudio('silence');
    }, seconds * 1000);
  }

  private cancelSay(): void {
    this.sayTimer?.cancel();
    this.sayTimer = null;
  }
}

function callerIdNow(words: readonly string[]): {
  number: string;
  name?: string;
  date: string;
  time: string;
} {
  const [number, ...nameWords] = words;
  if (number === undefined) throw new Error('missing NUMBER: write for example "cid 03055501234 Anna"');

  const now = new Date();
  const two = (value: number): string => String(value).padStart(2, '0');
  const fields = {
    number,
    date: two(now.getMonth() + 1) + two(now.getDate()),
    time: two(now.getHours()) + two(now.getMinutes()),
  };
  return nameWords.length > 0 ? { ...fields, name: nameWords.join(' ') } : fields;
}

function describeActivity(activity: ModemSimActivity, sim: ModemSim): string {
  if (activity === 'on-hook') {
    const { bytes, underruns } = sim.playback;
    return `modem on-hook (played ${(bytes / 8000).toFixed(1)} s of audio in total, ${underruns} underruns)`;
  }
  return `modem ${activity}`;
}
