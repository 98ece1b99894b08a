/**
 * Phone numbers as caller ID delivers them and as people type them into the lists, turned into
 * E.164 so that `030 5550123`, `+49 30 5550123`, `0049305550123`, `5550123` and `305550123`
 * (area code 030) compare equal on a German line. Full numbers go through libphonenumber-js. Prefixes such as
 * `0900*` cannot, because they are not numbers yet, so they follow the dialling rules below.
 */
import {
  getCountryCallingCode,
  parsePhoneNumberFromString,
  validatePhoneNumberLength,
  type PhoneNumber,
} from 'libphonenumber-js/max';

import { REGION_FACTS, type Region } from '../config/regions.js';
import { VorzimmerError } from '../util/errors.js';

/** The line's country and, optionally, its local area code, used to complete national and local numbers. */
export interface NumberContext {
  region: Region;
  /** Local area code with or without its trunk prefix: `"030"` or `"30"` in Germany, `"212"` in the US. */
  areaCode?: string;
}

/** A list entry: one number, or every number that starts with a prefix. */
export type ListPattern = { kind: 'exact'; e164: string } | { kind: 'prefix'; prefix: string };

/**
 * Dialling prefixes of each region. The values are the same as the `nationalPrefix` and
 * `IDDPrefix` of libphonenumber-js 1.13 metadata for DE, GB and US.
 */
interface DiallingRules {
  /** Country calling code, without `+`. */
  countryCode: string;
  /** Trunk prefix that starts a national number: `0` in DE and UK, `1` in the NANP. */
  trunkPrefix: string;
  /** International call prefix that stands for `+`. */
  internationalPrefix: string;
  /** A number and a prefix in the local way of writing, for error messages. */
  exampleNumber: string;
  examplePrefix: string;
}

const DIALLING_RULES: Readonly<Record<Region, DiallingRules>> = {
  DE: {
    countryCode: '49',
    trunkPrefix: '0',
    internationalPrefix: '00',
    exampleNumber: '030 5550123',
    examplePrefix: '0900*',
  },
  UK: {
    countryCode: '44',
    trunkPrefix: '0',
    internationalPrefix: '00',
    exampleNumber: '020 7555 0123',
    examplePrefix: '0909*',
  },
  US: {
    countryCode: '1',
    trunkPrefix: '1',
    internationalPrefix: '011',
    exampleNumber: '212 555 0142',
    examplePrefix: '876*',
  },
};

/** Maximum length of a number's text. E.164 numbers have at most 15 digits, so this leaves room for separators. */
const MAX_INPUT_LENGTH = 40;

/** Maximum digits of an E.164 number after the `+` (ITU-T E.164, section 6). */
const MAX_E164_DIGITS = 15;

/**
 * Maximum digits of a geographic number after the trunk prefix (area code without 0 plus subscriber number).
 * NOTE: DE 10 follows the German rule that a geographic number has at most 11 digits with its 0,
 * and UK 10 the usual length of UK geographic numbers. Both are from the national numbering
 * plans as the author knows them, not from libphonenumber-js, whose DE metadata allows up to 15.
 * The US needs no value, because a local US number has exactly seven digits.
 */
const MAX_GEOGRAPHIC_DIGITS: Readonly<Record<Region, number | null>> = { DE: 10, UK: 10, US: null };

/** Characters that people put between digits. They carry no meaning and are removed. */
const SEPARATORS = /[\s\-./()]/g;

/** A number in compact form: digits, optionally a leading `+` and a trailing `*`. */
interface CompactNumber {
  /** Whether the text started with `+` or the international call prefix. */
  international: boolean;
  digits: string;
  isPrefix: boolean;
}

/** The reason a text is not a number. */
class NotANumber {
  constructor(readonly reason: string) {}
}

/**
 * Returns the E.164 form of a caller ID number, or null when it is not a usable number: empty,
 * not made of digits (such as the FRITZ!Box internal `**610`), or of a length that no number in
 * its country has.
 *
 * A number that libphonenumber-js finds possible (right length) but not valid (unknown range) is
 * kept, because spam callers often send made-up numbers and the lists must still match them.
 */
