/**
 * `vorzimmer doctor`: probes the configured modems and prints, for each, the chipset, the audio
 * formats, whether caller ID is on, and the country, with the fix for anything that is wrong.
 * With `--sim` it probes the in-process simulator, and `--fault` switches one misbehaviour on in
 * the line modem's simulator, so that each fault's diagnosis can be seen without hardware.
 */
import { Writable } from 'node:stream';

import { pino } from 'pino';

import { loadConfigFile } from '../config/load.js';
import { REGION_FACTS } from '../config/regions.js';
import type { Config } from '../config/schema.js';
import { AtChannel } from '../modem/atChannel.js';
import type { ModemProfile } from '../modem/setup.js';
import { VoiceModem } from '../modem/voiceModem.js';
import { ModemSim, type PersonalityName } from '../sim/modemSim.js';
import { SimRegistry } from '../sim/simBinding.js';
import { openSerialLink, type ByteLink } from '../transport/serialLink.js';
import { createClock, type Clock } from '../util/clock.js';
import { errorMessage, isVorzimmerError } from '../util/errors.js';
import { stripQueryPrefix } from '../protocol/resultCodes.js';

/** Faults that `--fault` can switch on in the simulated line modem. */
export const DOCTOR_FAULTS = [
  'unresponsive',
  'unplugged',
  'port-busy',
  'forget-caller-id',
  'garbage',
  'no-busy-tone',
  'key-repeats',
] as const;
export type DoctorFault = (typeof DOCTOR_FAULTS)[number];

export interface DoctorOptions {
  config: string;
  sim?: PersonalityName;
  fault?: DoctorFault;
}

/** One finding about one modem: what is wrong and how to fix it. */
export interface Finding {
  problem: string;
  fix: string;
  /** The driver works around it, so it is reported as a note and does not fail the check. */
  handled?: boolean;
}

/** Findings of the probe about one modem. */
export interface ModemReport {
  side: 'line' | 'phone';
  path: string;
  profile: ModemProfile | null;
  findings: Finding[];
}

/** Simulator clock speed-up, so that timeouts of a mute simulated modem pass quickly. */
const SIM_TIME_SCALE = 20;

/** Product milliseconds to wait for a simulated far-end event (a busy report comes 1.5 s after hang-up). */
const SIM_LINE_TEST_MS = 3000;

/** Runs the doctor and prints its report. Returns the exit status: 0 when nothing is wrong, 1 otherwise. */
export async function doctorCommand(options: DoctorOptions): Promise<number> {
  const reports = await runDoctor(options);
  process.stdout.write(formatReports(reports, options));
  return reports.some((report) => report.findings.some((finding) => !finding.handled)) ? 1 : 0;
}

/** Probes both modems of the configuration; with `sim`, against simulators with the fault applied. */
export async function runDoctor(options: DoctorOptions): Promise<ModemReport[]> {
  const config = loadConfigFile(options.config);
  const clock = createClock(options.sim ? SIM_TIME_SCALE : 1);
  const world = options.sim ? createSimWorld(config, options.sim, clock, options.fault) : null;

  try {
    const reports: ModemReport[] = [];
    for (const side of ['line', 'phone'] as const) {
      reports.push(await probeModem(side, config, clock, world));
    }
    return reports;
  } finally {
    world?.dispose();
  }
}

interface SimWorld {
  registry: SimRegistry;
  line: ModemSim;
  fault: DoctorFault | undefined;
  dispose(): void;
}

function createSimWorld(
  config: Config,
  personality: PersonalityName,
  clock: Clock,
  fault: DoctorFault | undefined,
): SimWorld {
  const registry = new SimRegistry();
  const line = new ModemSim({ personality, clock, name: 'line' });
  const phone = new ModemSim({ personality, clock, name: 'phone' });
  registry.register(config.modems.line.path, line);
  registry.register(config.modems.phone.path, phone);
  const holders: ByteLink[] = [];

  if (fault === 'unresponsive') line.setFault({ unresponsive: true });
  if (fault === 'forget-caller-id') line.setFault({ forgetCallerIdOnReset: true });
  if (fault === 'garbage') line.setFault({ garbage: true });
  if (fault === 'no-busy-tone') line.setFault({ noBusyTone: true });
  if (fault === 'unplugged') registry.detach(config.modems.line.path);
  if (fault === 'port-busy') {
    // Another program (as ModemManager does) holds the port open.
    void openSerialLink(config.modems.line.path, { binding: registry.binding }).then((link) =>
      holders.push(link),
    );
  }

  return {
    registry,
    line,
    fault,
    dispose: () => {
      for (const link of holders) void link.close();
      line.dispose();
      phone.dispose();
    },
  };
}

