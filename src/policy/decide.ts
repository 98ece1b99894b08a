/**
 * The screening decision for one incoming call: a pure function of the caller's number, its
 * caller ID status, the lists, the policy settings and the local time.
 */
import type { CallerIdStatus } from '../protocol/callerIdFields.js';
import { isQuietTime, type LocalTime, type QuietWindow } from './schedule.js';
import {
  buildListIndex,
  patternSpecificity,
  type ListEntry,
  type ListIndex,
  type Lists,
} from './listIndex.js';

export type { CallerIdStatus } from '../protocol/callerIdFields.js';
export { buildListIndex, findBestMatch, ListIndex } from './listIndex.js';
export type { ListEntry, Lists } from './listIndex.js';
export type { LocalTime, QuietWindow } from './schedule.js';

/** Treatment of a call: ring the desk phone, reject it, or ask the caller's name first. */
export type Decision = 'allow' | 'block' | 'screen';

/** Configured action for a caller without a number. */
export type CallerAction = 'allow' | 'screen' | 'block' | 'voicemail';

/** The policy settings that `decide` reads. The config's `policy` section fits this type. */
export interface PolicySettings {
  /**
   * Treatment of callers on neither list. `screen-unknown` screens them, `block-only` lets them
   * ring, `allowlist-only` blocks them.
   */
  preset: 'screen-unknown' | 'block-only' | 'allowlist-only';
  /** Action for a withheld number (caller ID `P`). */
  withheld: CallerAction;
  /** Action for an unavailable number (caller ID `O`). */
  unavailable: CallerAction;
  /** Action when no caller ID arrived at all. */
  absent: CallerAction;
  /** Windows in which every caller except a VIP contact goes to voicemail; none when absent. */
  doNotDisturb?: readonly QuietWindow[];
}

/** The decision, the rule that made it, and the list entry it was based on. */
export interface DecisionResult {
  decision: Decision | 'voicemail';
  /**
   * `allowlist`, `allowlist-prefix`, `blocklist`, `blocklist-prefix`, `withheld`, `unavailable`,
   * `absent`, `unknown-screened`, `preset-block-only`, `preset-allowlist-only`, `do-not-disturb`
   * or `do-not-disturb-vip`.
   */
  rule: string;
  entry: ListEntry | null;
}

/** The lists as entries, scanned by `decide`, or as a prebuilt index. */
export type DecisionLists = { lists: Lists; index?: undefined } | { index: ListIndex; lists?: undefined };

/** Input of `decide`. `e164` is null when the caller sent no usable number. */
export type DecisionInput = {
  e164: string | null;
  status: CallerIdStatus;
  settings: PolicySettings;
  /** Local time of the call, for the do-not-disturb schedule; without it the schedule is not applied. */
  time?: LocalTime;
} & DecisionLists;

/**
 * Decides how to treat a call.
 *
 * 1. A withheld, unavailable or absent number gets its configured action. The config fills in an
 *    action that the user left out from the preset (`CALLER_ACTION_DEFAULTS`), so it is never unset here.
 * 2. Otherwise the most specific match of each list is found (see `findBestMatch`), and the more
 *    specific of the two wins. On a tie the allowlist wins. So an exact allow entry beats a block
 *    prefix, an exact block entry beats an allow prefix, and a block prefix `+49900` beats an
 *    allow prefix `+49`.
 * 3. A caller on neither list is screened (`screen-unknown`), allowed (`block-only`) or blocked
 *    (`allowlist-only`). A present status with a number that did not normalise counts as such a
 *    caller.
 * 4. In a do-not-disturb window, every call that would ring or be screened goes to voicemail
 *    instead (rule `do-not-disturb`), unless an allowlist entry marked VIP allowed it (rule
 *    `do-not-disturb-vip`). Blocked calls stay blocked, so a blocked caller cannot leave a message.
 *
 * Pass `index` (from `buildListIndex` or `ListStore.index()`) for calls on a live line: with
 * `lists` the index is built on every call, which takes time in proportion to the list size.
 */
export function decide(input: DecisionInput): DecisionResult {
  const result = decideWithoutSchedule(input);
  const windows = input.settings.doNotDisturb ?? [];
  if (input.time === undefined || !isQuietTime(windows, input.time)) return result;

  if (result.decision === 'block' || result.decision === 'voicemail') return result;
  if (result.decision === 'allow' && result.entry?.vip === true) {
    return { ...result, rule: 'do-not-disturb-vip' };
  }
  return { decision: 'voicemail', rule: 'do-not-disturb', entry: result.entry };
}

function decideWithoutSchedule(input: DecisionInput): DecisionResult {
  const { e164, status, settings } = input;
  if (status !== 'present') return { decision: settings[status], rule: status, entry: null };
  if (e164 === null) return decideUnknown(settings);

  const index = input.index ?? buildListIndex(input.lists);
  const allowed = index.bestMatch('allow', e164);
  const blocked = index.bestMatch('block', e164);

  if (allowed !== null && (blocked === null || outranksOrTies(allowed, blocked))) {
    return { decision: 'allow', rule: ruleName('allowlist', allowed), entry: allowed };
  }
  if (blocked !== null) {
    return { decision: 'block', rule: ruleName('blocklist', blocked), entry: blocked };
  }
  return decideUnknown(settings);
}

function decideUnknown(settings: PolicySettings): DecisionResult {
  switch (settings.preset) {
    case 'block-only':
      return { decision: 'allow', rule: 'preset-block-only', entry: null };
    case 'allowlist-only':
      return { decision: 'block', rule: 'preset-allowlist-only', entry: null };
    case 'screen-unknown':
      return { decision: 'screen', rule: 'unknown-screened', entry: null };
  }
}

function outranksOrTies(allowed: ListEntry, blocked: ListEntry): boolean {
  return patternSpecificity(allowed.pattern) >= patternSpecificity(blocked.pattern);
}

function ruleName(list: 'allowlist' | 'blocklist', entry: ListEntry): string {
  return entry.pattern.kind === 'prefix' ? `${list}-prefix` : list;
}
