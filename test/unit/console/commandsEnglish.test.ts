/** The command core in English, on real stores in a temporary folder. */
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';

import { afterEach, beforeEach, describe, expect, it } from 'vitest';

import { COMMANDS } from '../../../src/console/commandTable.js';
import { appendCall, openTestConsole, saveMessage, type TestConsole } from './consoleSupport.js';

let console: TestConsole;

beforeEach(async () => {
  console = await openTestConsole({
    locale: 'en',
    status: { daemon: 'idle', modems: { line: 'ready', phone: 'not-connected' }, relayHeld: true },
  });
});

afterEach(async () => {
  await console.cleanUp();
});

describe('help in English', () => {
  it('lists every command', async () => {
    const text = await console.commands.execute('help');

    for (const command of COMMANDS) expect(text).toContain(`\n  ${command.english[0]}`);
  });

  it('explains each command with an example', async () => {
    for (const command of COMMANDS) {
      const text = await console.commands.execute(`help ${command.english[0]}`);
      expect(text, command.id).toMatch(/^Usage: .+\n[\s\S]*Example:\n {2}\S/);
    }
  });

  it('rejects help for unknown commands', async () => {
    expect(await console.commands.execute('help frobnicate')).toBe(
      'Unknown command "frobnicate". Type help for the list of commands.',
    );
  });
});

describe('list changes in English', () => {
  it('adds a number with a name', async () => {
    const text = await console.commands.execute('allow 030 5550123 Anna Berger');

    expect(text).toBe('Added 030 5550123 (+49305550123) to the allowlist, name "Anna Berger".');
    expect(console.lists.snapshot().allow[0]?.name).toBe('Anna Berger');
  });

  it('saves the entry to disk at once', async () => {
    await console.commands.execute('block 0900* premium lines');

    const file = JSON.parse(await readFile(join(console.dataDir, 'lists.json'), 'utf8')) as {
      block: { pattern: string }[];
    };
    expect(file.block[0]?.pattern).toBe('+49900*');
  });

  it('adds a number without a name', async () => {
    expect(await console.commands.execute('block 0171 5550100')).toBe(
      'Added 0171 5550100 (+491715550100) to the blocklist.',
    );
  });

  it('keeps a quoted name starting with digits', async () => {
    await console.commands.execute('allow 0800 5550100 "1&1 Hotline"');

    expect(console.lists.snapshot().allow[0]?.name).toBe('1&1 Hotline');
  });

  it('renames an entry added again', async () => {
    await console.commands.execute('allow 030 5550123 Anna');
    const text = await console.commands.execute('allow +49 30 5550123 Anna Berger');

    expect(text).toBe('+49305550123 was already on the allowlist. Its name is now "Anna Berger".');
  });

  it('moves a number between lists', async () => {
    await console.commands.execute('allow 030 5550123 Anna');
    const text = await console.commands.execute('block 030 5550123 Anna');

    expect(text).toContain('It was removed from the allowlist.');
    expect(console.lists.snapshot().allow).toHaveLength(0);
  });

  it('shows both lists by default', async () => {
    await console.commands.execute('allow 030 5550123 Anna Berger');
    await console.commands.execute('block 0900* premium');

    expect(await console.commands.execute('list')).toBe(
      'Allowlist (1):\n  +49305550123  Anna Berger\n\nBlocklist (1):\n  +49900*  premium',
    );
  });

  it('shows only the named list', async () => {
    await console.commands.execute('allow 030 5550123 Anna Berger');

    expect(await console.commands.execute('list block')).toBe('Blocklist (0):\n  (empty)');
  });

  it('removes a number from the lists', async () => {
    await console.commands.execute('block 030 5550123 Spam');

    expect(await console.commands.execute('remove 030 5550123')).toBe(
      'Removed +49305550123 "Spam" from the blocklist.',
    );
    expect(console.lists.snapshot().block).toHaveLength(0);
  });

  it('reports a number on neither list', async () => {
    expect(await console.commands.execute('remove 030 5550123')).toMatch(
      /^030 5550123 \(\+49305550123\) is on neither list\./,
    );
  });

  it('asks for the number when missing', async () => {
    expect(await console.commands.execute('allow')).toBe(
      'Something is missing. Usage: allow NUMBER [NAME]. Nothing was changed.',
    );
  });
});

