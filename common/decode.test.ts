import * as t from 'io-ts';
import { decodeOrThrow, DecodeError, formatDecodeErrors } from './decode';

const Item = t.type({ event_hash: t.string, actor: t.partial({ email: t.string }) });
const Page = t.type({
  items: t.array(Item),
  links: t.union([t.null, t.type({ next: t.union([t.string, t.null]) })]),
});

describe('formatDecodeErrors', () => {
  it('names the path of each failing field', () => {
    const result = Page.decode({
      items: [
        { event_hash: 'a', actor: {} },
        { event_hash: 42, actor: { email: 1 } },
      ],
      links: null,
    });
    if (result._tag === 'Right') throw new Error('expected failure');
    const message = formatDecodeErrors(result.left);
    expect(message).toContain('items.1.event_hash: expected string, got 42');
    expect(message).toContain('items.1.actor.email: expected string, got 1');
  });

  it('skips union member indexes in the path', () => {
    const result = Page.decode({ items: [], links: { next: 5 } });
    if (result._tag === 'Right') throw new Error('expected failure');
    expect(formatDecodeErrors(result.left)).toContain('links.next: expected');
  });
});

describe('decodeOrThrow', () => {
  it('returns the decoded value or throws a DecodeError naming the field', () => {
    expect(decodeOrThrow(Item, { event_hash: 'x', actor: {} })).toEqual({
      event_hash: 'x',
      actor: {},
    });
    expect(() => decodeOrThrow(Item, { actor: {} }, 'Lumos item')).toThrow(DecodeError);
    expect(() => decodeOrThrow(Item, { actor: {} }, 'Lumos item')).toThrow(
      /Invalid Lumos item: event_hash: expected string, got undefined/
    );
  });
});
