import React, { useEffect, useState } from 'react';
import {
  EuiCallOut,
  EuiCodeBlock,
  EuiFlyout,
  EuiFlyoutBody,
  EuiFlyoutHeader,
  EuiInMemoryTable,
  EuiSkeletonText,
  EuiSpacer,
  EuiTab,
  EuiTabs,
  EuiText,
  EuiTitle,
  useGeneratedHtmlId,
  type EuiBasicTableColumn,
} from '@elastic/eui';
import { i18n } from '@kbn/i18n';
import type { EventDocumentResponse, EventRow } from '../../common/api/routes';
import { useServices } from '../application/app_context';
import { formatTimestamp } from '../connectors/format';
import { errorMessage } from '../services/http_error';
import { fetchEventDocument } from './events_api';
import { dataStreamOf } from './data_stream';

export interface DocumentField {
  field: string;
  value: string;
}

/** Deeper than this, a value is shown as its JSON (ECS documents are a few levels deep). */
const MAX_FLATTEN_DEPTH = 20;

function display(value: unknown): string {
  return typeof value === 'string' ? value : JSON.stringify(value);
}

/**
 * The document as Discover's doc viewer lists it: one row per leaf field, dotted paths, sorted;
 * arrays of plain values joined, arrays of objects as JSON.
 */
export function flattenDocument(document: Record<string, unknown>): DocumentField[] {
  const fields: DocumentField[] = [];
  const visit = (value: unknown, path: string, depth: number) => {
    const isObject = value !== null && typeof value === 'object' && !Array.isArray(value);
    if (isObject && depth < MAX_FLATTEN_DEPTH) {
      const entries = Object.entries(value as Record<string, unknown>);
      if (entries.length === 0) fields.push({ field: path, value: '{}' });
      for (const [key, child] of entries) visit(child, path ? `${path}.${key}` : key, depth + 1);
      return;
    }
    if (Array.isArray(value) && value.every((item) => item === null || typeof item !== 'object')) {
      fields.push({ field: path, value: value.map(display).join(', ') });
      return;
    }
    fields.push({ field: path, value: display(value) });
  };
  visit(document, '', 0);
  return fields.sort((a, b) => a.field.localeCompare(b.field));
}

const fieldColumns: Array<EuiBasicTableColumn<DocumentField>> = [
  {
    field: 'field',
    name: i18n.translate('auditSources.events.flyout.fieldColumn', { defaultMessage: 'Field' }),
    width: '35%',
    sortable: true,
    render: (field: string) => (
      <EuiText size="xs">
        <code>{field}</code>
      </EuiText>
    ),
  },
  {
    field: 'value',
    name: i18n.translate('auditSources.events.flyout.valueColumn', { defaultMessage: 'Value' }),
    render: (value: string) => (
      <EuiText size="xs" style={{ wordBreak: 'break-word', whiteSpace: 'pre-wrap' }}>
        {value}
      </EuiText>
    ),
  },
];

type Tab = 'table' | 'json';

function DocumentView({ loaded }: { loaded: EventDocumentResponse }) {
  const [tab, setTab] = useState<Tab>('table');
  const tabs: Array<{ id: Tab; label: string }> = [
    {
      id: 'table',
      label: i18n.translate('auditSources.events.flyout.tableTab', { defaultMessage: 'Table' }),
    },
    {
      id: 'json',
      label: i18n.translate('auditSources.events.flyout.jsonTab', { defaultMessage: 'JSON' }),
    },
  ];
  return (
    <>
      <EuiTabs size="s">
        {tabs.map(({ id, label }) => (
          <EuiTab
            key={id}
            isSelected={tab === id}
            onClick={() => setTab(id)}
            data-test-subj={`eventFlyoutTab-${id}`}
          >
            {label}
          </EuiTab>
        ))}
      </EuiTabs>
      <EuiSpacer size="s" />
      {tab === 'table' ? (
        <EuiInMemoryTable<DocumentField>
          tableCaption={i18n.translate('auditSources.events.flyout.tableCaption', {
            defaultMessage: 'Fields of the document',
          })}
          items={flattenDocument(loaded.document)}
          itemId="field"
          columns={fieldColumns}
          search={{
            box: {
              incremental: true,
              placeholder: i18n.translate('auditSources.events.flyout.searchFields', {
                defaultMessage: 'Search field names and values',
              }),
              'data-test-subj': 'eventFlyoutFieldSearch',
            },
          }}
          sorting={{ sort: { field: 'field', direction: 'asc' } }}
          rowProps={(item) => ({ 'data-test-subj': `eventField-${item.field}` })}
          data-test-subj="eventFlyoutTable"
        />
      ) : (
        <EuiCodeBlock
          language="json"
          fontSize="s"
          paddingSize="s"
          isCopyable
          data-test-subj="eventFlyoutJson"
        >
          {JSON.stringify(loaded.document, null, 2)}
        </EuiCodeBlock>
      )}
    </>
  );
}

/** The full ECS document of a clicked row, read from its backing index as the current user. */
export function EventFlyout({ row, onClose }: { row: EventRow; onClose: () => void }) {
  const { core } = useServices();
  const titleId = useGeneratedHtmlId({ prefix: 'eventFlyoutTitle' });
  const [loaded, setLoaded] = useState<EventDocumentResponse | undefined>();
  const [error, setError] = useState<string | undefined>();

  useEffect(() => {
    const controller = new AbortController();
    setLoaded(undefined);
    setError(undefined);
    fetchEventDocument(core.http, { index: row.index, id: row.id }, controller.signal).then(
      (response) => !controller.signal.aborted && setLoaded(response),
      (caught) => !controller.signal.aborted && setError(errorMessage(caught))
    );
    return () => controller.abort();
  }, [core.http, row.index, row.id]);

  const title =
    row.action ??
    (row.kind === 'pipeline_error'
      ? i18n.translate('auditSources.events.flyout.pipelineErrorTitle', {
          defaultMessage: 'Record that could not be mapped',
        })
      : i18n.translate('auditSources.events.flyout.eventTitle', { defaultMessage: 'Event' }));

  return (
    <EuiFlyout
      onClose={onClose}
      size="m"
      ownFocus
      aria-labelledby={titleId}
      data-test-subj="eventFlyout"
    >
      <EuiFlyoutHeader hasBorder>
        <EuiTitle size="s">
          <h2 id={titleId}>{title}</h2>
        </EuiTitle>
        <EuiSpacer size="xs" />
        <EuiText size="xs" color="subdued" data-test-subj="eventFlyoutSubtitle">
          {i18n.translate('auditSources.events.flyout.subtitle', {
            defaultMessage: '{timestamp} in {dataStream}, document {id}',
            values: {
              timestamp: formatTimestamp(row.timestamp),
              dataStream: dataStreamOf(row.index),
              id: row.id,
            },
          })}
        </EuiText>
      </EuiFlyoutHeader>
      <EuiFlyoutBody>
        {error ? (
          <EuiCallOut
            color="danger"
            iconType="error"
            size="s"
            title={i18n.translate('auditSources.events.flyout.loadError', {
              defaultMessage: 'Could not read the document',
            })}
          >
            <p data-test-subj="eventFlyoutError">{error}</p>
          </EuiCallOut>
        ) : loaded ? (
          <DocumentView loaded={loaded} />
        ) : (
          <EuiSkeletonText
            lines={6}
            isLoading
            contentAriaLabel={i18n.translate('auditSources.events.flyout.loading', {
              defaultMessage: 'Loading the document',
            })}
          />
        )}
      </EuiFlyoutBody>
    </EuiFlyout>
  );
}
