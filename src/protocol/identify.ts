/**
 * Chipset identification and the choice of the audio format. Chips respond to `ATI0`, `ATI3`,
 * `AT+GMI` and `AT+VSM=?` differently, and the `+VSM` compression ids are not portable: 130 is
 * unsigned PCM on a Conexant CX93001 but A-law on a USRobotics 5637. So the format is chosen by its
 * name, and the chipset by several answers together.
 */

import { stripQueryPrefix } from './resultCodes.js';

/** One entry of the `AT+VSM=?` list. */
export interface VsmEntry {
  /** Compression method id to pass to `AT+VSM=`. */
  id: number;
  /** Name as the modem prints it, without quotes. */
  name: string;
  /** Bits per sample: from the list, else from the name (`8-BIT LINEAR`), else 0. */
  bits: number;
  /** Sample rates in Hz. */
  rates: number[];
}

/**
 * Parses the lines of an `AT+VSM=?` response. Accepts the Conexant form
 * `0,"SIGNED PCM",8,0,8000,0,0` (id, name, bits, timing, rates, silence fields), its variant with
 * parenthesised values `0,"SIGNED PCM",8,0,(8000),(0),(0)` (seen in NCID's source), and the
 * USRobotics 5637 and Lucent form `128,"8-BIT LINEAR",(7200,8000,11025)` (id, name, rates). An
 * optional `+VSM:` prefix is removed. Lines in any other form, `OK` among them, are skipped.
 */
export function parseVsmList(lines: string[]): VsmEntry[] {
  const entries: VsmEntry[] = [];
  for (const line of lines) {
    const entry = parseVsmLine(stripQueryPrefix(line, '+VSM'));
    if (entry !== null) entries.push(entry);
  }
  return entries;
}

function parseVsmLine(line: string): VsmEntry | null {
  const fields = splitTopLevel(line);
  const [idField, nameField, third, , rateField] = fields;
  if (idField === undefined || nameField === undefined || third === undefined) return null;

  const id = parseInteger(idField);
  const nameMatch = /^"([^"]*)"$/.exec(nameField);
  if (id === null || nameMatch === null) return null;
  const name = nameMatch[1]!.trim();

  // USRobotics and Lucent: the third field is the list of rates.
  if (third.startsWith('(') && fields.length === 3) {
    const rates = parseRates(third);
    return rates === null ? null : { id, name, bits: bitsFromName(name), rates };
  }

  const bits = parseInteger(stripParentheses(third));
  const rates = rateField === undefined ? null : parseRates(rateField);
  if (bits === null || rates === null) return null;
  return { id, name, bits, rates };
}

/** Splits at commas that are outside quotes and parentheses. */
function splitTopLevel(line: string): string[] {
  const fields: string[] = [];
  let current = '';
  let depth = 0;
  let quoted = false;

  for (const character of line.trim()) {
    if (character === '"') quoted = !quoted;
    else if (!quoted && character === '(') depth++;
    else if (!quoted && character === ')') depth--;

    if (character === ',' && !quoted && depth === 0) {
      fields.push(current.trim());
      current = '';
    } else {
      current += character;
    }
  }
  fields.push(current.trim());
  return fields;
}

/** Parses `8000`, `(8000)` or `(7200,8000,11025)`. Returns null for ranges and other forms. */
function parseRates(field: string): number[] | null {
  const rates = stripParentheses(field).split(',').map(parseInteger);
  if (rates.some((rate) => rate === null)) return null;
  return rates as number[];
}

function stripParentheses(field: string): string {
  const match = /^\((.*)\)$/.exec(field.trim());
  return match === null ? field.trim() : match[1]!;
}

function parseInteger(text: string): number | null {
  const trimmed = text.trim();
  return /^\d+$/.test(trimmed) ? Number(trimmed) : null;
}

function bitsFromName(name: string): number {
  const match = /(\d+)[-\s]?BIT/i.exec(name);
  return match === null ? 0 : Number(match[1]);
}

/**
 * Chooses unsigned 8-bit PCM at 8000 Hz by the entry's name: `UNSIGNED PCM` with 8 bits
 * (Conexant ids 1 and 130, V.253 id 1) or `8-BIT LINEAR` (USRobotics 5637 and Lucent id 128,
 * which behaves as unsigned 8-bit in callattendant and NCID). The entry must list 8000 Hz. Among
 * several matches the lowest id wins. Returns null if none matches.
 */
