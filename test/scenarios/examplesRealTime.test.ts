/** The example scenarios at time scale 1: the outcome must not depend on the scale. */
import path from 'node:path';

import { describeScenarioFolder } from '../helpers/scenarioFolder.js';

describeScenarioFolder(path.join(import.meta.dirname, 'examples'), 1, { concurrent: true });
