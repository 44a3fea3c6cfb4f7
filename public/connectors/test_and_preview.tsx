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
  EuiPanel,
  EuiSpacer,
  EuiText,
  EuiTitle,
} from '@elastic/eui';
import type { PreviewResponse, TestConnectionResponse } from '../../common/connectors/view';

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
  return parts.length > 0 ? parts.join(' · ') : 'Document';
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
}: {
  test: AsyncResult<TestConnectionResponse>;
  preview: AsyncResult<PreviewResponse>;
  onTest: () => void;
  onPreview: () => void;
  blockedReason?: string;
}) {
  return (
    <EuiPanel hasBorder paddingSize="m" data-test-subj="testAndPreview">
      <EuiTitle size="xs">
        <h3>Test before saving</h3>
      </EuiTitle>
      <EuiText size="s" color="subdued">
        <p>
          Check that Kibana can reach the source with these settings, and preview the ECS documents
          a few records would become. Nothing is written.
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
            Test connection
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
            Preview
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
      {test.status === 'done' ? (
        <>
          <EuiSpacer size="m" />
          <EuiCallOut
            size="s"
            color={test.value.ok ? 'success' : 'danger'}
            iconType={test.value.ok ? 'check' : 'error'}
            title={test.value.ok ? 'Connection succeeded' : 'Connection failed'}
            data-test-subj={test.value.ok ? 'testConnectionSuccess' : 'testConnectionFailure'}
          >
            <p>{test.value.message}</p>
            {test.value.details && Object.keys(test.value.details).length > 0 ? (
              <EuiDescriptionList
                type="column"
                compressed
                listItems={Object.entries(test.value.details).map(([title, value]) => ({
                  title,
                  description: String(value),
                }))}
              />
            ) : null}
          </EuiCallOut>
        </>
      ) : null}
      {test.status === 'error' ? (
        <>
          <EuiSpacer size="m" />
          <EuiCallOut
            size="s"
            color="danger"
            iconType="error"
            title="Connection test could not run"
            data-test-subj="testConnectionError"
          >
            <p>{test.message}</p>
          </EuiCallOut>
        </>
      ) : null}
      {preview.status === 'error' ? (
        <>
          <EuiSpacer size="m" />
          <EuiCallOut
            size="s"
            color="danger"
            iconType="error"
            title="Preview failed"
            data-test-subj="previewError"
          >
            <p>{preview.message}</p>
          </EuiCallOut>
        </>
      ) : null}
      {preview.status === 'done' ? (
        <div data-test-subj="previewResults">
          <EuiSpacer size="m" />
          <EuiTitle size="xxs">
            <h4>
              Preview: {preview.value.documents.length} document
              {preview.value.documents.length === 1 ? '' : 's'}
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
              <p>The source returned no records for this window.</p>
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
                <EuiBadge color="hollow" title={`_id ${doc.id}`}>
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
