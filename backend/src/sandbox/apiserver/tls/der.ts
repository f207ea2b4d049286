/** Just enough ASN.1 DER to write an X.509 certificate. */

function encodeLength(length: number): Buffer {
  if (length < 0x80) return Buffer.from([length]);
  const bytes: number[] = [];
  for (let rest = length; rest > 0; rest = Math.floor(rest / 256)) bytes.unshift(rest % 256);
  return Buffer.from([0x80 | bytes.length, ...bytes]);
}

export function element(tag: number, ...contents: Buffer[]): Buffer {
  const body = Buffer.concat(contents);
  return Buffer.concat([Buffer.from([tag]), encodeLength(body.length), body]);
}

export function sequence(...contents: Buffer[]): Buffer {
  return element(0x30, ...contents);
}

export function set(...contents: Buffer[]): Buffer {
  return element(0x31, ...contents);
}

/**
 * A non-negative INTEGER from its big-endian bytes. DER wants the minimal form: no leading zero byte
 * unless the next byte's high bit would otherwise make the number negative.
 */
export function integer(bytes: Buffer): Buffer {
  let start = 0;
  while (start < bytes.length - 1 && bytes[start] === 0) start++;
  const minimal = bytes.subarray(start);
  const first = minimal[0] ?? 0;
  return element(0x02, first & 0x80 ? Buffer.concat([Buffer.from([0]), minimal]) : minimal);
}

export function boolean(value: boolean): Buffer {
  return element(0x01, Buffer.from([value ? 0xff : 0]));
}

export function octetString(contents: Buffer): Buffer {
  return element(0x04, contents);
}

export function bitString(contents: Buffer): Buffer {
  return element(0x03, Buffer.from([0]), contents);
}

export function utf8String(text: string): Buffer {
  return element(0x0c, Buffer.from(text, 'utf8'));
}

export function objectIdentifier(dotted: string): Buffer {
  const [first = 0, second = 0, ...rest] = dotted.split('.').map(Number);
  const bytes = [first * 40 + second];
  for (const arc of rest) {
    const groups = [arc % 128];
    for (let value = Math.floor(arc / 128); value > 0; value = Math.floor(value / 128))
      groups.unshift((value % 128) | 0x80);
    bytes.push(...groups);
  }
  return element(0x06, Buffer.from(bytes));
}

/** UTCTime before 2050, GeneralizedTime from then on, as RFC 5280 requires. */
export function time(date: Date): Buffer {
  const digits = date.toISOString().replace(/[-:T]/g, '').slice(0, 14);
  return date.getUTCFullYear() < 2050
    ? element(0x17, Buffer.from(`${digits.slice(2)}Z`))
    : element(0x18, Buffer.from(`${digits}Z`));
}

/** A context-specific tag: [n] constructed (explicit) or primitive (implicit). */
export function contextTag(number: number, constructed: boolean, ...contents: Buffer[]): Buffer {
  return element((constructed ? 0xa0 : 0x80) | number, ...contents);
}
