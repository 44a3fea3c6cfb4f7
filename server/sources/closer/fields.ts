import type { FieldMap, FieldSpec } from '../../ingest/ecs_field_map';

const keyword: FieldSpec = { type: 'keyword', ignore_above: 1024 };

/**
 * Every field the Closer mapper writes beyond BASE_FIELDS, typed as in ECS's ecs_flat.yml
 * (wildcard falls back to keyword on clusters without the module). `closer.security.*` keeps
 * Closer's own, pre-repair categorization and where the record came from.
 */
export const CLOSER_FIELDS: FieldMap = {
  'source.ip': { type: 'ip' },
  'source.address': keyword,
  'source.domain': keyword,
  'source.port': { type: 'long' },
  'url.full': { type: 'wildcard', textSubfield: true },
  'url.original': { type: 'wildcard', textSubfield: true },
  'url.scheme': keyword,
  'url.domain': keyword,
  'url.port': { type: 'long' },
  'url.path': { type: 'wildcard' },
  'url.query': { type: 'keyword', ignore_above: 2083 },
  'url.fragment': keyword,
  'url.extension': keyword,
  'url.username': keyword,
  'http.request.method': keyword,
  'http.request.body.content': { type: 'wildcard', textSubfield: true },
  'http.request.body.bytes': { type: 'long' },
  'http.response.status_code': { type: 'long' },
  'http.response.body.content': { type: 'wildcard', textSubfield: true },
  'http.response.body.bytes': { type: 'long' },
  'closer.security.kind': keyword,
  'closer.security.category': keyword,
  'closer.security.type': keyword,
  'closer.security.outcome': keyword,
  'closer.security.ecs_version': keyword,
  'closer.security.source_ip': keyword,
  'closer.security.index': keyword,
};
