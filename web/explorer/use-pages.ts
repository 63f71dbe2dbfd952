// A list the API gives page by page (a connection): the first page when what it lists changes,
// the next one when the person asks for more.
import { useCallback, useEffect, useRef, useState } from "react";

export interface Page<T> {
  entries: T[];
  /** The cursor of the next page; null on the last. */
  next: string | null;
}

interface Connection<T> {
  edges: ReadonlyArray<{ node: T }>;
  pageInfo: { hasNextPage: boolean; endCursor?: string | null };
}

export const EMPTY_PAGE: Page<never> = { entries: [], next: null };

export const pageOf = <T>(connection: Connection<T>): Page<T> => ({
  entries: connection.edges.map((edge) => edge.node),
  next: connection.pageInfo.hasNextPage ? (connection.pageInfo.endCursor ?? null) : null,
});

/** Up to `pages` pages read one after another: everything the drawing needs of a long history. */
export async function readPages<T>(load: (after: string | null) => Promise<Page<T>>, pages: number): Promise<T[]> {
  const entries: T[] = [];
  let after: string | null = null;
  for (let i = 0; i < pages; i++) {
    const page: Page<T> = await load(after);
    entries.push(...page.entries);
    if (page.next === null) break;
    after = page.next;
  }
  return entries;
}

export interface Pages<T> {
  entries: T[];
  /** Loads the next page; null when there is none. */
  more: (() => void) | null;
}

/** The pages `load` gives, from the first; a new `load` (another profile, a reload) starts again. */
export function usePages<T>(load: ((after: string | null) => Promise<Page<T>>) | null, fail: (error: unknown) => void): Pages<T> {
  const [page, setPage] = useState<Page<T>>(EMPTY_PAGE);
  // Answers for a `load` that has since been replaced are dropped.
  const current = useRef(load);

  useEffect(() => {
    current.current = load;
    setPage(EMPTY_PAGE);
    load?.(null)
      .then((first) => current.current === load && setPage(first))
      .catch((e: unknown) => current.current === load && fail(e));
  }, [load, fail]);

  const next = page.next;
  const more = useCallback(() => {
    if (!load || next === null) return;
    load(next)
      .then((older) => current.current === load && setPage((p) => ({ entries: [...p.entries, ...older.entries], next: older.next })))
      .catch((e: unknown) => current.current === load && fail(e));
  }, [load, next, fail]);
  return { entries: page.entries, more: next === null ? null : more };
}
