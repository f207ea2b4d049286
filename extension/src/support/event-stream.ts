/** One Server-Sent Event: its name (`message` when the stream gives none) and its data lines joined. */
export interface StreamEvent {
  event: string;
  data: string;
}

/**
 * Turns the text of a `text/event-stream` response, as it arrives in chunks of any size, into
 * events (the WHATWG rules: `event:` and `data:` fields, `:` comments such as heartbeats, a blank
 * line ending each event, CRLF or LF line ends). EventSource cannot send the headers Argo CD needs,
 * so the stream is read through fetch.
 */
export class EventStreamParser {
  private buffer = '';
  private event = '';
  private data: string[] = [];

  /** The events completed by this chunk, in order. */
  push(chunk: string): StreamEvent[] {
    this.buffer += chunk;
    const events: StreamEvent[] = [];
    for (;;) {
      const end = this.lineEnd();
      if (end === undefined) break;
      const line = this.buffer.slice(0, end.index);
      this.buffer = this.buffer.slice(end.index + end.length);
      const event = this.line(line);
      if (event) events.push(event);
    }
    return events;
  }

  /** A CR at the very end of the buffer may be half of a CRLF: wait for the next chunk. */
  private lineEnd(): { index: number; length: number } | undefined {
    const match = /\r\n|\n|\r/.exec(this.buffer);
    if (!match) return undefined;
    if (match[0] === '\r' && match.index === this.buffer.length - 1) return undefined;
    return { index: match.index, length: match[0].length };
  }

  private line(line: string): StreamEvent | undefined {
    if (line === '') {
      if (this.data.length === 0) {
        this.event = '';
        return undefined;
      }
      const event = { event: this.event || 'message', data: this.data.join('\n') };
      this.event = '';
      this.data = [];
      return event;
    }
    if (line.startsWith(':')) return undefined;
    const colon = line.indexOf(':');
    const field = colon < 0 ? line : line.slice(0, colon);
    let value = colon < 0 ? '' : line.slice(colon + 1);
    if (value.startsWith(' ')) value = value.slice(1);
    if (field === 'event') this.event = value;
    else if (field === 'data') this.data.push(value);
    return undefined;
  }
}
