/**
 * `vorzimmer doctor` against each simulated personality, and with each fault injected into the
 * simulated line modem: the report must name the fault.
 */
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';

import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { DOCTOR_FAULTS, formatReports, runDoctor, type DoctorFault } from '../../src/cli/doctor.js';
import { PERSONALITY_NAMES } from '../../src/sim/personalities.js';

let folder: string;
let configFile: string;

beforeAll(async () => {
  folder = await mkdtemp(path.join(tmpdir(), 'vorzimmer-doctor-'));
  configFile = path.join(folder, 'config.json');
  await writeFile(configFile, JSON.stringify({ region: 'DE', dataDir: folder }));
});

afterAll(async () => {
  await rm(folder, { recursive: true, force: true });
});

describe('doctor on simulated personalities', () => {
  const chipsets = { conexant: 'Conexant', usr5637: 'USRobotics', lucent: 'Lucent' } as const;

  for (const personality of PERSONALITY_NAMES) {
    it(`names the ${personality} chipset`, async () => {
      const reports = await runDoctor({ config: configFile, sim: personality });
      expect(formatReports(reports, { sim: personality })).toContain(`chipset: ${chipsets[personality]}`);
    });

    it(`finds no problem on a healthy ${personality}`, async () => {
      const reports = await runDoctor({ config: configFile, sim: personality });
      const problems = reports.flatMap((report) => report.findings.filter((finding) => !finding.handled));
      expect(problems).toEqual([]);
    });
  }
});

describe('doctor with an injected fault', () => {
  const expectedText: Record<DoctorFault, string> = {
    unresponsive: 'no answer on',
    unplugged: 'cannot open',
    'port-busy': 'ModemManager may hold the port',
    'forget-caller-id': 'caller ID is off after reset',
    garbage: 'unreadable bytes',
    'no-busy-tone': 'no busy tone',
    'key-repeats': 'key repeats',
  };

  for (const fault of DOCTOR_FAULTS) {
    it(`names ${fault}`, async () => {
      const reports = await runDoctor({ config: configFile, sim: 'usr5637', fault });
      expect(formatReports(reports, { sim: 'usr5637', fault })).toContain(expectedText[fault]);
    }, 20_000);
  }
});
