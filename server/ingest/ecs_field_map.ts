/**
 * Explicit mappings for every field we write, as a flat ECS-style field map (dotted path to
 * type). Types follow ECS's ecs_flat.yml; where the cluster lacks a type (the integ-test
 * distribution has no constant_keyword, match_only_text or wildcard modules) the template
 * builder substitutes the nearest core type.
 */
export type FieldType =
  | 'keyword'
  | 'constant_keyword'
  | 'wildcard'
  | 'match_only_text'
  | 'text'
  | 'date'
  | 'ip'
  | 'long'
  | 'integer'
  | 'float'
  | 'boolean'
  | 'flattened'
  | 'object';

export interface FieldSpec {
  type: FieldType;
  ignore_above?: number;
  /** false: kept in `_source` only (event.original). */
  index?: false;
  doc_values?: false;
  /** Adds a `.text` match_only_text multi-field, as ECS does for names and URLs. */
  textSubfield?: boolean;
}

export type FieldMap = Readonly<Record<string, FieldSpec>>;

const keyword: FieldSpec = { type: 'keyword', ignore_above: 1024 };

/** Fields common to every source. */
export const BASE_FIELDS: FieldMap = {
  '@timestamp': { type: 'date' },
  'ecs.version': keyword,
  message: { type: 'match_only_text' },
  tags: keyword,
  'data_stream.type': { type: 'constant_keyword' },
  'data_stream.dataset': { type: 'constant_keyword' },
  'data_stream.namespace': { type: 'constant_keyword' },
  'event.kind': keyword,
  'event.category': keyword,
  'event.type': keyword,
  'event.action': keyword,
  'event.outcome': keyword,
  'event.id': keyword,
  'event.created': { type: 'date' },
  'event.ingested': { type: 'date' },
  'event.dataset': keyword,
  'event.module': keyword,
  'event.provider': keyword,
  'event.reason': keyword,
  'event.original': { type: 'keyword', index: false, doc_values: false },
  'error.message': { type: 'match_only_text' },
  'error.type': keyword,
  'user.id': keyword,
  'user.name': { ...keyword, textSubfield: true },
  'user.full_name': { ...keyword, textSubfield: true },
  'user.email': keyword,
  'user.roles': keyword,
  'related.user': keyword,
  'related.ip': { type: 'ip' },
};

export interface MappingCapabilities {
  constantKeyword: boolean;
  matchOnlyText: boolean;
  wildcard: boolean;
}

export const FULL_CLUSTER_CAPABILITIES: MappingCapabilities = {
  constantKeyword: true,
  matchOnlyText: true,
  wildcard: true,
};

export type MappingProperty = Record<string, unknown> & {
  type?: string;
  properties?: Record<string, MappingProperty>;
};

function fieldMapping(spec: FieldSpec, capabilities: MappingCapabilities): MappingProperty {
  const text = capabilities.matchOnlyText ? 'match_only_text' : 'text';
  const mapping: MappingProperty = {};
  switch (spec.type) {
    case 'constant_keyword':
      mapping.type = capabilities.constantKeyword ? 'constant_keyword' : 'keyword';
      break;
    case 'match_only_text':
      mapping.type = text;
      break;
    case 'wildcard':
      // keyword indexes terms up to 32766 bytes; 8191 characters stays below that in UTF-8.
      if (capabilities.wildcard) mapping.type = 'wildcard';
      else Object.assign(mapping, { type: 'keyword', ignore_above: 8191 });
      break;
    default:
      mapping.type = spec.type;
  }
  if (spec.ignore_above !== undefined && mapping.type === 'keyword') {
    mapping.ignore_above = spec.ignore_above;
  }
  if (spec.index === false) mapping.index = false;
  if (spec.doc_values === false) mapping.doc_values = false;
  if (spec.textSubfield) mapping.fields = { text: { type: text } };
  return mapping;
}

/** Turns a flat field map into nested `properties`. */
export function toMappingProperties(
  fields: FieldMap,
  capabilities: MappingCapabilities = FULL_CLUSTER_CAPABILITIES
): Record<string, MappingProperty> {
  const root: Record<string, MappingProperty> = {};
  for (const path of Object.keys(fields).sort()) {
    const segments = path.split('.');
    let level = root;
    for (const segment of segments.slice(0, -1)) {
      const parent = (level[segment] ??= { properties: {} });
      if (!parent.properties) {
        throw new Error(`Field map declares ${path} under a leaf field ${segment}`);
      }
      level = parent.properties;
    }
    const leaf = segments[segments.length - 1];
    const spec = fields[path];
    if (spec.type === 'object') {
      level[leaf] = {
        ...(level[leaf] ?? {}),
        type: 'object',
        properties: level[leaf]?.properties ?? {},
      };
    } else {
      if (level[leaf]?.properties)
        throw new Error(`Field map declares ${path} as both leaf and object`);
      level[leaf] = fieldMapping(spec, capabilities);
    }
  }
  return root;
}
