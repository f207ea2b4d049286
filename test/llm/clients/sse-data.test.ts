import { describe, expect, it } from 'vitest';
import { sseData } from '../../../backend/src/llm/clients/sse-data.js';

function streamOf(...chunks: string[]): ReadableStream<Uint8Array> {
  const encoder = new TextEncoder();
  return new ReadableStream({
    start(controller) {
      for (const chunk of chunks) controller.enqueue(encoder.encode(chunk));
      controller.close();
    },
  });
}

async function collect(stream: ReadableStream<Uint8Array>): Promise<string[]> {
  const data: string[] = [];
  for await (const item of sseData(stream)) data.push(item);
  return data;
}

describe('sseData', () => {
  it('yields one payload per event, across chunk boundaries and CRLF line ends', async () => {
    expect(await collect(streamOf('data: {"a"', ':1}\r\n\r\nda', 'ta: [DONE]\n\n'))).toEqual([
      '{"a":1}',
      '[DONE]',
    ]);
  });

  it('joins multi-line data, skips comments and other fields, and keeps an event the stream ends without closing', async () => {
    expect(
      await collect(streamOf(': ping\n\nevent: chunk\nid: 3\ndata: one\ndata:two\n\ndata: last')),
    ).toEqual(['one\ntwo', 'last']);
  });

  it('decodes characters split between chunks', async () => {
    const bytes = new TextEncoder().encode('data: größer\n\n');
    const stream = new ReadableStream<Uint8Array>({
      start(controller) {
        controller.enqueue(bytes.slice(0, 9));
        controller.enqueue(bytes.slice(9));
        controller.close();
      },
    });
    expect(await collect(stream)).toEqual(['größer']);
  });
});
