import { cleanSourceIp } from './source_ip';
import { normalizeTimestamp } from './timestamp';
import { splitUrl } from './url_parts';
import { advanceCursor, hitTimestamp, planWindow } from './window';
import { durationMsOrThrow } from '../../../common/duration';
import { parseQueryFilter, parseSince } from './config';
import { repairCategorization } from './ecs_categories';

describe('cleanSourceIp', () => {
  it.each([
    ['/89.187.249.34', { ip: '89.187.249.34' }],
    ['89.187.249.34', { ip: '89.187.249.34' }],
    ['host.example.com/10.1.2.3', { ip: '10.1.2.3', domain: 'host.example.com' }],
    ['/10.1.2.3:8080', { ip: '10.1.2.3', port: 8080 }],
    ['/2001:db8::1', { ip: '2001:db8::1' }],
    ['/[2001:db8::1]:443', { ip: '2001:db8::1', port: 443 }],
    ['/fe80::1%eth0', { ip: 'fe80::1' }],
    ['h/[fe80::1%25]:1', { ip: 'fe80::1', domain: 'h', port: 1 }],
    ['/::ffff:10.0.0.1', { ip: '::ffff:10.0.0.1' }],
    [' /1.2.3.4 ', { ip: '1.2.3.4' }],
  ])('%s', (raw, expected) => {
    expect(cleanSourceIp(raw)).toEqual(expected);
  });
  it.each([
    '',
    '/',
    'unknown',
    '/999.1.1.1',
    '/1.2.3.4:99999',
    '/[::1',
    '/[::1]x',
    'host/',
    '/1.2.3',
  ])('rejects %j', (raw) => {
    expect(cleanSourceIp(raw)).toBeUndefined();
  });
});

describe('splitUrl (like uri_parts)', () => {
  it('splits a full URL, port only when explicit, decoded path and query', () => {
    expect(splitUrl('https://a.closer.app:8443/api/x%20y/logo.png?q=a%2Fb&x=1#frag')).toEqual({
      scheme: 'https',
      domain: 'a.closer.app',
      port: 8443,
      path: '/api/x y/logo.png',
      query: 'q=a/b&x=1',
      fragment: 'frag',
      extension: 'png',
      hasPassword: false,
    });
    expect(splitUrl('http://a.closer.app/api')).toEqual({
      scheme: 'http',
      domain: 'a.closer.app',
      path: '/api',
      hasPassword: false,
    });
    expect(splitUrl('http://a.closer.app:80/')?.port).toBe(80);
  });
  it('keeps an empty query for a bare ?, and none without ?', () => {
    expect(splitUrl('http://h/p?')?.query).toBe('');
    expect(splitUrl('http://h/p')).not.toHaveProperty('query');
    expect(splitUrl('http://h')).toMatchObject({ domain: 'h', path: '' });
  });
  it('handles IPv6 hosts, user info and bad escapes', () => {
    expect(splitUrl('http://[2001:db8::1]:9200/x')).toMatchObject({
      domain: '[2001:db8::1]',
      port: 9200,
    });
    expect(splitUrl('https://bob:pw@h/x')).toMatchObject({ username: 'bob', hasPassword: true });
    expect(splitUrl('https://bob@h/x')).not.toHaveProperty('username');
    expect(splitUrl('http://h/%E0%A4%A')?.path).toBe('/%E0%A4%A');
  });
  it.each(['/relative/path', 'not a url', 'http://', 'http://h:port/x', 'http://h:70000/'])(
    'rejects %j',
    (url) => {
      expect(splitUrl(url)).toBeUndefined();
    }
  );
});

describe('normalizeTimestamp', () => {
  it.each([
    ['2021-05-05T09:27:12.529+0000', '2021-05-05T09:27:12.529Z'],
    ['2021-05-05T09:27:12.529Z', '2021-05-05T09:27:12.529Z'],
    ['2021-05-05T11:27:12.529+02:00', '2021-05-05T09:27:12.529Z'],
    ['2021-05-05T04:27:12-0500', '2021-05-05T09:27:12.000Z'],
    ['2021-05-05T09:27:12.123456789+0000', '2021-05-05T09:27:12.123Z'],
    ['2021-05-05 09:27:12.5', '2021-05-05T09:27:12.500Z'],
    ['2021-05-05T09:27', '2021-05-05T09:27:00.000Z'],
  ])('%s', (input, expected) => {
    expect(normalizeTimestamp(input)).toBe(expected);
  });
  it('accepts epoch millis', () => {
    expect(normalizeTimestamp(1620206832529)).toBe('2021-05-05T09:27:12.529Z');
  });
  it.each([
    '',
    'yesterday',
    '2021-02-30T00:00:00Z',
    '2021-13-01T00:00:00Z',
    '2021-05-05T25:00:00Z',
    '2021-05-05T09:27:12+2500',
  ])('rejects %j', (input) => {
    expect(normalizeTimestamp(input)).toBeUndefined();
  });
});

