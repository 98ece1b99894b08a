import { describe, expect, it } from 'vitest';

import {
  CallerIdAssembler,
  emptyCallerId,
  parseCallerIdLine,
  type CallerId,
} from '../../../src/protocol/callerId.js';
import {
  conexantCallerIdUs,
  conexantCallerIdWithName,
  maskedThenUnavailable,
  ncidAllZeroNumber,
  ncidDialledNumberOnly,
  ncidDocumentedCall,
  ncidMalformedDateTime,
  ncidRestricted,
  ncidWithheldWithMesg,
  ukCallerIdBeforeRing,
  usr5637CallerIdUs,
  type LineFixture,
} from '../../fixtures/transcripts.js';

function assemble(lines: string[]): CallerId {
  const assembler = new CallerIdAssembler();
  for (const line of lines) assembler.push(line);
  return assembler.build();
}

function assembleFixture(fixture: LineFixture): CallerId {
  return assemble(fixture.lines);
}

describe('parseCallerIdLine', () => {
  it('reads the Conexant spaced form', () => {
    expect(parseCallerIdLine('DATE = 0410')).toEqual({ tag: 'DATE', value: '0410' });
  });

  it('reads the USR unspaced form', () => {
    expect(parseCallerIdLine('DATE=0117')).toEqual({ tag: 'DATE', value: '0117' });
  });

  it('matches tags in any case', () => {
    expect(parseCallerIdLine('nmbr = 5045550123')).toEqual({ tag: 'NMBR', value: '5045550123' });
  });

  it('reads DDN_NMBR as its own tag', () => {
    expect(parseCallerIdLine('DDN_NMBR = 9415550123')).toEqual({ tag: 'DDN_NMBR', value: '9415550123' });
  });

  it('accepts an empty value', () => {
    expect(parseCallerIdLine('DATE =')).toEqual({ tag: 'DATE', value: '' });
  });

  it('keeps an equals sign inside the value', () => {
    expect(parseCallerIdLine('NAME = A=B')).toEqual({ tag: 'NAME', value: 'A=B' });
  });

  it.each(['RING', 'OK', 'XNMBR = 1', 'NMBRX = 1', 'DRON=5', 'CALLER NUMBER: 5045550123', ''])(
    'rejects %j',
    (line) => {
      expect(parseCallerIdLine(line)).toBeNull();
    },
  );
});

describe('CallerIdAssembler real transcripts', () => {
  it('reads the Conexant US call', () => {
    const callerId = assembleFixture(conexantCallerIdUs);

    expect(callerId.number).toBe('0455501234');
    expect(callerId.status).toBe('present');
    expect(callerId.date).toEqual({ month: 10, day: 15 });
    expect(callerId.time).toEqual({ hour: 13, minute: 10 });
    expect(callerId.nameStatus).toBe('absent');
    expect(callerId.raw).toEqual(['DATE = 1015', 'TIME = 1310', 'NMBR = 0455501234']);
  });

  it('reads the UK call before the ring', () => {
    const callerId = assembleFixture(ukCallerIdBeforeRing);

    expect(callerId.number).toBe('02075550123');
    expect(callerId.date).toEqual({ month: 1, day: 24 });
  });

  it('reads the USR 5637 call with a name', () => {
    const callerId = assembleFixture(usr5637CallerIdUs);

    expect(callerId.number).toBe('5045550123');
    expect(callerId.name).toBe('WIRELESS CALLER');
    expect(callerId.nameStatus).toBe('present');
    expect(callerId.time).toEqual({ hour: 14, minute: 52 });
  });

  it('keeps a comma inside the name', () => {
    expect(assembleFixture(conexantCallerIdWithName).name).toBe('DOE,JOHN');
  });

  it('reads the NCID documented call', () => {
    const callerId = assembleFixture(ncidDocumentedCall);

    expect(callerId.number).toBe('4075550123');
    expect(callerId.name).toBe('DOE JOHN');
  });

  it('reads a withheld caller with MESG', () => {
    const callerId = assembleFixture(ncidWithheldWithMesg);

    expect(callerId.status).toBe('withheld');
    expect(callerId.number).toBeNull();
    expect(callerId.nameStatus).toBe('withheld');
    expect(callerId.messages).toEqual(['110101']);
  });

  it('never reads DDN_NMBR as the caller', () => {
    const callerId = assembleFixture(ncidDialledNumberOnly);

    expect(callerId.number).toBeNull();
    expect(callerId.status).toBe('absent');
    expect(callerId.dialledNumber).toBe('9415550123');
    expect(callerId.name).toBe('SARASOTA,FL');
  });

  it('reads an all-zero number as withheld', () => {
    const callerId = assembleFixture(ncidAllZeroNumber);

    expect(callerId.status).toBe('withheld');
    expect(callerId.number).toBeNull();
  });

  it('reads Restricted and Unavailable', () => {
    const callerId = assembleFixture(ncidRestricted);

    expect(callerId.status).toBe('withheld');
    expect(callerId.nameStatus).toBe('unavailable');
    expect(callerId.name).toBeNull();
  });

  it('survives empty and five-digit date fields', () => {
    const callerId = assembleFixture(ncidMalformedDateTime);

    expect(callerId.date).toBeNull();
    expect(callerId.time).toBeNull();
    expect(callerId.number).toBe('4075550123');
  });

  it('reads a masked number then O as unavailable', () => {
    const callerId = assembleFixture(maskedThenUnavailable);

    expect(callerId.status).toBe('unavailable');
    expect(callerId.number).toBeNull();
  });
});

