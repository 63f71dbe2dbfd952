// The search form's fields and the search in force, kept in step with the address: a link to
// #by=…&q=… (an entry's profile id, say) searches for it.
import { useCallback, useEffect, useState } from "react";
import { hashFor, readHash, type Search } from "./search.js";

export interface SearchState {
  /** The form's fields. */
  draft: Search;
  setDraft(search: Search): void;
  /** The search the page shows: a new object for each search, so searching again reloads. */
  active: Search | null;
  go(search: Search): void;
}

export function useSearch(): SearchState {
  const [draft, setDraft] = useState<Search>(() => readHash() ?? { by: "any", type: "email", value: "" });
  const [active, setActive] = useState<Search | null>(readHash);

  useEffect(() => {
    const onHash = () => {
      const next = readHash();
      if (next) {
        setDraft(next);
        setActive(next);
      }
    };
    window.addEventListener("hashchange", onHash);
    return () => window.removeEventListener("hashchange", onHash);
  }, []);

  const go = useCallback((search: Search) => {
    window.location.hash = hashFor(search);
    setActive({ ...search });
  }, []);
  return { draft, setDraft, active, go };
}
