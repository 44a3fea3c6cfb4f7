import React from 'react';
import {
  EuiAccordion,
  EuiBadge,
  EuiButton,
  EuiCallOut,
  EuiCodeBlock,
  EuiDescriptionList,
  EuiFlexGroup,
  EuiFlexItem,
  EuiIcon,
  EuiPanel,
  EuiSpacer,
  EuiText,
  EuiTitle,
} from '@elastic/eui';
import { i18n } from '@kbn/i18n';
import { FormattedMessage } from '@kbn/i18n-react';
import type { PreviewResponse, TestConnectionResponse } from '../../common/connectors/view';
import { testDetailText } from '../sources/registry';

export type AsyncResult<T> =
  | { status: 'idle' }
  | { status: 'loading' }
  | { status: 'done'; value: T }
  | { status: 'error'; message: string };

function previewTitle(document: Record<string, unknown>): string {
  const get = (path: string): unknown =>
    path.split('.').reduce<unknown>((value, key) => {
      if (value === null || typeof value !== 'object') return undefined;
      const record = value as Record<string, unknown>;
      return key in record ? record[key] : undefined;
    }, document) ?? document[path];
  const parts = ['@timestamp', 'event.action', 'event.outcome', 'user.email', 'user.name']
    .map((path) => get(path))
    .filter(
      (value): value is string | number => typeof value === 'string' || typeof value === 'number'
    )
    .map(String);
  return parts.length > 0
    ? parts.join(' · ')
    : i18n.translate('auditSources.testAndPreview.documentTitle', { defaultMessage: 'Document' });
}

/** A fact a connection test reports, in words (public/sources/<kind>/ name them). */
function detailItem(key: string, value: string | number | boolean) {
  const text = testDetailText(key, value);
  return {
    title: text.label,
    description:
      text.value ??
      (typeof value === 'number' ? value.toLocaleString(i18n.getLocale()) : String(value)),
  };
}

/** Said on a result whose inputs changed after it was computed. */
function StaleNotice({ what }: { what: 'test' | 'preview' }) {
  return (
    <>
      <EuiText size="s" color="warning" data-test-subj={`${what}Stale`}>
        <p>
          <EuiIcon type="clock" size="s" aria-hidden={true} />{' '}
          {what === 'test' ? (
            <FormattedMessage
              id="auditSources.testAndPreview.testStale"
              defaultMessage="Settings changed since this test — test again."
            />
          ) : (
            <FormattedMessage
              id="auditSources.testAndPreview.previewStale"
              defaultMessage="Settings changed since this preview — preview again."
            />
          )}
        </p>
      </EuiText>
      <EuiSpacer size="xs" />
    </>
  );
}

/**
 * "Test connection" and "Preview": both run on the form as it stands (saved or not), like the Test
 * tab of Kibana's connector flyout, and show the source's answer or the ECS documents a few
 * records become.
 */
