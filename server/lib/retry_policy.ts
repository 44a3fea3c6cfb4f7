/*
 * The one retry policy of the sources' clients (Lumos's REST API, Closer's Elasticsearch) and of
 * the bulk writer's statuses: which answers are transient, how long to wait, when to give up.
 * docs/poll-engine.md ("Retries") states the rules.
 */
import {
  AbortedError,
  backoffDelay,
  DEFAULT_BACKOFF,
  sleep as defaultSleep,
  type BackoffOptions,
} from './backoff';

/**
 * Statuses worth the same request again: a timeout (408), "too early" (425), a rate limit (429)
 * and the gateway/overload 5xx. Any other status gets the same answer again.
 */
export const TRANSIENT_STATUSES: ReadonlySet<number> = new Set([408, 425, 429, 500, 502, 503, 504]);

/**
 * A longer `Retry-After` ends the run instead of being slept through: a Kibana task should not
 * sleep for minutes, and the next run resumes from the checkpoint.
 */
export const DEFAULT_MAX_RETRY_AFTER_MS = 120_000;

export interface SourceErrorOptions {
  /** Trying the same thing again, now or in a later run, may succeed. */
  retryable?: boolean;
  /** HTTP status of the answer, when there was one. */
  status?: number;
  /** The wait the server asked for (`Retry-After`), in ms. */
  retryAfterMs?: number;
  /** The service that answered, as users know it ("Lumos"), for messages that name it. */
  service?: string;
}

/**
 * Every failure of a source's side. The message is meant for the user (it ends up in the
 * connector's health): it names the service and what to check, is bounded, and never holds a
 * credential.
 */
export class SourceError extends Error {
  readonly retryable: boolean;
  readonly status?: number;
  readonly retryAfterMs?: number;
  readonly service?: string;

  constructor(message: string, options: SourceErrorOptions = {}) {
    super(message);
    this.name = 'SourceError';
    this.retryable = options.retryable ?? false;
    this.status = options.status;
    this.retryAfterMs = options.retryAfterMs;
    this.service = options.service;
  }
}

export interface RetryPolicy {
  /** Retries after the first attempt; 0: one attempt only. */
  maxRetries: number;
  backoff?: BackoffOptions;
  /** Longest `Retry-After` waited for; DEFAULT_MAX_RETRY_AFTER_MS. */
  maxRetryAfterMs?: number;
  signal?: AbortSignal;
  random?: () => number;
  /** Injected in tests. */
  sleep?: (ms: number, signal?: AbortSignal) => Promise<void>;
}

/** Whether `error` may be retried in this run: retryable, and any wait asked for within the cap. */
export function retryableNow(
  error: unknown,
  policy: Pick<RetryPolicy, 'maxRetryAfterMs'>
): boolean {
  if (!(error instanceof SourceError) || !error.retryable) return false;
  const cap = policy.maxRetryAfterMs ?? DEFAULT_MAX_RETRY_AFTER_MS;
  return error.retryAfterMs === undefined || error.retryAfterMs <= cap;
}

/**
 * The wait before retry `attempt` (0: the first retry): what the server asked for when it said
 * (its explicit instruction, which may be shorter than our backoff), exponential backoff with
 * full jitter otherwise.
 */
export function retryDelay(
  policy: RetryPolicy,
  attempt: number,
  retryAfterMs: number | undefined
): number {
  // Never less than the backoff: a `Retry-After: 0` (or a date already past) from an overloaded
  // server must not spend every retry at once.
  const backoff = backoffDelay(attempt, policy.backoff ?? DEFAULT_BACKOFF, policy.random);
  return Math.max(retryAfterMs ?? 0, backoff);
}

export interface RetryHooks {
  /** The error that ends the attempts when retries are used up. */
  gaveUp: (last: SourceError, maxRetries: number) => Error;
  /** The error that ends them when the server asks for a wait over the cap. */
  waitTooLong: (last: SourceError, waitMs: number) => Error;
  /** Before each retry's wait (counting, logging). */
  onRetry?: (last: SourceError, attempt: number, delayMs: number) => void;
}

/**
 * Runs `attempt` until it succeeds, throws anything but a retryable SourceError, asks for a
 * wait over the cap, or has used up the retries. The abort signal stops the wait at once.
 */
export async function withRetries<T>(
  policy: RetryPolicy,
  attempt: (attemptNumber: number) => Promise<T>,
  hooks: RetryHooks
): Promise<T> {
  const sleep = policy.sleep ?? defaultSleep;
  for (let n = 0; ; n++) {
    if (policy.signal?.aborted) throw new AbortedError();
    try {
      return await attempt(n);
    } catch (error) {
      if (!(error instanceof SourceError) || !error.retryable) throw error;
      if (!retryableNow(error, policy)) throw hooks.waitTooLong(error, error.retryAfterMs ?? 0);
      if (n >= policy.maxRetries) throw hooks.gaveUp(error, policy.maxRetries);
      const delay = retryDelay(policy, n, error.retryAfterMs);
      hooks.onRetry?.(error, n, delay);
      await sleep(delay, policy.signal);
    }
  }
}
