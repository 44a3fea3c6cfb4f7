import type { ElasticsearchClient } from '@kbn/core/server';
import { dataStreamPattern } from '../../common/data_streams';
import {
  BASE_FIELDS,
  toMappingProperties,
  type FieldMap,
  type MappingCapabilities,
} from './ecs_field_map';

/** Bumped whenever a template's content changes, so a newer plugin rewrites it. */
export const TEMPLATE_VERSION = 1;

/**
 * Above the built-in `logs` template (100) so our mappings win over the generic ones, below
 * Fleet's integration templates (200) so an installed Elastic integration for the same dataset
 * still takes precedence.
 */
export const TEMPLATE_PRIORITY = 150;

export function indexTemplateName(dataset: string): string {
  return `logs-${dataset}@audit_sources`;
}

/** Fleet's convention for user customisation of one dataset; `logs@custom` covers all logs. */
export function customComponentTemplateName(dataset: string): string {
  return `logs-${dataset}@custom`;
}

export interface IndexTemplateDefinition {
  name: string;
  index_patterns: string[];
  priority: number;
  version: number;
  data_stream: Record<string, never>;
  composed_of: string[];
  ignore_missing_component_templates: string[];
  template: {
    settings: Record<string, unknown>;
    mappings: Record<string, unknown>;
  };
  _meta: Record<string, unknown>;
}

export function buildIndexTemplate(
  dataset: string,
  sourceFields: FieldMap,
  capabilities: MappingCapabilities
): IndexTemplateDefinition {
  // Built-in on a full cluster (x-pack stack templates): ILM policy, logsdb, ECS dynamic
  // templates. Absent on the integ-test distribution, hence ignore_missing.
  const components = [
    'logs@mappings',
    'logs@settings',
    'ecs@mappings',
    'logs@custom',
    customComponentTemplateName(dataset),
  ];
  return {
    name: indexTemplateName(dataset),
    index_patterns: [dataStreamPattern(dataset)],
    priority: TEMPLATE_PRIORITY,
    version: TEMPLATE_VERSION,
    data_stream: {},
    composed_of: components,
    ignore_missing_component_templates: components,
    template: {
      settings: {},
      mappings: {
        // Dates are only what we declare; other strings stay keywords, like ecs@mappings' catch-all.
        date_detection: false,
        dynamic_templates: [
          {
            strings_as_keyword: {
              match_mapping_type: 'string',
              mapping: { type: 'keyword', ignore_above: 1024 },
            },
          },
        ],
        properties: toMappingProperties({ ...BASE_FIELDS, ...sourceFields }, capabilities),
      },
    },
    _meta: { managed_by: 'audit_sources', managed: true, dataset },
  };
}

/**
 * Which optional field types this cluster has. Simulating a one-field template fails with
 * "template after composition is invalid" when the type's module is missing.
 */
export async function detectMappingCapabilities(
  esClient: ElasticsearchClient
): Promise<MappingCapabilities> {
  const supports = async (type: string) => {
    try {
      await esClient.indices.simulateTemplate({
        index_patterns: ['audit-sources-capability-probe-*'],
        template: { mappings: { properties: { probe: { type } } } },
      } as Parameters<ElasticsearchClient['indices']['simulateTemplate']>[0]);
      return true;
    } catch (error) {
      if ((error as { meta?: { statusCode?: number } }).meta?.statusCode === 400) return false;
      throw error;
    }
  };
  const [constantKeyword, matchOnlyText, wildcard] = await Promise.all([
    supports('constant_keyword'),
    supports('match_only_text'),
    supports('wildcard'),
  ]);
  return { constantKeyword, matchOnlyText, wildcard };
}

export interface TemplateSource {
  dataset: string;
  fields: FieldMap;
}

/** Idempotent: PUT replaces the template with identical content. */
export async function installIndexTemplates(
  esClient: ElasticsearchClient,
  sources: readonly TemplateSource[],
  capabilities?: MappingCapabilities
): Promise<IndexTemplateDefinition[]> {
  const resolved = capabilities ?? (await detectMappingCapabilities(esClient));
  const templates = sources.map((s) => buildIndexTemplate(s.dataset, s.fields, resolved));
  for (const { name, ...body } of templates) {
    await esClient.indices.putIndexTemplate({ name, ...body } as Parameters<
      ElasticsearchClient['indices']['putIndexTemplate']
    >[0]);
  }
  return templates;
}
