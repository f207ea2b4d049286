/**
 * The `data:` payloads of a Server-Sent Events body, one per event, as the OpenAI API streams chat
 * completions. Multi-line data joins with newlines; comments and other fields are skipped.
 */
export async function* sseData(body: ReadableStream<Uint8Array>): AsyncGenerator<string> {
  const decoder = new TextDecoder();
  let buffer = '';
  let data: string[] = [];
  const lines = async function* () {
    for await (const chunk of body) {
      buffer += decoder.decode(chunk, { stream: true });
      const parts = buffer.split(/\r?\n/);
      buffer = parts.pop() ?? '';
      yield* parts;
    }
    buffer += decoder.decode();
    if (buffer !== '') yield buffer;
    // A stream may end without the blank line that closes its last event.
    yield '';
  };
  for await (const line of lines()) {
    if (line === '') {
      if (data.length > 0) yield data.join('\n');
      data = [];
    } else if (line.startsWith('data:')) {
      data.push(line.slice(line[5] === ' ' ? 6 : 5));
    }
  }
}
