/** Modem output that is noise, binary or over-long, within whole calls. */
import path from 'node:path';

import { describeScenarioFolder } from '../helpers/scenarioFolder.js';

describeScenarioFolder(path.join(import.meta.dirname, 'robustness'), 10);
