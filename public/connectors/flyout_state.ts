import type { PreviewResponse, TestConnectionResponse } from '../../common/connectors/view';
import type { SourceKind } from '../../common/sources/registry';
import {
  fieldsOf,
  initialFormState,
  visibleFields,
  type FieldErrors,
  type FormMode,
  type FormState,
} from './form_state';
import type { AsyncResult } from './test_and_preview';

/*
 * The connector flyout's state and its one reducer: everything the flyout remembers between
 * renders except what is derived from it (errors, warnings, "modified"), so each user action is
 * one transition that can be tested without rendering.
 */

/** What a failed save left to show: the server's field problems, else its message. */
export interface SaveFailure {
  fields: FieldErrors;
  /** Shown when no field explains the failure (a conflict, a refused grant, a 500). */
  message?: string;
}

export type DraftCall = 'test' | 'preview';

interface DraftState<T> {
  result: AsyncResult<T>;
  /** draftInputs of the form the result was computed from: it is stale once they differ. */
  inputs?: string;
}

export interface FlyoutState {
  /** Undefined while a new connector's source is being picked. */
  kind?: SourceKind;
  /** The form as opened: "modified" compares with it. */
  initial?: FormState;
  form?: FormState;
  /** Fields whose problems are shown (edited, left, or named by a blocked test or a save). */
  touched: ReadonlySet<string>;
  /** The server's problems, per field, until the field is edited. */
  serverErrors: FieldErrors;
  saveFailure?: SaveFailure;
  saving: boolean;
  confirmDiscard: boolean;
  test: DraftState<TestConnectionResponse>;
  preview: DraftState<PreviewResponse>;
  /** Why Test or Preview did not run (fields to fix first). */
  blockedReason?: string;
  advancedOpen: boolean;
  /** The field to scroll to and focus once it is rendered (an advanced one opens first). */
  focusPath?: string;
  /** Bumped by each failed save, so the callout is scrolled to and focused again. */
  failureShown: number;
}

export type FlyoutAction =
  | { type: 'pick'; kind: SourceKind; spaceId?: string }
  | { type: 'back' }
  | { type: 'setValue'; path: string; value: string }
  | { type: 'setEnabled'; enabled: boolean }
  | { type: 'touch'; path: string }
  | { type: 'jump'; path: string }
  | { type: 'focused' }
  | { type: 'setAdvancedOpen'; open: boolean }
  | { type: 'setConfirmDiscard'; open: boolean }
  /** Test or Preview refused to run: `problems` are the fields to fix, `reason` says so. */
  | { type: 'draftBlocked'; problems: readonly string[]; firstInvalid?: string; reason: string }
  | { type: 'draftStarted'; call: DraftCall; inputs: string }
  | { type: 'testDone'; value: TestConnectionResponse }
  | { type: 'previewDone'; value: PreviewResponse }
  | { type: 'draftFailed'; call: DraftCall; message: string; fieldErrors: FieldErrors }
  | { type: 'saveStarted' }
  | { type: 'saveFailed'; failure: SaveFailure }
  | { type: 'saveEnded' };

const IDLE = { result: { status: 'idle' } } as const;

function formStateFor(kind: SourceKind | undefined, initial: FormState | undefined) {
  return {
    kind,
    initial,
    form: initial,
    touched: new Set<string>(),
    serverErrors: {},
    saveFailure: undefined,
    saving: false,
    confirmDiscard: false,
    test: IDLE,
    preview: IDLE,
    blockedReason: undefined,
    focusPath: undefined,
  };
}

/** The flyout as it opens: the picker, or the form of the source already known. */
export function initialFlyoutState(mode: FormMode): FlyoutState {
  const kind = mode.type === 'edit' ? mode.connector.kind : mode.kind;
  const initial = kind ? initialFormState(kind, mode) : undefined;
  // An edited connector with advanced settings opens with them shown.
  const advancedOpen =
    kind !== undefined &&
    initial !== undefined &&
    fieldsOf(kind).some((field) => field.advanced && (initial.values[field.path] ?? '') !== '');
  return { ...formStateFor(kind, initial), advancedOpen, failureShown: 0 };
}