export function chooseAudioFormat(entries: VsmEntry[]): { entry: VsmEntry; encoding: 'unsigned-8' } | null {
  const candidates = entries
    .filter((entry) => isUnsignedEightBit(entry) && entry.rates.includes(8000))
    .sort((left, right) => left.id - right.id);

  const entry = candidates[0];
  return entry === undefined ? null : { entry, encoding: 'unsigned-8' };
}

function isUnsignedEightBit(entry: VsmEntry): boolean {
  const name = normaliseName(entry.name);
  return (name === 'UNSIGNED PCM' && entry.bits === 8) || name === '8-BIT LINEAR';
}

function normaliseName(name: string): string {
  return name.trim().replace(/\s+/g, ' ').toUpperCase();
}

/** Chip family, which decides the quirks the driver applies. */
export type Chipset = 'conexant' | 'usr' | 'lucent' | 'generic';

/** One hint towards a chipset, from one answer. */
interface Clue {
  chipset: Exclude<Chipset, 'generic'>;
  /** 2 for a manufacturer or chip name, 1 for a model code or the shape of the +VSM list. */
  weight: number;
  answer: 'ATI0' | 'ATI3' | 'AT+GMI' | 'AT+GMM' | 'AT+VSM=?';
  reason: string;
}

/** Answers to the identification probes; any of them may be missing. */
export interface IdentificationAnswers {
  ati0?: string;
  ati3?: string;
  gmi?: string;
  gmm?: string;
  /** Lines of the `AT+FCLASS=?` answer, such as `0,1,1.0,2,8`. */
  fclass?: string[];
  vsm?: VsmEntry[];
}

/** A chipset decision with the model text and the reasons for the log. */
export interface ChipsetIdentity {
  chipset: Chipset;
  model: string;
  /** Whether `AT+FCLASS=?` lists class 8 (voice); null when the answer is missing. */
  voiceClass: boolean | null;
  reasons: string[];
}

/**
 * Identifies the chipset from the answers to `ATI0`, `ATI3`, `AT+GMI`, `AT+GMM`, `AT+FCLASS=?`
 * and the parsed `AT+VSM=?` list, any of which may be missing. Each answer gives weighted clues.
 * A chipset wins if its clues add up to at least 2, come from at least two different answers, and
 * outweigh every other chipset. Otherwise the result is 'generic' (plain V.253), because an ATI
 * string alone misleads: a TRENDnet answers `ATI` with `56000` and is no Conexant voice modem
 * (mgetty notes). `model` is the ATI3 answer, else the GMM answer, else ATI0, else empty.
 * `reasons` lists each clue and the decision, for the log.
 */
export function identifyChipset(answers: IdentificationAnswers): ChipsetIdentity {
  const ati0 = answers.ati0?.trim() ?? '';
  const ati3 = answers.ati3?.trim() ?? '';
  const gmi = answers.gmi === undefined ? '' : stripQueryPrefix(answers.gmi, '+GMI');
  const gmm = answers.gmm === undefined ? '' : stripQueryPrefix(answers.gmm, '+GMM');

  const clues = [
    ...cluesFromAti0(ati0),
    ...cluesFromName(ati3, 'ATI3'),
    ...cluesFromName(gmi, 'AT+GMI'),
    ...cluesFromName(gmm, 'AT+GMM'),
    ...cluesFromVsm(answers.vsm ?? []),
  ];
  const reasons = clues.map((clue) => clue.reason);
  const model = ati3 || gmm || ati0;

  const classes = answers.fclass === undefined ? null : parseServiceClasses(answers.fclass);
  const voiceClass = classes === null ? null : classes.includes('8');
  if (voiceClass === false)
    reasons.push(
      `AT+FCLASS=? lists ${classes!.join(',')} without class 8, so the modem may have no voice mode`,
    );

  const chipset = decideChipset(clues);
  if (chipset === 'generic') {
    reasons.push('no chipset has clues from two answers that outweigh the others, so using generic V.253');
  } else {
    reasons.push(`chose ${chipset}`);
  }
  return { chipset, model, voiceClass, reasons };
}

/**
 * Parses the answer to `AT+FCLASS=?` into its class values: `0,1,1.0,2,8` (CX93001), with or
 * without a `+FCLASS:` prefix or parentheses. Returns an empty list when no line has a value.
 */
export function parseServiceClasses(lines: readonly string[]): string[] {
  const classes: string[] = [];
  for (const line of lines) {
    const text = stripParentheses(stripQueryPrefix(line, '+FCLASS'));
    for (const value of text.split(',')) {
      const trimmed = value.trim();
      if (/^\d+(\.\d+)?$/.test(trimmed)) classes.push(trimmed);
    }
  }
  return classes;
}

