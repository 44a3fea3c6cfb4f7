import type { RunContext } from '@kbn/task-manager-plugin/server';
import { runSignal } from './run_signal';

describe('runSignal', () => {
  it('takes abortController.signal from a 9.4 run context', () => {
    const abortController = new AbortController();
    const signal = runSignal({ abortController });
    expect(signal).toBe(abortController.signal);
    abortController.abort();
    expect(signal.aborted).toBe(true);
  });

  it('takes signal from a 9.5+ run context', () => {
    const controller = new AbortController();
    expect(runSignal({ signal: controller.signal })).toBe(controller.signal);
  });

  it('prefers signal when a context carries both', () => {
    const controller = new AbortController();
    const abortController = new AbortController();
    const both = { signal: controller.signal, abortController } as unknown as RunContext;
    const signal = runSignal(both);
    expect(signal).toBe(controller.signal);
    abortController.abort();
    expect(signal.aborted).toBe(false);
    controller.abort();
    expect(signal.aborted).toBe(true);
  });

  it('gives a signal that never fires when a context has neither', () => {
    const signal = runSignal({} as RunContext);
    expect(signal).toBeInstanceOf(AbortSignal);
    expect(signal.aborted).toBe(false);
  });
});
