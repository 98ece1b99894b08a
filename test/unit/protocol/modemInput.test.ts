import { describe, expect, it } from 'vitest';

import { ModemInputDecoder, type ModemFrame } from '../../../src/protocol/modemInput.js';
import {
  conexantCallerIdUsBytes,
  conexantInitExchange,
  conexantTransmitUnderrun,
  cx93001EchoedAnswers,
  dtmfZeroBurst,
  receiveWithDtmf,
  usr5637CallerIdUk,
} from '../../fixtures/transcripts.js';

const DLE = 0x10;
const ETX = 0x03;

function bytes(text: string): Buffer {
  return Buffer.from(text, 'latin1');
}

function pushAll(decoder: ModemInputDecoder, chunks: Uint8Array[]): ModemFrame[] {
  return chunks.flatMap((chunk) => decoder.push(chunk));
}

function decode(...chunks: string[]): ModemFrame[] {
  return pushAll(new ModemInputDecoder(), chunks.map(bytes));
}

/** Text of line frames, '' for blanks, and the kind of any other frame in angle brackets. */
function summarise(frames: ModemFrame[]): string[] {
  return frames.map((frame) => {
    if (frame.kind === 'line') return frame.text;
    if (frame.kind === 'blank') return '';
    if (frame.kind === 'event') return `<${frame.event.name}>`;
    return `<${frame.kind}>`;
  });
}

function audioOf(frames: ModemFrame[]): number[] {
  return frames.flatMap((frame) => (frame.kind === 'audio' ? [...frame.bytes] : []));
}

describe('ModemInputDecoder line ends', () => {
  it('counts an echo CR CR LF as one line end', () => {
    expect(summarise(decode('ATV1\r\r\nOK\r\n'))).toEqual(['ATV1', 'OK']);
  });

  it('gives a blank for the leading CR LF', () => {
    expect(summarise(decode('\r\nOK\r\n'))).toEqual(['', 'OK']);
  });

  it('ends a line at a bare LF', () => {
    expect(summarise(decode('RING\nRING\n'))).toEqual(['RING', 'RING']);
  });

  it('ends numeric result codes at a lone CR', () => {
    expect(summarise(decode('ATE0\r0\r4\r'))).toEqual(['ATE0', '0', '4']);
  });

  it('joins a CR LF split across chunks', () => {
    expect(summarise(decode('OK\r', '\nRING\r\n'))).toEqual(['OK', 'RING']);
  });

  it('gives blanks for CR LF pairs after caller ID', () => {
    expect(summarise(decode('NMBR = 5045550123\r\n\r\n\r\nRING\r\n'))).toEqual([
      'NMBR = 5045550123',
      '',
      '',
      'RING',
    ]);
  });

  it('keeps a partial line for the next chunk', () => {
    const decoder = new ModemInputDecoder();

    const first = decoder.push(bytes('DATE = 04'));
    const second = decoder.push(bytes('10\r\n'));

    expect(first).toEqual([]);
    expect(summarise(second)).toEqual(['DATE = 0410']);
  });
});

describe('ModemInputDecoder real transcripts', () => {
  it('splits the Conexant init exchange', () => {
    const decoder = new ModemInputDecoder();
    const answers = conexantInitExchange.map((exchange) => summarise(pushAll(decoder, exchange.chunks)));

    expect(answers).toEqual([
      ['', 'OK'],
      ['', '56000', '', 'OK'],
      ['', 'OK'],
      ['ATV1', 'OK'],
      ['ATE0', 'OK'],
      ['', 'OK'],
    ]);
  });

  it('splits CX93001 echoed answers', () => {
    const decoder = new ModemInputDecoder();
    const answers = cx93001EchoedAnswers.map((exchange) => summarise(pushAll(decoder, exchange.chunks)));

    expect(answers).toEqual([
      ['ATZ', 'OK'],
      ['AT+FCLASS?', '0', 'OK'],
      ['ATI3', 'CX93001-EIS_V0.2002-V92', '', 'OK'],
      ['AT+GMI', '+GMI: CONEXANT', '', 'OK'],
    ]);
  });

  it('splits Conexant caller ID lines', () => {
    const frames = pushAll(new ModemInputDecoder(), conexantCallerIdUsBytes.chunks);

    expect(summarise(frames)).toEqual([
      '',
      'RING',
      '',
      'DATE = 1015',
      'TIME = 1310',
      'NMBR = 0455501234',
      '',
      'RING',
    ]);
  });

  it('splits USR 5637 caller ID reads', () => {
    const frames = pushAll(new ModemInputDecoder(), usr5637CallerIdUk.chunks);

    expect(summarise(frames)).toEqual(['DATE=1203', 'TIME=1452', 'NMBR=07700900123']);
  });

  it('reports an underrun after an unarmed CONNECT', () => {
    const decoder = new ModemInputDecoder();
    const frames = pushAll(decoder, conexantTransmitUnderrun.chunks);

    expect(summarise(frames)).toEqual(['', 'CONNECT', '<underrun>']);
    expect(decoder.mode).toBe('command');
  });

  it('reports DTMF bursts in command state', () => {
    const frames = pushAll(new ModemInputDecoder(), dtmfZeroBurst.chunks);

    expect(summarise(frames)).toEqual(['<dtmf-start>', '<digit>', '<digit>', '<digit>', '<dtmf-end>']);
  });
});

