import type { ElasticsearchClient, Logger } from '@kbn/core/server';
import { installIndexTemplates } from '../ingest/index_templates';
import { SOURCE_MAPPERS } from '../sources/mappers';

export const TEMPLATE_RETRY_DELAYS_MS = [10_000, 30_000, 60_000, 300_000];

/**
 * Installs the index templates of both sources as the internal user, in the background: start-up
 * must not wait on (or fail because of) Elasticsearch. A failure is logged and retried with
 * growing delays (the last one repeating) until it succeeds or the plugin stops. Idempotent:
 * every attempt PUTs the same templates.
 */
export function installTemplatesInBackground(
  esClient: ElasticsearchClient,
  logger: Logger,
  delays: readonly number[] = TEMPLATE_RETRY_DELAYS_MS
): { done: Promise<boolean>; stop: () => void } {
  let stopped = false;
  let timer: NodeJS.Timeout | undefined;
  let wake: (() => void) | undefined;
  const sources = Object.values(SOURCE_MAPPERS).map((mapper) => ({
    dataset: mapper.source.dataset,
    fields: mapper.fields,
  }));
  const done = (async () => {
    for (let attempt = 0; !stopped; attempt++) {
      try {
        const templates = await installIndexTemplates(esClient, sources);
        logger.debug(`Installed index templates ${templates.map((t) => t.name).join(', ')}`);
        return true;
      } catch (error) {
        const delay = delays[Math.min(attempt, delays.length - 1)];
        logger.warn(
          `Could not install the index templates (${(error as Error).message}); retrying in ${Math.round(delay / 1000)}s`
        );
        await new Promise<void>((resolve) => {
          wake = resolve;
          timer = setTimeout(resolve, delay);
        });
      }
    }
    return false;
  })();
  return {
    done,
    stop: () => {
      stopped = true;
      if (timer) clearTimeout(timer);
      wake?.();
    },
  };
}