export function TestAndPreview({
  test,
  preview,
  onTest,
  onPreview,
  blockedReason,
  testStale = false,
  previewStale = false,
}: {
  test: AsyncResult<TestConnectionResponse>;
  preview: AsyncResult<PreviewResponse>;
  onTest: () => void;
  onPreview: () => void;
  blockedReason?: string;
  /** The form changed since the result: it may no longer hold. */
  testStale?: boolean;
  previewStale?: boolean;
}) {
  const testIsStale = testStale && (test.status === 'done' || test.status === 'error');
  const previewIsStale = previewStale && (preview.status === 'done' || preview.status === 'error');
  return (
    <EuiPanel hasBorder paddingSize="m" data-test-subj="testAndPreview">
      <EuiTitle size="xs">
        <h3>
          <FormattedMessage
            id="auditSources.testAndPreview.title"
            defaultMessage="Test before saving"
          />
        </h3>
      </EuiTitle>
      <EuiText size="s" color="subdued">
        <p>
          <FormattedMessage
            id="auditSources.testAndPreview.description"
            defaultMessage="Check that Kibana can reach the source with these settings, and preview the ECS documents a few records would become. Nothing is written."
          />
        </p>
      </EuiText>
      <EuiSpacer size="m" />
      <EuiFlexGroup gutterSize="s" responsive={false}>
        <EuiFlexItem grow={false}>
          <EuiButton
            size="s"
            iconType="play"
            onClick={onTest}
            isLoading={test.status === 'loading'}
            data-test-subj="testConnectionButton"
          >
            <FormattedMessage
              id="auditSources.testAndPreview.testButton"
              defaultMessage="Test connection"
            />
          </EuiButton>
        </EuiFlexItem>
        <EuiFlexItem grow={false}>
          <EuiButton
            size="s"
            iconType="inspect"
            onClick={onPreview}
            isLoading={preview.status === 'loading'}
            data-test-subj="previewButton"
          >
            <FormattedMessage
              id="auditSources.testAndPreview.previewButton"
              defaultMessage="Preview"
            />
          </EuiButton>
        </EuiFlexItem>
      </EuiFlexGroup>
      {blockedReason ? (
        <>
          <EuiSpacer size="s" />
          <EuiText size="s" color="danger" data-test-subj="testBlockedReason">
            {blockedReason}
          </EuiText>
        </>
      ) : null}
      {test.status === 'done' || test.status === 'error' ? <EuiSpacer size="m" /> : null}
      {testIsStale ? <StaleNotice what="test" /> : null}
      {test.status === 'done' ? (
        <>
          <EuiCallOut
            size="s"
            color={test.value.ok ? 'success' : 'danger'}
            iconType={test.value.ok ? 'check' : 'error'}
            title={
              test.value.ok
                ? i18n.translate('auditSources.testAndPreview.testSucceeded', {
                    defaultMessage: 'Connection succeeded',
                  })
                : i18n.translate('auditSources.testAndPreview.testFailed', {
                    defaultMessage: 'Connection failed',
                  })
            }
            data-test-subj={test.value.ok ? 'testConnectionSuccess' : 'testConnectionFailure'}
          >
            <p>{test.value.message}</p>
            {test.value.details && Object.keys(test.value.details).length > 0 ? (
              <EuiDescriptionList
                type="column"
                compressed
                listItems={Object.entries(test.value.details).map(([key, value]) =>
                  detailItem(key, value)
                )}
              />
            ) : null}
          </EuiCallOut>
        </>
      ) : null}
      {test.status === 'error' ? (
        <>
          <EuiCallOut
            size="s"
            color="danger"
            iconType="error"
            title={i18n.translate('auditSources.testAndPreview.testError', {
              defaultMessage: 'Connection test could not run',
            })}
            data-test-subj="testConnectionError"
          >
            <p>{test.message}</p>
          </EuiCallOut>
        </>
      ) : null}
      {preview.status === 'done' || preview.status === 'error' ? <EuiSpacer size="m" /> : null}
      {previewIsStale ? <StaleNotice what="preview" /> : null}
      {preview.status === 'error' ? (
        <>
          <EuiCallOut
            size="s"
            color="danger"
            iconType="error"
            title={i18n.translate('auditSources.testAndPreview.previewError', {
              defaultMessage: 'Preview failed',
            })}
            data-test-subj="previewError"
          >
            <p>{preview.message}</p>
          </EuiCallOut>
        </>
      ) : null}
      {preview.status === 'done' ? (
        <div data-test-subj="previewResults">
          <EuiTitle size="xxs">
            <h4>
              <FormattedMessage
                id="auditSources.testAndPreview.previewCount"
                defaultMessage="Preview: {count, plural, one {# document} other {# documents}}"
                values={{ count: preview.value.documents.length }}
              />
            </h4>
          </EuiTitle>
          {preview.value.message ? (
            <EuiText size="s" color="subdued">
              <p>{preview.value.message}</p>
            </EuiText>
          ) : null}
          <EuiSpacer size="s" />
          {preview.value.documents.length === 0 ? (
            <EuiText size="s">
              <p>
                <FormattedMessage
                  id="auditSources.testAndPreview.noRecords"
                  defaultMessage="The source returned no records for this window."
                />
              </p>
            </EuiText>
          ) : null}
          {preview.value.documents.map((doc, index) => (
            <EuiAccordion
              key={`${doc.index}/${doc.id}`}
              id={`preview-${index}`}
              initialIsOpen={index === 0}
              paddingSize="s"
              data-test-subj="previewDocument"
              buttonContent={
                <EuiText size="s">
                  <span>{previewTitle(doc.document)}</span>
                </EuiText>
              }
              extraAction={
                <EuiBadge
                  color="hollow"
                  title={i18n.translate('auditSources.testAndPreview.documentId', {
                    defaultMessage: '_id {id}',
                    values: { id: doc.id },
                  })}
                >
                  {doc.index}
                </EuiBadge>
              }
            >
              <EuiCodeBlock
                language="json"
                fontSize="s"
                paddingSize="s"
                isCopyable
                overflowHeight={320}
              >
                {JSON.stringify(doc.document, null, 2)}
              </EuiCodeBlock>
            </EuiAccordion>
          ))}
        </div>
      ) : null}
    </EuiPanel>
  );
}
