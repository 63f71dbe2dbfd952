// The search form (look up by anything, a profile id, a device id or an identifier of a type), and
// what the page says while it looks or when nothing is found.
import type { FormEvent } from "react";
import type { Search, SearchBy } from "./search.js";

export function SearchBar({
  draft,
  onChange,
  onSearch,
}: {
  draft: Search;
  onChange(search: Search): void;
  onSearch(search: Search): void;
}) {
  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (draft.value.trim()) onSearch({ ...draft, value: draft.value.trim() });
  };
  return (
    <form className="search" onSubmit={submit}>
      <label htmlFor="search-by">Look up by</label>
      <select id="search-by" value={draft.by} onChange={(e) => onChange({ ...draft, by: e.target.value as SearchBy })}>
        <option value="any">anything (profile id, device id, user_id, email, phone)</option>
        <option value="profileId">profile id</option>
        <option value="device">device id</option>
        <option value="identifier">identifier of type…</option>
      </select>
      {draft.by === "identifier" && (
        <>
          <label htmlFor="search-type">Identifier type</label>
          <input id="search-type" className="type" value={draft.type} onChange={(e) => onChange({ ...draft, type: e.target.value })} />
        </>
      )}
      <label htmlFor="search" className="visually-hidden">
        Search
      </label>
      <input
        id="search"
        type="search"
        value={draft.value}
        onChange={(e) => onChange({ ...draft, value: e.target.value })}
        placeholder="an email, a user id, a device id, a profile id…"
      />
      <button type="submit">Find</button>
    </form>
  );
}

export function SearchStatus({ active, loading, notFound }: { active: Search | null; loading: boolean; notFound: boolean }) {
  if (loading) return <p className="muted status-line">Loading…</p>;
  if (active && notFound) return <p className="muted status-line">No profile found for “{active.value}”.</p>;
  if (!active) {
    return (
      <p className="muted intro">
        Enter an API key, then search for an email, a user id, a device id or a profile id to see the whole profile.
      </p>
    );
  }
  return null;
}