export function normaliseCallerNumber(raw: string, context: NumberContext): string | null {
  const compact = compactNumber(raw);
  if (compact instanceof NotANumber || compact.isPrefix) return null;

  const resolved = resolveFullNumber(compact, context);
  return resolved instanceof NotANumber ? null : resolved;
}

/**
 * Parses a list entry as a person types it: a full number (`030 5550123`, `+49 30 5550123`) or a
 * prefix that ends in `*` (`0900*`, `+44*`, US `876*`). Spaces, dashes, slashes, dots and brackets
 * are ignored.
 *
 * Throws VorzimmerError `NUMBER_INVALID` with a message that names the value and what is allowed.
 */
export function parseListPattern(raw: string, context: NumberContext): ListPattern {
  const compact = compactNumber(raw);
  if (compact instanceof NotANumber) throw invalidEntry(raw, compact.reason, context);

  if (compact.isPrefix) {
    const prefix = resolvePrefix(compact, context);
    if (prefix instanceof NotANumber) throw invalidEntry(raw, prefix.reason, context);
    return { kind: 'prefix', prefix };
  }

  // A caller ID without area code is still worth a guess, but a list entry that guesses wrong never matches.
  if (isLocalWithoutAreaCode(compact, context)) {
    throw invalidEntry(
      raw,
      'it is a local number without area code, and no areaCode is set in the configuration file',
      context,
    );
  }
  const resolved = resolveFullNumber(compact, context);
  if (resolved instanceof NotANumber) throw invalidEntry(raw, resolved.reason, context);
  return { kind: 'exact', e164: resolved };
}

/**
 * Tests whether `pattern` is the prefix of the own country alone (`0*` in Germany), which matches
 * every domestic caller: useful on the allowlist, but on the blocklist it would turn away everyone.
 */
export function isOwnCountryPrefix(pattern: ListPattern, context: NumberContext): boolean {
  return (
    pattern.kind === 'prefix' &&
    pattern.prefix === `+${getCountryCallingCode(REGION_FACTS[context.region].isoCountry)}`
  );
}

/** Tests whether an E.164 number is the pattern's number or starts with its prefix. */
export function patternMatches(pattern: ListPattern, e164: string): boolean {
  return pattern.kind === 'exact' ? pattern.e164 === e164 : e164.startsWith(pattern.prefix);
}

/** Formats a pattern in its stored form: `+49305550123` for a number, `+1876*` for a prefix. */
export function formatPattern(pattern: ListPattern): string {
  return pattern.kind === 'exact' ? pattern.e164 : `${pattern.prefix}*`;
}

/**
 * Parses a pattern in the form that `formatPattern` returns, as stored in the lists file.
 * Returns null for anything else.
 */
export function parseStoredPattern(text: string): ListPattern | null {
  const match = /^(\+\d{1,15})(\*?)$/.exec(text);
  if (match === null) return null;
  return match[2] === '*' ? { kind: 'prefix', prefix: match[1]! } : { kind: 'exact', e164: match[1]! };
}

/** Removes separators and checks that only digits, a leading `+` and a trailing `*` remain. */
function compactNumber(raw: string): CompactNumber | NotANumber {
  const text = raw.trim();
  if (text === '') return new NotANumber('it is empty');
  if (text.length > MAX_INPUT_LENGTH)
    return new NotANumber(`it is longer than ${MAX_INPUT_LENGTH} characters`);
  if (/[^\d\s\-./()+*]/.test(text)) return new NotANumber('it contains characters other than digits');

  // "+49 (0)30 …" shows the trunk prefix that is not dialled from abroad. After digits it is read as
  // this hint, but "(0)30 …" at the start is a national number, so its 0 stays.
  const withoutTrunkHint = text.replace(/(\d[\s\-./]*)\(\s*0\s*\)/, '$1');
  const compact = withoutTrunkHint.replace(SEPARATORS, '');

  if (compact === '*') {
    return new NotANumber(
      'a lone * would match every caller. To treat all unknown callers alike, choose a policy preset',
    );
  }
  if (compact.slice(0, -1).includes('*')) return new NotANumber('* may only be the last character');
  if (compact.slice(1).includes('+')) return new NotANumber('+ may only be the first character');

  const isPrefix = compact.endsWith('*');
  const body = isPrefix ? compact.slice(0, -1) : compact;
  const international = body.startsWith('+');
  const digits = international ? body.slice(1) : body;
  if (digits === '') return new NotANumber('it contains no digits');
  return { international, digits, isPrefix };
}

