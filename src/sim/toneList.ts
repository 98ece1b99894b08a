/**
 * Duration of an `AT+VTS` tone list (V.253, USRobotics and 3GPP 27.007 descriptions). The list
 * holds single DTMF characters, which last `+VTD`, `[f1,f2,d]` tone pairs and `{digit,d}` or
 * `{f1,f2,d}` entries, where d is in units of 10 ms; `!` is a hook flash. Frequencies are 0 or
 * 200 to 3200 Hz.
 */

const DTMF_CHARACTERS = /^[0-9*#A-D!]$/;
const MIN_FREQUENCY_HZ = 200;
const MAX_FREQUENCY_HZ = 3200;
const MAX_DURATION_TENS = 255;

/**
 * Returns the total time in milliseconds that the tone list `args` plays, or null when it is
 * invalid. `defaultTens` (`+VTD`) applies to entries without their own duration.
 */
export function parseToneDurationMs(args: string, defaultTens: number): number | null {
  const entries = splitTopLevel(args);
  if (entries === null || entries.length === 0) return null;

  let totalTens = 0;
  for (const entry of entries) {
    const tens = entryDurationTens(entry, defaultTens);
    if (tens === null) return null;
    totalTens += tens;
  }
  return totalTens * 10;
}

function entryDurationTens(entry: string, defaultTens: number): number | null {
  if (DTMF_CHARACTERS.test(entry)) return defaultTens;

  const bracketed = /^\[([^\]]*)\]$/.exec(entry) ?? /^\{([^}]*)\}$/.exec(entry);
  if (bracketed === null) return null;

  const fields = (bracketed[1] ?? '').split(',');
  if (fields.length > 3) return null;

  const isTonePair = entry.startsWith('[') || fields.length === 3;
  const frequencies = isTonePair ? fields.slice(0, 2) : [];
  const durationField = isTonePair ? fields[2] : fields[1];

  if (!entry.startsWith('[') && !isTonePair && !DTMF_CHARACTERS.test(fields[0] ?? '')) return null;
  if (!frequencies.every(isValidFrequency)) return null;
  return parseDuration(durationField, defaultTens);
}

function isValidFrequency(field: string): boolean {
  if (field === '') return true;
  if (!/^\d+$/.test(field)) return false;
  const hz = Number(field);
  return hz === 0 || (hz >= MIN_FREQUENCY_HZ && hz <= MAX_FREQUENCY_HZ);
}

function parseDuration(field: string | undefined, defaultTens: number): number | null {
  if (field === undefined || field === '') return defaultTens;
  if (!/^\d+$/.test(field)) return null;
  const tens = Number(field);
  return tens <= MAX_DURATION_TENS ? tens : null;
}

/** Splits at commas that are outside brackets and braces; null for unbalanced brackets. */
function splitTopLevel(args: string): string[] | null {
  const entries: string[] = [];
  let depth = 0;
  let current = '';

  for (const char of args) {
    if (char === '[' || char === '{') depth++;
    if (char === ']' || char === '}') depth--;
    if (depth < 0 || depth > 1) return null;

    if (char === ',' && depth === 0) {
      entries.push(current);
      current = '';
    } else {
      current += char;
    }
  }

  if (depth !== 0) return null;
  entries.push(current);
  return entries;
}