describe('ModemInputDecoder command-state DLE codes', () => {
  it('reports a DLE R ring between lines', () => {
    const frames = new ModemInputDecoder().push(Uint8Array.from([DLE, 0x52, ...bytes('\r\nOK\r\n')]));

    expect(summarise(frames)).toEqual(['<ring>', '', 'OK']);
  });

  it('waits for the byte after a trailing DLE', () => {
    const decoder = new ModemInputDecoder();

    const first = decoder.push(Uint8Array.from([DLE]));
    const second = decoder.push(bytes('b'));

    expect(first).toEqual([]);
    expect(second).toEqual([{ kind: 'event', event: { name: 'busy', code: 0x62 } }]);
  });

  it('gives end-of-data for DLE ETX in command state', () => {
    const decoder = new ModemInputDecoder();
    const frames = decoder.push(Uint8Array.from([DLE, ETX, ...bytes('\r\nOK\r\n')]));

    expect(summarise(frames)).toEqual(['<end-of-data>', '', 'OK']);
    expect(decoder.mode).toBe('command');
  });

  it('discards a shielded DLE in command state', () => {
    const frames = new ModemInputDecoder().push(Uint8Array.from([DLE, DLE]));

    expect(frames).toEqual([
      { kind: 'discarded', bytes: Buffer.from([DLE, DLE]), reason: expect.stringContaining('command state') },
    ]);
  });
});

describe('ModemInputDecoder discarded input', () => {
  it('discards an over-long line and its rest', () => {
    const decoder = new ModemInputDecoder({ maxLineLength: 8 });
    const frames = decoder.push(bytes('ABCDEFGHIJKL\r\nOK\r\n'));

    expect(frames).toEqual([
      { kind: 'discarded', bytes: bytes('ABCDEFGHI'), reason: expect.stringContaining('over-long') },
      { kind: 'discarded', bytes: bytes('JKL'), reason: expect.stringContaining('over-long') },
      { kind: 'line', text: 'OK' },
    ]);
  });

  it('accepts a line of exactly the maximum length', () => {
    const frames = new ModemInputDecoder({ maxLineLength: 8 }).push(bytes('ABCDEFGH\r\n'));

    expect(frames).toEqual([{ kind: 'line', text: 'ABCDEFGH' }]);
  });

  it('bounds the rest of an unterminated line', () => {
    const decoder = new ModemInputDecoder({ maxLineLength: 8 });
    const frames = [...decoder.push(Buffer.alloc(100, 0x41)), ...decoder.push(bytes('\r\n'))];
    const sizes = frames.map((frame) => (frame.kind === 'discarded' ? frame.bytes.length : 0));

    expect(frames.every((frame) => frame.kind === 'discarded')).toBe(true);
    expect(Math.max(...sizes)).toBeLessThanOrEqual(9);
    expect(sizes.reduce((total, size) => total + size, 0)).toBe(100);
  });

  it('discards a line with binary bytes', () => {
    const frames = new ModemInputDecoder().push(Uint8Array.from([0x00, 0xff, 0x4f, 0x4b, 0x0d, 0x0a]));

    expect(frames).toEqual([
      {
        kind: 'discarded',
        bytes: Buffer.from([0x00, 0xff, 0x4f, 0x4b]),
        reason: expect.stringContaining('0x00'),
      },
    ]);
  });

  it('discards a line with a C1 control byte', () => {
    const frames = new ModemInputDecoder().push(Uint8Array.from([0x41, 0x9c, 0x0d, 0x0a]));

    expect(frames.map((frame) => frame.kind)).toEqual(['discarded']);
  });

  it('keeps Latin-1 letters and tabs', () => {
    const frames = new ModemInputDecoder().push(bytes('NAME = M\xdcLLER\tJ\r\n'));

    expect(frames).toEqual([{ kind: 'line', text: 'NAME = M\u00dcLLER\tJ' }]);
  });

  it('rejects an invalid maximum line length', () => {
    expect(() => new ModemInputDecoder({ maxLineLength: 0 })).toThrow(RangeError);
  });
});

