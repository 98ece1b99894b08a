/** The `vorzimmer` command line. */
import { Command, InvalidArgumentError } from 'commander';

import { createRequire } from 'node:module';

import { errorMessage } from '../util/errors.js';
import { demoCommand } from './demo.js';
import { runCommand } from './run.js';
import { simulateCommand, TIME_SCALE_RANGE } from './simulate.js';

function parseTimeScale(value: string): number {
  const scale = Number(value);
  if (!Number.isFinite(scale) || scale < TIME_SCALE_RANGE.min || scale > TIME_SCALE_RANGE.max) {
    throw new InvalidArgumentError(
      `expected a number from ${TIME_SCALE_RANGE.min} to ${TIME_SCALE_RANGE.max}, such as 10.`,
    );
  }
  return scale;
}

/** Parses `argv` and runs the chosen command. */
export async function main(argv: string[]): Promise<void> {
  const program = new Command()
    .name('vorzimmer')
    .description(
      'Automated secretary for an analog phone line: screens callers with two voice modems on a Raspberry Pi.',
    )
    .version(readVersion())
    .showHelpAfterError();

  program
    .command('simulate')
    .description(
      'Run a scenario file against the simulated modems and board, with the real daemon in between.',
    )
    .argument('<file>', 'scenario file (JSON, scenario format version 1)')
    // Checked here rather than by commander, so that a bad value exits with 2 like any invalid input.
    .option('--time-scale <n>', 'run every timer and audio pace N times faster (0.1 to 100)', '1')
    .option('--json', "also print the daemon's own log records as JSON lines", false)
    .action(async (file: string, options: { timeScale: string; json: boolean }) => {
      const timeScale = Number(options.timeScale);
      if (
        !Number.isFinite(timeScale) ||
        timeScale < TIME_SCALE_RANGE.min ||
        timeScale > TIME_SCALE_RANGE.max
      ) {
        process.stderr.write(
          `Invalid --time-scale ${JSON.stringify(options.timeScale)}: expected a number from ${TIME_SCALE_RANGE.min} to ${TIME_SCALE_RANGE.max}, such as 10.\n`,
        );
        process.exitCode = 2;
        return;
      }
      process.exitCode = await simulateCommand(file, { timeScale, json: options.json });
    });

  program
    .command('demo')
    .description('Show one whole screened call on simulated hardware, as a readable account.')
    .option('--time-scale <n>', 'speed-up factor', parseTimeScale, 3)
    .option('--scenario <file>', 'scenario to show instead of the built-in screened call')
    .action(async (options: { timeScale: number; scenario?: string }) => {
      process.exitCode = await demoCommand(options);
    });

  program
    .command('run')
    .description('Run the daemon on the real serial ports and GPIO pins.')
    .requiredOption('--config <file>', 'configuration file (JSON)')
    .option('--data-dir <dir>', 'folder for lists, call log and messages, instead of the one in the config')
    .option('--time-scale <n>', 'speed-up factor, only for simulated hardware in tests', parseTimeScale, 1)
    .action(async (options: { config: string; dataDir?: string; timeScale: number }) => {
      try {
        await runCommand(options);
      } catch (error) {
        process.stderr.write(`${errorMessage(error)}\n`);
        process.exit(1);
      }
    });

  program
    .command('doctor')
    .description(
      'Probe the configured modems: chipset, audio formats, caller ID and country, with a fix for each problem.',
    )
    .requiredOption('--config <file>', 'configuration file (JSON)')
    .option('--sim <personality>', 'probe simulated modems instead: conexant, usr5637 or lucent')
    .option(
      '--fault <name>',
      'with --sim, switch one fault on in the line modem: unresponsive, unplugged, port-busy, forget-caller-id, garbage, no-busy-tone or key-repeats',
    )
    .action(async (options: { config: string; sim?: string; fault?: string }) => {
      const { doctorCommand, DOCTOR_FAULTS } = await import('./doctor.js');
      const { PERSONALITY_NAMES } = await import('../sim/personalities.js');
      const sim = PERSONALITY_NAMES.find((name) => name === options.sim);
      const fault = DOCTOR_FAULTS.find((name) => name === options.fault);
      if (options.sim !== undefined && sim === undefined) {
        throw new InvalidArgumentError(
          `Invalid --sim ${options.sim}: expected one of ${PERSONALITY_NAMES.join(', ')}.`,
        );
      }
      if (options.fault !== undefined && sim === undefined) {
        throw new InvalidArgumentError(
          `--fault ${options.fault} needs --sim: faults can only be put into a simulated modem.`,
        );
      }
      if (options.fault !== undefined && fault === undefined) {
        throw new InvalidArgumentError(
          `Invalid --fault ${options.fault}: expected one of ${DOCTOR_FAULTS.join(', ')}.`,
        );
      }
      process.exitCode = await doctorCommand({ config: options.config, sim, fault });
    });

  program
    .command('safe-pins')
    .description('Set every GPIO pin to its safe level (relay released, ringing off) and exit.')
    .requiredOption('--config <file>', 'configuration file (JSON)')
    .action(async (options: { config: string }) => {
      const { safePinsCommand } = await import('./safePins.js');
      await safePinsCommand(options);
    });

  program
    .command('sim-modem')
    .description(
      'Run a simulated voice modem on a pseudo-terminal; control it with commands on standard input.',
    )
    .requiredOption(
      '--pty <path>',
      'path of the pseudo-terminal link to create for the daemon or a terminal program',
    )
    .option('--personality <name>', 'conexant, usr5637 or lucent', 'conexant')
    .option('--time-scale <n>', 'speed-up factor', parseTimeScale, 1)
    .action(async (options: { pty: string; personality: string; timeScale: number }) => {
      const { runSimModem } = await import('../sim/simModemCommand.js');
      const { getPersonality } = await import('../sim/personalities.js');
      // Throws an error that lists the known personalities.
      const personality = getPersonality(options.personality).name;
      await runSimModem({ pty: options.pty, personality, timeScale: options.timeScale });
    });

  program
    .command('console')
    .description(
      'Edit the lists, read the call log and play messages: on standard input, or on a new pseudo-terminal for picocom.',
    )
    .requiredOption('--config <file>', 'configuration file (JSON)')
    .option('--data-dir <dir>', 'folder for lists, call log and messages, instead of the one in the config')
    .option('--pty <path>', 'create a pseudo-terminal link at this path and serve the console there')
    .action(async (options: { config: string; dataDir?: string; pty?: string }) => {
      const { consoleCommand } = await import('../console/consoleCli.js');
      try {
        process.exitCode = await consoleCommand(options);
      } catch (error) {
        process.stderr.write(`${errorMessage(error)}\n`);
        process.exit(1);
      }
    });

  await program.parseAsync(argv);
}

/** Returns the version from package.json. */
function readVersion(): string {
  const require = createRequire(import.meta.url);
  return (require('../../package.json') as { version: string }).version;
}
