import { describe, expect, it } from 'vitest';
import { EventStreamParser } from '../../../extension/src/support/event-stream.js';

describe('EventStreamParser', () => {
  it('joins events split across chunks, skips heartbeats and reads CRLF', () => {
    const parser = new EventStreamParser();
    expect(parser.push('event: diagnosis\r\nda')).toEqual([]);
    expect(parser.push('ta: {"a":1}\r')).toEqual([]);
    expect(parser.push('\n\r\n: keep-alive\n\nevent: done\ndata: 2\n\n')).toEqual([
      { event: 'diagnosis', data: '{"a":1}' },
      { event: 'done', data: '2' },
    ]);
  });
});
