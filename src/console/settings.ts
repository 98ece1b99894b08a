/**
 * Settings that the console may change, kept in `DATA/settings.json` on top of the configuration
 * file. Each value is checked against the configuration schema, written atomically, and then
 * set on the live `Config` object, which the daemon reads at every call.
 */
import { watch } from 'node:fs';
import { mkdir } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';

import { z } from 'zod';

import { configSchema, type Config } from '../config/schema.js';
import { AtomicJsonFile } from '../storage/atomicFile.js';
import { SerialQueue } from '../storage/serialQueue.js';
import type { Logger } from '../util/log.js';

/** Keys of the settings that the console may change, in the order that `set` lists them. */
export const SETTING_KEYS = [
  'locale',
  'policy.withheld',
  'policy.unavailable',
  'policy.absent',
  'policy.blockAction',
  'policy.robotCheck',
  'screening.deskRings',
  'voicemail.maxSeconds',
] as const;

export type SettingKey = (typeof SETTING_KEYS)[number];
export type SettingValue = string | number | boolean;

/** Values that a setting accepts, read from the configuration schema. */
export type SettingKind =
  | { kind: 'choice'; options: string[] }
  | { kind: 'number'; min: number; max: number; integer: boolean }
  | { kind: 'switch' };

/** Result of checking a value: the value, or the first problem that the schema reports. */
export type SettingCheck = { ok: true; value: SettingValue } | { ok: false; issue: z.core.$ZodIssue };

const settingsFileSchema = z.object({
  version: z.literal(1),
  values: z.record(z.string(), z.union([z.string(), z.number(), z.boolean()])),
});
type SettingsFile = z.infer<typeof settingsFileSchema>;

/** Tests whether a text is a known setting key. */
export function isSettingKey(text: string): text is SettingKey {
  return (SETTING_KEYS as readonly string[]).includes(text);
}

/** Returns the schema of one setting, as it is inside `configSchema`. */
function schemaOf(key: SettingKey): z.ZodType {
  const [section, field] = key.split('.') as [string, string | undefined];
  const shape = configSchema.shape as Record<string, z.ZodType>;
  const sectionSchema = shape[section]!;
  if (field === undefined) return sectionSchema;
  return (unwrap(sectionSchema) as z.ZodObject).shape[field] as z.ZodType;
}

/** Removes the optional, default and prefault wrappers around a schema. */
function unwrap(schema: z.ZodType): z.ZodType {
  let inner: z.ZodType = schema;
  while (['optional', 'default', 'prefault', 'nullable'].includes(inner.def.type)) {
    inner = (inner as unknown as { unwrap(): z.ZodType }).unwrap();
  }
  return inner;
}

/** Describes the values a setting accepts, from the configuration schema. */
export function describeSetting(key: SettingKey): SettingKind {
  const inner = unwrap(schemaOf(key));
  if (inner instanceof z.ZodEnum) return { kind: 'choice', options: inner.options.map(String) };
  if (inner instanceof z.ZodNumber) {
    return {
      kind: 'number',
      min: inner.minValue ?? Number.NEGATIVE_INFINITY,
      max: inner.maxValue ?? Number.POSITIVE_INFINITY,
      integer: inner.isInt,
    };
  }
  return { kind: 'switch' };
}

/** Returns the current value of a setting in a configuration. */
export function readSetting(config: Config, key: SettingKey): SettingValue {
  const [section, field] = key.split('.') as [keyof Config, string | undefined];
  const sectionValue = config[section] as unknown;
  if (field === undefined) return sectionValue as SettingValue;
  return (sectionValue as Record<string, SettingValue>)[field]!;
}

/**
 * Checks a value for a setting with the configuration schema, inside its section, so that a
 * limit or choice in the schema is the only source of truth.
 */
export function checkSetting(config: Config, key: SettingKey, value: SettingValue): SettingCheck {
  const [section, field] = key.split('.') as [keyof Config, string | undefined];
  const shape = configSchema.shape as Record<string, z.ZodType>;
  const candidate =
    field === undefined
      ? value
      : { ...(config[section] as unknown as Record<string, unknown>), [field]: value };

  const result = shape[section]!.safeParse(candidate);
  if (!result.success) return { ok: false, issue: result.error.issues[0]! };
  return { ok: true, value };
}