async function probeModem(
  side: 'line' | 'phone',
  config: Config,
  clock: Clock,
  world: SimWorld | null,
): Promise<ModemReport> {
  const settings = config.modems[side];
  const report: ModemReport = { side, path: settings.path, profile: null, findings: [] };
  const warnings: string[] = [];
  const logger = pino({ level: 'warn' }, collectMessages(warnings));

  // Let a simulated holder of the port open it first.
  await new Promise((resolve) => setImmediate(resolve));

  let link: ByteLink;
  try {
    link = await openSerialLink(settings.path, {
      baudRate: settings.baudRate,
      binding: world?.registry.binding,
    });
  } catch (error) {
    report.findings.push(openFinding(settings.path, errorMessage(error)));
    return report;
  }

  const channel = new AtChannel(link, { name: side, clock, logger });
  const modem = new VoiceModem(channel, {
    clock,
    logger,
    side,
    countryCode: REGION_FACTS[config.region].gci,
    initExtra: settings.initExtra,
    callerIdMode: settings.callerIdMode,
  });

  try {
    report.profile = await modem.setup();
    for (const warning of report.profile.warnings)
      report.findings.push({
        problem: warning,
        fix: 'See the modem manual for the command, and add it to initExtra if it helps.',
      });
    if (side === 'line') await checkCallerIdAfterReset(modem, report);
    if (side === 'line' && world !== null) await lineTests(modem, world, clock, report);
  } catch (error) {
    report.findings.push(setupFinding(settings.path, error));
  } finally {
    await modem.close();
  }

  if (warnings.some((message) => message.includes('unreadable modem output'))) {
    report.findings.push({
      problem: `unreadable bytes from ${settings.path}: the modem sent output that is not text (line noise or a wrong baud rate)`,
      fix: 'Use a shorter or shielded USB cable, a powered hub, and the baud rate from the manual; vorzimmer skips such bytes.',
    });
  }
  return report;
}

/**
 * Saves caller ID on with `AT&W`, sends `ATZ` alone and reads `AT+VCID?`, to show a modem that
 * forgets caller ID at every reset. NOTE: this writes the modem's stored profile, as the usual
 * init recipes (`AT+VCID=1`, `AT&W0`) do.
 */
async function checkCallerIdAfterReset(modem: VoiceModem, report: ModemReport): Promise<void> {
  await modem.channel.send('AT&W', { allowError: true });
  await modem.channel.send('ATZ');
  await modem.channel.send('ATE0');
  const read = await modem.channel.send('AT+VCID?', { allowError: true });
  const value = read.lines[0] === undefined ? null : stripQueryPrefix(read.lines[0], '+VCID');
  if (value === '0') {
    report.findings.push({
      problem:
        'caller ID is off after reset: the modem forgets AT+VCID=1 at every ATZ, even when it was saved with AT&W',
      fix: 'vorzimmer sends AT+VCID=1 again after every reset and reconnect, so no action is needed; other programs on this modem must do the same.',
      handled: true,
    });
  }
  await modem.setup();
}

/** Simulated line only: a far end that hangs up, and a key held long enough to repeat. */
async function lineTests(
  modem: VoiceModem,
  world: SimWorld,
  clock: Clock,
  report: ModemReport,
): Promise<void> {
  const sim = world.line;
  await modem.answer();

  const repeats = world.fault === 'key-repeats' ? 3 : 1;
  const digits: string[] = [];
  const stopDigits = modem.digits.add((digit) => digits.push(digit));
  sim.pressKey('5', repeats);
  await clock.sleep(1500);
  stopDigits();
  if (digits.length !== 1) {
    report.findings.push({
      problem: `one key press was read as ${digits.length} keys (${digits.join('') || 'none'})`,
      fix: 'Run with VORZIMMER_LOG_LEVEL=debug and check the <DLE>/ and <DLE>~ events around the key.',
    });
  } else if (repeats > 1) {
    report.findings.push({
      problem: `key repeats: one key press arrived as ${repeats} repeated digit reports (<DLE>/ 5 5 5 <DLE>~), as some mobiles cause`,
      fix: 'None needed: vorzimmer reads one digit per burst.',
      handled: true,
    });
  }

  let busy = false;
  const stopHangUp = modem.hangUpSignals.add((cause) => (busy ||= cause === 'busy'));
  sim.farEndHangUp();
  await clock.sleep(SIM_LINE_TEST_MS);
  stopHangUp();
  if (!busy) {
    report.findings.push({
      problem: 'no busy tone: the far end hung up and the modem reported no <DLE>b',
      fix: `Check that the modem's country code fits the line: it reports ${report.profile?.country ? describeCountry(report.profile.country) : 'no country code'}, and the config's region sets AT+GCI. vorzimmer also ends recordings on measured silence and a time limit.`,
    });
  }
  await modem.hangUp();
}