describe('call log in English', () => {
  it('reports an empty log', async () => {
    expect(await console.commands.execute('log')).toBe('The call log is empty.');
  });

  it('shows the newest calls first', async () => {
    await appendCall(console, 'first', '2024-12-04T10:15:00.000Z');
    await appendCall(console, 'second', '2024-12-04T11:30:00.000Z');

    expect(await console.commands.execute('log 2')).toBe(
      'Calls, newest first (2):\n' +
        '  2024-12-04 11:30  +49895550177  screened → connected\n' +
        '  2024-12-04 10:15  +49895550177  screened → connected',
    );
  });

  it('shows the list name of a caller', async () => {
    await console.commands.execute('allow 089 5550177 Bernd');
    await appendCall(console, 'first', '2024-12-04T10:15:00.000Z');

    expect(await console.commands.execute('log 1')).toContain('+49895550177 Bernd  screened');
  });

  it('limits the log to the count', async () => {
    for (const hour of ['08', '09', '10']) await appendCall(console, hour, `2024-12-04T${hour}:00:00.000Z`);

    expect((await console.commands.execute('log 2')).split('\n')).toHaveLength(3);
  });
});

describe('messages in English', () => {
  beforeEach(async () => {
    await saveMessage(console, '+49895550177', '2024-12-04T09:00:00.000Z', 42);
    await saveMessage(console, null, '2024-12-04T10:00:00.000Z', 5);
  });

  it('lists messages newest first', async () => {
    expect(await console.commands.execute('messages')).toBe(
      'Messages (2, 2 new), newest first:\n' +
        '    1  new   2024-12-04 10:00   0:05  no caller ID\n' +
        '    2  new   2024-12-04 09:00   0:42  +49895550177\n' +
        'Play one with play N, delete one with delete message N.',
    );
  });

  it('plays a message on the speaker', async () => {
    await console.commands.execute('messages');
    const text = await console.commands.execute('play 2');

    expect(text).toBe('Played message 2 (+49895550177, 2024-12-04 09:00). It is marked as heard.');
    expect(console.played).toHaveLength(1);
  });

  it('marks a played message heard', async () => {
    await console.commands.execute('play 1');

    expect(console.messages.unheardCount()).toBe(1);
  });

  it('keeps a message unheard when playback fails', async () => {
    console.failNextPlay('aplay: no sound card');
    const text = await console.commands.execute('play 1');

    expect(text).toBe('Playing message 1 failed: aplay: no sound card. It stays unheard.');
    expect(console.messages.unheardCount()).toBe(2);
  });

  it('deletes a message by its number', async () => {
    await console.commands.execute('messages');
    const text = await console.commands.execute('delete message 1');

    expect(text).toBe('Deleted message 1 (no caller ID, 2024-12-04 10:00).');
    expect(console.messages.list()).toHaveLength(1);
  });

  it('keeps the numbers shown last', async () => {
    await console.commands.execute('messages');
    await saveMessage(console, '+493055501', '2024-12-04T11:00:00.000Z');
    await console.commands.execute('delete message 2');

    expect(console.messages.list().map((message) => message.number)).toEqual(['+493055501', null]);
  });

  it('reports a message deleted already', async () => {
    await console.commands.execute('messages');
    await console.commands.execute('delete message 1');

    expect(await console.commands.execute('play 1')).toMatch(/^Message 1 was deleted already\./);
  });

  it('rejects a message number out of range', async () => {
    expect(await console.commands.execute('play 3')).toBe(
      'Invalid message number "3": give a number from 1 to 2 as shown by messages. Nothing was changed.',
    );
  });

  it('requires the word message to delete', async () => {
    expect(await console.commands.execute('delete 1')).toMatch(/^Unexpected "1"\. Usage: delete message N\./);
    expect(console.messages.list()).toHaveLength(2);
  });
});

describe('status in English', () => {
  it('shows daemon, modems, relay, call and counts', async () => {
    await appendCall(console, 'first', '2024-12-04T10:15:00.000Z');
    await saveMessage(console, null, '2024-12-04T10:16:00.000Z');
    await console.commands.execute('block 0900*');

    expect(await console.commands.execute('status')).toBe(
      [
        'Daemon: idle, waiting for calls',
        'Modems: line ready, desk phone not connected',
        'Relay: held (desk phone on the box)',
        'Last call: 2024-12-04 10:15  +49895550177  screened → connected',
        'Messages: 1 (1 new)',
        'Lists: 0 allowed, 1 blocked',
      ].join('\n'),
    );
  });
});

describe('exit in English', () => {
  it('asks the front end to close', async () => {
    expect(await console.commands.executeLine('exit')).toEqual({ text: 'Console closed.', exit: true });
  });

  it('ignores an empty line', async () => {
    expect(await console.commands.execute('   ')).toBe('');
  });
});
