import { describe, expect, it } from 'vitest';

import {
  chooseAudioFormat,
  identifyChipset,
  parseVsmList,
  type VsmEntry,
} from '../../../src/protocol/identify.js';
import { cx93001VsmList, usr5637VsmList } from '../../fixtures/transcripts.js';

const conexantEntries = parseVsmList(cx93001VsmList.lines);
const usrEntries = parseVsmList(usr5637VsmList.lines);

describe('parseVsmList', () => {
  it('reads every CX93001 entry', () => {
    expect(conexantEntries.map((entry) => entry.id)).toEqual([0, 1, 129, 130, 131, 132, 133]);
  });

  it('reads a CX93001 entry in full', () => {
    expect(conexantEntries[1]).toEqual({ id: 1, name: 'UNSIGNED PCM', bits: 8, rates: [8000] });
  });

  it('reads the 14-bit CX93001 entry', () => {
    expect(conexantEntries[6]).toEqual({ id: 133, name: '14 bit PCM', bits: 14, rates: [8000] });
  });

  it('reads every USR 5637 entry', () => {
    expect(usrEntries.map((entry) => entry.id)).toEqual([128, 129, 130, 131, 132]);
  });

  it('reads a USR rate list', () => {
    expect(usrEntries[0]).toEqual({ id: 128, name: '8-BIT LINEAR', bits: 8, rates: [7200, 8000, 11025] });
  });

  it('takes USR bits from the name', () => {
    expect(usrEntries.map((entry) => entry.bits)).toEqual([8, 16, 8, 8, 0]);
  });

  it('reads parenthesised Conexant values', () => {
    expect(parseVsmList(['0,"SIGNED PCM",8,0,(8000),(0),(0)'])).toEqual([
      { id: 0, name: 'SIGNED PCM', bits: 8, rates: [8000] },
    ]);
  });

  it('removes a +VSM prefix', () => {
    expect(parseVsmList(['+VSM: 1,"UNSIGNED PCM",8,0,8000,0,0'])).toEqual([
      { id: 1, name: 'UNSIGNED PCM', bits: 8, rates: [8000] },
    ]);
  });

  it('skips OK, blanks and other lines', () => {
    const lines = ['AT+VSM=?', '', ...usr5637VsmList.lines, 'OK', 'x,"BAD",8,0,8000', '5,NAME,8,0,8000'];

    expect(parseVsmList(lines)).toHaveLength(5);
  });

  it('skips rate ranges it cannot list', () => {
    expect(parseVsmList(['128,"8-BIT LINEAR",(7200-11025)'])).toEqual([]);
  });
});

describe('chooseAudioFormat', () => {
  it('chooses Conexant unsigned PCM id 1', () => {
    expect(chooseAudioFormat(conexantEntries)?.entry.id).toBe(1);
  });

  it('chooses USR 8-bit linear id 128', () => {
    expect(chooseAudioFormat(usrEntries)).toEqual({ entry: usrEntries[0], encoding: 'unsigned-8' });
  });

  it('prefers the lowest id regardless of order', () => {
    const reversed = [...conexantEntries].reverse();

    expect(chooseAudioFormat(reversed)?.entry.id).toBe(1);
  });

  it('requires 8000 Hz in the rates', () => {
    const entries: VsmEntry[] = [{ id: 1, name: 'UNSIGNED PCM', bits: 8, rates: [7200] }];

    expect(chooseAudioFormat(entries)).toBeNull();
  });

  it('rejects unsigned PCM of other widths', () => {
    const entries: VsmEntry[] = [{ id: 1, name: 'UNSIGNED PCM', bits: 16, rates: [8000] }];

    expect(chooseAudioFormat(entries)).toBeNull();
  });

  it('ignores the id 130 of A-law lists', () => {
    const entries = usrEntries.filter((entry) => entry.id !== 128);

    expect(chooseAudioFormat(entries)).toBeNull();
  });

  it('matches names in any case and spacing', () => {
    const entries: VsmEntry[] = [{ id: 7, name: ' unsigned  pcm ', bits: 8, rates: [8000] }];

    expect(chooseAudioFormat(entries)?.entry.id).toBe(7);
  });
});

describe('identifyChipset', () => {
  it('identifies the CX93001', () => {
    const result = identifyChipset({
      ati0: '56000',
      ati3: 'CX93001-EIS_V0.2002-V92',
      gmi: '+GMI: CONEXANT',
      vsm: conexantEntries,
    });

    expect(result.chipset).toBe('conexant');
    expect(result.model).toBe('CX93001-EIS_V0.2002-V92');
    expect(result.reasons.length).toBeGreaterThan(1);
  });

  it('identifies the USR 5637', () => {
    const result = identifyChipset({
      ati0: '5601',
      ati3: 'U.S. Robotics 56K FAX USB V1.2.23',
      vsm: usrEntries,
    });

    expect(result.chipset).toBe('usr');
    expect(result.model).toBe('U.S. Robotics 56K FAX USB V1.2.23');
  });

  it('identifies the Zoom Lucent modem', () => {
    const result = identifyChipset({
      ati0: 'ZOOM V.90 -L Z207',
      ati3: 'ZOOM V.90 kfav163 Serial',
      vsm: usrEntries,
    });

    expect(result.chipset).toBe('lucent');
  });

  it('identifies Conexant from ATI0 and the VSM list', () => {
    expect(identifyChipset({ ati0: '56000', vsm: conexantEntries }).chipset).toBe('conexant');
  });

  it('identifies USR from ATI0 and the VSM list', () => {
    expect(identifyChipset({ ati0: '5601', vsm: usrEntries }).chipset).toBe('usr');
  });

  it('does not decide from ATI0 alone', () => {
    expect(identifyChipset({ ati0: '56000' }).chipset).toBe('generic');
  });

  it('does not decide from one manufacturer name alone', () => {
    expect(identifyChipset({ gmi: '+GMI: CONEXANT' }).chipset).toBe('generic');
  });

  it('does not decide from the shared USR and Lucent list', () => {
    expect(identifyChipset({ vsm: usrEntries }).chipset).toBe('generic');
  });

  it('falls back to generic without answers', () => {
    const result = identifyChipset({});

    expect(result.chipset).toBe('generic');
    expect(result.model).toBe('');
  });

  it('falls back to generic on a tie', () => {
    expect(identifyChipset({ ati0: '56000', ati3: 'U.S. Robotics 56K', vsm: conexantEntries }).chipset).toBe(
      'generic',
    );
  });

  it('uses GMM as the model without ATI3', () => {
    expect(identifyChipset({ ati0: '56000', gmm: '+GMM: V92', vsm: conexantEntries }).model).toBe('V92');
  });
});
