import { X509Certificate } from 'node:crypto';
import { createSecureContext } from 'node:tls';
import { describe, expect, it } from 'vitest';
import { integer } from '../../../backend/src/sandbox/apiserver/tls/der.js';
import { selfSignedCertificate } from '../../../backend/src/sandbox/apiserver/tls/self-signed-certificate.js';

describe('self-signed serving certificates', () => {
  it('encodes INTEGERs minimally, as DER requires', () => {
    expect(integer(Buffer.from([0x00, 0x12]))).toEqual(Buffer.from([0x02, 0x01, 0x12]));
    expect(integer(Buffer.from([0x00, 0x00, 0x92]))).toEqual(Buffer.from([0x02, 0x02, 0x00, 0x92]));
    expect(integer(Buffer.from([0x80]))).toEqual(Buffer.from([0x02, 0x02, 0x00, 0x80]));
    expect(integer(Buffer.from([0x00]))).toEqual(Buffer.from([0x02, 0x01, 0x00]));
  });

  // Random serial numbers once produced a non-minimal INTEGER about one time in 256.
  it('are accepted by OpenSSL every time', () => {
    for (let attempt = 0; attempt < 400; attempt++) {
      const { certificate, privateKey } = selfSignedCertificate(['127.0.0.1', 'localhost']);
      expect(() => createSecureContext({ cert: certificate, key: privateKey })).not.toThrow();
      expect(new X509Certificate(certificate).subjectAltName).toBe('IP Address:127.0.0.1, DNS:localhost');
    }
  });
});
