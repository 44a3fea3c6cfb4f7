import fc from 'fast-check';
import { configSchema } from '../../config';
import {
  allowedHostEntryError,
  classifyAddress,
  normalizeHost,
  OutboundPolicy,
  OutboundRefusedError,
} from './host_policy';

/** Ranges `*` must never cover, with the smallest prefix we refuse them at. */
const REFUSED_V4: ReadonlyArray<[string, number]> = [
  ['0.0.0.0', 8],
  ['10.0.0.0', 8],
  ['100.64.0.0', 10],
  ['127.0.0.0', 8],
  ['169.254.0.0', 16],
  ['172.16.0.0', 12],
  ['192.0.0.0', 24],
  ['192.168.0.0', 16],
  ['198.18.0.0', 15],
  ['224.0.0.0', 4],
  ['240.0.0.0', 4],
];
const REFUSED_V6: ReadonlyArray<[string, number]> = [
  ['::', 96],
  ['fc00::', 7],
  ['fe80::', 10],
  ['fec0::', 10],
  ['ff00::', 8],
  ['2001::', 32],
  ['100::', 64],
  ['64:ff9b:1::', 48],
];

const METADATA = [
  '169.254.169.254',
  '169.254.170.2',
  '100.100.100.200',
  'fd00:ec2::254',
  'fd20:ce::254',
];

function v4Bytes(base: string): number[] {
  return base.split('.').map(Number);
}

function v6Bytes(base: string): number[] {
  // Only bases of the form `a:b::` or `::`: enough for the table above.
  const [head] = base.split('::');
  const groups = head === '' ? [] : head.split(':').map((g) => parseInt(g, 16));
  const bytes = groups.flatMap((g) => [g >> 8, g & 0xff]);
  return [...bytes, ...new Array<number>(16 - bytes.length).fill(0)];
}

/** `base/prefix` with the host bits filled from `random`. */
function withHostBits(base: number[], prefix: number, random: number[]): number[] {
  return base.map((byte, i) => {
    const fixedBits = Math.max(0, Math.min(8, prefix - i * 8));
    const mask = fixedBits === 0 ? 0 : (0xff << (8 - fixedBits)) & 0xff;
    return (byte & mask) | (random[i] & ~mask & 0xff);
  });
}

const hex = (a: number, b: number) => ((a << 8) | b).toString(16);

/** Every spelling of an IPv4 address that reaches it: dotted and the IPv6 forms carrying it. */
function v4Spellings(b: number[]): string[] {
  const dotted = b.join('.');
  return [
    dotted,
    `::ffff:${dotted}`,
    `::FFFF:${hex(b[0], b[1])}:${hex(b[2], b[3])}`,
    `0:0:0:0:0:ffff:${hex(b[0], b[1])}:${hex(b[2], b[3])}`,
    `::ffff:0:${dotted}`,
    `64:ff9b::${dotted}`,
    `64:ff9b::${hex(b[0], b[1])}:${hex(b[2], b[3])}`,
    `2002:${hex(b[0], b[1])}:${hex(b[2], b[3])}::1`,
  ];
}

function v6Spellings(b: number[]): string[] {
  const groups = Array.from({ length: 8 }, (_, i) => hex(b[2 * i], b[2 * i + 1]));
  const full = groups.join(':');
  return [
    full,
    full.toUpperCase(),
    groups.map((g) => g.padStart(4, '0')).join(':'),
    `${full}%eth0`,
  ];
}

/** Forms a URL host may take for an IPv4 address: the WHATWG parser turns all into dotted. */
function v4UrlHosts(b: number[]): string[] {
  const n = ((b[0] << 24) >>> 0) + (b[1] << 16) + (b[2] << 8) + b[3];
  return [
    b.join('.'),
    String(n),
    `0x${n.toString(16)}`,
    b.map((x) => `0${x.toString(8)}`).join('.'),
    b.map((x) => `0x${x.toString(16)}`).join('.'),
    `${b[0]}.${(b[1] << 16) + (b[2] << 8) + b[3]}`,
    `[::ffff:${b.join('.')}]`,
  ];
}

const byteArray = (n: number) =>
  fc.array(fc.integer({ min: 0, max: 255 }), { minLength: n, maxLength: n });

