import type { ISavedObjectsRepository } from '@kbn/core/server';
import { CONNECTOR_SAVED_OBJECT_TYPE } from '../saved_objects/constants';
import type { StoredConnectorAttributes } from '../saved_objects/types';
import type { SchedulableConnector } from '../tasks/task_scheduler';

const PAGE_SIZE = 100;

/** Every connector's id, enabled flag and interval, read without decrypting anything. */
export async function listSchedulableConnectors(
  repository: Pick<ISavedObjectsRepository, 'find'>
): Promise<SchedulableConnector[]> {
  const connectors: SchedulableConnector[] = [];
  for (let page = 1; ; page++) {
    const result = await repository.find<StoredConnectorAttributes>({
      type: CONNECTOR_SAVED_OBJECT_TYPE,
      page,
      perPage: PAGE_SIZE,
      fields: ['enabled', 'interval'],
    });
    for (const saved of result.saved_objects) {
      connectors.push({
        id: saved.id,
        enabled: saved.attributes.enabled === true,
        interval: saved.attributes.interval,
      });
    }
    if (result.saved_objects.length < PAGE_SIZE || connectors.length >= result.total) break;
  }
  return connectors;
}
