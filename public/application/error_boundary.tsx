import { i18n } from '@kbn/i18n';
import React from 'react';
import { EuiButton, EuiCodeBlock, EuiEmptyPrompt } from '@elastic/eui';

interface Props {
  children: React.ReactNode;
}
interface State {
  error?: Error;
}

/** Last line of defence: a render error shows what went wrong instead of a blank page. */
export class AppErrorBoundary extends React.Component<Props, State> {
  public override state: State = {};

  public static getDerivedStateFromError(error: Error): State {
    return { error };
  }

  public override componentDidCatch(error: Error, info: React.ErrorInfo) {
    // For the developer console only: the page itself shows the message.
    console.error(error, info.componentStack);
  }

  public override render() {
    const { error } = this.state;
    if (!error) return this.props.children;
    return (
      <EuiEmptyPrompt
        iconType="error"
        color="danger"
        data-test-subj="auditSourcesErrorBoundary"
        title={
          <h2>
            {i18n.translate('auditSources.errorBoundary.title', {
              defaultMessage: 'Audit Sources could not display this page',
            })}
          </h2>
        }
        body={
          <>
            <p>
              {i18n.translate('auditSources.errorBoundary.body', {
                defaultMessage:
                  'An unexpected error occurred. Reloading usually helps; if not, report this message.',
              })}
            </p>
            <EuiCodeBlock language="text" isCopyable paddingSize="s">
              {error.message || String(error)}
            </EuiCodeBlock>
          </>
        }
        actions={
          <EuiButton onClick={() => window.location.reload()} iconType="refresh">
            {i18n.translate('auditSources.errorBoundary.reload', { defaultMessage: 'Reload' })}
          </EuiButton>
        }
      />
    );
  }
}
