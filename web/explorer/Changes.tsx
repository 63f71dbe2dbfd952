// What the change feed told downstream systems about the profile's ids, newest first, page by page.
import { useCallback } from "react";
import type { Api } from "../shared/api.js";
import { ChangeDetails } from "./Entries.js";
import type { Change } from "./model.js";
import * as Q from "./queries.js";
import type { Loaded } from "./use-profile.js";
import { EMPTY_PAGE, type Page, pageOf, usePages } from "./use-pages.js";

const CHANGES_PAGE = 20;

export function ChangesSection({ api, loaded, fail }: { api: Api; loaded: Loaded; fail(error: unknown): void }) {
  const load = useCallback(
    async (after: string | null): Promise<Page<Change>> => {
      const answer = await api.request(Q.CHANGES, { id: loaded.profile.id, first: CHANGES_PAGE, after });
      return answer.profile ? pageOf(answer.profile.changes) : EMPTY_PAGE;
    },
    [api, loaded],
  );
  const changes = usePages(load, fail);
  return (
    <section className="changes" aria-label="Changes">
      <h2>Changes</h2>
      <p className="muted small-text">What the change feed told downstream systems about this profile's ids, newest first.</p>
      <ol className="timeline" aria-label="Change feed entries">
        {changes.entries.map((change) => (
          <li key={change.cursor}>
            <ChangeDetails change={change} />
          </li>
        ))}
        {changes.entries.length === 0 && <li className="muted">no changes in the feed (yet)</li>}
      </ol>
      {changes.more && (
        <button type="button" onClick={changes.more}>
          Older changes
        </button>
      )}
    </section>
  );
}