function isAdvanced(state: FlyoutState, path: string): boolean {
  if (!state.kind || !state.form) return false;
  return visibleFields(state.kind, state.form.values).some(
    (field) => field.path === path && field.advanced
  );
}

/** Opens "Advanced settings" when one of `paths` is in it, so its message can be seen. */
function revealing(state: FlyoutState, paths: readonly string[]): boolean {
  return state.advancedOpen || paths.some((path) => isAdvanced(state, path));
}

function withTouched(touched: ReadonlySet<string>, paths: readonly string[]): ReadonlySet<string> {
  return paths.every((path) => touched.has(path)) ? touched : new Set([...touched, ...paths]);
}

function jumpedTo(state: FlyoutState, path: string): FlyoutState {
  return { ...state, advancedOpen: revealing(state, [path]), focusPath: path };
}

function setValue(state: FlyoutState, path: string, value: string): FlyoutState {
  if (!state.form) return state;
  const { [path]: _cleared, ...serverErrors } = state.serverErrors;
  return {
    ...state,
    form: { ...state.form, values: { ...state.form.values, [path]: value } },
    touched: withTouched(state.touched, [path]),
    serverErrors,
    blockedReason: undefined,
  };
}

function draftFailed(
  state: FlyoutState,
  action: Extract<FlyoutAction, { type: 'draftFailed' }>
): FlyoutState {
  const paths = Object.keys(action.fieldErrors);
  const failed = {
    ...state[action.call],
    result: { status: 'error' as const, message: action.message },
  };
  if (paths.length === 0) return { ...state, [action.call]: failed };
  return {
    ...state,
    [action.call]: failed,
    serverErrors: action.fieldErrors,
    advancedOpen: revealing(state, paths),
  };
}

function saveFailed(state: FlyoutState, failure: SaveFailure): FlyoutState {
  const paths = Object.keys(failure.fields);
  return {
    ...state,
    saving: false,
    serverErrors: failure.fields,
    touched: withTouched(state.touched, paths),
    saveFailure: failure,
    advancedOpen: revealing(state, paths),
    failureShown: state.failureShown + 1,
  };
}

export function flyoutReducer(state: FlyoutState, action: FlyoutAction): FlyoutState {
  switch (action.type) {
    case 'pick': {
      const initial = initialFormState(action.kind, { type: 'create', spaceId: action.spaceId });
      return { ...state, ...formStateFor(action.kind, initial), advancedOpen: false };
    }
    case 'back':
      return { ...state, kind: undefined, form: undefined, initial: undefined };
    case 'setValue':
      return setValue(state, action.path, action.value);
    case 'setEnabled':
      return state.form ? { ...state, form: { ...state.form, enabled: action.enabled } } : state;
    case 'touch':
      return { ...state, touched: withTouched(state.touched, [action.path]) };
    case 'jump':
      return jumpedTo(state, action.path);
    case 'focused':
      return { ...state, focusPath: undefined };
    case 'setAdvancedOpen':
      return { ...state, advancedOpen: action.open };
    case 'setConfirmDiscard':
      return { ...state, confirmDiscard: action.open };
    case 'draftBlocked': {
      const blocked = {
        ...state,
        touched: withTouched(state.touched, action.problems),
        blockedReason: action.reason,
      };
      return action.firstInvalid === undefined ? blocked : jumpedTo(blocked, action.firstInvalid);
    }
    case 'draftStarted':
      return {
        ...state,
        blockedReason: undefined,
        [action.call]: { inputs: action.inputs, result: { status: 'loading' } },
      };
    case 'testDone':
      return { ...state, test: { ...state.test, result: { status: 'done', value: action.value } } };
    case 'previewDone':
      return {
        ...state,
        preview: { ...state.preview, result: { status: 'done', value: action.value } },
      };
    case 'draftFailed':
      return draftFailed(state, action);
    case 'saveStarted':
      return { ...state, saving: true, saveFailure: undefined };
    case 'saveFailed':
      return saveFailed(state, action.failure);
    case 'saveEnded':
      return { ...state, saving: false };
  }
}

/** A result computed from other inputs than the form's current ones (idle is never stale). */
export function isStale<T>(draft: DraftState<T>, currentInputs: string | undefined): boolean {
  return draft.result.status !== 'idle' && draft.inputs !== currentInputs;
}