/** Sets a setting on a configuration object in place. */
function writeSetting(config: Config, key: SettingKey, value: SettingValue): void {
  const [section, field] = key.split('.') as [keyof Config, string | undefined];
  if (field === undefined) {
    (config as unknown as Record<string, unknown>)[section] = value;
    return;
  }
  (config[section] as unknown as Record<string, unknown>)[field] = value;
}

/** Options of `SettingsStore.open`. */
export interface SettingsStoreOptions {
  dataDir: string;
  /** The live configuration. Saved settings are set on it at once. */
  config: Config;
  logger: Logger;
}

/**
 * The settings in `DATA/settings.json`. `open` and `reload` set the saved values on the live
 * configuration, and `set` checks, writes and then sets one value. Values that no longer pass
 * the schema, such as after an update narrowed a limit, are logged and left out.
 */
export class SettingsStore {
  private saved: Partial<Record<SettingKey, SettingValue>> = {};
  private readonly queue = new SerialQueue();

  private constructor(
    private readonly file: AtomicJsonFile<SettingsFile>,
    private readonly config: Config,
    private readonly logger: Logger,
  ) {}

  /** Opens the settings and applies them. Throws VorzimmerError `STORAGE_FAILED` when the file and its backup are unusable. */
  static async open(options: SettingsStoreOptions): Promise<SettingsStore> {
    await mkdir(options.dataDir, { recursive: true });
    const path = join(options.dataDir, 'settings.json');
    const file = new AtomicJsonFile<SettingsFile>({
      path,
      schema: settingsFileSchema,
      logger: options.logger,
    });

    const store = new SettingsStore(file, options.config, options.logger);
    await store.reload();
    options.logger.info({ path, settings: Object.keys(store.saved) }, 'Opened the console settings');
    return store;
  }

  /**
   * Reads `settings.json` again and applies its values, so that a change made by a console in
   * another process reaches this one. A value removed from the file keeps its current setting.
   */
  reload(): Promise<void> {
    return this.queue.run(async () => {
      const stored = (await this.file.read())?.values ?? {};
      this.saved = {};
      for (const [key, value] of Object.entries(stored)) this.applyStored(key, value);
    });
  }

  /**
   * Reloads the settings whenever `settings.json` is replaced, `debounceMs` after the last
   * change, so that a `set` in a console process reaches the daemon. Failures are logged.
   * Returns a function that stops watching.
   */
  watch(debounceMs = 100): () => void {
    const path = this.file.path;
    let timer: NodeJS.Timeout | undefined;
    const watcher = watch(dirname(path), (_event, name) => {
      if (name !== basename(path)) return;
      clearTimeout(timer);
      timer = setTimeout(() => {
        this.reload().catch((error: unknown) =>
          this.logger.error({ path, err: error }, 'Failed to reload the settings after a change on disk'),
        );
      }, debounceMs);
    });
    watcher.on('error', (error) =>
      this.logger.error({ path, err: error }, 'Stopped watching the settings file'),
    );

    return () => {
      clearTimeout(timer);
      watcher.close();
    };
  }

  /**
   * Checks a value, writes it to `settings.json` and sets it on the configuration. Returns the
   * schema's problem and changes nothing when the value is invalid. Throws VorzimmerError
   * `STORAGE_FAILED` when the write fails, which also leaves the configuration unchanged.
   */
  set(key: SettingKey, value: SettingValue): Promise<SettingCheck> {
    return this.queue.run(async () => {
      const check = checkSetting(this.config, key, value);
      if (!check.ok) return check;

      const next = { ...this.saved, [key]: value };
      await this.file.write({ version: 1, values: next });
      this.saved = next;
      writeSetting(this.config, key, value);
      this.logger.info({ key, value }, 'Changed a setting');
      return check;
    });
  }

  private applyStored(key: string, value: SettingValue): void {
    if (!isSettingKey(key)) {
      this.logger.warn({ key }, 'Ignoring an unknown key in settings.json');
      return;
    }
    const check = checkSetting(this.config, key, value);
    if (!check.ok) {
      this.logger.warn(
        { key, value, problem: check.issue.message },
        'Ignoring an invalid value in settings.json',
      );
      return;
    }
    this.saved[key] = value;
    writeSetting(this.config, key, value);
  }
}
