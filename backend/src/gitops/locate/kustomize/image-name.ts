/** An image reference split as text, keeping the spelling it has: `registry/repo`, `:tag`, `@digest`. */
export interface SpelledImage {
  name: string;
  tag?: string;
  digest?: string;
}

export function splitImage(image: string): SpelledImage {
  let rest = image;
  const result: SpelledImage = { name: '' };
  const at = rest.indexOf('@');
  if (at >= 0) {
    result.digest = rest.slice(at + 1);
    rest = rest.slice(0, at);
  }
  const colon = rest.lastIndexOf(':');
  if (colon > rest.lastIndexOf('/')) {
    result.tag = rest.slice(colon + 1);
    rest = rest.slice(0, colon);
  }
  result.name = rest;
  return result;
}
