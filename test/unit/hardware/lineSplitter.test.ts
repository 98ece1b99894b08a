import { describe, expect, it } from 'vitest';

import { LineSplitter } from '../../../src/sim/boardLinkProtocol.js';

describe('LineSplitter', () => {
  it('joins a line split across chunks', () => {
    const splitter = new LineSplitter();

    const first = splitter.push(Buffer.from('{"op":"he'));
    const second = splitter.push(Buffer.from('llo"}\r\n{"op":"ring-stop"}\n'));

    expect(first.lines).toEqual([]);
    expect(second.lines).toEqual(['{"op":"hello"}', '{"op":"ring-stop"}']);
  });

  it('skips empty lines', () => {
    const splitter = new LineSplitter();

    expect(splitter.push(Buffer.from('\n\r\n a \n')).lines).toEqual(['a']);
  });

  it('discards an overlong line and keeps the next', () => {
    const splitter = new LineSplitter();
    const long = 'x'.repeat(5000);

    const first = splitter.push(Buffer.from(long.slice(0, 3000)));
    const second = splitter.push(Buffer.from(`${long.slice(3000)}\nnext\n`));

    expect(first.discarded).toEqual([]);
    expect(second.discarded).toEqual(['x'.repeat(80)]);
    expect(second.lines).toEqual(['next']);
  });

  it('discards an overlong line inside one chunk', () => {
    const splitter = new LineSplitter();

    const result = splitter.push(Buffer.from(`before\n${'y'.repeat(4100)}\nafter\n`));

    expect(result.lines).toEqual(['before', 'after']);
    expect(result.discarded).toHaveLength(1);
  });
});
