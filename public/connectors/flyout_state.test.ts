import { closerConnector, lumosConnector } from '../test_utils/mock_services';
import { flyoutReducer, initialFlyoutState, isStale, type FlyoutAction } from './flyout_state';
import type { FormMode } from './form_state';

const CREATE: FormMode = { type: 'create', spaceId: 'team-b' };

function run(mode: FormMode, ...actions: FlyoutAction[]) {
  return actions.reduce(flyoutReducer, initialFlyoutState(mode));
}

describe('flyoutReducer', () => {
  it('opens on the picker when creating, on the form when the source is known', () => {
    expect(initialFlyoutState(CREATE).kind).toBeUndefined();
    expect(initialFlyoutState(CREATE).form).toBeUndefined();
    const edit = initialFlyoutState({ type: 'edit', connector: lumosConnector() });
    expect(edit.kind).toBe('lumos');
    expect(edit.form?.values.name).toBe('Lumos prod');
    expect(edit.advancedOpen).toBe(false);
  });

  it('opens Advanced settings on an edited connector that has one set', () => {
    const connector = closerConnector({
      settings: { url: 'https://x:9200', authType: 'none', proxyUrl: 'http://proxy:3128' },
    });
    expect(initialFlyoutState({ type: 'edit', connector }).advancedOpen).toBe(true);
  });

  it('picking a source starts its form with its defaults, going back returns to the picker', () => {
    const picked = run(CREATE, { type: 'pick', kind: 'closer', spaceId: 'team-b' });
    expect(picked.kind).toBe('closer');
    expect(picked.form?.values['settings.authType']).toBe('basic');
    expect(picked.form?.values.namespace).toBe('team_b');
    expect(picked.initial).toBe(picked.form);
    const back = flyoutReducer(picked, { type: 'back' });
    expect(back.kind).toBeUndefined();
    expect(back.form).toBeUndefined();
  });

  it('editing a field touches it, clears its server error and the blocked reason', () => {
    const state = run(
      CREATE,
      { type: 'pick', kind: 'lumos' },
      {
        type: 'draftFailed',
        call: 'test',
        message: 'bad',
        fieldErrors: { 'settings.baseUrl': 'no', 'secrets.apiToken': 'no' },
      },
      { type: 'draftBlocked', problems: ['name'], reason: 'Fix it' },
      { type: 'setValue', path: 'settings.baseUrl', value: 'https://lumos.example' }
    );
    expect(state.form?.values['settings.baseUrl']).toBe('https://lumos.example');
    expect(state.touched.has('settings.baseUrl')).toBe(true);
    expect(state.serverErrors).toEqual({ 'secrets.apiToken': 'no' });
    expect(state.blockedReason).toBeUndefined();
    expect(state.test.result).toEqual({ status: 'error', message: 'bad' });
  });

  it('a blocked draft touches the problems and jumps to the first, opening Advanced for it', () => {
    const state = run(
      CREATE,
      { type: 'pick', kind: 'lumos' },
      {
        type: 'draftBlocked',
        problems: ['settings.proxyUrl', 'secrets.apiToken'],
        firstInvalid: 'settings.proxyUrl',
        reason: 'Fix the 2 highlighted fields first',
      }
    );
    expect([...state.touched].sort()).toEqual(['secrets.apiToken', 'settings.proxyUrl']);
    expect(state.blockedReason).toBe('Fix the 2 highlighted fields first');
    expect(state.focusPath).toBe('settings.proxyUrl');
    expect(state.advancedOpen).toBe(true);
    expect(flyoutReducer(state, { type: 'focused' }).focusPath).toBeUndefined();
  });

  it('jumping to a field outside Advanced settings leaves it as it is', () => {
    const state = run(CREATE, { type: 'pick', kind: 'lumos' }, { type: 'jump', path: 'name' });
    expect(state.focusPath).toBe('name');
    expect(state.advancedOpen).toBe(false);
  });

  it('a result is stale once the inputs it was computed from differ', () => {
    const started = run(
      CREATE,
      { type: 'pick', kind: 'lumos' },
      { type: 'draftStarted', call: 'preview', inputs: 'A' }
    );
    expect(started.preview.result).toEqual({ status: 'loading' });
    const done = flyoutReducer(started, { type: 'previewDone', value: { documents: [] } });
    expect(done.preview.result).toEqual({ status: 'done', value: { documents: [] } });
    expect(isStale(done.preview, 'A')).toBe(false);
    expect(isStale(done.preview, 'B')).toBe(true);
    expect(isStale(done.test, 'B')).toBe(false);
  });

  it('a failed save shows its field problems (touched, Advanced opened) and counts the failure', () => {
    const state = run(
      CREATE,
      { type: 'pick', kind: 'closer' },
      { type: 'saveStarted' },
      {
        type: 'saveFailed',
        failure: { fields: { 'settings.caFingerprint': 'Must be a SHA-256 fingerprint' } },
      }
    );
    expect(state.saving).toBe(false);
    expect(state.saveFailure?.fields).toEqual({
      'settings.caFingerprint': 'Must be a SHA-256 fingerprint',
    });
    expect(state.serverErrors).toEqual(state.saveFailure?.fields);
    expect(state.touched.has('settings.caFingerprint')).toBe(true);
    expect(state.advancedOpen).toBe(true);
    expect(state.failureShown).toBe(1);
    const retried = flyoutReducer(state, { type: 'saveStarted' });
    expect(retried.saveFailure).toBeUndefined();
    expect(retried.saving).toBe(true);
  });

  it('asks before discarding, and picking again starts a clean form', () => {
    const asked = run(
      CREATE,
      { type: 'pick', kind: 'lumos' },
      { type: 'setValue', path: 'name', value: 'x' },
      { type: 'draftBlocked', problems: ['secrets.apiToken'], reason: 'Fix it' },
      { type: 'setConfirmDiscard', open: true }
    );
    expect(asked.confirmDiscard).toBe(true);
    const again = run(CREATE, { type: 'pick', kind: 'lumos' });
    const repicked = flyoutReducer(flyoutReducer(asked, { type: 'back' }), {
      type: 'pick',
      kind: 'lumos',
    });
    expect(repicked.form).toEqual(again.form);
    expect(repicked.touched.size).toBe(0);
    expect(repicked.blockedReason).toBeUndefined();
    expect(repicked.confirmDiscard).toBe(false);
  });
});
