// The profile the search finds: the profile, as much of its history as the drawing needs, the
// current profiles of its shared devices' other people, and the drawing built from them.
import { useCallback, useEffect, useRef, useState } from "react";
import type { Api } from "../shared/api.js";
import { type AuditEntry, buildGraph, type Profile, type ProfileGraph } from "./model.js";
import * as Q from "./queries.js";
import { findProfileId, type Search } from "./search.js";
import { EMPTY_PAGE, pageOf, readPages } from "./use-pages.js";

const GRAPH_PAGE = 500;
const GRAPH_PAGES = 10;

export interface Loaded {
  profile: Profile;
  /** Newest first, up to GRAPH_PAGES pages. */
  history: AuditEntry[];
  others: Profile[];
  graph: ProfileGraph;
}

async function loadProfile(api: Api, id: string): Promise<Loaded | null> {
  const first = await api.request(Q.PROFILE, { id, first: GRAPH_PAGE, after: null });
  if (!first.profile) return null;
  const { history: firstPage, ...profile } = first.profile;
  const history = await readPages(async (after) => {
    if (after === null) return pageOf(firstPage);
    const next = await api.request(Q.HISTORY, { id, first: GRAPH_PAGE, after });
    return next.profile ? pageOf(next.profile.history) : EMPTY_PAGE;
  }, GRAPH_PAGES);
  const otherIds = [...new Set(profile.devices.map((d) => d.profileId).filter((p): p is string => !!p && p !== profile.id))];
  const others =
    otherIds.length > 0 ? (await api.request(Q.NEIGHBOURS, { ids: otherIds })).profiles.filter((p): p is Profile => p !== null) : [];
  return { profile, history, others, graph: buildGraph(profile, history, others) };
}

export interface ProfileState {
  /** The profile shown; it stays while the next one loads. */
  loaded: Loaded | null;
  loading: boolean;
  notFound: boolean;
  /** Loads the profile again (after an admin action changed it). */
  reload(): Promise<void>;
}

export function useProfile(api: Api, search: Search | null, events: { fail(error: unknown): void; clearError(): void }): ProfileState {
  const [loaded, setLoaded] = useState<Loaded | null>(null);
  const [loading, setLoading] = useState(false);
  const [notFound, setNotFound] = useState(false);
  // Only the latest load may show: a search typed quickly after another does not flash the first.
  const latest = useRef(0);
  const { fail, clearError } = events;

  const reload = useCallback(async () => {
    if (!search) return;
    const run = ++latest.current;
    setLoading(true);
    try {
      const id = await findProfileId(api, search);
      const next = id ? await loadProfile(api, id) : null;
      if (run !== latest.current) return;
      setLoaded(next);
      setNotFound(next === null);
      clearError();
    } catch (e) {
      if (run !== latest.current) return;
      fail(e);
      setLoaded(null);
    } finally {
      if (run === latest.current) setLoading(false);
    }
  }, [api, search, fail, clearError]);

  useEffect(() => {
    void reload();
  }, [reload]);

  return { loaded, loading, notFound, reload };
}
