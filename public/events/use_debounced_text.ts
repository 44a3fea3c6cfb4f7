import { useCallback, useEffect, useRef, useState } from 'react';

/** How long typing pauses before a filter applies (Discover's search bar waits similarly). */
export const FILTER_DEBOUNCE_MS = 300;

/**
 * A text input that applies itself once typing pauses: `draft` is what the field shows, `commit`
 * gets the trimmed text `delayMs` after the last keystroke (or at once on `flush`, for Enter).
 * When `value` changes from outside (a link, back/forward), the field shows it.
 */
export function useDebouncedText(
  value: string,
  commit: (text: string) => void,
  delayMs: number = FILTER_DEBOUNCE_MS
): {
  draft: string;
  setDraft: (text: string) => void;
  /** Applies the text now; false when it was applied already (nothing changed). */
  flush: (text?: string) => boolean;
} {
  const [draft, setDraft] = useState(value);
  const committed = useRef(value);
  const commitRef = useRef(commit);
  commitRef.current = commit;

  useEffect(() => {
    if (value === committed.current) return;
    committed.current = value;
    setDraft(value);
  }, [value]);

  const flush = useCallback((text?: string) => {
    const next = (text ?? '').trim();
    if (next === committed.current) return false;
    committed.current = next;
    commitRef.current(next);
    return true;
  }, []);

  useEffect(() => {
    if (draft.trim() === committed.current) return undefined;
    const timer = setTimeout(() => void flush(draft), delayMs);
    return () => clearTimeout(timer);
  }, [draft, delayMs, flush]);

  return { draft, setDraft, flush: (text?: string) => flush(text ?? draft) };
}