describe('ModemInputDecoder receive state', () => {
  it('switches at an armed CONNECT within the chunk', () => {
    const decoder = new ModemInputDecoder();
    decoder.expectReceiveData();
    const frames = decoder.push(Uint8Array.from([...bytes('\r\nCONNECT\r\n'), 0x80, 0x0a, 0x7f]));

    expect(summarise(frames)).toEqual(['', 'CONNECT', '<audio>']);
    expect(audioOf(frames)).toEqual([0x80, 0x0a, 0x7f]);
    expect(decoder.mode).toBe('receive');
  });

  it('skips the LF of CONNECT in the next chunk', () => {
    const decoder = new ModemInputDecoder();
    decoder.expectReceiveData();

    decoder.push(bytes('\r\nCONNECT\r'));
    const frames = decoder.push(Uint8Array.from([0x0a, 0x0a, 0x80]));

    expect(audioOf(frames)).toEqual([0x0a, 0x80]);
  });

  it('decodes audio, DTMF and end of data in order', () => {
    const decoder = new ModemInputDecoder();
    decoder.expectReceiveData();
    const frames = pushAll(decoder, receiveWithDtmf.chunks);
    const nonAudio = summarise(frames.filter((frame) => frame.kind !== 'audio'));

    expect(nonAudio).toEqual([
      '',
      'CONNECT',
      '<dtmf-start>',
      '<digit>',
      '<digit>',
      '<dtmf-end>',
      '<end-of-data>',
      '',
      'OK',
    ]);
    expect(audioOf(frames)).toEqual([0x80, 0x81, 0x7f, 0x80, 0x7f, 0x80, DLE, 0x81, DLE, DLE, 0x80]);
    expect(decoder.mode).toBe('command');
  });

  it('keeps audio and events in arrival order', () => {
    const decoder = new ModemInputDecoder();
    decoder.expectReceiveData();
    decoder.push(bytes('\r\nCONNECT\r\n'));
    const frames = decoder.push(Uint8Array.from([0x80, DLE, 0x62, 0x81]));

    expect(frames).toEqual([
      { kind: 'audio', bytes: Buffer.from([0x80]) },
      { kind: 'event', event: { name: 'busy', code: 0x62 } },
      { kind: 'audio', bytes: Buffer.from([0x81]) },
    ]);
  });

  it('returns to lines after DLE ETX in one chunk', () => {
    const decoder = new ModemInputDecoder();
    decoder.expectReceiveData();
    decoder.push(bytes('\r\nCONNECT\r\n'));
    const frames = decoder.push(Uint8Array.from([DLE, ETX, ...bytes('\r\nOK\r\n')]));

    expect(frames).toEqual([{ kind: 'end-of-data' }, { kind: 'blank' }, { kind: 'line', text: 'OK' }]);
  });

  it('finds DLE ETX split across chunks', () => {
    const decoder = new ModemInputDecoder();
    decoder.expectReceiveData();
    decoder.push(bytes('\r\nCONNECT\r\n'));

    decoder.push(Uint8Array.from([0x80, DLE]));
    const frames = decoder.push(Uint8Array.from([ETX, ...bytes('\r\nOK\r\n')]));

    expect(summarise(frames)).toEqual(['<end-of-data>', '', 'OK']);
  });

  it('reads a shielded DLE before ETX as audio', () => {
    const decoder = new ModemInputDecoder();
    decoder.expectReceiveData();
    decoder.push(bytes('\r\nCONNECT\r\n'));
    const frames = decoder.push(Uint8Array.from([DLE, DLE, ETX, 0x80]));

    expect(audioOf(frames)).toEqual([DLE, ETX, 0x80]);
    expect(decoder.mode).toBe('receive');
  });

  it('switches only once per arming', () => {
    const decoder = new ModemInputDecoder();
    decoder.expectReceiveData();
    decoder.push(Uint8Array.from([...bytes('\r\nCONNECT\r\n'), DLE, ETX, ...bytes('\r\nOK\r\n')]));
    decoder.push(bytes('\r\nCONNECT\r\n'));

    expect(decoder.mode).toBe('command');
  });

  it('disarms on an ERROR result', () => {
    const decoder = new ModemInputDecoder();
    decoder.expectReceiveData();
    decoder.push(bytes('\r\nERROR\r\n'));
    decoder.push(bytes('\r\nCONNECT\r\n'));

    expect(decoder.mode).toBe('command');
  });

  it('stays armed across an echo line', () => {
    const decoder = new ModemInputDecoder();
    decoder.expectReceiveData();
    decoder.push(bytes('AT+VRX\r\r\nCONNECT\r\n'));

    expect(decoder.mode).toBe('receive');
  });

  it('leaves receive state on cancel', () => {
    const decoder = new ModemInputDecoder();
    decoder.expectReceiveData();
    decoder.push(Uint8Array.from([...bytes('\r\nCONNECT\r\n'), 0x80, DLE]));
    decoder.cancelReceiveData();
    const frames = decoder.push(bytes('\r\nNO CARRIER\r\n'));

    expect(decoder.mode).toBe('command');
    expect(summarise(frames)).toEqual(['', 'NO CARRIER']);
  });

  it('disarms on cancel before CONNECT', () => {
    const decoder = new ModemInputDecoder();
    decoder.expectReceiveData();
    decoder.cancelReceiveData();
    decoder.push(bytes('\r\nCONNECT\r\n'));

    expect(decoder.mode).toBe('command');
  });

  it('drops partial input and arming on reset', () => {
    const decoder = new ModemInputDecoder();
    decoder.expectReceiveData();
    decoder.push(Uint8Array.from([...bytes('PARTIAL'), DLE]));
    decoder.reset();
    const frames = decoder.push(bytes('\r\nCONNECT\r\n'));

    expect(summarise(frames)).toEqual(['', 'CONNECT']);
    expect(decoder.mode).toBe('command');
  });
});
