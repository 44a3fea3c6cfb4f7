import { useCallback, useEffect, useRef, useState } from 'react';
import { i18n } from '@kbn/i18n';
import type { ConnectorView } from '../../common/connectors/view';
import { useNotify, useServices } from '../application/app_context';
import { errorMessage } from '../services/http_error';
import { usePolling } from '../services/use_polling';

export interface ConnectorsState {
  connectors: ConnectorView[] | undefined;
  /** The space the list is of, once loaded. */
  spaceId: string | undefined;
  /** Message of the last failed load; the page shows it inline. */
  error: string | undefined;
  loading: boolean;
  reload: () => Promise<void>;
  /** Replace one connector in place after an action. */
  upsert: (connector: ConnectorView) => void;
  remove: (id: string) => void;
  /** When the list was last fetched: the "now" of backfill progress. */
  fetchedAt: number;
}

/**
 * The connectors list, polled while the page is open. A failed first load toasts; failed
 * refreshes only update the inline error (a toast every few seconds would bury the page).
 */
export function useConnectors(): ConnectorsState {
  const { api, pollIntervalMs } = useServices();
  const notify = useNotify();
  const [connectors, setConnectors] = useState<ConnectorView[] | undefined>();
  const [spaceId, setSpaceId] = useState<string | undefined>();
  const [error, setError] = useState<string | undefined>();
  const [loading, setLoading] = useState(true);
  const [fetchedAt, setFetchedAt] = useState(Date.now());
  const mounted = useRef(true);
  useEffect(
    () => () => {
      mounted.current = false;
    },
    []
  );

  const load = useCallback(
    async (initial: boolean) => {
      try {
        const list = await api.listConnectors();
        if (!mounted.current) return;
        setConnectors(list.connectors);
        setSpaceId(list.spaceId);
        setError(undefined);
        setFetchedAt(Date.now());
      } catch (caught) {
        if (!mounted.current) return;
        setError(errorMessage(caught));
        if (initial) {
          notify.error(
            caught,
            i18n.translate('auditSources.connectors.loadFailedTitle', {
              defaultMessage: 'Could not load connectors',
            })
          );
        }
      } finally {
        if (mounted.current) setLoading(false);
      }
    },
    [api, notify]
  );

  useEffect(() => {
    void load(true);
  }, [load]);
  usePolling(() => load(false), pollIntervalMs);

  const reload = useCallback(() => load(false), [load]);
  const upsert = useCallback((connector: ConnectorView) => {
    setConnectors((current) => {
      if (!current) return [connector];
      const at = current.findIndex((c) => c.id === connector.id);
      if (at < 0) return [...current, connector];
      const next = [...current];
      next[at] = connector;
      return next;
    });
  }, []);
  const remove = useCallback((id: string) => {
    setConnectors((current) => current?.filter((c) => c.id !== id));
  }, []);

  return { connectors, spaceId, error, loading, reload, upsert, remove, fetchedAt };
}

/** How many requests a bulk action keeps in flight: enough to be quick, few enough to be kind. */
const BULK_CONCURRENCY = 4;

