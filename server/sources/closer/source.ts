import { closerSource } from '../../../common/sources/closer/definition';
import { defineServerSource } from '../server_source';
import { CloserCheckpoint } from './checkpoint';
import {
  closerCredentials,
  closerPollConfig,
  closerSecretValues,
  type CloserConnector,
} from './connector_settings';
import { closerMapper } from './mapper';
import { pollCloser } from './poll';
import { previewCloser, testCloser } from './probe';

export const closerServerSource = defineServerSource<CloserConnector, CloserCheckpoint>({
  definition: closerSource,
  mapper: closerMapper,
  checkpoint: CloserCheckpoint,
  cursorOf: (checkpoint) => checkpoint.until,
  secretValues: closerSecretValues,
  poll: (connector, deps) =>
    pollCloser(closerPollConfig(connector, deps.startedAtMs), closerCredentials(connector), deps),
  test: testCloser,
  preview: previewCloser,
});
