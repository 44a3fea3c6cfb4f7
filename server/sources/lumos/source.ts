import { lumosSource } from '../../../common/sources/lumos/definition';
import { LumosCheckpoint } from './checkpoint';
import { defineServerSource } from '../server_source';
import { lumosMapper } from './mapper';
import { pollLumos, type LumosConfig } from './poll';
import { previewLumos, testLumos, type LumosConnector } from './probe';

/** Connector settings (the API contract) → what pollLumos takes (it also serves `npm run pull`). */
export function lumosPollConfig(connector: LumosConnector): LumosConfig {
  const { settings } = connector;
  return {
    baseUrl: settings.baseUrl,
    namespace: connector.namespace,
    initialWindow: settings.initialWindow,
    lateArrivalWindow: settings.lateArrivalWindow,
    proxyUrl: settings.proxyUrl,
    caCert: settings.caCertificate,
  };
}

export const lumosServerSource = defineServerSource<LumosConnector, LumosCheckpoint>({
  definition: lumosSource,
  mapper: lumosMapper,
  checkpoint: LumosCheckpoint,
  cursorOf: (checkpoint) => checkpoint.watermark,
  secretValues: ({ secrets }) => [secrets.apiToken].filter(Boolean),
  poll: (connector, deps) =>
    pollLumos(lumosPollConfig(connector), connector.secrets.apiToken, deps),
  test: testLumos,
  preview: previewLumos,
});