function openFinding(path: string, message: string): Finding {
  if (/busy|lock|already open|in use/i.test(message)) {
    return {
      problem: `another program holds ${path} (${message})`,
      fix: 'ModemManager may hold the port: add ENV{ID_MM_DEVICE_IGNORE}="1" to the modem\'s udev rule, or stop ModemManager.',
    };
  }
  return {
    problem: `cannot open ${path} (${message})`,
    fix: 'Check that the modem is plugged in and that the path is its stable udev link (ls -l /dev/serial/by-path/); then check the permissions (group dialout).',
  };
}

function setupFinding(path: string, error: unknown): Finding {
  if (isVorzimmerError(error, 'MODEM_TIMEOUT')) {
    return {
      problem: `no answer on ${path}: ${errorMessage(error)}`,
      fix: 'Unplug the modem and plug it in again. ModemManager may hold the port: add ENV{ID_MM_DEVICE_IGNORE}="1" to its udev rule.',
    };
  }
  return {
    problem: `set-up failed on ${path}: ${errorMessage(error)}`,
    fix: 'Run with VORZIMMER_LOG_LEVEL=debug and compare the modem lines with its manual.',
  };
}

/** Formats the reports as the text the command prints. */
export function formatReports(
  reports: readonly ModemReport[],
  options: Pick<DoctorOptions, 'sim' | 'fault'>,
): string {
  const lines: string[] = [];
  if (options.sim)
    lines.push(
      `Simulated ${options.sim} modems${options.fault ? `, injected fault in the line modem: ${options.fault}` : ''}`,
    );

  for (const report of reports) {
    lines.push('', `Modem ${report.side} (${report.path})`);
    const profile = report.profile;
    if (profile) {
      lines.push(`  chipset: ${profile.chipsetProfile.label}, model ${profile.model || 'unknown'}`);
      lines.push(
        `  audio formats: ${profile.audioFormats.map((format) => `${format.id} ${format.name}`).join(', ')} (using ${profile.audioFormat.id})`,
      );
      lines.push(
        `  caller ID: ${report.side === 'phone' ? 'not used on the phone side' : profile.callerIdEnabled ? `on (${profile.callerIdMode})` : 'OFF'}`,
      );
      lines.push(`  country: ${describeCountry(profile.country)}`);
    }
    if (report.findings.length === 0) lines.push('  no problems found');
    for (const finding of report.findings) {
      lines.push(`  ${finding.handled ? 'note' : 'problem'}: ${finding.problem}`, `    fix: ${finding.fix}`);
    }
  }
  return `${lines.join('\n')}\n`;
}

/** Creates a pino destination that keeps each record's message. */
function collectMessages(messages: string[]): Writable {
  return new Writable({
    write(chunk: Buffer, _encoding, done) {
      for (const line of chunk.toString('utf8').split('\n')) {
        if (line.trim() === '') continue;
        try {
          messages.push(String((JSON.parse(line) as { msg?: unknown }).msg ?? ''));
        } catch {
          messages.push(line);
        }
      }
      done();
    },
  });
}

/** Names a T.35 country code with the region that uses it, if vorzimmer knows one. */
function describeCountry(code: string | null): string {
  if (code === null) return 'unknown (AT+GCI? not answered)';
  const region = Object.entries(REGION_FACTS).find(([, facts]) => facts.gci === code)?.[0];
  return region === undefined ? `${code} (not a region vorzimmer knows)` : `${code} (${region})`;
}
