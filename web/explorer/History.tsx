// The profile's history: its audit entries, newest first, page by page; an admin can unmerge a
// link that still stands.
import { useCallback, useMemo } from "react";
import type { Api } from "../shared/api.js";
import type { AdminActions } from "./AdminDialogs.js";
import { EntryDetails } from "./Entries.js";
import { type AuditEntry, undoneBy } from "./model.js";
import * as Q from "./queries.js";
import type { Loaded } from "./use-profile.js";
import { EMPTY_PAGE, type Page, pageOf, usePages } from "./use-pages.js";

const TIMELINE_PAGE = 20;

const undoable = (entry: AuditEntry): boolean => entry.action === "IDENTIFIER_LINKED" || entry.action === "PROFILES_MERGED";

export function HistorySection(props: { api: Api; loaded: Loaded; admin: AdminActions | null; fail(error: unknown): void }) {
  const { api, loaded, admin, fail } = props;
  const load = useCallback(
    async (after: string | null): Promise<Page<AuditEntry>> => {
      const answer = await api.request(Q.HISTORY, { id: loaded.profile.id, first: TIMELINE_PAGE, after });
      return answer.profile ? pageOf(answer.profile.history) : EMPTY_PAGE;
    },
    [api, loaded],
  );
  const timeline = usePages(load, fail);
  const undone = useMemo(() => undoneBy(loaded.history), [loaded]);
  return (
    <section className="history" aria-label="History">
      <h2>History</h2>
      <ol className="timeline">
        {timeline.entries.map((entry) => (
          <li key={entry.id}>
            <EntryDetails entry={entry} undoneBy={undone.get(entry.id)} />
            {admin && undoable(entry) && !undone.has(entry.id) && (
              <button
                type="button"
                className="small"
                onClick={() => admin.unmerge(entry, `${entry.action} of ${entry.profileIds.join(", ")}`)}
              >
                Unmerge
              </button>
            )}
          </li>
        ))}
      </ol>
      {timeline.more && (
        <button type="button" onClick={timeline.more}>
          Older entries
        </button>
      )}
    </section>
  );
}
