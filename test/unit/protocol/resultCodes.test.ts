import { describe, expect, it } from 'vitest';

import { parseFinalResult, stripQueryPrefix, type FinalResult } from '../../../src/protocol/resultCodes.js';
import { conexantCallerIdDisabled } from '../../fixtures/transcripts.js';

describe('parseFinalResult', () => {
  const verbose: FinalResult[] = [
    'OK',
    'ERROR',
    'CONNECT',
    'NO CARRIER',
    'VCON',
    'BUSY',
    'NO DIALTONE',
    'NO ANSWER',
  ];

  it.each(verbose)('reads verbose %s', (result) => {
    expect(parseFinalResult(result)).toBe(result);
  });

  it.each(['CONNECT 115200', 'CONNECT 33600/ARQ'])('reads %j as CONNECT', (line) => {
    expect(parseFinalResult(line)).toBe('CONNECT');
  });

  it('ignores surrounding whitespace', () => {
    expect(parseFinalResult('  OK \t')).toBe('OK');
  });

  it.each(['CONNECTED', 'OKAY', 'ok', 'RING', 'DATE = 0410', '+VCID: 0', ''])('rejects %j', (line) => {
    expect(parseFinalResult(line)).toBeNull();
  });

  it('reads a bare 0 as a value by default', () => {
    expect(parseFinalResult('0')).toBeNull();
  });

  it('finds the real OK after a bare 0 value', () => {
    const results = conexantCallerIdDisabled.lines.map((line) => parseFinalResult(line));

    expect(results).toEqual([null, 'OK', null, null, 'OK', null, null]);
  });

  const numeric: [string, FinalResult][] = [
    ['0', 'OK'],
    ['1', 'CONNECT'],
    ['3', 'NO CARRIER'],
    ['4', 'ERROR'],
    ['6', 'NO DIALTONE'],
    ['7', 'BUSY'],
    ['8', 'NO ANSWER'],
  ];

  it.each(numeric)('reads numeric %s as %s when enabled', (line, result) => {
    expect(parseFinalResult(line, { numeric: true })).toBe(result);
  });

  it.each(['2', '5', '9', '10'])('rejects numeric %s', (line) => {
    expect(parseFinalResult(line, { numeric: true })).toBeNull();
  });

  it('still reads verbose codes in numeric mode', () => {
    expect(parseFinalResult('ERROR', { numeric: true })).toBe('ERROR');
  });
});

describe('stripQueryPrefix', () => {
  const cases: [string, string, string][] = [
    ['+VCID: 1', '+VCID', '1'],
    ['0', '+VCID', '0'],
    ['+GMI: CONEXANT', '+GMI', 'CONEXANT'],
    ['+GMI:CONEXANT', 'AT+GMI', 'CONEXANT'],
    ['+VSD: 128, 50', 'AT+VSD?', '128, 50'],
    ['128,0', 'AT+VSD?', '128,0'],
    ['+gci: b4', 'at+gci?', 'b4'],
    ['+GCI: (B4,3D,42)', 'AT+GCI=?', '(B4,3D,42)'],
    ['  56000  ', 'ATI0', '56000'],
  ];

  it.each(cases)('reduces %j for %s to %j', (line, command, value) => {
    expect(stripQueryPrefix(line, command)).toBe(value);
  });

  it('keeps a prefix of another command', () => {
    expect(stripQueryPrefix('+VSM: 1,8000,0,0', '+VCID')).toBe('+VSM: 1,8000,0,0');
  });
});
