import { generateKeyPairSync, randomBytes, sign } from 'node:crypto';
import { isIP } from 'node:net';
import {
  bitString,
  boolean,
  contextTag,
  integer,
  objectIdentifier,
  octetString,
  sequence,
  set,
  time,
  utf8String,
} from './der.js';

export interface ServingCertificate {
  /** PEM; it is its own certificate authority, so clients trust exactly this certificate. */
  certificate: string;
  privateKey: string;
}

const ecdsaWithSha256 = sequence(objectIdentifier('1.2.840.10045.4.3.2'));

function ipAddressBytes(address: string): Buffer {
  if (isIP(address) === 4) return Buffer.from(address.split('.').map(Number));
  const [head = '', tail = ''] = address.split('::');
  const groups = (text: string) => (text === '' ? [] : text.split(':'));
  const headGroups = groups(head);
  const tailGroups = groups(tail);
  const zeros = address.includes('::') ? 8 - headGroups.length - tailGroups.length : 0;
  const all = [...headGroups, ...Array<string>(zeros).fill('0'), ...tailGroups];
  const bytes = Buffer.alloc(16);
  for (const [index, group] of all.entries()) bytes.writeUInt16BE(Number.parseInt(group, 16), index * 2);
  return bytes;
}

function subjectAltNames(hosts: readonly string[]): Buffer {
  return sequence(
    ...hosts.map((host) =>
      isIP(host)
        ? contextTag(7, false, ipAddressBytes(host))
        : contextTag(2, false, Buffer.from(host, 'ascii')),
    ),
  );
}

function pem(label: string, der: Buffer): string {
  const lines = der.toString('base64').match(/.{1,64}/g) ?? [];
  return `-----BEGIN ${label}-----\n${lines.join('\n')}\n-----END ${label}-----\n`;
}

/**
 * A fresh self-signed ECDSA P-256 serving certificate for `hosts` (IP addresses or DNS names), valid from an
 * hour ago for ten years. kubectl sends bearer tokens only over TLS, so the sandbox serves HTTPS with this.
 */
export function selfSignedCertificate(hosts: readonly string[], now = new Date()): ServingCertificate {
  const { publicKey, privateKey } = generateKeyPairSync('ec', { namedCurve: 'prime256v1' });
  const name = sequence(set(sequence(objectIdentifier('2.5.4.3'), utf8String('sandbox-apiserver'))));
  const validity = sequence(
    time(new Date(now.getTime() - 3_600_000)),
    time(new Date(now.getTime() + 10 * 365 * 86_400_000)),
  );
  const extensions = contextTag(
    3,
    true,
    sequence(
      sequence(objectIdentifier('2.5.29.17'), octetString(subjectAltNames(hosts))),
      sequence(objectIdentifier('2.5.29.19'), boolean(true), octetString(sequence(boolean(true)))),
      sequence(objectIdentifier('2.5.29.37'), octetString(sequence(objectIdentifier('1.3.6.1.5.5.7.3.1')))),
    ),
  );
  const serial = randomBytes(16);
  serial[0] = (serial[0] ?? 0) & 0x7f;
  const toBeSigned = sequence(
    contextTag(0, true, integer(Buffer.from([2]))),
    integer(serial),
    ecdsaWithSha256,
    name,
    validity,
    name,
    publicKey.export({ type: 'spki', format: 'der' }),
    extensions,
  );
  const signature = sign('sha256', toBeSigned, privateKey);
  const certificate = sequence(toBeSigned, ecdsaWithSha256, bitString(signature));
  return {
    certificate: pem('CERTIFICATE', certificate),
    privateKey: privateKey.export({ type: 'pkcs8', format: 'pem' }).toString(),
  };
}
