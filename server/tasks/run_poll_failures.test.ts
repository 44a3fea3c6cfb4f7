/*
 * runPoll and failures the app must show: a connector that can no longer be decrypted, error
 * text of any length, and secrets in what the sources log.
 */
import { MAX_HEALTH_MESSAGE_CHARS } from '../../common/connectors/health';
import { CLOSER_PASSWORD } from '../__mocks__/connectors_harness';
import {
  CLOSER_CONNECTOR as closer,
  closerCaughtUp,
  FIRST_RUN as initial,
  RUN_POLL_NOW as NOW,
  runPollHarness,
} from '../__mocks__/run_poll_harness';
import { OutboundPolicy } from '../lib/outbound/host_policy';
import { CONNECTOR_SAVED_OBJECT_TYPE } from '../saved_objects/constants';
import { runPoll, type Pollers } from './run_poll';

const ID = '5f2c9a7e-1b3d-4e6f-8a9b-0c1d2e3f4a5b';

/** What Encrypted Saved Objects throws when the key changed (Kibana's EncryptionError). */
function decryptionError(): Error {
  return Object.assign(new Error(`Unable to decrypt attribute "secrets" of saved object "${ID}"`), {
    attributeName: 'secrets',
    operation: 'decryption',
  });
}

/** A Closer connector whose poller, unless replaced, saves one checkpoint and catches up. */
function setup(pollers: Partial<Pollers> = {}) {
  return runPollHarness({
    id: ID,
    attributes: closer,
    pollers: {
      ...pollers,
      closer:
        pollers.closer ??
        (jest.fn(async (_connector, pollDeps) => {
          const outcome = closerCaughtUp();
          await pollDeps.checkpoints.save(outcome.checkpoint);
          return outcome;
        }) as unknown as Pollers['closer']),
    },
    outbound: OutboundPolicy.fromConfig(['*']),
  });
}

describe('runPoll: pre-run failures show in health', () => {
  it('turns a healthy connector failing, with the reason and the fix, when its secrets cannot be decrypted', async () => {
    const { deps, state } = setup();
    await runPoll({ connectorId: ID }, initial, deps);
    expect(state()?.health.status).toBe('healthy');

    // The encryption key changed: the next runs cannot decrypt the connector.
    deps.loadConnector = async () => {
      throw decryptionError();
    };
    const result = await runPoll({ connectorId: ID }, { runs: 1, consecutiveFailures: 0 }, deps);
    expect(result).toEqual({ state: { runs: 2, consecutiveFailures: 1 } });
    const health = state()!.health;
    expect(health.status).toBe('failing');
    expect(health.lastError?.message).toMatch(
      /^Could not decrypt the connector's secrets, so no events are read: .*encryptionKey.*Edit the connector and enter its secrets .* again/
    );
    expect(health.recentRuns[0]).toMatchObject({ outcome: 'failure', caughtUp: false });
    // The checkpoint of the last good run stays for when the secrets are entered again.
    expect(state()!.checkpoint).toMatchObject({ until: NOW.toISOString() });
  });

  it('records the failure for a connector that never ran (no state yet), reading its kind raw', async () => {
    const { deps, repository, state } = setup();
    // The connector object as stored (secrets still encrypted): only its kind is read.
    await repository.create(
      CONNECTOR_SAVED_OBJECT_TYPE,
      { ...closer, secrets: 'ciphertext' },
      { id: ID }
    );
    deps.loadConnector = async () => {
      throw decryptionError();
    };
    await runPoll({ connectorId: ID }, initial, deps);
    expect(state()).toMatchObject({ kind: 'closer', health: { status: 'failing' } });
  });

  it('records any other failure to load the connector too', async () => {
    const { deps, state } = setup();
    await runPoll({ connectorId: ID }, initial, deps);
    deps.loadConnector = async () => {
      throw new Error('No living connections');
    };
    await runPoll({ connectorId: ID }, initial, deps);
    expect(state()!.health).toMatchObject({
      status: 'failing',
      lastError: { message: 'Could not load the connector before polling: No living connections' },
    });
  });
});

/** What the Elasticsearch client throws when the destination refuses the credentials. */
function unauthenticated(): Error {
  return Object.assign(
    new Error('security_exception: missing authentication credentials for REST request [/_bulk]'),
    { name: 'ResponseError', meta: { statusCode: 401 } }
  );
}