/** Returns the digits after the international prefix, or null when the number is national or local. */
function internationalDigits(compact: CompactNumber, rules: DiallingRules): string | null {
  if (compact.international) return compact.digits;
  if (compact.digits.startsWith(rules.internationalPrefix)) {
    return compact.digits.slice(rules.internationalPrefix.length);
  }
  return null;
}

/**
 * Returns the area code without its trunk prefix (`030` gives `30`, US `1212` gives `212`), or
 * null when none is configured.
 */
function areaCodeDigits(context: NumberContext): string | null {
  const digits = (context.areaCode ?? '').replace(/\D/g, '');
  if (digits === '') return null;

  // US area codes have three digits and never start with 1, so only a fourth digit in front is a trunk 1.
  if (context.region === 'US')
    return digits.length === 4 && digits.startsWith('1') ? digits.slice(1) : digits;
  return digits.startsWith('0') ? digits.slice(1) : digits;
}

/** Tests whether national digits are a local number without area code: DE and UK without trunk 0, US with seven digits. */
function isLocalForm(digits: string, region: Region): boolean {
  if (region === 'US') return digits.length === 7;
  return !digits.startsWith(DIALLING_RULES[region].trunkPrefix);
}

/** Tests whether a number is in local form while no area code is configured to complete it. */
function isLocalWithoutAreaCode(compact: CompactNumber, context: NumberContext): boolean {
  const rules = DIALLING_RULES[context.region];
  if (internationalDigits(compact, rules) !== null) return false;
  return isLocalForm(compact.digits, context.region) && areaCodeDigits(context) === null;
}

/**
 * Resolves a full number to E.164. A local number (DE and UK: no trunk 0; US: seven digits) gets
 * the configured area code. Without an area code, DE and UK digits are read as a national number
 * whose trunk 0 is missing, which is the reading libphonenumber-js would make.
 */
function resolveFullNumber(compact: CompactNumber, context: NumberContext): string | NotANumber {
  const rules = DIALLING_RULES[context.region];
  const isoCountry = REGION_FACTS[context.region].isoCountry;

  const abroad = internationalDigits(compact, rules);
  const text = abroad === null ? completeNationalNumber(compact.digits, context) : `+${abroad}`;
  const parsed = parsePossible(text, isoCountry);
  return parsed instanceof NotANumber ? parsed : parsed.number;
}

/** Returns national digits with the trunk prefix and, for a local number, the configured area code. */
function completeNationalNumber(digits: string, context: NumberContext): string {
  const rules = DIALLING_RULES[context.region];
  if (!isLocalForm(digits, context.region)) return digits;
  if (isNationalWithoutTrunkPrefix(digits, context)) return `${rules.trunkPrefix}${digits}`;

  const areaCode = areaCodeDigits(context) ?? '';
  return context.region === 'US' ? `${areaCode}${digits}` : `${rules.trunkPrefix}${areaCode}${digits}`;
}

/**
 * Tests whether DE or UK digits without a trunk 0 are a national number whose 0 was left out, as
 * some lines and PBXs send it (`301234567` on a line with area code 030), rather than a local
 * number. That reading is taken only when it is unambiguous: the digits start with the area code,
 * and reading them as a local number would make a geographic number longer than
 * `MAX_GEOGRAPHIC_DIGITS`. So `30555012` stays a local Berlin number (030 30555012).
 */
function isNationalWithoutTrunkPrefix(digits: string, context: NumberContext): boolean {
  const maxDigits = MAX_GEOGRAPHIC_DIGITS[context.region];
  const areaCode = areaCodeDigits(context);
  if (maxDigits === null || areaCode === null || !digits.startsWith(areaCode)) return false;

  const localReadingDigits = areaCode.length + digits.length;
  return localReadingDigits > maxDigits && digits.length <= maxDigits;
}

