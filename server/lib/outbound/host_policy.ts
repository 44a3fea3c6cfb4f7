/*
 * Which hosts the plugin may connect to: `audit_sources.allowedHosts` in kibana.yml.
 *
 * Modelled on Kibana Actions' `xpack.actions.allowedHosts`
 * (x-pack/platform/plugins/shared/actions/server/config.ts, `allowedHosts`: host names or `*`,
 * default `['*']`; x-pack/platform/plugins/shared/actions/server/actions_config.ts, `isAllowed`:
 * an exact host-name match or `*`). Two differences, both because a connector's URL is typed by
 * anyone with the feature's write privilege and the response is read back:
 *
 * - the check runs on every address a name resolves to, at connect time (the dispatcher calls
 *   `addressError`), not only on the name in the URL, so a public name pointing at an internal
 *   address (or re-pointed after validation) is refused too;
 * - `*` means "any public address". Loopback, private, shared (CGNAT), link-local, unspecified,
 *   multicast/reserved and cloud-metadata addresses are only reachable when listed explicitly:
 *   by host name (the name is trusted, whatever it resolves to), by IP, or by a CIDR range.
 *
 * IPv4-mapped, IPv4-translated, NAT64 and 6to4 IPv6 forms are judged by the IPv4 address they
 * carry, so `::ffff:169.254.169.254` is link-local like `169.254.169.254`.
 *
 * Everything here is pure and linear in its (short) input: no DNS, no sockets.
 */
import { isIP } from 'node:net';

export const ALLOWED_HOSTS_SETTING = 'audit_sources.allowedHosts';
export const ANY_PUBLIC_HOST = '*';

/** A connection the policy refused; the message names the setting to change. */
export class OutboundRefusedError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'OutboundRefusedError';
  }
}

/** Why an address is not public; `undefined` for a public (global unicast) address. */
export type AddressClass =
  | 'loopback'
  | 'private'
  | 'shared (carrier-grade NAT)'
  | 'link-local'
  | 'cloud metadata'
  | 'unspecified'
  | 'multicast or reserved';

type Bytes = readonly number[];

interface Range {
  bytes: Bytes;
  prefix: number;
}

interface ClassifiedRange extends Range {
  kind: AddressClass;
}

function parseIPv4(text: string): Bytes | undefined {
  // Only the canonical dotted quad (what `net.isIP` accepts): the URL parser has already turned
  // `0x7f.1`, `2130706433` and friends into it, and anything else is refused as "not an IP".
  if (isIP(text) !== 4) return undefined;
  return text.split('.').map(Number);
}

function parseIPv6(input: string): Bytes | undefined {
  const zone = input.indexOf('%');
  const text = zone >= 0 ? input.slice(0, zone) : input;
  if (isIP(text) !== 6) return undefined;
  let head = text;
  const tail: number[] = [];
  // A trailing dotted quad (`::ffff:1.2.3.4`) is the last 32 bits.
  const lastColon = text.lastIndexOf(':');
  if (text.indexOf('.', lastColon) >= 0) {
    const v4 = parseIPv4(text.slice(lastColon + 1));
    if (!v4) return undefined;
    tail.push(...v4);
    head = text.slice(0, lastColon + 1);
    if (head.endsWith(':') && !head.endsWith('::')) head = head.slice(0, -1);
  }
  const groupsOf = (part: string): number[] =>
    part === '' ? [] : part.split(':').map((group) => parseInt(group, 16));
  const gap = head.indexOf('::');
  const left = groupsOf(gap >= 0 ? head.slice(0, gap) : head);
  const right = gap >= 0 ? groupsOf(head.slice(gap + 2)) : [];
  const missing = 8 - tail.length / 2 - left.length - right.length;
  if (missing < 0 || (gap < 0 && missing !== 0)) return undefined;
  const groups = [...left, ...new Array<number>(missing).fill(0), ...right];
  const bytes: number[] = [];
  for (const group of groups) {
    if (!Number.isInteger(group) || group < 0 || group > 0xffff) return undefined;
    bytes.push(group >> 8, group & 0xff);
  }
  return [...bytes, ...tail];
}

/** Bytes of a literal address (4 or 16), brackets and an IPv6 zone allowed. */
function parseAddress(text: string): Bytes | undefined {
  const bare = text.startsWith('[') && text.endsWith(']') ? text.slice(1, -1) : text;
  return parseIPv4(bare) ?? parseIPv6(bare);
}

function inRange(bytes: Bytes, range: Range): boolean {
  if (bytes.length !== range.bytes.length) return false;
  let bits = range.prefix;
  for (let i = 0; bits > 0; i++, bits -= 8) {
    const mask = bits >= 8 ? 0xff : (0xff << (8 - bits)) & 0xff;
    if ((bytes[i] & mask) !== (range.bytes[i] & mask)) return false;
  }
  return true;
}