/** ATI0 model codes, as in vgetty's detection table and the USRobotics and Zoom responses seen in issue reports. */
function cluesFromAti0(ati0: string): Clue[] {
  if (ati0 === '56000') {
    return [
      {
        chipset: 'conexant',
        weight: 1,
        answer: 'ATI0',
        reason: 'ATI0 "56000" is the Conexant (Rockwell) model code',
      },
    ];
  }
  if (ati0 === '5601') {
    return [
      { chipset: 'usr', weight: 1, answer: 'ATI0', reason: 'ATI0 "5601" is the USRobotics 5637 model code' },
    ];
  }
  if (/Z207/i.test(ati0)) {
    return [
      {
        chipset: 'lucent',
        weight: 1,
        answer: 'ATI0',
        reason: `ATI0 "${ati0}" contains the Zoom Lucent model Z207`,
      },
    ];
  }
  return [];
}

/** Manufacturer and chip names in a free-text answer such as ATI3, AT+GMI or AT+GMM. */
function cluesFromName(text: string, answer: 'ATI3' | 'AT+GMI' | 'AT+GMM'): Clue[] {
  const clues: Clue[] = [];
  const quoted = `${answer} "${text}"`;

  if (/CONEXANT/i.test(text) || /\bCX9\d{4}/i.test(text)) {
    clues.push({
      chipset: 'conexant',
      weight: 2,
      answer,
      reason: `${quoted} names Conexant or a CX93xxx chip`,
    });
  }
  if (/U\.?\s?S\.?\s?ROBOTICS/i.test(text)) {
    clues.push({ chipset: 'usr', weight: 2, answer, reason: `${quoted} names USRobotics` });
  }
  if (/LUCENT|AGERE/i.test(text)) {
    clues.push({ chipset: 'lucent', weight: 2, answer, reason: `${quoted} names Lucent or Agere` });
  }
  // vgetty's table maps the "Zoom V.90" texts of the 2949L family to its Lucent driver. Zoom sold
  // Conexant modems too (the 3095), so the name alone is a weak clue.
  if (answer === 'ATI3' && /ZOOM V\.90/i.test(text)) {
    clues.push({
      chipset: 'lucent',
      weight: 1,
      answer,
      reason: `${quoted} is a Zoom V.90 text, as the Lucent-based 2949L gives`,
    });
  }
  return clues;
}

/** Finds the +VSM list shape: Conexant names id 130 UNSIGNED PCM, USRobotics and Lucent name id 128 8-BIT LINEAR. */
function cluesFromVsm(entries: VsmEntry[]): Clue[] {
  const clues: Clue[] = [];
  const nameOf = (id: number): string | undefined => {
    const entry = entries.find((candidate) => candidate.id === id);
    return entry === undefined ? undefined : normaliseName(entry.name);
  };

  if (nameOf(130) === 'UNSIGNED PCM') {
    const reason = 'AT+VSM=? lists id 130 as UNSIGNED PCM, as Conexant does';
    clues.push({ chipset: 'conexant', weight: 1, answer: 'AT+VSM=?', reason });
  }
  if (nameOf(128) === '8-BIT LINEAR') {
    const reason = 'AT+VSM=? lists id 128 as 8-BIT LINEAR, as USRobotics and Lucent do';
    clues.push({ chipset: 'usr', weight: 1, answer: 'AT+VSM=?', reason });
    clues.push({ chipset: 'lucent', weight: 1, answer: 'AT+VSM=?', reason });
  }
  return clues;
}

function decideChipset(clues: Clue[]): Chipset {
  const scores = new Map<Exclude<Chipset, 'generic'>, { weight: number; answers: Set<string> }>();
  for (const clue of clues) {
    const score = scores.get(clue.chipset) ?? { weight: 0, answers: new Set<string>() };
    score.weight += clue.weight;
    score.answers.add(clue.answer);
    scores.set(clue.chipset, score);
  }

  const ranked = [...scores.entries()].sort((left, right) => right[1].weight - left[1].weight);
  const [best, runnerUp] = ranked;
  if (best === undefined) return 'generic';

  const [chipset, score] = best;
  const outweighs = runnerUp === undefined || score.weight > runnerUp[1].weight;
  if (score.weight >= 2 && score.answers.size >= 2 && outweighs) return chipset;
  return 'generic';
}
