import { readFileSync } from 'node:fs';
import path from 'node:path';

import type { z } from 'zod';

import { VorzimmerError } from '../util/errors.js';
import { resolvePolicy } from './policySchema.js';
import { configSchema, type Config } from './schema.js';

/** Formats zod issues as one line each: the field path, then what is wrong. */
export function formatIssues(issues: readonly z.core.$ZodIssue[], prefix = ''): string {
  return issues
    .map((issue) => {
      const field = [prefix, ...issue.path.map(String)].filter((part) => part !== '').join('.');
      return `  ${field || '(top level)'}: ${issue.message}`;
    })
    .join('\n');
}

/**
 * Validates a configuration object and fills in defaults.
 * @param source names the file or origin in error messages.
 * @throws VorzimmerError CONFIG_INVALID naming every wrong field.
 */
export function parseConfig(input: unknown, source: string): Config {
  const result = configSchema.safeParse(input);
  if (!result.success) {
    throw new VorzimmerError(
      'CONFIG_INVALID',
      `Invalid configuration in ${source}:\n${formatIssues(result.error.issues)}`,
    );
  }

  const parsed = result.data;
  const region = parsed.region as Config['region'];
  const locale = parsed.locale ?? (region === 'DE' ? 'de' : 'en');
  return { ...parsed, region, locale, policy: resolvePolicy(parsed.policy) };
}

/**
 * Reads and validates a JSON configuration file. A relative dataDir or promptsDir is taken as
 * relative to the file's folder, so a config works from any working directory.
 * @throws VorzimmerError CONFIG_INVALID when the file is missing, not JSON, or has a wrong field.
 */
export function loadConfigFile(file: string, overrides: { dataDir?: string } = {}): Config {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (error) {
    throw new VorzimmerError(
      'CONFIG_INVALID',
      `Cannot read configuration file ${file}: ${(error as Error).message}`,
    );
  }

  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (error) {
    throw new VorzimmerError(
      'CONFIG_INVALID',
      `Configuration file ${file} is not valid JSON: ${(error as Error).message}`,
    );
  }

  const config = parseConfig(json, file);
  const folder = path.dirname(path.resolve(file));
  config.dataDir = overrides.dataDir ? path.resolve(overrides.dataDir) : path.resolve(folder, config.dataDir);
  if (config.promptsDir) config.promptsDir = path.resolve(folder, config.promptsDir);
  return config;
}
