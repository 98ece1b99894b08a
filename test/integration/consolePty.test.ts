/**
 * The console as a user meets it: `vorzimmer console --pty PATH` in its own process, and picocom
 * attached to PATH inside a detached tmux session. tmux types the keys (send-keys) and reads the
 * screen (capture-pane). Bytes that are not UTF-8 cannot be typed through tmux, so they go
 * through picocom's own send command (Ctrl-A Ctrl-S) from a file.
 *
 * Runs against dist/, so build first (`npm test` does). Skips when tmux or picocom is missing.
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { copyFile, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';

import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const root = path.resolve(import.meta.dirname, '../..');
const FIXTURES = path.join(root, 'test/fixtures/console');

/** Maximum wait for one screen change, in ms. */
const STEP_TIMEOUT_MS = 8000;
/** Pause between Enter presses while waiting for picocom to attach. */
const ENTER_RETRY_MS = 500;

function isInstalled(program: string): boolean {
  return spawnSync(program, ['-h'], { stdio: 'ignore' }).error === undefined;
}

const missing = ['tmux', 'picocom', 'socat'].filter((program) => !isInstalled(program));
if (missing.length > 0) {
  process.stderr.write(
    `Skipping the picocom console test: ${missing.join(', ')} not installed (apt-get install socat tmux picocom).\n`,
  );
}

/** A console process with picocom attached in tmux, in a temporary folder. */
class PicocomConsole {
  private consoleProcess: ChildProcess | null = null;
  private consoleOutput = '';
  readonly socket = `vorzimmer-test-${process.pid}-${Math.floor(Math.random() * 1e9)}`;

  constructor(readonly folder: string) {}

  get ttyPath(): string {
    return path.join(this.folder, 'tty');
  }

  async start(locale: 'de' | 'en'): Promise<void> {
    const configFile = path.join(this.folder, 'config.json');
    await writeFile(configFile, JSON.stringify({ region: 'DE', areaCode: '030', locale, dataDir: './data' }));

    this.consoleProcess = spawn(
      process.execPath,
      [path.join(root, 'bin/vorzimmer.js'), 'console', '--config', configFile, '--pty', this.ttyPath],
      {
        cwd: this.folder,
        stdio: ['ignore', 'pipe', 'pipe'],
        env: { ...process.env, VORZIMMER_LOG_LEVEL: 'warn' },
      },
    );
    this.consoleProcess.stdout?.on('data', (chunk: Buffer) => (this.consoleOutput += chunk.toString()));
    this.consoleProcess.stderr?.on('data', (chunk: Buffer) => (this.consoleOutput += chunk.toString()));
    await waitUntil(
      () => this.consoleOutput.includes('picocom'),
      () => `console start: ${this.consoleOutput}`,
    );

    this.tmux(
      'new-session',
      '-d',
      '-s',
      'console',
      '-x',
      '200',
      '-y',
      '50',
      `picocom -q --send-cmd cat ${this.ttyPath}`,
    );
    // The banner went out before picocom attached, so Enter requests a fresh prompt. picocom
    // flushes pending input when it sets up the terminal, so an Enter sent before that is lost:
    // send it again until the prompt shows.
    let lastEnter = 0;
    await waitUntil(
      () => {
        if (this.screen().includes('vorzimmer> ')) return true;
        if (Date.now() - lastEnter >= ENTER_RETRY_MS) {
          this.tmux('send-keys', '-t', 'console', 'Enter');
          lastEnter = Date.now();
        }
        return false;
      },
      () => `prompt: ${this.screen()}`,
    );
  }

  async stop(): Promise<void> {
    spawnSync('tmux', ['-L', this.socket, 'kill-server'], { stdio: 'ignore' });
    if (this.consoleProcess !== null && this.consoleProcess.exitCode === null) {
      const exited = new Promise((resolve) => this.consoleProcess?.once('exit', resolve));
      this.consoleProcess.kill('SIGINT');
      await exited;
    }
  }

  /** Returns the whole screen and scrollback, with wrapped lines joined. */
  screen(): string {
    return this.tmux('capture-pane', '-p', '-J', '-S', '-', '-t', 'console');
  }

  /** Types `text` literally, presses Enter, and waits until `expected` shows once more than before. */
  async type(text: string, expected: string): Promise<void> {
    const before = countOccurrences(this.screen(), expected);
    this.tmux('send-keys', '-t', 'console', '-l', text);
    this.tmux('send-keys', '-t', 'console', 'Enter');
    await waitUntil(
      () => countOccurrences(this.screen(), expected) > before,
      () =>
        `after typing ${JSON.stringify(text.slice(0, 60))}, expected ${JSON.stringify(expected)} on:\n${this.screen().slice(-1500)}`,
    );
  }

