import fc from 'fast-check';

/** Text from every corner of Unicode: graphemes, lone surrogates, control characters. */
export const weirdText = (maxLength = 40) =>
  fc.oneof(
    fc.string({ unit: 'grapheme', maxLength }),
    fc.string({ unit: 'binary', maxLength }),
    fc.constantFrom(
      '',
      ' ',
      '\u0000',
      '\u202e',
      '💥',
      'a'.repeat(300),
      '../../etc/passwd',
      '%00',
      '{{x}}',
      `\${x}`,
    ),
  );

/** A header value as Node hands it over: the client's UTF-8 bytes read as Latin-1, line breaks impossible. */
export function asHeaderValue(text: string): string {
  return Buffer.from(text, 'utf8')
    .toString('latin1')
    .replace(/[\r\n\0]/g, '');
}

/** A header that is usually `valid`, sometimes absent, sometimes nonsense, sometimes sent twice. */
export function headerOf(valid: string, weight = 6) {
  return fc.oneof(
    { arbitrary: fc.constant<string | string[] | undefined>(valid), weight },
    { arbitrary: fc.constant(undefined), weight: 1 },
    { arbitrary: weirdText().map(asHeaderValue), weight: 2 },
    { arbitrary: weirdText().map((text) => [valid, asHeaderValue(text)]), weight: 1 },
  );
}

/** A body that is JSON of any shape, JSON that breaks off, another format, nothing, or far too much. */
export const bodyText = fc.oneof(
  { arbitrary: fc.jsonValue({ maxDepth: 4 }).map((value) => JSON.stringify(value) ?? ''), weight: 4 },
  {
    arbitrary: fc.constantFrom('', '{}', '{"target": ', '[', 'null', '"', '{"a":1}}', '\uFEFF{}'),
    weight: 3,
  },
  { arbitrary: weirdText(200), weight: 2 },
  { arbitrary: fc.integer({ min: 60, max: 200 }).map((kib) => `"${'x'.repeat(kib * 1024)}"`), weight: 1 },
);

export const contentType = fc.oneof(
  { arbitrary: fc.constant<string | undefined>('application/json'), weight: 5 },
  {
    arbitrary: fc.constantFrom(
      undefined,
      'text/plain',
      'application/json; charset=utf-16',
      'application/x-www-form-urlencoded',
      'multipart/form-data; boundary=x',
      'application/octet-stream',
      'application/json, application/json',
    ),
    weight: 3,
  },
  { arbitrary: weirdText(30).map(asHeaderValue), weight: 1 },
);

/** A query string of random keys and values, `refresh` among them. */
export const queryString = fc.oneof(
  fc.constant(''),
  fc
    .array(
      fc.tuple(
        fc.oneof(fc.constant('refresh'), weirdText(10)),
        fc.oneof(fc.constantFrom('true', 'false', ''), weirdText(20)),
      ),
      { maxLength: 4 },
    )
    .map(
      (pairs) =>
        `?${pairs.map(([key, value]) => `${encodeURIComponent(key)}=${encodeURIComponent(value)}`).join('&')}`,
    ),
  fc.constantFrom('?refresh=true&refresh=false', '?%zz', '?refresh[]=1', '?a=%E0%A4%A'),
);