describe('runPoll: the destination refuses the writer (401)', () => {
  const keyed = {
    ...closer,
    apiKey: Buffer.from('key-9:writer-secret').toString('base64'),
    apiKeyId: 'key-9',
    apiKeyOwner: 'alice',
    apiKeyCreatedByUser: false,
  };
  function refused(apiKeysEnabled: () => Promise<boolean>) {
    const h = runPollHarness({
      id: ID,
      attributes: keyed,
      pollers: {
        closer: jest.fn(async () => {
          throw unauthenticated();
        }) as unknown as Pollers['closer'],
      },
      outbound: OutboundPolicy.fromConfig(['*']),
    });
    h.deps.apiKeysEnabled = jest.fn(apiKeysEnabled);
    return h;
  }

  it('shows failing health naming disabled API keys and the fix, and keeps the schedule', async () => {
    const { deps, state } = refused(async () => false);
    const result = await runPoll({ connectorId: ID }, initial, deps);
    expect(result).toEqual({
      state: { runs: 1, consecutiveFailures: 1 },
      schedule: { interval: '1m' },
    });
    const health = state()!.health;
    expect(health.status).toBe('failing');
    expect(health.lastError!.message).toMatch(
      /^Elasticsearch refused the credentials this connector writes with \(401\).*xpack\.security\.authc\.api_key\.enabled: false.*user "alice" \(id key-9\)/
    );
    expect(JSON.stringify(state())).not.toContain('writer-secret');
  });

  it('names a revoked key when API keys are enabled', async () => {
    const { deps, state } = refused(async () => true);
    await runPoll({ connectorId: ID }, initial, deps);
    expect(state()!.health.lastError!.message).toContain(
      'the writer API key granted for user "alice" (id key-9) was not accepted'
    );
  });

  it('still explains the 401 when Kibana cannot say whether keys are enabled', async () => {
    const { deps, state } = refused(async () => {
      throw new Error('No living connections');
    });
    await runPoll({ connectorId: ID }, initial, deps);
    expect(state()!.health.lastError!.message).toContain(
      'or API keys have been disabled on the cluster'
    );
  });

  it('warns once when the refusal starts, records every run, and logs repeats at debug', async () => {
    const { deps, state, logger } = refused(async () => false);
    await runPoll({ connectorId: ID }, initial, deps);
    await runPoll({ connectorId: ID }, { runs: 1, consecutiveFailures: 1 }, deps);
    await runPoll({ connectorId: ID }, { runs: 2, consecutiveFailures: 2 }, deps);
    expect(logger.warn).toHaveBeenCalledTimes(1);
    expect(logger.debug).toHaveBeenCalledWith(expect.stringContaining('failed again'));
    expect(state()!.health.recentRuns.map((run) => run.outcome)).toEqual([
      'failure',
      'failure',
      'failure',
    ]);
  });
});

describe('runPoll: stored error text is capped', () => {
  it('stores at most MAX_HEALTH_MESSAGE_CHARS of a huge error, redacted first', async () => {
    const { deps, state } = setup({
      closer: jest.fn(async () => {
        // The secret straddles the cap: capping before redaction would leave its start.
        throw new Error(
          `${'x'.repeat(MAX_HEALTH_MESSAGE_CHARS - 10)}${CLOSER_PASSWORD}${'y'.repeat(100_000)}`
        );
      }) as unknown as Pollers['closer'],
    });
    await runPoll({ connectorId: ID }, initial, deps);
    const health = state()!.health;
    expect(health.lastError!.message.length).toBeLessThanOrEqual(MAX_HEALTH_MESSAGE_CHARS);
    expect(health.lastError!.message).toMatch(/\[cut\]$/);
    expect(health.recentRuns[0].error!.length).toBeLessThanOrEqual(MAX_HEALTH_MESSAGE_CHARS);
    expect(JSON.stringify(state())).not.toContain('closer-Pass');
  });
});

describe('runPoll: what sources log is redacted', () => {
  it("hides the password and base64(user:password) in the sources' log lines", async () => {
    const basic = Buffer.from(`reader:${CLOSER_PASSWORD}`).toString('base64');
    const { deps, logger } = setup({
      closer: jest.fn(async (_connector, pollDeps) => {
        // E.g. the Closer restart warning quoting a proxy that echoed the request headers.
        pollDeps.logger?.warn(`Closer: answered 502: echo authorization: Basic ${basic}`);
        pollDeps.logger?.debug(`password was ${CLOSER_PASSWORD}`);
        return closerCaughtUp();
      }) as unknown as Pollers['closer'],
    });
    await runPoll({ connectorId: ID }, initial, deps);
    const logged = logger.messages().join('\n');
    // The whole value, user name part included (closerSecretValues adds user:password).
    expect(logged).toContain('echo authorization: Basic [redacted]');
    expect(logged).not.toContain(basic);
    expect(logged).not.toContain(CLOSER_PASSWORD);
  });
});
