import type { Dispatcher } from 'undici';
import type { ByteStream } from '../read_capped';

/*
 * The fetch a source client calls, as narrow as the clients use it: tests (and probes) inject
 * one, production passes undici's fetch with our outbound dispatcher.
 */

export interface RemoteResponse {
  status: number;
  headers: { get(name: string): string | null };
  /** The body as a stream (undici): read with a byte cap. Fakes in tests may offer only text(). */
  body?: ByteStream | null;
  text(): Promise<string>;
}

export interface RemoteFetchInit {
  method: string;
  headers: Record<string, string>;
  body?: string;
  signal: AbortSignal;
  dispatcher?: Dispatcher;
  /** Always 'manual': a redirect is an error (server/lib/outbound/redirect.ts). */
  redirect: 'manual';
}

export type FetchLike = (url: string, init: RemoteFetchInit) => Promise<RemoteResponse>;