describe('window and cursor', () => {
  const settings = { lagMs: 60_000, overlapMs: 600_000, sinceMs: 1_000 };
  it('starts from `since` on a first run and ends at now - lag', () => {
    expect(planWindow(undefined, settings, 10_000_000)).toEqual({ from: 1_000, to: 9_940_000 });
  });
  it('re-reads the overlap before the saved cursor (see window.test.ts for why)', () => {
    expect(planWindow(9_900_000, settings, 10_000_000)).toMatchObject({
      from: 9_300_000,
      to: 9_940_000,
    });
    // Far behind with no resumeFrom (a checkpoint from before it existed): the overlap before the
    // cursor is re-read too. A budget stop saves resumeFrom instead (window.test.ts).
    expect(planWindow(5_000, settings, 10_000_000)).toMatchObject({
      from: -595_000,
      previousUntil: 5_000,
    });
  });
  it('has nothing to do when the window is empty', () => {
    expect(planWindow(undefined, { ...settings, sinceMs: 20_000_000 }, 10_000_000)).toBeUndefined();
  });
  it('never moves the cursor backwards', () => {
    expect(advanceCursor(undefined, 5)).toBe(5);
    expect(advanceCursor(10, 5)).toBe(10);
    expect(advanceCursor(10, 15)).toBe(15);
  });
  it('reads the timestamp from sort values', () => {
    expect(hitTimestamp({ sort: [1620206832529, 3] })).toBe(1620206832529);
    expect(hitTimestamp({ sort: ['x'] })).toBeUndefined();
    expect(hitTimestamp({})).toBeUndefined();
  });
});

describe('config parsing', () => {
  it('parses durations, starts and query filters', () => {
    expect(durationMsOrThrow('1m')).toBe(60_000);
    expect(durationMsOrThrow('250')).toBe(250);
    expect(() => durationMsOrThrow('1 minute')).toThrow(/Invalid duration/);
    expect(parseSince('2021-05-05T00:00:00Z', 0)).toBe(Date.parse('2021-05-05T00:00:00Z'));
    expect(parseSince('7d', 8 * 86_400_000)).toBe(86_400_000);
    expect(() => parseSince('soon', 0)).toThrow(/Invalid start/);
    expect(parseQueryFilter('{"term":{"message.user.id":"u1"}}')).toEqual({
      term: { 'message.user.id': 'u1' },
    });
    expect(() => parseQueryFilter('[1]')).toThrow(/query filter/);
    expect(() => parseQueryFilter('{}')).toThrow(/query filter/);
    expect(() => parseQueryFilter('{')).toThrow(/not JSON/);
  });
});

describe('repairCategorization (actions without a table entry)', () => {
  it('keeps valid pairs, drops unknown values and falls back to info', () => {
    expect(repairCategorization(['configuration'], ['change', 'user'])).toEqual({
      category: ['configuration'],
      type: ['change'],
    });
    expect(repairCategorization(['configuration', 'iam'], ['change', 'user'])).toEqual({
      category: ['configuration', 'iam'],
      type: ['change', 'user'],
    });
    expect(repairCategorization(['bogus'], ['user'])).toEqual({
      category: ['configuration'],
      type: ['info'],
    });
    expect(repairCategorization([], [])).toEqual({ category: ['configuration'], type: ['info'] });
  });

  it.each(['constructor', '__proto__', 'toString', 'hasOwnProperty'])(
    'knows no category %j (own entries only, never Object.prototype members)',
    (name) => {
      expect(repairCategorization([name], [name, 'info'])).toEqual({
        category: ['configuration'],
        type: ['info'],
      });
    }
  );
});

describe('url_parts and source_ip on hostile input', () => {
  it('splits a 1 MB URL in linear time and refuses a 1 MB address without scanning it', () => {
    const started = Date.now();
    const parts = splitUrl(`https://h/${'a/'.repeat(500_000)}?${'&'.repeat(100_000)}#x`);
    expect(parts?.domain).toBe('h');
    expect(cleanSourceIp(`${'1'.repeat(1_000_000)}/1.2.3.4`)).toBeUndefined();
    expect(cleanSourceIp(`h/${':'.repeat(1_000_000)}`)).toBeUndefined();
    // Generous bound: only a super-linear pattern would come near it.
    expect(Date.now() - started).toBeLessThan(2_000);
  });
});
