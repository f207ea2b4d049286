import { badRequest } from '../api-error.js';

/** Where the next page of a list starts, and the resourceVersion every page of it reports. */
export interface ContinueToken {
  resourceVersion: string;
  start: string;
}

/** Opaque to clients, shaped like the real server's: base64url of {"v":"meta.k8s.io/v1","rv":..,"start":..}. */
export function encodeContinueToken(token: ContinueToken): string {
  const json = JSON.stringify({ v: 'meta.k8s.io/v1', rv: Number(token.resourceVersion), start: token.start });
  return Buffer.from(json, 'utf8').toString('base64url');
}

export function decodeContinueToken(text: string): ContinueToken {
  try {
    const parsed = JSON.parse(Buffer.from(text, 'base64url').toString('utf8')) as {
      v?: unknown;
      rv?: unknown;
      start?: unknown;
    };
    if (parsed.v === 'meta.k8s.io/v1' && typeof parsed.rv === 'number' && typeof parsed.start === 'string') {
      return { resourceVersion: String(parsed.rv), start: parsed.start };
    }
  } catch {
    // Falls through to the same answer as a token of the wrong shape.
  }
  throw badRequest(
    'continue key is not valid: incorrect encoded start resourceVersion (version meta.k8s.io/v1)',
  );
}