describe('OutboundPolicy', () => {
  const anyPublic = OutboundPolicy.fromConfig(['*']);

  describe('refused ranges (every spelling)', () => {
    it('refuses every IPv4 address of the internal ranges in v4, mapped, NAT64 and 6to4 forms', () => {
      fc.assert(
        fc.property(fc.constantFrom(...REFUSED_V4), byteArray(4), ([base, prefix], random) => {
          const bytes = withHostBits(v4Bytes(base), prefix, random);
          for (const address of v4Spellings(bytes)) {
            expect(anyPublic.addressError('source.example.com', address)).toMatch(/^Refused/);
            expect(classifyAddress(address)).toBeDefined();
          }
          for (const host of v4UrlHosts(bytes)) {
            expect(anyPublic.urlError(`https://${host}:9200/`)).toMatch(/^Refused/);
          }
        }),
        { numRuns: 500 }
      );
    });

    it('refuses every IPv6 address of the internal ranges in every spelling', () => {
      fc.assert(
        fc.property(fc.constantFrom(...REFUSED_V6), byteArray(16), ([base, prefix], random) => {
          const bytes = withHostBits(v6Bytes(base), prefix, random);
          for (const address of v6Spellings(bytes)) {
            expect(anyPublic.addressError('source.example.com', address)).toMatch(/^Refused/);
          }
          expect(anyPublic.hostError(`[${v6Spellings(bytes)[0]}]`)).toMatch(/^Refused/);
        }),
        { numRuns: 500 }
      );
    });

    it('allows an internal address once it, or a range containing it, is listed', () => {
      fc.assert(
        fc.property(fc.constantFrom(...REFUSED_V4), byteArray(4), ([base, prefix], random) => {
          const bytes = withHostBits(v4Bytes(base), prefix, random);
          const dotted = bytes.join('.');
          fc.pre(classifyAddress(dotted) !== 'cloud metadata');
          const byIp = OutboundPolicy.fromConfig(['*', dotted]);
          const byRange = OutboundPolicy.fromConfig([`${base}/${prefix}`]);
          const byName = OutboundPolicy.fromConfig(['closer.corp.example']);
          for (const address of v4Spellings(bytes)) {
            expect(byIp.addressError('any.example', address)).toBeUndefined();
            expect(byRange.addressError('any.example', address)).toBeUndefined();
            expect(byName.addressError('closer.corp.example', address)).toBeUndefined();
            // The listing is for that address / name only.
            expect(byName.addressError('other.example', address)).toMatch(/^Refused/);
          }
        }),
        { numRuns: 300 }
      );
    });

    it('allows public addresses with "*" and only listed ones without it', () => {
      const onlyNamed = OutboundPolicy.fromConfig(['api.lumos.com']);
      fc.assert(
        fc.property(fc.ipV4(), (address) => {
          fc.pre(classifyAddress(address) === undefined);
          expect(anyPublic.addressError('api.lumos.com', address)).toBeUndefined();
          expect(anyPublic.addressError(address, address)).toBeUndefined();
          expect(onlyNamed.addressError('api.lumos.com', address)).toBeUndefined();
          expect(onlyNamed.addressError('evil.example', address)).toMatch(
            /not listed in audit_sources\.allowedHosts/
          );
        }),
        { numRuns: 300 }
      );
    });
  });

  describe('cloud metadata', () => {
    it.each(METADATA)('refuses %s, even when a range containing it is listed', (address) => {
      const ranges = OutboundPolicy.fromConfig([
        '*',
        '169.254.0.0/16',
        '100.64.0.0/10',
        'fd00::/8',
      ]);
      expect(anyPublic.addressError('x.example', address)).toMatch(/cloud metadata/);
      expect(ranges.addressError('x.example', address)).toMatch(/cloud metadata/);
      expect(
        OutboundPolicy.fromConfig([address]).addressError('x.example', address)
      ).toBeUndefined();
    });

    it.each(METADATA)(
      'refuses a listed name whose DNS is re-pointed to %s, unless that address or a metadata name is listed',
      (address) => {
        const listedName = OutboundPolicy.fromConfig(['closer-es.corp.example']);
        expect(listedName.hostError('closer-es.corp.example')).toBeUndefined();
        expect(listedName.addressError('closer-es.corp.example', address)).toMatch(
          /cloud metadata/
        );
        expect(
          OutboundPolicy.fromConfig(['closer-es.corp.example', address]).addressError(
            'closer-es.corp.example',
            address
          )
        ).toBeUndefined();
        expect(listedName.addressError('closer-es.corp.example', '10.1.2.3')).toBeUndefined();
      }
    );

    it('opens a metadata name that is listed by name, whatever it resolves to', () => {
      const policy = OutboundPolicy.fromConfig(['metadata.google.internal']);
      expect(policy.addressError('metadata.google.internal', '169.254.169.254')).toBeUndefined();
    });

    it('refuses metadata host names at validation time in any case or with a trailing dot', () => {
      for (const host of [
        'metadata.google.internal',
        'METADATA.Google.Internal.',
        'metadata.goog',
        'instance-data',
      ]) {
        expect(anyPublic.hostError(host)).toMatch(/cloud metadata/);
        expect(anyPublic.urlError(`http://${host}/computeMetadata/v1/`)).toMatch(/cloud metadata/);
      }
      expect(
        OutboundPolicy.fromConfig(['metadata.google.internal']).hostError(
          'metadata.google.internal'
        )
      ).toBeUndefined();
    });

    it('refuses the mapped and encoded forms of 169.254.169.254 in URLs', () => {
      for (const url of [
        'http://169.254.169.254/latest/meta-data/',
        'http://[::ffff:169.254.169.254]/',
        'http://[::ffff:a9fe:a9fe]/',
        'http://[64:ff9b::a9fe:a9fe]/',
        'http://0xa9fea9fe/',
        'http://2852039166/',
        'http://0251.0376.0251.0376/',
        'http://169.254.43518/',
        'http://0xA9.0xFE.0xA9.0xFE/',
      ]) {
        expect(anyPublic.urlError(url)).toMatch(/cloud metadata/);
      }
    });
  });

  describe('host names', () => {
    it('refuses localhost names unless listed; other names pass validation with "*"', () => {
      for (const host of ['localhost', 'LOCALHOST.', 'api.localhost', 'localhost.localdomain']) {
        expect(anyPublic.hostError(host)).toMatch(/loopback/);
      }
      expect(OutboundPolicy.fromConfig(['localhost']).hostError('localhost')).toBeUndefined();
      expect(anyPublic.hostError('api.lumos.com')).toBeUndefined();
      expect(OutboundPolicy.fromConfig(['api.lumos.com']).hostError('logs.closer.app')).toMatch(
        /not listed in audit_sources\.allowedHosts/
      );
    });

    it('checks the connect-time address even for a name that passed validation', () => {
      // e.g. 127.0.0.1.nip.io, or a name re-pointed after the connector was saved.
      expect(anyPublic.hostError('internal.attacker.example')).toBeUndefined();
      expect(anyPublic.addressError('internal.attacker.example', '10.0.0.1')).toMatch(
        /^Refused to connect to internal\.attacker\.example \(10\.0\.0\.1\): a private address/
      );
    });

    it('normalizes like the URL parser does', () => {
      expect(normalizeHost('Example.COM.')).toBe('example.com');
      expect(normalizeHost('[::1]')).toBe('::1');
      expect(normalizeHost('::1')).toBe('::1');
      expect(normalizeHost('127.1')).toBe('127.0.0.1');
      expect(normalizeHost('a/b')).toBeUndefined();
      expect(normalizeHost('a?b')).toBeUndefined();
      expect(normalizeHost('user@a')).toBeUndefined();
      expect(normalizeHost('a:80')).toBeUndefined();
      expect(anyPublic.hostError('not a host')).toMatch(/not a valid host/);
    });

    it('refuses a resolved "address" that is not an IP literal', () => {
      expect(anyPublic.addressError('x.example', '0177.0.0.1')).toMatch(/not an IP address/);
      expect(anyPublic.addressError('x.example', '')).toMatch(/not an IP address/);
    });
  });

  describe('allowedHosts entries', () => {
    it('accepts names, IPs, CIDR ranges and "*"', () => {
      for (const entry of [
        '*',
        'closer.example.com',
        'Closer.Example.com.',
        '10.1.2.3',
        '10.0.0.0/8',
        '::1',
        'fd00::/8',
        '[::1]',
        '::ffff:10.0.0.0/104',
      ]) {
        expect(allowedHostEntryError(entry)).toBeUndefined();
      }
    });

    it('explains what is wrong with a bad entry', () => {
      expect(allowedHostEntryError('*.example.com')).toMatch(/wildcards/);
      expect(allowedHostEntryError('0.0.0.0/0')).toMatch(/use "\*"/);
      expect(allowedHostEntryError('10.0.0.0/33')).toMatch(/CIDR/);
      expect(allowedHostEntryError('https://x.example')).toBeDefined();
      expect(allowedHostEntryError('x.example:443')).toBeDefined();
      expect(() => OutboundPolicy.fromConfig(['bad host'])).toThrow(/audit_sources\.allowedHosts/);
    });

    it('keeps an internationalized name in the form URLs carry', () => {
      const policy = OutboundPolicy.fromConfig(['bücher.example']);
      expect(policy.urlError('https://bücher.example/')).toBeUndefined();
      expect(policy.hostError('xn--bcher-kva.example')).toBeUndefined();
      expect(allowedHostEntryError('0x7f.1')).toBeDefined();
    });

    it('does not let a short mapped range open all of IPv4', () => {
      const policy = OutboundPolicy.fromConfig(['::ffff:0:0/80']);
      expect(policy.addressError('x.example', '10.0.0.1')).toMatch(/^Refused/);
      expect(policy.addressError('x.example', '8.8.8.8')).toMatch(/^Refused/);
    });

    it('is a validated kibana.yml setting defaulting to "*"', () => {
      expect(configSchema.validate({}).allowedHosts).toEqual(['*']);
      expect(
        configSchema.validate({ allowedHosts: ['127.0.0.0/8', 'localhost'] }).allowedHosts
      ).toEqual(['127.0.0.0/8', 'localhost']);
      expect(() => configSchema.validate({ allowedHosts: ['*.example.com'] })).toThrow(/wildcards/);
    });
  });

  it('has an error class for refusals', () => {
    const error = new OutboundRefusedError(anyPublic.addressError('x', '10.0.0.1')!);
    expect(error).toBeInstanceOf(Error);
    expect(error.name).toBe('OutboundRefusedError');
    expect(error.message).toMatch(/audit_sources\.allowedHosts/);
  });
});
