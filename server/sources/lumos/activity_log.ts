import * as t from 'io-ts';

/*
 * Codecs for Lumos's `GET /activity_logs` (fastapi-pagination `LimitOffsetPage[ActivityLog]`).
 * The page is decoded strictly (a body we cannot page through is an error naming the field) but
 * its items only as `unknown`: each item is decoded on its own, so one malformed item becomes a
 * pipeline_error document instead of sinking the 99 good ones beside it.
 */

const nullableString = t.union([t.string, t.null]);
const nullableInt = t.union([t.Int, t.null]);

/** Relative `path?query` links; only `next` drives paging. All keys nullable (2026 spec). */
export const LumosLinks = t.partial(
  {
    first: nullableString,
    last: nullableString,
    self: nullableString,
    next: nullableString,
    prev: nullableString,
  },
  'LumosLinks'
);
export type LumosLinks = t.TypeOf<typeof LumosLinks>;

export const LumosActivityLogPage = t.intersection(
  [
    t.type({ items: t.array(t.unknown) }),
    // Required-but-nullable in the 2026 spec, absent in 2024's: accept both.
    t.partial({
      total: nullableInt,
      limit: nullableInt,
      offset: nullableInt,
      links: t.union([LumosLinks, t.null]),
    }),
  ],
  'LumosActivityLogPage'
);
export type LumosActivityLogPage = t.TypeOf<typeof LumosActivityLogPage>;

const NonEmptyString = t.refinement(t.string, (s) => s.length > 0, 'NonEmptyString');

/**
 * One activity-log item ("API version of SIEMEvent"). Lenient where Lumos is free-form (actor,
 * targets, event_metadata are open objects; extra keys are kept), strict only where we depend on
 * the value: `event_hash` is our document id, `event_began_at` our `@timestamp` and window key.
 */
export const LumosActivityLog = t.intersection(
  [
    t.type({ event_hash: NonEmptyString }),
    t.partial({
      event_type: nullableString,
      event_type_user_friendly: nullableString,
      outcome: nullableString,
      // Required in 2024, optional and nullable in the 2026 spec.
      event_began_at: nullableString,
      actor: t.union([t.UnknownRecord, t.null]),
      targets: t.union([t.array(t.unknown), t.null]),
      event_metadata: t.union([t.UnknownRecord, t.null]),
    }),
  ],
  'LumosActivityLog'
);
export type LumosActivityLog = t.TypeOf<typeof LumosActivityLog> & Record<string, unknown>;

/** The actor keys we read (the object itself is free-form). */
export interface LumosActor {
  actor_type?: unknown;
  email?: unknown;
  given_name?: unknown;
  family_name?: unknown;
}

/**
 * FastAPI's error body: `{"detail": [{loc, msg, type}, ...]}` for 422 validation errors, or
 * `{"detail": "text"}` from HTTPException (401/403/404).
 */
export const LumosErrorBody = t.type(
  {
    detail: t.union([
      t.string,
      t.array(
        t.intersection([
          t.type({ msg: t.string }),
          t.partial({ loc: t.array(t.union([t.string, t.number])), type: t.string }),
        ])
      ),
    ]),
  },
  'LumosErrorBody'
);
export type LumosErrorBody = t.TypeOf<typeof LumosErrorBody>;

/** `query.limit: Input should be less than or equal to 100; ...` */
export function formatLumosErrorDetail(body: LumosErrorBody): string {
  if (typeof body.detail === 'string') return body.detail;
  return body.detail
    .map((d) => (d.loc && d.loc.length > 0 ? `${d.loc.join('.')}: ${d.msg}` : d.msg))
    .join('; ');
}
