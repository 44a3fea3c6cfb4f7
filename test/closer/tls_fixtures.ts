/*
 * Certificates made at test time with the `openssl` CLI (no PKI library is installed): a real CA
 * and leaves it signs, and an attacker's chain that copies the CA's names but not its key.
 */
import { execFileSync } from 'node:child_process';
import { createHash, X509Certificate } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export interface KeyPair {
  key: string;
  cert: string;
}

export interface TlsFixtures {
  /** The CA that signs the genuine server's certificate. */
  ca: KeyPair;
  /** Another CA, unrelated to the server. */
  otherCa: KeyPair;
  /** localhost / 127.0.0.1 / ::1, signed by `ca`; `cert` is the leaf, `chain` leaf + CA. */
  genuine: KeyPair & { chain: string };
  /** Signed by `ca` for elsewhere.example only. */
  wrongHost: KeyPair & { chain: string };
  /**
   * The attack: a leaf for localhost / 127.0.0.1 made with the attacker's own key, whose issuer
   * DN is the real CA's (and with no authority key identifier, so names are all that link it),
   * presented together with the real, public CA certificate.
   */
  forged: KeyPair & { chain: string };
  /** Signed by the genuine leaf's key (which is not a CA), issuer DN = the genuine leaf's. */
  signedByLeaf: KeyPair & { chain: string };
}

const CA_SUBJECT = '/O=Closer Test/CN=Closer Test Root CA';

const CA_EXTENSIONS = [
  'basicConstraints = critical, CA:TRUE',
  'keyUsage = critical, keyCertSign, cRLSign',
  'subjectKeyIdentifier = hash',
].join('\n');

function leafExtensions(altNames: string, linkedByNamesOnly = false): string {
  return [
    // openssl adds key identifiers by default; the forged leaf has none, so that only its
    // issuer NAME links it to the real CA (as it does in Node's chain building).
    ...(linkedByNamesOnly ? ['subjectKeyIdentifier = none', 'authorityKeyIdentifier = none'] : []),
    'basicConstraints = critical, CA:FALSE',
    'keyUsage = critical, digitalSignature',
    'extendedKeyUsage = serverAuth',
    `subjectAltName = ${altNames}`,
  ].join('\n');
}

const LOCAL_NAMES = 'DNS:localhost, IP:127.0.0.1, IP:::1';

class Maker {
  private serial = 1;
  constructor(private readonly dir: string) {}

  private file(name: string, text?: string): string {
    const path = join(this.dir, name);
    if (text !== undefined) writeFileSync(path, text);
    return path;
  }

  private openssl(args: string[]): void {
    execFileSync('openssl', args, { stdio: ['ignore', 'ignore', 'pipe'] });
  }

  private newKey(name: string): string {
    const path = this.file(`${name}.key`);
    this.openssl([
      'genpkey',
      '-algorithm',
      'EC',
      '-pkeyopt',
      'ec_paramgen_curve:P-256',
      '-out',
      path,
    ]);
    return path;
  }

  selfSignedCa(name: string, subject: string): KeyPair {
    const key = this.newKey(name);
    const config = this.file(
      `${name}.cnf`,
      `[req]\ndistinguished_name = dn\nx509_extensions = ext\nprompt = no\n[dn]\n[ext]\n${CA_EXTENSIONS}\n`
    );
    const cert = this.file(`${name}.crt`);
    this.openssl([
      'req',
      '-x509',
      '-new',
      '-key',
      key,
      '-subj',
      subject,
      '-days',
      '3',
      '-config',
      config,
      '-out',
      cert,
    ]);
    return { key: readFileSync(key, 'utf8'), cert: readFileSync(cert, 'utf8') };
  }

  /** A certificate for `subject` signed by `issuer` (its key and cert as files). */
  signed(name: string, subject: string, issuer: KeyPair, extensions: string): KeyPair {
    const key = this.newKey(name);
    const csr = this.file(`${name}.csr`);
    this.openssl(['req', '-new', '-key', key, '-subj', subject, '-out', csr]);
    const issuerKey = this.file(`${name}.issuer.key`, issuer.key);
    const issuerCert = this.file(`${name}.issuer.crt`, issuer.cert);
    const ext = this.file(`${name}.ext`, `[ext]\n${extensions}\n`);
    const cert = this.file(`${name}.crt`);
    this.openssl([
      'x509',
      '-req',
      '-in',
      csr,
      '-CA',
      issuerCert,
      '-CAkey',
      issuerKey,
      '-set_serial',
      String(this.serial++),
      '-days',
      '2',
      '-extfile',
      ext,
      '-extensions',
      'ext',
      '-out',
      cert,
    ]);
    return { key: readFileSync(key, 'utf8'), cert: readFileSync(cert, 'utf8') };
  }
}

let cached: TlsFixtures | undefined;

/** Made once per test file (a second or so of openssl). */
export function tlsFixtures(): TlsFixtures {
  if (cached) return cached;
  const dir = mkdtempSync(join(tmpdir(), 'audit-sources-tls-'));
  try {
    const make = new Maker(dir);
    const ca = make.selfSignedCa('ca', CA_SUBJECT);
    const otherCa = make.selfSignedCa('other-ca', '/O=Someone Else/CN=Unrelated CA');
    const genuine = make.signed('genuine', '/CN=localhost', ca, leafExtensions(LOCAL_NAMES));
    const wrongHost = make.signed(
      'wrong-host',
      '/CN=elsewhere.example',
      ca,
      leafExtensions('DNS:elsewhere.example')
    );
    // Same subject DN as the real CA, the attacker's key.
    const impostorCa = make.selfSignedCa('impostor-ca', CA_SUBJECT);
    const forged = make.signed(
      'forged',
      '/CN=localhost',
      impostorCa,
      leafExtensions(LOCAL_NAMES, true)
    );
    const signedByLeaf = make.signed(
      'signed-by-leaf',
      '/CN=localhost',
      genuine,
      leafExtensions(LOCAL_NAMES)
    );
    cached = {
      ca,
      otherCa,
      genuine: { ...genuine, chain: genuine.cert + ca.cert },
      wrongHost: { ...wrongHost, chain: wrongHost.cert + ca.cert },
      forged: { ...forged, chain: forged.cert + ca.cert },
      signedByLeaf: { ...signedByLeaf, chain: signedByLeaf.cert + genuine.cert + ca.cert },
    };
    return cached;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** SHA-256 of a PEM certificate's DER, as users copy it: upper case with colons. */
export function fingerprintOf(pem: string): string {
  const der = new X509Certificate(pem).raw;
  const hex = createHash('sha256').update(der).digest('hex').toUpperCase();
  return hex.match(/../g)?.join(':') ?? hex;
}
