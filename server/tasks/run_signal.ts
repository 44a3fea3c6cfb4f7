import type { RunContext } from '@kbn/task-manager-plugin/server';

/**
 * The abort signal of a task run, whichever way this Kibana hands it over: 9.4 passes
 * `abortController` in the RunContext, 9.5+ passes `signal` (kibana PR #279282). Reading only one of
 * them made every run on the other crash with a TypeError before it started.
 *
 * `signal` wins when both are present: it is the newer contract, and it is the object a 9.5 Task
 * Manager aborts. With neither (not a shape any release passes), the run still gets a signal, one
 * that never fires; the run's own time budget still ends it.
 */
export function runSignal(context: Pick<RunContext, 'signal' | 'abortController'>): AbortSignal {
  return context.signal ?? context.abortController?.signal ?? new AbortController().signal;
}