/**
 * Parses a number with libphonenumber-js and keeps it if its length is possible in its country
 * and within E.164. German metadata allows national numbers of up to 15 digits, which would make
 * 17 digits with the country code.
 */
function parsePossible(text: string, isoCountry: 'DE' | 'GB' | 'US'): PhoneNumber | NotANumber {
  const parsed = parsePhoneNumberFromString(text, isoCountry);
  if (parsed !== undefined && parsed.number.length - 1 > MAX_E164_DIGITS) {
    return new NotANumber(`it has more than the ${MAX_E164_DIGITS} digits of an international number`);
  }
  if (parsed !== undefined && parsed.isPossible()) return parsed;

  switch (validatePhoneNumberLength(text, isoCountry)) {
    case 'TOO_SHORT':
      return new NotANumber('it is too short for a phone number');
    case 'TOO_LONG':
      return new NotANumber('it is too long for a phone number');
    case 'INVALID_COUNTRY':
      return new NotANumber('it starts with an unknown country code');
    default:
      return new NotANumber('it is not a possible phone number');
  }
}

/**
 * Resolves a prefix entry to a `+` prefix. The rule is simple, because a prefix is not a whole
 * number that libphonenumber-js could check:
 * - `+…` and the international prefix (`00`, US `011`) keep the digits as they are.
 * - DE and UK: a leading trunk `0` is replaced by the country code (`0900*` gives `+49900`).
 *   Digits without the 0 are a local prefix and get the configured area code.
 * - US: an optional leading `1` is the trunk prefix, and the digits after it start with the
 *   area code (`876*` and `1876*` both give `+1876`), which never starts with 0 or 1.
 */
function resolvePrefix(compact: CompactNumber, context: NumberContext): string | NotANumber {
  const rules = DIALLING_RULES[context.region];
  const digits = resolvePrefixDigits(compact, context, rules);
  if (digits instanceof NotANumber) return digits;

  if (digits.startsWith('0')) return new NotANumber('no country code starts with 0');
  if (digits.length > MAX_E164_DIGITS) {
    return new NotANumber(`a prefix has at most ${MAX_E164_DIGITS} digits after the +`);
  }
  return `+${digits}`;
}

/** Returns the digits of a prefix after `+`, country code first. */
function resolvePrefixDigits(
  compact: CompactNumber,
  context: NumberContext,
  rules: DiallingRules,
): string | NotANumber {
  const abroad = internationalDigits(compact, rules);
  if (abroad !== null) {
    if (abroad === '') {
      return new NotANumber('it matches every number. Write a country code before the *, such as +44*');
    }
    return abroad;
  }

  if (context.region === 'US') {
    const areaDigits = compact.digits.startsWith(rules.trunkPrefix)
      ? compact.digits.slice(1)
      : compact.digits;
    if (/^[01]/.test(areaDigits)) return new NotANumber('US area codes start with a digit from 2 to 9');
    return `${rules.countryCode}${areaDigits}`;
  }

  if (compact.digits.startsWith(rules.trunkPrefix)) {
    return `${rules.countryCode}${compact.digits.slice(rules.trunkPrefix.length)}`;
  }
  const areaCode = areaCodeDigits(context);
  if (areaCode === null) {
    return new NotANumber(
      'it is a local prefix without area code, and no areaCode is set in the configuration file',
    );
  }
  return `${rules.countryCode}${areaCode}${compact.digits}`;
}

/** Builds the NUMBER_INVALID error for a list entry, with examples in the region's way of writing. */
function invalidEntry(raw: string, reason: string, context: NumberContext): VorzimmerError {
  const rules = DIALLING_RULES[context.region];
  return new VorzimmerError(
    'NUMBER_INVALID',
    `Invalid number "${raw}" for a ${context.region} line: ${reason}. ` +
      `Write a full number such as ${rules.exampleNumber} or +${rules.countryCode} ${rules.exampleNumber.replace(/^0/, '')}, ` +
      `or a prefix that ends in *, such as ${rules.examplePrefix}.`,
  );
}
