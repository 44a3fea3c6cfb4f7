import { useCallback, useEffect, useRef, useState } from 'react';
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
        if (initial) notify.error(caught, 'Could not load connectors');
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

/** Enable/disable, run now and delete, each reporting its outcome with a toast. */
export function useConnectorActions(onChanged: (connector: ConnectorView) => void) {
  const { api } = useServices();
  const notify = useNotify();
  const setEnabled = useCallback(
    async (connector: ConnectorView, enabled: boolean) => {
      try {
        const updated = await api.setEnabled(connector, enabled);
        onChanged(updated);
        notify.success(`${enabled ? 'Enabled' : 'Disabled'} “${connector.name}”`);
      } catch (error) {
        notify.error(error, `Could not ${enabled ? 'enable' : 'disable'} “${connector.name}”`);
      }
    },
    [api, notify, onChanged]
  );
  const runNow = useCallback(
    async (connector: ConnectorView) => {
      try {
        await api.runNow(connector.id);
        notify.success(`Run started for “${connector.name}”`, 'Health updates when the run ends.');
      } catch (error) {
        notify.error(error, `Could not run “${connector.name}”`);
      }
    },
    [api, notify]
  );
  const remove = useCallback(
    async (connector: ConnectorView): Promise<boolean> => {
      try {
        await api.deleteConnector(connector.id);
        notify.success(`Deleted “${connector.name}”`);
        return true;
      } catch (error) {
        notify.error(error, `Could not delete “${connector.name}”`);
        return false;
      }
    },
    [api, notify]
  );
  return { setEnabled, runNow, remove };
}
