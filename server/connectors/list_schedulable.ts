import type { ISavedObjectsRepository } from '@kbn/core/server';
import { DEFAULT_SPACE_ID } from '../../common/spaces';
import { CONNECTOR_SAVED_OBJECT_TYPE } from '../saved_objects/constants';
import type { StoredConnectorAttributes } from '../saved_objects/types';
import type { SchedulableConnector } from '../tasks/task_scheduler';

const PAGE_SIZE = 100;

/**
 * Every connector of every space: id, enabled flag, interval and space, read without decrypting
 * anything. A multiple-isolated object is in exactly one space.
 */
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
      namespaces: ['*'],
    });
    for (const saved of result.saved_objects) {
      connectors.push({
        id: saved.id,
        enabled: saved.attributes.enabled === true,
        interval: saved.attributes.interval,
        spaceId: saved.namespaces?.[0] ?? DEFAULT_SPACE_ID,
      });
    }
    if (result.saved_objects.length < PAGE_SIZE || connectors.length >= result.total) break;
  }
  return connectors;
}