  /** Sends a file's bytes through picocom's send command, then waits for `expected`. */
  async sendFile(file: string, expected: string): Promise<void> {
    const before = countOccurrences(this.screen(), expected);
    this.tmux('send-keys', '-t', 'console', 'C-a', 'C-s');
    await waitUntil(
      () => this.screen().includes('*** file:'),
      () => `picocom file prompt: ${this.screen().slice(-500)}`,
    );
    this.tmux('send-keys', '-t', 'console', '-l', file);
    this.tmux('send-keys', '-t', 'console', 'Enter');
    await waitUntil(
      () => countOccurrences(this.screen(), expected) > before,
      () => `after sending ${file}, expected ${JSON.stringify(expected)} on:\n${this.screen().slice(-1500)}`,
    );
  }

  /** Presses keys by tmux name, such as `C-z`. */
  press(...keys: string[]): void {
    this.tmux('send-keys', '-t', 'console', ...keys);
  }

  /** Presses keys by tmux name and waits until `expected` shows once more than before. */
  async pressAndWait(keys: string[], expected: string): Promise<void> {
    const before = countOccurrences(this.screen(), expected);
    this.press(...keys);
    await waitUntil(
      () => countOccurrences(this.screen(), expected) > before,
      () =>
        `after pressing ${keys.join(' ')}, expected ${JSON.stringify(expected)} on:\n${this.screen().slice(-1500)}`,
    );
  }

  async listsFile(): Promise<{
    allow: { pattern: string; name: string }[];
    block: { pattern: string; name: string }[];
  }> {
    return JSON.parse(await readFile(path.join(this.folder, 'data/lists.json'), 'utf8')) as Awaited<
      ReturnType<PicocomConsole['listsFile']>
    >;
  }

  private tmux(...args: string[]): string {
    const result = spawnSync('tmux', ['-L', this.socket, ...args], { encoding: 'utf8' });
    if (result.status !== 0) throw new Error(`tmux ${args[0]} failed: ${result.stderr}`);
    return result.stdout;
  }
}

function countOccurrences(text: string, part: string): number {
  return text.split(part).length - 1;
}

