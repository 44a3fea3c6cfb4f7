import { schema, type TypeOf } from '@kbn/config-schema';
import type { PluginConfigDescriptor } from '@kbn/core/server';
import { allowedHostEntryError, DEFAULT_ALLOWED_HOSTS } from './lib/outbound/host_policy';

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
  /**
   * How a long backfill is cut into runs. The defaults leave it to the time budget above; the
   * knobs exist so that tests (and operators who want shorter Task Manager slots) can make a
   * backfill span several runs without waiting minutes per run.
   */
  /**
   * Where connectors may connect (server/lib/outbound/host_policy.ts). As Kibana Actions'
   * `xpack.actions.allowedHosts` (x-pack/platform/plugins/shared/actions/server/config.ts):
   * host names or `*`, default `*`; here also IPs and CIDR ranges, and `*` only covers public
   * addresses: loopback, private, link-local and cloud-metadata ones must be listed.
   */
  allowedHosts: schema.arrayOf(schema.string({ validate: allowedHostEntryError }), {
    defaultValue: [...DEFAULT_ALLOWED_HOSTS],
    maxSize: 1000,
  }),
  poll: schema.object({
    /**
     * Stop a run after about this many records (unset: no record limit, only the time budget).
     * The run still finishes the window it is in, so the checkpoint stays consistent.
     */
    maxRecordsPerRun: schema.maybe(schema.number({ min: 100 })),
    /** Pause between two runs of a backfill that is not caught up yet. */
    continueDelaySeconds: schema.number({ defaultValue: 10, min: 1, max: 600 }),
  }),
});

export type AuditSourcesConfig = TypeOf<typeof configSchema>;

export const config: PluginConfigDescriptor<AuditSourcesConfig> = {
  schema: configSchema,
};