function range(cidr: string, kind: AddressClass): ClassifiedRange {
  const [address, prefix] = cidr.split('/');
  const bytes = parseAddress(address);
  if (!bytes) throw new Error(`bad built-in range ${cidr}`);
  return { bytes, prefix: Number(prefix ?? bytes.length * 8), kind };
}

/**
 * Instance-metadata services (AWS IMDS/ECS/DNS/NTP, GCP, Azure, OpenStack, Oracle, Alibaba,
 * Tencent). All sit in ranges refused anyway; naming them gives a clearer message, and they
 * are checked first so that listing e.g. `169.254.0.0/16` for a link-local service still does
 * not open them (only listing the address itself does).
 */
const METADATA_ADDRESSES: readonly ClassifiedRange[] = [
  '169.254.169.254',
  '169.254.170.2',
  '169.254.169.253',
  '169.254.169.123',
  '169.254.0.23',
  '100.100.100.200',
  '192.0.0.192',
  'fd00:ec2::254',
  'fd00:ec2::253',
  'fd00:ec2::123',
  'fd20:ce::254',
].map((address) => range(address, 'cloud metadata'));

/** Host names of metadata services (and their resolvers' search-domain short forms). */
const METADATA_NAMES = new Set([
  'metadata',
  'metadata.google.internal',
  'metadata.goog',
  'instance-data',
  'instance-data.ec2.internal',
  'metadata.tencentyun.com',
]);

const LOOPBACK_NAMES = new Set([
  'localhost',
  'localhost.localdomain',
  'ip6-localhost',
  'ip6-loopback',
]);

const IPV4_RANGES: readonly ClassifiedRange[] = [
  range('0.0.0.0/32', 'unspecified'),
  range('0.0.0.0/8', 'multicast or reserved'),
  range('10.0.0.0/8', 'private'),
  range('100.64.0.0/10', 'shared (carrier-grade NAT)'),
  range('127.0.0.0/8', 'loopback'),
  range('169.254.0.0/16', 'link-local'),
  range('172.16.0.0/12', 'private'),
  range('192.0.0.0/24', 'multicast or reserved'),
  range('192.168.0.0/16', 'private'),
  range('198.18.0.0/15', 'private'),
  range('224.0.0.0/4', 'multicast or reserved'),
  range('240.0.0.0/4', 'multicast or reserved'),
];

const IPV6_RANGES: readonly ClassifiedRange[] = [
  range('::/128', 'unspecified'),
  range('::1/128', 'loopback'),
  // IPv4-compatible (deprecated): never a public destination.
  range('::/96', 'multicast or reserved'),
  range('64:ff9b:1::/48', 'private'),
  range('100::/64', 'multicast or reserved'),
  // Teredo: the IPv4 it reaches is obfuscated; not worth the risk.
  range('2001::/32', 'multicast or reserved'),
  range('fc00::/7', 'private'),
  range('fe80::/10', 'link-local'),
  range('fec0::/10', 'private'),
  range('ff00::/8', 'multicast or reserved'),
];

/** IPv6 forms that carry an IPv4 address, and where its 4 bytes are. */
const EMBEDDED_IPV4: ReadonlyArray<{ range: Range; offset: number }> = [
  { range: range('::ffff:0:0/96', 'private'), offset: 12 }, // IPv4-mapped
  { range: range('::ffff:0:0:0/96', 'private'), offset: 12 }, // IPv4-translated (SIIT)
  { range: range('64:ff9b::/96', 'private'), offset: 12 }, // NAT64 well-known prefix
  { range: range('2002::/16', 'private'), offset: 2 }, // 6to4
];

/** The IPv4 address an IPv6 address stands for, or the bytes as they are. */
function canonical(bytes: Bytes): Bytes {
  if (bytes.length !== 16) return bytes;
  for (const { range: embedding, offset } of EMBEDDED_IPV4) {
    if (inRange(bytes, embedding)) return bytes.slice(offset, offset + 4);
  }
  return bytes;
}

function classifyBytes(bytes: Bytes): AddressClass | undefined {
  const address = canonical(bytes);
  if (METADATA_ADDRESSES.some((r) => inRange(address, r))) return 'cloud metadata';
  const ranges = address.length === 4 ? IPV4_RANGES : IPV6_RANGES;
  return ranges.find((r) => inRange(address, r))?.kind;
}

/** Why `address` is not a public address, or undefined when it is one. Unparseable: reserved. */
export function classifyAddress(address: string): AddressClass | undefined {
  const bytes = parseAddress(address);
  return bytes ? classifyBytes(bytes) : 'multicast or reserved';
}

