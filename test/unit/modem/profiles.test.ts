/**
 * Chipset identification from real identification answers, and the profile each chipset gets.
 * Transcripts: CX93001 from pycallblock issue 2 (echo removed), USR 5637 from callattendant
 * issue 105 and NCID's hangup appendix, Zoom 2949L from mgetty's README.lucent (its elided middle
 * parts made up here).
 */
import { describe, expect, it } from 'vitest';

import { profileFor } from '../../../src/modem/profiles.js';
import { identifyChipset, parseServiceClasses, parseVsmList } from '../../../src/protocol/identify.js';

const CONEXANT_VSM = parseVsmList([
  '0,"SIGNED PCM",8,0,8000,0,0',
  '1,"UNSIGNED PCM",8,0,8000,0,0',
  '129,"IMA ADPCM",4,0,8000,0,0',
  '130,"UNSIGNED PCM",8,0,8000,0,0',
  '131,"Mu-Law",8,0,8000,0,0',
  '132,"A-Law",8,0,8000,0,0',
  '133,"14 bit PCM",14,0,8000,0,0',
]);

const LINEAR_VSM = parseVsmList([
  '128,"8-BIT LINEAR",(7200,8000,11025)',
  '129,"16-BIT LINEAR",(7200,8000,11025)',
  '130,"8-BIT ALAW",(8000)',
  '131,"8-BIT ULAW",(8000)',
  '132,"IMA ADPCM",(7200,8000,11025)',
]);

describe('identifyChipset with captured answers', () => {
  it('finds Conexant from a CX93001', () => {
    const identity = identifyChipset({
      ati0: '56000',
      ati3: 'CX93001-EIS_V0.2002-V92',
      gmi: '+GMI: CONEXANT',
      fclass: ['0,1,1.0,2,8'],
      vsm: CONEXANT_VSM,
    });
    expect(identity.chipset).toBe('conexant');
    expect(identity.voiceClass).toBe(true);
  });

  it('finds USRobotics from a 5637', () => {
    const identity = identifyChipset({
      ati0: '5601',
      ati3: 'U.S. Robotics 56K FAX USB V1.2.23',
      vsm: LINEAR_VSM,
    });
    expect(identity.chipset).toBe('usr');
  });

  it('finds Lucent from a Zoom 2949L', () => {
    const identity = identifyChipset({
      ati0: 'ZOOM V.90 56K -L Z207',
      ati3: 'ZOOM V.90 kfav163 Serial 56K',
      vsm: LINEAR_VSM,
    });
    expect(identity.chipset).toBe('lucent');
  });

  it('stays generic on a lone 56000 from ATI', () => {
    // A TRENDnet answers ATI with 56000 and is mis-detected by ATI-only tables.
    expect(identifyChipset({ ati0: '56000', fclass: ['0,1,2'] }).chipset).toBe('generic');
  });

  it('notes a modem without voice class', () => {
    const identity = identifyChipset({ ati0: '56000', fclass: ['0,1,2'] });
    expect(identity.voiceClass).toBe(false);
  });
});

describe('parseServiceClasses', () => {
  it('reads a bare list', () => {
    expect(parseServiceClasses(['0,1,1.0,2,8'])).toEqual(['0', '1', '1.0', '2', '8']);
  });

  it('reads a prefixed list in parentheses', () => {
    expect(parseServiceClasses(['+FCLASS: (0,1,2.0,8)'])).toEqual(['0', '1', '2.0', '8']);
  });
});

describe('profileFor', () => {
  it('sends caller ID again after reset on Conexant', () => {
    expect(profileFor('conexant').forgetsCallerIdOnReset).toBe(true);
  });

  it('does not trust +VSD on Conexant', () => {
    expect(profileFor('conexant').silenceDetection).toBe(false);
  });

  it('uses +VSD on the USR 5637', () => {
    expect(profileFor('usr').silenceDetection).toBe(true);
  });

  it('expects the underrun after CONNECT on Conexant', () => {
    expect(profileFor('conexant').expectedEvents).toContain('underrun');
  });

  it('treats an unknown chip with care', () => {
    expect(profileFor('generic').silenceDetection).toBe(false);
  });
});
