/**
 * Caller ID packets of the simulator. The hex vectors were computed for the protocol reference
 * (every byte sum is 0 modulo 256) from made-up numbers; none was captured from a line.
 */
import { describe, expect, it } from 'vitest';

import {
  buildMdmfPacket,
  decodeCallerIdPacket,
  renderCallerId,
  renderRawCallerId,
  toHex,
} from '../../../src/sim/callerIdRender.js';

const US_NUMBER_AND_NAME = '802001083033323231343035020A353034353535303132330708444F45204A4F484E86';
const US_WITHHELD = '80100108303332323134303504015008015028';
const ETSI_NUMBER = '801701083034323131353330020B303330353535303132333497';
const ETSI_WITHHELD = '800D0108303432313135333004015085';
const SDMF = '04123033323232343035353034353535303132335A';

describe('buildMdmfPacket', () => {
  it('builds a US packet with number and name', () => {
    expect(
      toHex(buildMdmfPacket({ date: '0322', time: '1405', number: '5045550123', name: 'DOE JOHN' })),
    ).toBe(US_NUMBER_AND_NAME);
  });

  it('marks withheld number and name as absent', () => {
    expect(toHex(buildMdmfPacket({ date: '0322', time: '1405', number: 'P', name: 'P' }))).toBe(US_WITHHELD);
  });

  it('builds ETSI packets without a name', () => {
    expect(toHex(buildMdmfPacket({ date: '0421', time: '1530', number: '03055501234' }))).toBe(ETSI_NUMBER);
    expect(toHex(buildMdmfPacket({ date: '0421', time: '1530', number: 'P' }))).toBe(ETSI_WITHHELD);
  });

  it('leaves out date and time unless both are given', () => {
    expect(toHex(buildMdmfPacket({ date: '0421', number: '123' }))).toBe('80050203313233E0');
  });

  it('rejects a date that is not MMDD', () => {
    expect(() => buildMdmfPacket({ date: '4.21' })).toThrow(/Invalid caller ID date "4.21"/);
  });
});

describe('decodeCallerIdPacket', () => {
  it('splits MDMF date and time', () => {
    expect(decodeCallerIdPacket(ETSI_NUMBER)).toEqual({
      ok: true,
      items: [
        { tag: 'DATE', value: '0421' },
        { tag: 'TIME', value: '1530' },
        { tag: 'NMBR', value: '03055501234' },
      ],
    });
  });

  it('decodes SDMF packets', () => {
    const decoded = decodeCallerIdPacket(SDMF);
    expect(decoded.ok && decoded.items.map((item) => `${item.tag}=${item.value}`)).toEqual([
      'DATE=0322',
      'TIME=2405',
      'NMBR=5045550123',
    ]);
  });

  it('reports unknown parameters as MESG', () => {
    // ETSI call type 0x11 = voice, as in the NCID test line "MESG = 110101"; checksum computed here.
    const decoded = decodeCallerIdPacket('80031101016A');
    expect(decoded).toEqual({ ok: true, items: [{ tag: 'MESG', value: '110101' }] });
  });

  it('rejects a wrong checksum', () => {
    expect(decodeCallerIdPacket(ETSI_NUMBER.slice(0, -2) + '00')).toEqual({
      ok: false,
      reason: 'checksum mismatch',
    });
  });

  it('rejects a wrong length byte', () => {
    // The 3Com manual example: length 0x1E but more data bytes follow.
    const decoded = decodeCallerIdPacket('801E0108' + '30'.repeat(34) + '22');
    expect(decoded.ok).toBe(false);
  });
});

describe('renderCallerId', () => {
  const fields = { date: '0410', time: '1844', number: '5045550123', name: 'DOE,JOHN' };

  it('prints nothing with caller ID off', () => {
    expect(renderCallerId(0, fields, ' = ')).toBe('');
  });

  it('prints spaced lines and a blank line', () => {
    expect(renderCallerId(1, fields, ' = ')).toBe(
      'DATE = 0410\r\nTIME = 1844\r\nNMBR = 5045550123\r\nNAME = DOE,JOHN\r\n\r\n',
    );
  });

  it('prints one hex line in raw mode', () => {
    expect(
      renderCallerId(2, { date: '0322', time: '1405', number: '5045550123', name: 'DOE JOHN' }, '='),
    ).toBe(`${US_NUMBER_AND_NAME}\r\n`);
  });

  it('suppresses a bad packet in formatted mode', () => {
    expect(renderRawCallerId(1, ETSI_NUMBER.slice(0, -2) + '00', '=')).toEqual({
      text: '',
      rejected: 'checksum mismatch',
    });
  });

  it('passes a bad packet through in raw mode', () => {
    const bad = ETSI_NUMBER.slice(0, -2).toLowerCase() + '00';
    expect(renderRawCallerId(2, bad, '=')).toEqual({ text: `${bad.toUpperCase()}\r\n`, rejected: null });
  });

  it('rejects text that is not hex', () => {
    expect(() => renderRawCallerId(1, 'RING', '=')).toThrow(/Invalid caller ID packet "RING"/);
  });
});