/**
 * A host name as it is compared: lower case, no trailing dot, IPv6 without brackets. Goes
 * through the WHATWG URL parser so that `0x7f.1` and `127.1` become `127.0.0.1` exactly as they
 * will when the URL is fetched; undefined when it is not a valid host at all.
 */
export function normalizeHost(host: string): string | undefined {
  const trimmed = host.trim();
  if (trimmed === '' || trimmed.length > 253 + 2) return undefined;
  const inner = trimmed.startsWith('[') && trimmed.endsWith(']') ? trimmed.slice(1, -1) : trimmed;
  const v6 = isIP(inner) === 6;
  // A port, path, user info or query is not part of a host (`a:80` would parse as `a`).
  if (!v6 && /[/?#@\\:[\]]/.test(trimmed)) return undefined;
  const bracketed = v6 ? `[${inner}]` : trimmed;
  let hostname: string;
  try {
    const url = new URL(`http://${bracketed}/`);
    if (url.port !== '' || url.username !== '' || url.pathname !== '/') return undefined;
    if (url.search !== '' || url.hash !== '') return undefined;
    hostname = url.hostname;
  } catch {
    return undefined;
  }
  if (hostname.startsWith('[') && hostname.endsWith(']')) hostname = hostname.slice(1, -1);
  return hostname.endsWith('.') ? hostname.slice(0, -1) : hostname;
}

const HOST_LABEL = /^[a-z0-9_](?:[a-z0-9_-]{0,61}[a-z0-9_])?$/;

function isHostName(host: string): boolean {
  return host.length <= 253 && host.split('.').every((label) => HOST_LABEL.test(label));
}

type Entry =
  { type: 'any' } | { type: 'name'; name: string } | { type: 'range'; range: Range; text: string };

/**
 * A listed range as `canonical` will compare it: an IPv4-carrying IPv6 range becomes the IPv4
 * range when its prefix covers the embedding; a shorter one stays IPv6 and so matches nothing
 * IPv4 (refused rather than opened wider than written).
 */
function storedRange(bytes: Bytes, prefix: number): Range {
  if (bytes.length === 16) {
    for (const { range: embedding, offset } of EMBEDDED_IPV4) {
      const v4Prefix = prefix - offset * 8;
      if (inRange(bytes, embedding) && v4Prefix >= 0 && v4Prefix <= 32) {
        return { bytes: bytes.slice(offset, offset + 4), prefix: v4Prefix };
      }
    }
  }
  return { bytes, prefix };
}

/** One `allowedHosts` entry, or a message saying what is accepted. */
export function parseAllowedHostEntry(text: string): Entry | string {
  const value = text.trim().toLowerCase();
  if (value === ANY_PUBLIC_HOST) return { type: 'any' };
  const slash = value.indexOf('/');
  if (slash >= 0) {
    const bytes = parseAddress(value.slice(0, slash));
    const prefixText = value.slice(slash + 1);
    const max = bytes ? bytes.length * 8 : 0;
    if (!bytes || !/^\d{1,3}$/.test(prefixText) || Number(prefixText) > max) {
      return `"${text}" is not a CIDR range such as 10.0.0.0/8 or fd00::/8`;
    }
    const prefix = Number(prefixText);
    if (prefix === 0) return `"${text}" would allow every address: use "*" for public addresses`;
    return { type: 'range', range: storedRange(bytes, prefix), text: value };
  }
  const bytes = parseAddress(value);
  if (bytes) {
    return { type: 'range', range: storedRange(bytes, bytes.length * 8), text: value };
  }
  const name = normalizeHost(value);
  // An ASCII entry must already be what the URL parser makes of it (`0x7f.1` is not a name);
  // an internationalized one is kept in the punycode form URLs will carry.
  const ascii = /^[\x21-\x7e]*$/.test(value);
  if (name === undefined || !isHostName(name) || (ascii && name !== value.replace(/\.$/, ''))) {
    return `"${text}" is not a host name, an IP address, a CIDR range or "*" (wildcards such as *.example.com are not supported)`;
  }
  return { type: 'name', name };
}

/** Message for kibana.yml validation, undefined when the entry is valid. */
export function allowedHostEntryError(text: string): string | undefined {
  const parsed = parseAllowedHostEntry(text);
  return typeof parsed === 'string' ? parsed : undefined;
}

/** How to write `address` in allowedHosts: IPv4 for every IPv4-carrying form. */
function entryFor(address: string | undefined): string {
  const bytes = address === undefined ? undefined : parseAddress(address);
  if (!bytes) return address ?? '';
  const target = canonical(bytes);
  if (target.length === 4) return target.join('.');
  const zone = address!.indexOf('%');
  const bare = zone >= 0 ? address!.slice(0, zone) : address!;
  return normalizeHost(bare) ?? bare;
}

function describeClass(kind: AddressClass): string {
  return kind === 'unspecified' ? 'the unspecified address' : `a ${kind} address`;
}

export class OutboundPolicy {
  private readonly anyPublic: boolean;
  private readonly names: ReadonlySet<string>;
  private readonly ranges: readonly Range[];

  private constructor(entries: readonly Entry[]) {
    this.anyPublic = entries.some((e) => e.type === 'any');
    this.names = new Set(entries.flatMap((e) => (e.type === 'name' ? [e.name] : [])));
    this.ranges = entries.flatMap((e) => (e.type === 'range' ? [e.range] : []));
  }

  /** Throws on an entry that is not valid (kibana.yml has validated them already). */
  static fromConfig(allowedHosts: readonly string[]): OutboundPolicy {
    return new OutboundPolicy(
      allowedHosts.map((text) => {
        const parsed = parseAllowedHostEntry(text);
        if (typeof parsed === 'string') throw new Error(`${ALLOWED_HOSTS_SETTING}: ${parsed}`);
        return parsed;
      })
    );
  }

  /**
   * Validation time (routes, forms, CLIs): the host of a URL, a name or a literal IP. Undefined
   * when it may be tried; the connection is checked again for every resolved address.
   */
  hostError(hostname: string): string | undefined {
    const host = normalizeHost(hostname);
    if (host === undefined) return `"${hostname}" is not a valid host`;
    if (parseAddress(host)) return this.addressError(host, host);
    if (this.names.has(host)) return undefined;
    if (METADATA_NAMES.has(host)) return this.refusal(host, undefined, 'cloud metadata');
    if (LOOPBACK_NAMES.has(host) || host.endsWith('.localhost')) {
      return this.refusal(host, undefined, 'loopback');
    }
    return this.anyPublic ? undefined : this.notListed(host);
  }

  /**
   * Connect time, for every address `hostname` resolved to (or the literal IP itself, with
   * `hostname` equal to it). Undefined when the connection may be opened.
   */
  addressError(hostname: string, address: string): string | undefined {
    const host = normalizeHost(hostname) ?? hostname;
    const bytes = parseAddress(address);
    if (!bytes) return `Refused to connect to ${host}: "${address}" is not an IP address`;
    const target = canonical(bytes);
    const kind = classifyBytes(bytes);
    if (this.names.has(host)) {
      // A listed host name is trusted whatever it resolves to (the operator chose it), except
      // into cloud metadata: a re-pointed DNS record must not open the instance's credentials.
      // Listing the metadata name itself, or the exact address, still does.
      if (kind !== 'cloud metadata' || METADATA_NAMES.has(host) || this.listsExactly(target)) {
        return undefined;
      }
      return this.refusal(host, address, kind);
    }
    if (this.ranges.some((r) => inRange(target, r))) {
      // A listed range opens its addresses, but a metadata address only when listed exactly:
      // allowing 169.254.0.0/16 for a link-local service must not open the instance's IMDS.
      if (kind !== 'cloud metadata' || this.listsExactly(target)) return undefined;
      return this.refusal(host, address, kind);
    }
    if (kind !== undefined) return this.refusal(host, address, kind);
    return this.anyPublic ? undefined : this.notListed(host);
  }

  /** `hostError` of a URL's host; for a URL that does not parse, a message saying so. */
  urlError(url: string): string | undefined {
    let parsed: URL;
    try {
      parsed = new URL(url);
    } catch {
      return 'Not a valid URL';
    }
    return this.hostError(parsed.hostname);
  }

  private listsExactly(target: Bytes): boolean {
    return this.ranges.some((r) => r.prefix === target.length * 8 && inRange(target, r));
  }

  private refusal(host: string, address: string | undefined, kind: AddressClass): string {
    const literal = address === host;
    const where = address === undefined || literal ? host : `${host} (${address})`;
    const choices = [
      ...(literal ? [] : [`"${host}"`]),
      ...(address === undefined ? [] : [`"${entryFor(address)}"`]),
    ];
    // A range is no way to open a metadata address (see addressError).
    if (address !== undefined && kind !== 'cloud metadata')
      choices.push('a CIDR range containing it');
    const advice =
      kind === 'cloud metadata'
        ? 'Connections to cloud metadata services are refused unless listed explicitly'
        : 'To allow it ("*" only covers public addresses)';
    return `Refused to connect to ${where}: ${describeClass(kind)}. ${advice}: list ${choices.join(' or ')} in ${ALLOWED_HOSTS_SETTING} (kibana.yml)`;
  }

  private notListed(host: string): string {
    return `Refused to connect to ${host}: it is not listed in ${ALLOWED_HOSTS_SETTING} (kibana.yml)`;
  }
}

/** The default of `audit_sources.allowedHosts`: any public address, nothing internal. */
export const DEFAULT_ALLOWED_HOSTS: readonly string[] = [ANY_PUBLIC_HOST];
