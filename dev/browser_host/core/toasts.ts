import { BehaviorSubject } from 'rxjs';
import type { ErrorToastOptions, IToasts, Toast, ToastInput, ToastOptions } from '@kbn/core/public';

/** notifications.toasts (src/core/packages/notifications/browser/src/toasts/toasts_api.tsx). */
export function createToasts(): IToasts {
  const toasts$ = new BehaviorSubject<Toast[]>([]);
  let counter = 0;
  const normalize = (input: ToastInput): Omit<Toast, 'id'> =>
    typeof input === 'string' ? { title: input } : input;
  const add = (input: ToastInput, defaults: Partial<Toast> = {}, options?: ToastOptions): Toast => {
    const toast: Toast = {
      ...defaults,
      ...normalize(input),
      ...(options?.toastLifeTimeMs ? { toastLifeTimeMs: options.toastLifeTimeMs } : {}),
      id: String(counter++),
    };
    toasts$.next([...toasts$.getValue(), toast]);
    return toast;
  };
  return {
    get$: () => toasts$.asObservable(),
    add: (input) => add(input),
    remove: (toastOrId) => {
      const id = typeof toastOrId === 'string' ? toastOrId : toastOrId.id;
      toasts$.next(toasts$.getValue().filter((toast) => toast.id !== id));
    },
    addInfo: (input, options) => add(input, { color: 'primary', iconType: 'iInCircle' }, options),
    addSuccess: (input, options) => add(input, { color: 'success', iconType: 'check' }, options),
    addWarning: (input, options) => add(input, { color: 'warning', iconType: 'warning' }, options),
    addDanger: (input, options) => add(input, { color: 'danger', iconType: 'error' }, options),
    addError: (error: Error, options: ErrorToastOptions) =>
      add(
        {
          title: options.title,
          text: options.toastMessage ?? error.message,
          color: 'danger',
          iconType: 'error',
          'data-test-subj': 'errorToast',
        },
        {},
        options
      ),
  };
}