/** Runs `work` on every item, at most `limit` at a time; never rejects. */
async function eachLimited<T>(
  items: readonly T[],
  limit: number,
  work: (item: T) => Promise<void>
): Promise<void> {
  let next = 0;
  const worker = async () => {
    while (next < items.length) {
      const item = items[next++];
      await work(item);
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
}

export interface BulkOutcome {
  done: ConnectorView[];
  failed: Array<{ connector: ConnectorView; message: string }>;
}

/**
 * Enable/disable, run now and delete, each reporting its outcome with a toast. Enabling and
 * disabling are optimistic: `pendingEnabled` holds the state asked for, which the table shows
 * at once (with a loading mark) until the server answers; on an error it is dropped, so the
 * switch flips back, and the error is toasted.
 */
export function useConnectorActions(
  onChanged: (connector: ConnectorView) => void,
  onRemoved: (id: string) => void = () => undefined
) {
  const { api } = useServices();
  const notify = useNotify();
  const [pendingEnabled, setPendingEnabled] = useState<ReadonlyMap<string, boolean>>(new Map());
  const setPending = useCallback((ids: readonly string[], enabled: boolean | undefined) => {
    setPendingEnabled((current) => {
      const next = new Map(current);
      for (const id of ids) {
        if (enabled === undefined) next.delete(id);
        else next.set(id, enabled);
      }
      return next;
    });
  }, []);

  /** One enable/disable; answers the updated connector or the error message. */
  const applyEnabled = useCallback(
    async (connector: ConnectorView, enabled: boolean): Promise<ConnectorView | string> => {
      try {
        const updated = await api.setEnabled(connector, enabled);
        onChanged(updated);
        return updated;
      } catch (error) {
        return errorMessage(error);
      } finally {
        setPending([connector.id], undefined);
      }
    },
    [api, onChanged, setPending]
  );

  const setEnabled = useCallback(
    async (connector: ConnectorView, enabled: boolean) => {
      setPending([connector.id], enabled);
      const outcome = await applyEnabled(connector, enabled);
      const values = { name: connector.name };
      if (typeof outcome !== 'string') {
        notify.success(
          enabled
            ? i18n.translate('auditSources.connectors.enabledToast', {
                defaultMessage: 'Enabled “{name}”',
                values,
              })
            : i18n.translate('auditSources.connectors.disabledToast', {
                defaultMessage: 'Disabled “{name}”',
                values,
              })
        );
        return;
      }
      notify.error(
        new Error(outcome),
        enabled
          ? i18n.translate('auditSources.connectors.enableFailedTitle', {
              defaultMessage: 'Could not enable “{name}”',
              values,
            })
          : i18n.translate('auditSources.connectors.disableFailedTitle', {
              defaultMessage: 'Could not disable “{name}”',
              values,
            })
      );
    },
    [applyEnabled, notify, setPending]
  );

  const runNow = useCallback(
    async (connector: ConnectorView) => {
      const values = { name: connector.name };
      try {
        await api.runNow(connector.id);
        notify.success(
          i18n.translate('auditSources.connectors.runStartedToast', {
            defaultMessage: 'Run started for “{name}”',
            values,
          }),
          i18n.translate('auditSources.connectors.runStartedToastText', {
            defaultMessage: 'Health updates when the run ends.',
          })
        );
      } catch (error) {
        notify.error(
          error,
          i18n.translate('auditSources.connectors.runFailedTitle', {
            defaultMessage: 'Could not run “{name}”',
            values,
          })
        );
      }
    },
    [api, notify]
  );

  const remove = useCallback(
    async (connector: ConnectorView): Promise<boolean> => {
      const values = { name: connector.name };
      try {
        await api.deleteConnector(connector.id);
        onRemoved(connector.id);
        notify.success(
          i18n.translate('auditSources.connectors.deletedToast', {
            defaultMessage: 'Deleted “{name}”',
            values,
          })
        );
        return true;
      } catch (error) {
        notify.error(
          error,
          i18n.translate('auditSources.connectors.deleteFailedTitle', {
            defaultMessage: 'Could not delete “{name}”',
            values,
          })
        );
        return false;
      }
    },
    [api, notify, onRemoved]
  );

  /** Enable or disable several; the switches flip at once, each settles on its own answer. */
  const bulkSetEnabled = useCallback(
    async (connectors: readonly ConnectorView[], enabled: boolean): Promise<BulkOutcome> => {
      const todo = connectors.filter((c) => c.enabled !== enabled);
      setPending(
        todo.map((c) => c.id),
        enabled
      );
      const outcome: BulkOutcome = { done: [], failed: [] };
      await eachLimited(todo, BULK_CONCURRENCY, async (connector) => {
        const result = await applyEnabled(connector, enabled);
        if (typeof result === 'string') outcome.failed.push({ connector, message: result });
        else outcome.done.push(result);
      });
      return outcome;
    },
    [applyEnabled, setPending]
  );

  const bulkRemove = useCallback(
    async (connectors: readonly ConnectorView[]): Promise<BulkOutcome> => {
      const outcome: BulkOutcome = { done: [], failed: [] };
      await eachLimited(connectors, BULK_CONCURRENCY, async (connector) => {
        try {
          await api.deleteConnector(connector.id);
          onRemoved(connector.id);
          outcome.done.push(connector);
        } catch (error) {
          outcome.failed.push({ connector, message: errorMessage(error) });
        }
      });
      return outcome;
    },
    [api, onRemoved]
  );

  return { setEnabled, runNow, remove, bulkSetEnabled, bulkRemove, pendingEnabled };
}