describe('CallerIdAssembler number status', () => {
  const cases: [string, CallerId['status']][] = [
    ['P', 'withheld'],
    ['PRIVATE', 'withheld'],
    ['Restricted', 'withheld'],
    ['Anonymous', 'withheld'],
    ['A', 'withheld'],
    ['0000000000', 'withheld'],
    ['O', 'unavailable'],
    ['OUT-OF-AREA', 'unavailable'],
    ['Unavailable', 'unavailable'],
    ['##########', 'unavailable'],
    ['', 'unavailable'],
    ['5045550123', 'present'],
    ['+4930555012', 'present'],
  ];

  it.each(cases)('reads NMBR %j as %s', (value, status) => {
    expect(assemble([`NMBR = ${value}`]).status).toBe(status);
  });

  it('reports absent without an NMBR line', () => {
    expect(assemble(['DATE = 0410', 'TIME = 1844']).status).toBe('absent');
  });

  it('keeps a leading plus and drops separators', () => {
    expect(assemble(['NMBR = +49 30 555-0123']).number).toBe('+49305550123');
  });

  it('keeps the first NMBR', () => {
    expect(assemble(['NMBR = 5045550123', 'NMBR = 4075550123']).number).toBe('5045550123');
  });

  it('keeps the first NMBR over a later O', () => {
    expect(assemble(['NMBR = 5045550123', 'NMBR = O']).status).toBe('present');
  });

  it('fills an empty NMBR from a later one', () => {
    expect(assemble(['NMBR =', 'NMBR = 5045550123']).number).toBe('5045550123');
  });

  it('reads NDID as the dialled number', () => {
    expect(assemble(['NDID=5045550199']).dialledNumber).toBe('5045550199');
  });
});

describe('CallerIdAssembler date and time', () => {
  it('accepts 29 February', () => {
    expect(assemble(['DATE = 0229']).date).toEqual({ month: 2, day: 29 });
  });

  it.each(['1345', '0230', '0431', '0000', '0100', '041', '04100', 'ABCD'])('rejects date %j', (value) => {
    expect(assemble([`DATE = ${value}`]).date).toBeNull();
  });

  it('accepts midnight', () => {
    expect(assemble(['TIME = 0000']).time).toEqual({ hour: 0, minute: 0 });
  });

  it.each(['2400', '2405', '1260', '12541', '930'])('rejects time %j', (value) => {
    expect(assemble([`TIME = ${value}`]).time).toBeNull();
  });
});

describe('CallerIdAssembler state', () => {
  it('returns false for lines that are not caller ID', () => {
    expect(new CallerIdAssembler().push('RING')).toBe(false);
  });

  it('returns true for a caller ID line', () => {
    expect(new CallerIdAssembler().push('TIME=1452')).toBe(true);
  });

  it('stays empty after other lines', () => {
    const assembler = new CallerIdAssembler();
    assembler.push('RING');
    assembler.push('');

    expect(assembler.isEmpty).toBe(true);
  });

  it('forgets lines on reset', () => {
    const assembler = new CallerIdAssembler();
    assembler.push('NMBR = 5045550123');
    assembler.reset();

    expect(assembler.isEmpty).toBe(true);
    expect(assembler.build()).toEqual(emptyCallerId('absent'));
  });
});

describe('emptyCallerId', () => {
  it('sets the status of number and name', () => {
    expect(emptyCallerId('withheld')).toEqual({
      number: null,
      status: 'withheld',
      name: null,
      nameStatus: 'withheld',
      date: null,
      time: null,
      dialledNumber: null,
      messages: [],
      raw: [],
    });
  });
});
