/**
 * The example scenarios (built from real modem transcripts) through the real daemon on simulated
 * hardware, at time scale 10. `examplesRealTime.test.ts` runs them at scale 1.
 */
import path from 'node:path';

import { describeScenarioFolder } from '../helpers/scenarioFolder.js';

describeScenarioFolder(path.join(import.meta.dirname, 'examples'), 10);
