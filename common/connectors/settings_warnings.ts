import type { AnySourceDefinition, SourceSettings } from '../sources/source_definition';
import { parseDuration, parseInitialWindow } from '../duration';
import { message, type FieldMessage } from './field_messages';

/*
 * Values the codecs accept but that are probably a mistake. The form shows them as warnings next
 * to the field and the save stays possible: each can be meant (a Closer cluster that refreshes
 * hourly needs a long lag), and connectors stored with such values must keep decoding.
 *
 * An initial window of 0 is a warning too, not an error: it means "no history, start now", which
 * both sources handle (the first run reads an empty window and sets the checkpoint to now), and
 * rejecting it in the shared codec would make every stored connector with it fail to decode in
 * the list (ConnectorView uses the same settings codecs).
 */

const HOUR_MS = 3_600_000;
const DAY_MS = 24 * HOUR_MS;
export const MAX_SENSIBLE_LATE_ARRIVAL_MS = 7 * DAY_MS;
export const MAX_SENSIBLE_LAG_MS = HOUR_MS;
export const MAX_SENSIBLE_INITIAL_WINDOW_MS = 365 * DAY_MS;

/** A duration setting in ms; undefined when unset or not a duration (the codec says why). */
export function durationMs(text: string | undefined): number | undefined {
  if (text === undefined || text.trim() === '') return undefined;
  const parsed = parseDuration(text);
  return 'error' in parsed ? undefined : parsed.ms;
}

function initialWindowWarning(text: string | undefined): FieldMessage | undefined {
  if (text === undefined || text.trim() === '') return undefined;
  const parsed = parseInitialWindow(text);
  if ('error' in parsed || parsed.ms === 'everything') return undefined;
  if (parsed.ms === 0) return message('initialWindowZero');
  return parsed.ms > MAX_SENSIBLE_INITIAL_WINDOW_MS ? message('initialWindowLong') : undefined;
}

const isHttp = (url: string | undefined) => url !== undefined && /^http:\/\//i.test(url.trim());
const isHttps = (url: string | undefined) => url !== undefined && /^https:\/\//i.test(url.trim());

/**
 * TLS settings only matter when a TLS connection is made: to an https:// destination, or to an
 * https:// proxy. A plain http:// destination through no proxy or an http:// one never uses them.
 */
export function tlsUnused(destination: string | undefined, proxy: string | undefined): boolean {
  return isHttp(destination) && !isHttps(proxy);
}

function text(settings: SourceSettings, field: string): string | undefined {
  const value = settings[field];
  return typeof value === 'string' ? value : undefined;
}

/** Warnings by field path for the form's settings: the shared rules, then the source's own. */
export function settingsWarnings(
  source: AnySourceDefinition,
  settings: SourceSettings
): Record<string, FieldMessage> {
  const warnings: Record<string, FieldMessage> = {};
  const initial = initialWindowWarning(text(settings, 'initialWindow'));
  if (initial) warnings['settings.initialWindow'] = initial;
  const withoutTls = tlsUnused(source.destinationUrl(settings), text(settings, 'proxyUrl'));
  if (withoutTls && text(settings, 'caCertificate')?.trim()) {
    warnings['settings.caCertificate'] = message('caNotUsedOverHttp');
  }
  return { ...warnings, ...source.settingsWarnings(settings) };
}