async function waitUntil(condition: () => boolean, describeFailure: () => string): Promise<void> {
  const deadline = Date.now() + STEP_TIMEOUT_MS;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error(`Timed out: ${describeFailure()}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

type Typed = readonly [text: string, expected: string];

/** What each step types and the response it waits for. */
interface Steps {
  allow: Typed;
  block: Typed;
  list: Typed;
  remove: Typed;
  import: Typed;
  importSkip: string;
  invalidNumber: Typed;
  unknownCommand: Typed;
  tooLong: string;
  control: string;
  invalidUtf8: string;
  status: Typed;
}

/** Texts of each step, per language. */
const STEPS: Readonly<Record<'en' | 'de', Steps>> = {
  en: {
    allow: [
      'allow 030 5550123 Anna Berger',
      'Added 030 5550123 (+49305550123) to the allowlist, name "Anna Berger".',
    ],
    block: ['block 0900* premium', 'Added 0900* (+49900*) to the blocklist, name "premium".'],
    list: ['list', 'Allowlist (1):\n  +49305550123  Anna Berger\n\nBlocklist (1):\n  +49900*  premium'],
    remove: ['remove 0900*', 'Removed +49900* "premium" from the blocklist.'],
    import: ['import apple-3.0.vcf', 'Imported apple-3.0.vcf: added 3, merged 0, skipped 1.'],
    importSkip: '  skipped line 1: +49 30 5550123: already on the allowlist with this name',
    invalidNumber: ['allow 030 555x0123 Bernd', 'Invalid number "030 555x0123" for a DE line'],
    unknownCommand: ['lsit', 'Unknown command "lsit". Did you mean "list"?'],
    tooLong: 'The line is too long (1200 characters, at most 1000). Nothing was changed.',
    control: 'The line contains the control character U+202E at position 24.',
    invalidUtf8: 'The line contains bytes that are not valid UTF-8.',
    status: ['status', 'Lists: 4 allowed, 0 blocked'],
  },
  de: {
    allow: [
      'erlauben 030 5550123 Anna Berger',
      '030 5550123 (+49305550123) steht jetzt auf der Erlaubt-Liste, Name „Anna Berger“.',
    ],
    block: ['sperren 0900* Mehrwert', '0900* (+49900*) steht jetzt auf der Sperrliste, Name „Mehrwert“.'],
    list: [
      'liste',
      'Erlaubt-Liste (1):\n  +49305550123  Anna Berger\n\nSperrliste (1):\n  +49900*  Mehrwert',
    ],
    remove: ['entfernen 0900*', '+49900* „Mehrwert“ von der Sperrliste entfernt.'],
    import: [
      'import apple-3.0.vcf',
      'apple-3.0.vcf importiert: 3 hinzugefügt, 0 zusammengeführt, 1 übersprungen.',
    ],
    importSkip: '  übersprungen, Zeile 1: +49 30 5550123: steht schon mit diesem Namen auf der Erlaubt-Liste',
    invalidNumber: [
      'erlauben 030 555x0123 Bernd',
      'Die Nummer „030 555x0123“ ist ungültig. Nichts wurde geändert.',
    ],
    unknownCommand: ['lsite', 'Unbekannter Befehl „lsite“. Meinten Sie „liste“?'],
    tooLong: 'Die Zeile ist zu lang (1200 Zeichen, höchstens 1000). Nichts wurde geändert.',
    control: 'Die Zeile enthält das Steuerzeichen U+202E an Stelle 24.',
    invalidUtf8: 'Die Zeile enthält Bytes, die kein gültiges UTF-8 sind.',
    status: ['status', 'Listen: 4 erlaubt, 0 gesperrt'],
  },
};

for (const locale of ['en', 'de'] as const) {
  describe.skipIf(missing.length > 0)(`console under picocom in ${locale}`, () => {
    const steps = STEPS[locale];
    let folder: string;
    let terminal: PicocomConsole;

    beforeAll(async () => {
      folder = await mkdtemp(path.join(tmpdir(), 'vorzimmer-picocom-'));
      await copyFile(path.join(FIXTURES, 'apple-3.0.vcf'), path.join(folder, 'apple-3.0.vcf'));
      await writeFile(path.join(folder, 'latin1.txt'), Buffer.from('allow 030 5550188 Caf\xe9\r', 'latin1'));
      terminal = new PicocomConsole(folder);
      await terminal.start(locale);
    });

    afterAll(async () => {
      await terminal?.stop();
      await rm(folder, { recursive: true, force: true });
    });

    it('adds numbers typed in picocom', async () => {
      await terminal.type(...steps.allow);
      await terminal.type(...steps.block);

      expect((await terminal.listsFile()).block.map((entry) => entry.pattern)).toEqual(['+49900*']);
    });

    it('lists both lists', async () => {
      await terminal.type(...steps.list);
    });

    it('removes a prefix', async () => {
      await terminal.type(...steps.remove);

      expect((await terminal.listsFile()).block).toEqual([]);
    });

    it('imports a vCard file', async () => {
      await terminal.type(...steps.import);

      expect(terminal.screen()).toContain(steps.importSkip);
      expect((await terminal.listsFile()).allow).toHaveLength(4);
    });

    it('rejects an invalid number', async () => {
      await terminal.type(...steps.invalidNumber);

      expect((await terminal.listsFile()).allow).toHaveLength(4);
    });

    it('suggests the nearest command', async () => {
      await terminal.type(...steps.unknownCommand);
    });

    it('rejects an overlong line', async () => {
      await terminal.type(`allow 030 5550177 ${'x'.repeat(1200 - 18)}`, steps.tooLong);

      expect((await terminal.listsFile()).allow).toHaveLength(4);
    });

    it('rejects a bidirectional override', async () => {
      await terminal.type('allow 030 5550177 Bernd\u202Eevil', steps.control);

      expect((await terminal.listsFile()).allow).toHaveLength(4);
    });

    it('rejects bytes that are not UTF-8', async () => {
      await terminal.sendFile(path.join(folder, 'latin1.txt'), steps.invalidUtf8);

      expect((await terminal.listsFile()).allow).toHaveLength(4);
    });

    it('keeps running after Ctrl-Z', async () => {
      terminal.press('C-z');
      await terminal.type(...steps.status);
    });

    it('recalls the last line with the up arrow', async () => {
      await terminal.pressAndWait(['Up', 'Enter'], steps.status[1]);
    });

    it('completes a command name with tab', async () => {
      terminal.press('s', 't', 'a');
      terminal.press('Tab');
      await terminal.pressAndWait(['Enter'], steps.status[1]);
    });
  });
}
