/**
 * scripts/install: shellcheck, and dry runs with --root into temporary folders. The script runs
 * from a scratch copy of the checkout with a stub dist/, so that the test needs no build.
 */
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { cp, mkdir, mkdtemp, readdir, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';

import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const repoRoot = path.resolve(import.meta.dirname, '../..');
const CHECKOUT_ITEMS = ['scripts/install', 'package.json', 'package-lock.json', 'bin', 'systemd', 'config'];

interface RunResult {
  status: number | null;
  stdout: string;
  stderr: string;
}

function hasShellcheck(): boolean {
  return spawnSync('shellcheck', ['--version']).status === 0;
}

/** Lists every file and folder under `folder` with its mode, and files with a SHA-256 of their content. */
async function listTree(folder: string): Promise<string[]> {
  const lines: string[] = [];
  const walk = async (current: string): Promise<void> => {
    const entries = await readdir(current, { withFileTypes: true });
    for (const entry of entries.sort((a, b) => a.name.localeCompare(b.name))) {
      const full = path.join(current, entry.name);
      const relative = path.relative(folder, full);
      const mode = ((await stat(full)).mode & 0o7777).toString(8);
      if (entry.isDirectory()) {
        lines.push(`${relative}/ ${mode}`);
        await walk(full);
      } else {
        const hash = createHash('sha256')
          .update(await readFile(full))
          .digest('hex');
        lines.push(`${relative} ${mode} ${hash}`);
      }
    }
  };
  await walk(folder);
  return lines;
}

describe('scripts/install', () => {
  let scratch: string;
  let checkout: string;

  const runInstall = (...args: string[]): RunResult => {
    const result = spawnSync('bash', [path.join(checkout, 'scripts/install'), ...args], { encoding: 'utf8' });
    return { status: result.status, stdout: result.stdout, stderr: result.stderr };
  };

  beforeAll(async () => {
    scratch = await mkdtemp(path.join(tmpdir(), 'vorzimmer-install-'));
    checkout = path.join(scratch, 'checkout');
    for (const item of CHECKOUT_ITEMS) {
      await cp(path.join(repoRoot, item), path.join(checkout, item), { recursive: true });
    }
    await mkdir(path.join(checkout, 'dist/cli'), { recursive: true });
    await writeFile(path.join(checkout, 'dist/cli/main.js'), 'export async function main() {}\n');
  });

  afterAll(async () => {
    await rm(scratch, { recursive: true, force: true });
  });

  it('passes shellcheck', (context) => {
    if (!hasShellcheck()) {
      console.warn(
        'shellcheck not found, so the install script is not linted. Install it with: apt-get install shellcheck',
      );
      context.skip();
    }

    const result = spawnSync('shellcheck', [path.join(repoRoot, 'scripts/install')], { encoding: 'utf8' });

    expect(result.stdout).toBe('');
    expect(result.status).toBe(0);
  });

  it('prints help', () => {
    const result = runInstall('--help');

    expect(result.status).toBe(0);
    expect(result.stdout).toContain('--root DIR');
    expect(result.stdout).toContain('--line-port PORT');
  });

  it('rejects an unknown option', () => {
    const result = runInstall('--frobnicate');

    expect(result.status).not.toBe(0);
    expect(result.stderr).toContain('unknown option --frobnicate');
  });

  it('rejects a malformed port path', () => {
    const result = runInstall(
      '--root',
      path.join(scratch, 'unused'),
      '--line-port',
      '1-1.2',
      '--phone-port',
      'usb3',
    );

    expect(result.status).not.toBe(0);
    expect(result.stderr).toContain('invalid USB port path usb3');
  });

  it('rejects a checkout without dist', async () => {
    const bare = path.join(scratch, 'bare');
    for (const item of CHECKOUT_ITEMS)
      await cp(path.join(checkout, item), path.join(bare, item), { recursive: true });

    const result = runInstall('--source', bare, '--root', path.join(scratch, 'bare-root'));

    expect(result.status).not.toBe(0);
    expect(result.stderr).toContain('npm run build');
  });

  it('dry run installs the files', async () => {
    const root = path.join(scratch, 'root-files');

    const result = runInstall('--root', root, '--line-port', '1-1.2', '--phone-port', '1-1.3');

    expect(result.stderr).toBe('');
    expect(result.status).toBe(0);

    const unit = await readFile(path.join(root, 'etc/systemd/system/vorzimmer.service'), 'utf8');
    expect(unit).toBe(await readFile(path.join(repoRoot, 'systemd/vorzimmer.service'), 'utf8'));

    const config = await readFile(path.join(root, 'etc/vorzimmer/config.json'), 'utf8');
    expect(config).toBe(await readFile(path.join(repoRoot, 'config/de.json'), 'utf8'));
    expect((await stat(path.join(root, 'etc/vorzimmer/config.json'))).mode & 0o777).toBe(0o640);

    const rules = await readFile(path.join(root, 'etc/udev/rules.d/99-vorzimmer.rules'), 'utf8');
    expect(rules).toContain(
      'SUBSYSTEM=="tty", KERNELS=="1-1.2", SYMLINK+="vorzimmer-line", ENV{ID_MM_DEVICE_IGNORE}="1"',
    );
    expect(rules).toContain(
      'SUBSYSTEM=="tty", KERNELS=="1-1.3", SYMLINK+="vorzimmer-phone", ENV{ID_MM_DEVICE_IGNORE}="1"',
    );

    expect((await stat(path.join(root, 'var/lib/vorzimmer'))).mode & 0o777).toBe(0o700);
    expect(await readFile(path.join(root, 'opt/vorzimmer/dist/cli/main.js'), 'utf8')).toContain('main');
    expect(await readFile(path.join(root, 'opt/vorzimmer/bin/vorzimmer.js'), 'utf8')).toContain(
      'dist/cli/main.js',
    );
    await expect(stat(path.join(root, 'opt/vorzimmer/scripts'))).rejects.toThrow();
  });

  it('dry run only prints system commands', () => {
    const root = path.join(scratch, 'root-commands');

    const result = runInstall('--root', root, '--line-port', '1-1.2', '--phone-port', '1-1.3');

    expect(result.status).toBe(0);
    expect(result.stdout).not.toContain('install: running:');
    expect(result.stdout).toContain('would run: useradd --system --user-group');
    expect(result.stdout).toContain('would run: usermod --append --groups dialout,gpio,audio vorzimmer');
    expect(result.stdout).toContain('npm ci --omit=dev');
    expect(result.stdout).toContain('would run: udevadm control --reload-rules');
    expect(result.stdout).toContain('would run: systemctl daemon-reload');
  });

  it('second dry run changes nothing', async () => {
    const root = path.join(scratch, 'root-twice');
    const args = ['--root', root, '--line-port', '1-1.2', '--phone-port', '1-1.3'];

    const first = runInstall(...args);
    const afterFirst = await listTree(root);
    const second = runInstall(...args);
    const afterSecond = await listTree(root);

    expect(first.status).toBe(0);
    expect(second.status).toBe(0);
    expect(afterFirst.length).toBeGreaterThan(10);
    expect(afterSecond).toEqual(afterFirst);
    expect(second.stdout).not.toMatch(/install: (written|copied|created):/);
    expect(second.stdout).not.toContain('udevadm');
    expect(second.stdout).not.toContain('systemctl daemon-reload');
  });

  it('keeps an edited configuration', async () => {
    const root = path.join(scratch, 'root-edited');
    const configFile = path.join(root, 'etc/vorzimmer/config.json');
    const edited = '{ "region": "DE", "areaCode": "030" }\n';

    expect(runInstall('--root', root).status).toBe(0);
    await writeFile(configFile, edited);
    const result = runInstall('--root', root, '--region', 'us');

    expect(result.status).toBe(0);
    expect(await readFile(configFile, 'utf8')).toBe(edited);
    expect(result.stdout).toContain(`kept: ${configFile}`);
  });

  it('installs the chosen region', async () => {
    const root = path.join(scratch, 'root-us');

    expect(runInstall('--root', root, '--region', 'us').status).toBe(0);

    const config = await readFile(path.join(root, 'etc/vorzimmer/config.json'), 'utf8');
    expect(config).toBe(await readFile(path.join(repoRoot, 'config/us.json'), 'utf8'));
  });

  it('detects two modems by USB id', async () => {
    const root = path.join(scratch, 'root-detect');
    const fakeDevice = async (port: string, vendor: string, product: string): Promise<void> => {
      const folder = path.join(root, 'sys/bus/usb/devices', port);
      await mkdir(folder, { recursive: true });
      await writeFile(path.join(folder, 'idVendor'), `${vendor}\n`);
      await writeFile(path.join(folder, 'idProduct'), `${product}\n`);
    };
    await fakeDevice('1-1.4', '0baf', '0303');
    await fakeDevice('1-1.2', '0572', '1340');
    await fakeDevice('1-1.3', '046d', 'c52b');

    const result = runInstall('--root', root);

    expect(result.status).toBe(0);
    const rules = await readFile(path.join(root, 'etc/udev/rules.d/99-vorzimmer.rules'), 'utf8');
    expect(rules).toContain('KERNELS=="1-1.2", SYMLINK+="vorzimmer-line"');
    expect(rules).toContain('KERNELS=="1-1.4", SYMLINK+="vorzimmer-phone"');
    expect(rules).not.toContain('1-1.3');
  });

  it('writes no rules without two modems', async () => {
    const root = path.join(scratch, 'root-no-modems');

    const result = runInstall('--root', root);

    expect(result.status).toBe(0);
    expect(result.stdout).toContain('found 0 known modems');
    await expect(stat(path.join(root, 'etc/udev/rules.d/99-vorzimmer.rules'))).rejects.toThrow();
  });

  it('unit uses the installed paths', async () => {
    const unit = await readFile(path.join(repoRoot, 'systemd/vorzimmer.service'), 'utf8');
    const script = await readFile(path.join(repoRoot, 'scripts/install'), 'utf8');
    const execLines = unit.split('\n').filter((line) => /^Exec(StartPre|Start|StopPost)=/.test(line));

    expect(execLines).toHaveLength(3);
    for (const line of execLines) {
      expect(line).toContain('/usr/bin/node /opt/vorzimmer/bin/vorzimmer.js');
      expect(line).toContain('--config /etc/vorzimmer/config.json');
    }
    expect(unit).toMatch(/^User=vorzimmer$/m);
    expect(unit).toMatch(/^SupplementaryGroups=dialout gpio audio$/m);
    expect(unit).toMatch(/^StateDirectory=vorzimmer$/m);
    expect(script).toContain('readonly APP_DIR=/opt/vorzimmer');
    expect(script).toContain('readonly CONFIG_DIR=/etc/vorzimmer');
    expect(script).toContain('readonly DATA_DIR=/var/lib/vorzimmer');
    expect(script).toContain('readonly SERVICE_GROUPS=(dialout gpio audio)');
  });

  it('refuses a real install without root', (context) => {
    if (process.getuid?.() === 0) context.skip();

    const result = runInstall();

    expect(result.status).not.toBe(0);
    expect(result.stderr).toContain('run as root');
  });
});
