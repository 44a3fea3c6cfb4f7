import { isLeft } from 'fp-ts/Either';
import type * as t from 'io-ts';
import type { RouteValidationFunction } from '@kbn/core/server';
import { formatDecodeErrors } from '../../common/decode';

/**
 * io-ts codecs as Kibana route validation, after Security Solution's buildRouteValidation
 * (x-pack/solutions/security/plugins/security_solution/server/utils/build_validation/
 * route_validation.ts) and osquery's copy of it. Decoding with our exact codecs already strips
 * unknown keys. A failure is a 400 whose message names each failing field
 * (`secrets.apiToken: Lumos API tokens start with lsk_`). `check` adds cross-field rules on the
 * decoded value, keyed by field path like the decode errors.
 */
export function buildRouteValidation<A, O = A>(
  codec: t.Type<A, O, unknown>,
  check?: (value: A) => Record<string, string>
): RouteValidationFunction<A> {
  return (data, { ok, badRequest }) => {
    const decoded = codec.decode(data ?? {});
    if (isLeft(decoded)) return badRequest(formatDecodeErrors(decoded.left));
    const problems = check?.(decoded.right) ?? {};
    const fields = Object.keys(problems);
    if (fields.length > 0) {
      return badRequest(fields.map((field) => `${field}: ${problems[field]}`).join('; '));
    }
    return ok(decoded.right);
  };
}
