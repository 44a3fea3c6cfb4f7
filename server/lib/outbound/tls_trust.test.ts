import { once } from 'node:events';
import type { AddressInfo } from 'node:net';
import tls from 'node:tls';
import { fingerprintOf, tlsFixtures, type KeyPair } from '../../../test/fixtures/tls_fixtures';
import {
  MAX_CHAIN_LENGTH,
  normalizeFingerprint,
  pinnedChainError,
  tlsConnectOptions,
  TlsTrustError,
} from './tls_trust';

const fixtures = tlsFixtures();
const pin = (pem: string) => normalizeFingerprint(fingerprintOf(pem));

/** The chain exactly as Node links it for a client that verifies nothing (the old check). */
async function presented(
  identity: KeyPair & { chain: string }
): Promise<tls.DetailedPeerCertificate> {
  const server = tls.createServer({ key: identity.key, cert: identity.chain }, (s) => s.end());
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  const { port } = server.address() as AddressInfo;
  try {
    const socket = tls.connect({ host: '127.0.0.1', port, rejectUnauthorized: false });
    await once(socket, 'secureConnect');
    const cert = socket.getPeerCertificate(true);
    socket.destroy();
    return cert;
  } finally {
    server.close();
  }
}

describe('normalizeFingerprint', () => {
  it('accepts colons and either case, and nothing but a SHA-256', () => {
    const hex = 'ab'.repeat(32);
    expect(normalizeFingerprint(hex.toUpperCase().match(/../g)!.join(':'))).toBe(hex);
    expect(normalizeFingerprint(` ${hex} `)).toBe(hex);
    for (const bad of ['', 'ab'.repeat(20), `${hex}00`, 'zz'.repeat(32)]) {
      expect(() => normalizeFingerprint(bad)).toThrow(TlsTrustError);
    }
  });
});

describe('tlsConnectOptions', () => {
  it('lets Node verify unless there is a pin without a CA', () => {
    expect(tlsConnectOptions({}, 'h').rejectUnauthorized).toBe(true);
    expect(tlsConnectOptions({ ca: 'x' }, 'h').rejectUnauthorized).toBe(true);
    expect(tlsConnectOptions({ ca: 'x', caFingerprint: 'y' }, 'h').rejectUnauthorized).toBe(true);
    expect(tlsConnectOptions({ caFingerprint: 'y' }, 'h').rejectUnauthorized).toBe(false);
  });
});

describe('pinnedChainError', () => {
  const now = Date.now();
  let genuine: tls.DetailedPeerCertificate;
  let forged: tls.DetailedPeerCertificate;
  let signedByLeaf: tls.DetailedPeerCertificate;
  beforeAll(async () => {
    [genuine, forged, signedByLeaf] = await Promise.all([
      presented(fixtures.genuine),
      presented(fixtures.forged),
      presented(fixtures.signedByLeaf),
    ]);
  });

  it('accepts the genuine chain up to the pinned CA, or a pinned leaf', () => {
    expect(pinnedChainError(genuine, 'localhost', pin(fixtures.ca.cert), now)).toBeUndefined();
    expect(pinnedChainError(genuine, '127.0.0.1', pin(fixtures.ca.cert), now)).toBeUndefined();
    expect(pinnedChainError(genuine, '::1', pin(fixtures.ca.cert), now)).toBeUndefined();
    expect(pinnedChainError(genuine, 'localhost', pin(fixtures.genuine.cert), now)).toBeUndefined();
  });

  it('refuses the forged leaf that Node links to the real CA by names only', () => {
    // The attack works on names: Node did put the real CA above the forged leaf.
    expect(forged.issuerCertificate.raw.equals(genuine.issuerCertificate.raw)).toBe(true);
    expect(pinnedChainError(forged, 'localhost', pin(fixtures.ca.cert), now)).toMatch(
      /signature of .* does not verify with the key of/
    );
  });

  it('checks the host name against the leaf', () => {
    expect(pinnedChainError(genuine, 'evil.example', pin(fixtures.ca.cert), now)).toMatch(
      /evil\.example/
    );
    expect(pinnedChainError(genuine, '127.0.0.2', pin(fixtures.ca.cert), now)).toMatch(
      /127\.0\.0\.2/
    );
  });

  it('checks validity dates on the way', () => {
    const inAYear = now + 365 * 86_400_000;
    expect(pinnedChainError(genuine, 'localhost', pin(fixtures.ca.cert), inAYear)).toMatch(
      /expired/
    );
    expect(pinnedChainError(genuine, 'localhost', pin(fixtures.ca.cert), 0)).toMatch(
      /not valid before/
    );
  });

  it('refuses a pin that is not in the chain, or reached through a non-CA', () => {
    expect(pinnedChainError(genuine, 'localhost', pin(fixtures.otherCa.cert), now)).toMatch(
      /no certificate .* matches the pinned CA fingerprint/
    );
    expect(
      pinnedChainError(signedByLeaf, 'localhost', pin(fixtures.genuine.cert), now)
    ).toBeDefined();
  });

  it('stops walking a looping or endless chain', () => {
    // A chain object whose issuer links never end (as a hostile peer object could): bounded.
    const leaf = { ...genuine } as tls.DetailedPeerCertificate;
    const ca = { ...genuine.issuerCertificate } as tls.DetailedPeerCertificate;
    let tail = ca;
    for (let i = 0; i < MAX_CHAIN_LENGTH * 3; i++) {
      const copy = { ...ca } as tls.DetailedPeerCertificate;
      tail.issuerCertificate = copy;
      tail = copy;
    }
    leaf.issuerCertificate = ca;
    expect(pinnedChainError(leaf, 'localhost', pin(fixtures.otherCa.cert), now)).toBeDefined();
  });

  it('refuses a peer without a certificate', () => {
    expect(
      pinnedChainError({} as tls.DetailedPeerCertificate, 'localhost', pin(fixtures.ca.cert))
    ).toMatch(/no certificate/);
  });
});
