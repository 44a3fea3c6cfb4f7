import { schema, type TypeOf } from '@kbn/config-schema';
import type { PluginConfigDescriptor } from '@kbn/core/server';

/*
 * `audit_sources.*` in kibana.yml. Only what an operator has a reason to change.
 */
export const configSchema = schema.object({
  /** Core reads this to decide whether the plugin starts at all. */
  enabled: schema.boolean({ defaultValue: true }),
  /**
   * Task Manager timeout of one poll run, in minutes. A run stops starting new pages a minute
   * before it (a long backfill then continues in the next run), so larger values mean fewer,
   * longer runs; each run holds one Task Manager slot.
   */
  taskTimeoutMinutes: schema.number({ defaultValue: 5, min: 2, max: 30 }),
});

export type AuditSourcesConfig = TypeOf<typeof configSchema>;

export const config: PluginConfigDescriptor<AuditSourcesConfig> = {
  schema: configSchema,
};
