import { i18n } from '@kbn/i18n';
import type { ConnectorView } from '../../common/connectors/view';
import type { SourceKind } from '../../common/sources/registry';
import { useNotify, useServices } from '../application/app_context';
import { errorMessage, fieldErrorsFromError, httpStatus } from '../services/http_error';
import type { DraftCall, FlyoutAction, FlyoutState } from './flyout_state';
import {
  allFieldPaths,
  createRequest,
  draftErrors,
  draftInputs,
  draftRequest,
  invalidFieldsInOrder,
  labelList,
  serverFieldMessage,
  updateRequest,
  withFieldLabels,
  type FieldErrors,
  type FormMode,
  type FormState,
} from './form_state';

/** Server field problems of a 400, in the form's words, for the fields the form has. */
function serverFieldErrors(error: unknown, kind: SourceKind): FieldErrors {
  if (httpStatus(error) !== 400) return {};
  return Object.fromEntries(
    Object.entries(fieldErrorsFromError(error, allFieldPaths(kind))).map(([path, text]) => [
      path,
      serverFieldMessage(text, kind),
    ])
  );
}

function blockedReason(count: number, fields: string): string {
  return i18n.translate('auditSources.connectorFlyout.fixFieldsFirst', {
    defaultMessage:
      'Fix {count, plural, one {the highlighted field} other {the # highlighted fields}} first: {fields}.',
    values: { count, fields },
  });
}

function savedMessage(mode: FormMode, name: string): string {
  return mode.type === 'create'
    ? i18n.translate('auditSources.connectorFlyout.created', {
        defaultMessage: 'Created connector “{name}”',
        values: { name },
      })
    : i18n.translate('auditSources.connectorFlyout.saved', {
        defaultMessage: 'Saved “{name}”',
        values: { name },
      });
}

/**
 * The flyout's calls to the server: Test connection and Preview on the form as it stands, and
 * Save. Each refuses to run on a form with problems (jumping to the first), and turns the
 * server's answer into one reducer action.
 */
export function useFlyoutActions({
  mode,
  state,
  errors,
  dispatch,
  onSaved,
}: {
  mode: FormMode;
  state: FlyoutState;
  errors: FieldErrors;
  dispatch: (action: FlyoutAction) => void;
  onSaved: (connector: ConnectorView) => void;
}) {
  const { api } = useServices();
  const notify = useNotify();
  const { kind, form } = state;

  const runDraft = async (call: DraftCall) => {
    if (!kind || !form) return;
    const problems = draftErrors(errors);
    const draft = draftRequest(kind, form, mode);
    if (Object.keys(problems).length > 0 || !draft) {
      const invalid = invalidFieldsInOrder(kind, form, problems);
      dispatch({
        type: 'draftBlocked',
        problems: Object.keys(problems),
        firstInvalid: invalid[0]?.path,
        reason: blockedReason(invalid.length, labelList(invalid)),
      });
      return;
    }
    dispatch({ type: 'draftStarted', call, inputs: draftInputs(kind, form, mode) });
    try {
      if (call === 'test') dispatch({ type: 'testDone', value: await api.testConnection(draft) });
      else dispatch({ type: 'previewDone', value: await api.preview(draft) });
    } catch (error) {
      dispatch({
        type: 'draftFailed',
        call,
        message: withFieldLabels(errorMessage(error), kind),
        fieldErrors: serverFieldErrors(error, kind),
      });
    }
  };

  const submit = (sourceKind: SourceKind, current: FormState) => {
    if (mode.type === 'create') {
      const request = createRequest(sourceKind, current);
      return request && api.createConnector(request);
    }
    const request = updateRequest(sourceKind, current);
    return request && api.updateConnector(mode.connector.id, request);
  };

  const save = async () => {
    if (!kind || !form) return;
    const pending = submit(kind, form);
    // Save is disabled while the form has problems; this only guards a stale click.
    if (!pending) return;
    dispatch({ type: 'saveStarted' });
    try {
      const saved = await pending;
      notify.success(savedMessage(mode, saved.name));
      onSaved(saved);
      dispatch({ type: 'saveEnded' });
    } catch (error) {
      // No toast: the callout below the header and the field messages say it once, in place.
      const fields = serverFieldErrors(error, kind);
      dispatch({
        type: 'saveFailed',
        failure: {
          fields,
          message:
            Object.keys(fields).length > 0 ? undefined : withFieldLabels(errorMessage(error), kind),
        },
      });
    }
  };

  return {
    test: () => runDraft('test'),
    preview: () => runDraft('preview'),
    save,
  };
}
