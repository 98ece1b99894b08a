/**
 * The readline front end over plain streams, fed the bytes that picocom, screen or minicom send
 * for Enter, backspace and the arrow keys.
 */
import { PassThrough } from 'node:stream';

import { afterEach, beforeEach, describe, expect, it } from 'vitest';

import { runTerminalSession, type TerminalSession } from '../../../src/console/terminal.js';
import { Utf8Guard } from '../../../src/console/utf8Guard.js';
import { createSilentLogger } from '../../../src/util/log.js';
import { openTestConsole, type TestConsole } from './consoleSupport.js';

let console: TestConsole;
let input: PassThrough;
let output: PassThrough;
let received: string;
let session: TerminalSession;

beforeEach(async () => {
  console = await openTestConsole({ locale: 'en' });
  input = new PassThrough();
  output = new PassThrough();
  received = '';
  output.on('data', (chunk: Buffer) => (received += chunk.toString('utf8')));
  session = runTerminalSession({
    input,
    output,
    commands: console.commands,
    terminal: true,
    logger: createSilentLogger(),
  });
});

afterEach(async () => {
  session.close();
  await console.cleanUp();
});

/** Waits until the output from position `from` on contains `text`, or fails after 2 s. */
async function waitForOutput(text: string, from = 0): Promise<void> {
  const deadline = Date.now() + 2000;
  while (!received.includes(text, from)) {
    if (Date.now() > deadline)
      throw new Error(`Timed out waiting for ${JSON.stringify(text)} in ${JSON.stringify(received)}`);
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
}

describe('terminal session', () => {
  it('shows the banner and prompt', async () => {
    await waitForOutput('vorzimmer> ');

    expect(received).toContain('vorzimmer console. Type help for the commands, exit to leave.\r\n');
  });

  it('runs a line ended by CR', async () => {
    input.write('allow 030 5550123 Anna\r');
    await waitForOutput('Added 030 5550123');

    expect(console.lists.snapshot().allow).toHaveLength(1);
  });

  it('ends output lines with CR LF', async () => {
    input.write('list\r');
    await waitForOutput('(empty)\r\n\r\nBlocklist');

    expect(received).not.toMatch(/[^\r]\n/);
  });

  it('edits with DEL and BS', async () => {
    input.write('allow 030 5550123 Annx\x7fa\r');
    input.write('block 0171 5550100 Spax\x08m\r');
    await waitForOutput('to the blocklist');

    expect(console.lists.snapshot().allow[0]?.name).toBe('Anna');
    expect(console.lists.snapshot().block[0]?.name).toBe('Spam');
  });

  it('recalls history with the up arrow', async () => {
    input.write('allow 030 5550123 Anna\r');
    await waitForOutput('Added');
    input.write('remove 030 5550123\r');
    await waitForOutput('Removed');
    const before = received.length;
    input.write('\x1b[A\x1b[A\r');
    await waitForOutput('Removed');
    await waitForOutput('\r\nAdded 030 5550123', before);

    expect(received.match(/\r\nAdded 030 5550123/g)).toHaveLength(2);
    expect(console.lists.snapshot().allow).toHaveLength(1);
  });

  it('completes a command name with tab', async () => {
    // A terminal sends the tab alone, and readline completes only a key that arrives by itself.
    input.write('sta');
    input.write('\t');
    await waitForOutput('status ');
    input.write('\r');
    await waitForOutput('Lists: 0 allowed');

    expect(received).toContain('Daemon: not visible');
  });

  it('clears the line on Ctrl-C', async () => {
    input.write('allow 030 5550123 Anna\x03list\r');
    await waitForOutput('Allowlist (0)');

    expect(console.lists.snapshot().allow).toHaveLength(0);
  });

  it('survives Ctrl-Z', async () => {
    input.write('\x1a');
    input.write('status\r');

    await waitForOutput('Lists: 0 allowed');
  });

  it('rejects invalid UTF-8 typed', async () => {
    input.write(Buffer.from('allow 030 5550123 Caf\xe9\r', 'latin1'));
    await waitForOutput('not valid UTF-8');

    expect(console.lists.snapshot().allow).toHaveLength(0);
  });

  it('ends with exit', async () => {
    input.write('exit\r');

    expect(await session.ended).toBe('exit');
  });

  it('ends when the input ends', async () => {
    input.end();

    expect(await session.ended).toBe('end');
  });
});

describe('UTF-8 guard', () => {
  async function guard(chunks: Buffer[]): Promise<string> {
    const stage = new Utf8Guard();
    let text = '';
    stage.on('data', (chunk: Buffer) => (text += chunk.toString('utf8')));
    for (const chunk of chunks) stage.write(chunk);
    stage.end();
    await new Promise((resolve) => stage.on('end', resolve));
    return text;
  }

  it('keeps a character split across chunks', async () => {
    expect(await guard([Buffer.from([0x43, 0xc3]), Buffer.from([0xa9, 0x0d])])).toBe('Cé\r');
  });

  it('marks a cut sequence before CR', async () => {
    expect(await guard([Buffer.from('Caf\xe9', 'latin1'), Buffer.from('\r')])).toBe('Caf\uFFFD\r');
  });

  it('marks a byte invalid by itself', async () => {
    expect(await guard([Buffer.from([0xff, 0x41])])).toBe('\uFFFDA');
  });

  it('bounds a line without end', async () => {
    expect((await guard([Buffer.alloc(20_000, 0x78)])).length).toBe(16 * 1024);
  });
});
