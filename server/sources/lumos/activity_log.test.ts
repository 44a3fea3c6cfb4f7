import { isRight } from 'fp-ts/Either';
import { decodeOrThrow } from '../../../common/decode';
import {
  LumosActivityLog,
  LumosActivityLogPage,
  LumosErrorBody,
  formatLumosErrorDetail,
} from './activity_log';
import { LumosCheckpoint } from './checkpoint';
import { parseDuration, parseInitialWindow } from '../../../common/duration';

describe('Lumos codecs', () => {
  it("decodes Elastic's mock page (2026 shape) and the 2024 shape without total/limit/offset", () => {
    const page = decodeOrThrow(
      LumosActivityLogPage,
      {
        items: [{ event_hash: '1' }, 'not an item'],
        total: 5,
        limit: 100,
        offset: 0,
        links: {
          first: '/activity_logs?offset=0',
          last: null,
          self: '/activity_logs',
          next: '/activity_logs?offset=2',
          prev: null,
        },
      },
      'page'
    );
    // Items are left for per-item decoding: one bad item does not sink the page.
    expect(page.items).toHaveLength(2);
    expect(isRight(LumosActivityLogPage.decode({ items: [], links: { next: null } }))).toBe(true);
  });

  it('names the field when a page does not decode', () => {
    expect(() => decodeOrThrow(LumosActivityLogPage, { items: {}, total: '5' }, 'page')).toThrow(
      /^Invalid page: items: expected Array<unknown>, got \{\}; total: expected Int, got "5"$/
    );
  });

  it('decodes items leniently, keeping unknown keys, but insists on event_hash', () => {
    const item = {
      event_hash: 'x',
      event_began_at: null,
      actor: { actor_type: 'Lumos' },
      extra: [1],
    };
    expect(decodeOrThrow(LumosActivityLog, item)).toEqual(item);
    expect(() => decodeOrThrow(LumosActivityLog, { event_type: 'USER_LOGIN' })).toThrow(
      /event_hash/
    );
    expect(() => decodeOrThrow(LumosActivityLog, { event_hash: 'x', targets: 'all' })).toThrow(
      /targets/
    );
  });

  it("formats FastAPI's error details", () => {
    const body = decodeOrThrow(LumosErrorBody, {
      detail: [
        {
          loc: ['query', 'since'],
          msg: 'Input should be a valid datetime',
          type: 'datetime_from_date_parsing',
        },
      ],
    });
    expect(formatLumosErrorDetail(body)).toBe('query.since: Input should be a valid datetime');
    expect(formatLumosErrorDetail({ detail: 'Not authenticated' })).toBe('Not authenticated');
  });

  it('round-trips the checkpoint and rejects a bad one', () => {
    const checkpoint = { version: 1 as const, watermark: '2026-01-01T00:00:00.000Z' };
    expect(decodeOrThrow(LumosCheckpoint, LumosCheckpoint.encode(checkpoint))).toEqual(checkpoint);
    expect(() => decodeOrThrow(LumosCheckpoint, { version: 1, watermark: 'soon' })).toThrow(
      /watermark/
    );
  });
});

describe('durations', () => {
  it.each([
    ['30d', 30 * 86_400_000],
    ['180d', 180 * 86_400_000],
    ['12h', 12 * 3_600_000],
    ['90m', 90 * 60_000],
    ['2w', 2 * 604_800_000],
  ])('%s', (text, ms) => {
    expect(parseDuration(text)).toEqual({ ms });
  });

  it('rejects what it cannot read, saying what is accepted', () => {
    expect(parseDuration('6 months')).toEqual({
      error: expect.stringMatching(/whole number followed by ms, s, m, h, d, w/),
    });
    expect(parseDuration('1.5d')).toHaveProperty('error');
    expect(parseDuration('99999999d')).toEqual({ error: expect.stringMatching(/too long/) });
    expect(parseInitialWindow('Everything')).toEqual({ ms: 'everything' });
    expect(parseInitialWindow('forever')).toEqual({
      error: expect.stringMatching(/or "everything"$/),
    });
  });
});

describe('Lumos codecs on hostile JSON', () => {
  function nested(levels: number): unknown {
    let value: unknown = 1;
    for (let i = 0; i < levels; i++) value = [value];
    return value;
  }

  it('reports a page field 10k levels deep as a decode error, not a stack overflow', () => {
    // The codecs do not recurse into values (items are `unknown`); the error text used to.
    expect(() => decodeOrThrow(LumosActivityLogPage, { items: [], total: nested(10_000) })).toThrow(
      /^Invalid value: total: expected Int, got \[\.\.\.\]$/
    );
  });

  it('decodes items whatever their depth without walking into them', () => {
    const page = decodeOrThrow(LumosActivityLogPage, { items: [nested(100_000)] });
    expect(page.items).toHaveLength(1);
    const item = { event_hash: 'h', event_metadata: { deep: nested(100_000) } };
    expect(isRight(LumosActivityLog.decode(item))).toBe(true);
  });
});
