// The profile explorer: a key, a search, the profile drawn and listed, its history, and the admin
// actions (each behind a confirmation dialog). It only calls /graphql, with the key entered here.
import { type FormEvent, type ReactNode, useCallback, useEffect, useMemo, useRef, useState } from "react";
import { ApiError, request, storedKey, storeKey, graphql } from "../shared/api.js";
import { Graph } from "./Graph.js";
import {
  type AuditEntry,
  buildGraph,
  type Change,
  describeLink,
  deviceNode,
  type GraphLink,
  identifierNode,
  type Identifier,
  type Profile,
  profileIdNode,
  type Reattribution,
  reattributionOf,
  span,
  undoableLinks,
  undoneBy,
} from "./model.js";
import * as Q from "./queries.js";

interface Caller {
  name: string;
  role: string;
  space: string;
}
type SearchBy = "any" | "profileId" | "device" | "identifier";
interface Search {
  by: SearchBy;
  type: string;
  value: string;
}
interface Page {
  edges: Array<{ cursor: string; node: AuditEntry }>;
  pageInfo: { hasNextPage: boolean; endCursor: string | null };
}
interface ChangePage {
  edges: Array<{ cursor: string; node: Change }>;
  pageInfo: { hasNextPage: boolean; endCursor: string | null };
}
interface Loaded {
  profile: Profile;
  history: AuditEntry[];
  others: Profile[];
}
interface Step {
  kind: string;
  at: string;
  from: Ref;
  to: Ref;
  auditEntry: AuditEntry | null;
}
interface Ref {
  kind: "DEVICE" | "IDENTIFIER" | "PROFILE_ID";
  deviceId: string | null;
  profileId: string | null;
  identifier: Identifier | null;
}
interface Explanation {
  connected: boolean;
  profileId: string | null;
  steps: Step[];
}
interface Dialog {
  title: string;
  body: ReactNode;
  /** The text the person must type to enable Confirm (delete profile). */
  typeToConfirm?: string;
  run(reason: string): Promise<string>;
}

const GRAPH_PAGE = 500;
const GRAPH_PAGES = 10;
const TIMELINE_PAGE = 20;
const CHANGES_PAGE = 20;

const readHash = (): Search | null => {
  const params = new URLSearchParams(window.location.hash.slice(1));
  const value = params.get("q");
  if (!value) return null;
  const by = (params.get("by") ?? "any") as SearchBy;
  return { by: ["any", "profileId", "device", "identifier"].includes(by) ? by : "any", type: params.get("type") ?? "email", value };
};
const hashFor = (search: Search): string => {
  const params = new URLSearchParams({ by: search.by, q: search.value });
  if (search.by === "identifier") params.set("type", search.type);
  return `#${params.toString()}`;
};

const errorOf = (error: unknown): ApiError => (error instanceof ApiError ? error : new ApiError("ERROR", String(error)));

const refOf = (node: string): Record<string, unknown> => {
  if (node.startsWith("d:")) return { deviceId: node.slice(2) };
  if (node.startsWith("p:")) return { profileId: node.slice(2) };
  const [type, ...value] = node.slice(2).split(":");
  return { identifier: { type, value: value.join(":") } };
};
const nodeOfRef = (ref: Ref): string =>
  ref.kind === "DEVICE"
    ? deviceNode(ref.deviceId ?? "")
    : ref.kind === "PROFILE_ID"
      ? profileIdNode(ref.profileId ?? "")
      : identifierNode(ref.identifier ?? { type: "", value: "" });
const refText = (ref: Ref): string =>
  ref.kind === "DEVICE"
    ? `device ${ref.deviceId}`
    : ref.kind === "PROFILE_ID"
      ? `profile id ${ref.profileId}`
      : `${ref.identifier?.type} ${ref.identifier?.value}`;
const time = (iso: string | null): string => (iso ? new Date(iso).toLocaleString() : "–");

async function findProfileId(key: string, search: Search): Promise<string | null> {
  const value = search.value.trim();
  if (search.by === "profileId")
    return (await request<{ found: { id: string } | null }>(key, Q.FIND_BY_PROFILE_ID, { id: value })).found?.id ?? null;
  if (search.by === "device") return (await request<{ found: { id: string } | null }>(key, Q.FIND_BY_DEVICE, { value })).found?.id ?? null;
  if (search.by === "identifier") {
    return (
      (await request<{ found: { id: string } | null }>(key, Q.FIND_BY_IDENTIFIER, { type: search.type.trim(), value })).found?.id ?? null
    );
  }
  // Any: every lookup at once; a lookup that does not apply (an unknown type, say) only fails itself.
  const result = await graphql<Record<string, { id: string } | null>>(key, Q.FIND_ANY, { value, id: value });
  const found = Object.values(result.data ?? {}).find((p) => p);
  if (found) return found.id;
  const blocking = result.errors.find((e) => e.extensions?.code !== "BAD_USER_INPUT" && e.extensions?.code !== "NOT_FOUND");
  if (blocking) throw new ApiError(blocking.extensions?.code ?? "ERROR", blocking.message);
  return null;
}

async function loadProfile(key: string, id: string): Promise<Loaded | null> {
  type Answer = { profile: (Profile & { history: Page }) | null };
  const first = await request<Answer>(key, Q.PROFILE, { id, first: GRAPH_PAGE, after: null });
  if (!first.profile) return null;
  const { history: page, ...profile } = first.profile;
  const history = page.edges.map((e) => e.node);
  let info = page.pageInfo;
  for (let i = 1; i < GRAPH_PAGES && info.hasNextPage; i++) {
    const next = await request<Answer>(key, Q.HISTORY, { id, first: GRAPH_PAGE, after: info.endCursor });
    if (!next.profile) break;
    history.push(...next.profile.history.edges.map((e) => e.node));
    info = next.profile.history.pageInfo;
  }
  const otherIds = [...new Set(profile.devices.map((d) => d.profileId).filter((p): p is string => p !== null && p !== profile.id))];
  const others =
    otherIds.length > 0
      ? (await request<{ profiles: Array<Profile | null> }>(key, Q.NEIGHBOURS, { ids: otherIds })).profiles.filter(
          (p): p is Profile => p !== null,
        )
      : [];
  return { profile, history, others };
}

export function App() {
  const [key, setKey] = useState(storedKey);
  const [keyDraft, setKeyDraft] = useState(key);
  const [caller, setCaller] = useState<Caller | null>(null);
  const [error, setError] = useState<ApiError | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const [search, setSearch] = useState<Search>(() => readHash() ?? { by: "any", type: "email", value: "" });
  const [active, setActive] = useState<Search | null>(readHash);
  const [loaded, setLoaded] = useState<Loaded | null>(null);
  const [loading, setLoading] = useState(false);
  const [notFound, setNotFound] = useState(false);
  const [timeline, setTimeline] = useState<{ entries: AuditEntry[]; next: string | null }>({ entries: [], next: null });
  const [changes, setChanges] = useState<{ entries: Change[]; next: string | null }>({ entries: [], next: null });
  const [picked, setPicked] = useState<string[]>([]);
  const [explanation, setExplanation] = useState<Explanation | null>(null);
  const [selected, setSelected] = useState<GraphLink | null>(null);
  const [dialog, setDialog] = useState<Dialog | null>(null);
  const isAdmin = caller?.role === "admin";

  useEffect(() => {
    setCaller(null);
    // Without a key the server answers only in open mode; that silence is not an error to show.
    request<{ whoami: Caller }>(key, Q.WHOAMI)
      .then((answer) => {
        setCaller(answer.whoami);
        setError(null);
      })
      .catch((e: unknown) => {
        if (key || errorOf(e).code !== "UNAUTHENTICATED") setError(errorOf(e));
      });
  }, [key]);

  useEffect(() => {
    const onHash = () => {
      const next = readHash();
      if (next) {
        setSearch(next);
        setActive(next);
      }
    };
    window.addEventListener("hashchange", onHash);
    return () => window.removeEventListener("hashchange", onHash);
  }, []);

  const reload = useCallback(async () => {
    if (!active) return;
    setLoading(true);
    setTimeline({ entries: [], next: null });
    setChanges({ entries: [], next: null });
    setPicked([]);
    setExplanation(null);
    setSelected(null);
    try {
      const id = await findProfileId(key, active);
      const next = id ? await loadProfile(key, id) : null;
      setLoaded(next);
      setNotFound(next === null);
      const first = next ? next.history.slice(0, TIMELINE_PAGE) : [];
      const page = next
        ? await request<{ profile: { history: Page } | null }>(key, Q.HISTORY, { id: next.profile.id, first: TIMELINE_PAGE, after: null })
        : null;
      setTimeline(
        page?.profile
          ? {
              entries: page.profile.history.edges.map((e) => e.node),
              next: page.profile.history.pageInfo.hasNextPage ? page.profile.history.pageInfo.endCursor : null,
            }
          : { entries: first, next: null },
      );
      const feed = next
        ? await request<{ profile: { changes: ChangePage } | null }>(key, Q.CHANGES, {
            id: next.profile.id,
            first: CHANGES_PAGE,
            after: null,
          })
        : null;
      setChanges(feed?.profile ? pageOfChanges(feed.profile.changes) : { entries: [], next: null });
      setError(null);
    } catch (e) {
      setError(errorOf(e));
      setLoaded(null);
    } finally {
      setLoading(false);
    }
  }, [active, key]);

  useEffect(() => {
    void reload();
  }, [reload]);

  const graph = useMemo(() => (loaded ? buildGraph(loaded.profile, loaded.history, loaded.others) : null), [loaded]);
  const undone = useMemo(() => undoneBy(loaded?.history ?? []), [loaded]);
  const moves = useMemo(() => (loaded?.history ?? []).map(reattributionOf).filter((m): m is Reattribution => m !== null), [loaded]);

  const onPickNode = useCallback((id: string) => {
    setPicked((current) => (current.includes(id) ? current.filter((p) => p !== id) : [...current, id].slice(-2)));
  }, []);

  useEffect(() => {
    setExplanation(null);
    if (picked.length !== 2) return;
    const [from, to] = picked as [string, string];
    request<{ explainLink: Explanation }>(key, Q.EXPLAIN, { from: refOf(from), to: refOf(to) })
      .then((answer) => setExplanation(answer.explainLink))
      .catch((e: unknown) => setError(errorOf(e)));
  }, [picked, key]);

  const highlighted = useMemo(() => {
    const ids = new Set<string>();
    if (!explanation || !graph) return ids;
    for (const step of explanation.steps) {
      const a = nodeOfRef(step.from);
      const b = nodeOfRef(step.to);
      ids.add(a);
      ids.add(b);
      const link = graph.links.find((l) => (l.source === a && l.target === b) || (l.source === b && l.target === a));
      if (link) ids.add(link.id);
    }
    return ids;
  }, [explanation, graph]);

  const go = (next: Search) => {
    window.location.hash = hashFor(next);
    setActive({ ...next });
  };
  const submitSearch = (event: FormEvent) => {
    event.preventDefault();
    if (search.value.trim()) go({ ...search, value: search.value.trim() });
  };
  const submitKey = (event: FormEvent) => {
    event.preventDefault();
    storeKey(keyDraft.trim());
    setKey(keyDraft.trim());
  };

  const olderEntries = async () => {
    if (!loaded || !timeline.next) return;
    try {
      const page = await request<{ profile: { history: Page } | null }>(key, Q.HISTORY, {
        id: loaded.profile.id,
        first: TIMELINE_PAGE,
        after: timeline.next,
      });
      const history = page.profile?.history;
      if (!history) return;
      setTimeline((t) => ({
        entries: [...t.entries, ...history.edges.map((e) => e.node)],
        next: history.pageInfo.hasNextPage ? history.pageInfo.endCursor : null,
      }));
    } catch (e) {
      setError(errorOf(e));
    }
  };

  const olderChanges = async () => {
    if (!loaded || !changes.next) return;
    try {
      const page = await request<{ profile: { changes: ChangePage } | null }>(key, Q.CHANGES, {
        id: loaded.profile.id,
        first: CHANGES_PAGE,
        after: changes.next,
      });
      const more = page.profile?.changes;
      if (!more) return;
      const next = pageOfChanges(more);
      setChanges((c) => ({ entries: [...c.entries, ...next.entries], next: next.next }));
    } catch (e) {
      setError(errorOf(e));
    }
  };

  const confirmUnmerge = (entry: AuditEntry, what: string) =>
    setDialog({
      title: "Unmerge this link?",
      body: (
        <>
          <p>
            This undoes exactly one link: <strong>{what}</strong>, recorded by audit entry <code>{entry.id}</code> ({entry.action},{" "}
            {time(entry.at)}).
          </p>
          <p>If nothing else holds the profile together, it splits into separate profiles. The unmerge is recorded in the audit log.</p>
        </>
      ),
      async run(reason) {
        const answer = await request<{ unmerge: { profileIds: string[] } }>(key, Q.UNMERGE, { id: entry.id, reason: reason || null });
        return `Unmerged. The profile ids now stand as ${answer.unmerge.profileIds.length} profile(s): ${answer.unmerge.profileIds.join(", ")}.`;
      },
    });
  const confirmReset = (profile: Profile) =>
    setDialog({
      title: "Reset identities?",
      body: (
        <p>
          Every identifier link and manual merge of profile <code>{profile.id}</code> is removed: its {profile.ids.length} profile id(s)
          stand alone again (one per device), and its {profile.identifiers.length} identifier(s) are unlinked. Recorded in the audit log.
        </p>
      ),
      async run(reason) {
        const answer = await request<{ resetIdentities: { profileIds: string[] } }>(key, Q.RESET_IDENTITIES, {
          id: profile.id,
          reason: reason || null,
        });
        return `Identities reset. ${answer.resetIdentities.profileIds.length} profile(s) stand: ${answer.resetIdentities.profileIds.join(", ")}.`;
      },
    });
  const confirmDelete = (profile: Profile) =>
    setDialog({
      title: "Delete this profile?",
      body: (
        <p>
          Profile <code>{profile.id}</code> is deleted for good (GDPR): its {profile.ids.length} profile id(s), {profile.identifiers.length}{" "}
          identifier(s) and the devices no other profile uses. Its audit entries keep what happened but lose identifier values and device
          ids. Type the profile id to confirm.
        </p>
      ),
      typeToConfirm: profile.id,
      async run(reason) {
        const answer = await request<{ deleteProfile: { deletedProfileIds: string[] } }>(key, Q.DELETE_PROFILE, {
          id: profile.id,
          reason: reason || null,
        });
        return `Deleted ${answer.deleteProfile.deletedProfileIds.length} profile id(s).`;
      },
    });

  const runDialog = async (reason: string) => {
    if (!dialog) return;
    try {
      const message = await dialog.run(reason);
      setDialog(null);
      setNotice(message);
      await reload();
    } catch (e) {
      setDialog(null);
      setError(errorOf(e));
    }
  };

  const profile = loaded?.profile;
  const links = graph ? undoableLinks(graph) : [];
  return (
    <div className="app">
      <header className="topbar">
        <h1>
          idgraph <span>profile explorer</span>
        </h1>
        <form className="key" onSubmit={submitKey}>
          <label htmlFor="api-key">API key</label>
          <input
            id="api-key"
            type="password"
            autoComplete="off"
            value={keyDraft}
            onChange={(e) => setKeyDraft(e.target.value)}
            placeholder="kept for this tab only"
          />
          <button type="submit">Use key</button>
        </form>
        <span className="caller" aria-live="polite">
          {caller ? `${caller.name} · ${caller.role} · space ${caller.space}` : "no key in use"}
        </span>
        <a href="/graphql">Query console</a>
      </header>

      <form className="search" onSubmit={submitSearch}>
        <label htmlFor="search-by">Look up by</label>
        <select id="search-by" value={search.by} onChange={(e) => setSearch({ ...search, by: e.target.value as SearchBy })}>
          <option value="any">anything (profile id, device id, user_id, email, phone)</option>
          <option value="profileId">profile id</option>
          <option value="device">device id</option>
          <option value="identifier">identifier of type…</option>
        </select>
        {search.by === "identifier" && (
          <>
            <label htmlFor="search-type">Identifier type</label>
            <input id="search-type" className="type" value={search.type} onChange={(e) => setSearch({ ...search, type: e.target.value })} />
          </>
        )}
        <label htmlFor="search" className="visually-hidden">
          Search
        </label>
        <input
          id="search"
          type="search"
          value={search.value}
          onChange={(e) => setSearch({ ...search, value: e.target.value })}
          placeholder="an email, a user id, a device id, a profile id…"
        />
        <button type="submit">Find</button>
      </form>

      {error && (
        <div className="error" role="alert">
          <code>{error.code}</code> {error.message}
          <button type="button" className="link" onClick={() => setError(null)}>
            dismiss
          </button>
        </div>
      )}
      {notice && (
        <div className="notice" role="status">
          {notice}
          <button type="button" className="link" onClick={() => setNotice(null)}>
            dismiss
          </button>
        </div>
      )}
      {loading && <p className="muted status-line">Loading…</p>}
      {!loading && notFound && active && <p className="muted status-line">No profile found for “{active.value}”.</p>}
      {!active && (
        <p className="muted intro">
          Enter an API key, then search for an email, a user id, a device id or a profile id to see the whole profile.
        </p>
      )}

      {profile && graph && (
        <main className="profile">
          <section className="drawing" aria-label="Profile drawing">
            <div className="legend" aria-hidden="true">
              <span className="lg device">device</span>
              <span className="lg pid">profile id</span>
              <span className="lg ident">identifier</span>
              <span className="lg merge">manual merge</span>
              <span className="lg forced">forced merge</span>
              <span className="lg moved">activity moved (late login)</span>
              <span className="lg flag">ghost / identity error</span>
              <span className="lg faded">another person</span>
            </div>
            <Graph graph={graph} picked={picked} highlighted={highlighted} onPickNode={onPickNode} onSelectLink={setSelected} />
            <p className="hint">Click a link to see its audit entry; click two nodes to see the chain of links that joins them.</p>
            {selected && (
              <section className="panel" aria-label="Selected link">
                <h3>Link: {describeLink(selected)}</h3>
                {selected.entry ? (
                  <EntryDetails entry={selected.entry} />
                ) : (
                  <p className="muted">No audit entry: drawn from the device's current profile.</p>
                )}
              </section>
            )}
            {explanation && (
              <section className="panel" aria-label="Explanation">
                <h3>Why are these together?</h3>
                {explanation.connected ? (
                  <ol>
                    {explanation.steps.map((step) => (
                      <li key={`${nodeOfRef(step.from)}>${nodeOfRef(step.to)}`}>
                        {refText(step.from)} → {refText(step.to)} <span className="badge">{step.kind}</span> {time(step.at)}
                        {step.auditEntry ? ` · ${step.auditEntry.action} by ${step.auditEntry.actor}` : ""}
                      </li>
                    ))}
                  </ol>
                ) : (
                  <p>Not connected by links.</p>
                )}
              </section>
            )}
          </section>

          <section className="lists" aria-label="Profile as text">
            <h2>
              Profile <code className="copy">{profile.id}</code>
            </h2>
            <p className="muted">created {time(profile.createdAt)}</p>
            {isAdmin && (
              <div className="actions">
                <button type="button" onClick={() => confirmReset(profile)}>
                  Reset identities
                </button>
                <button type="button" className="danger" onClick={() => confirmDelete(profile)}>
                  Delete profile
                </button>
              </div>
            )}
            <h3>Devices ({profile.devices.length})</h3>
            <ul aria-label="Devices">
              {profile.devices.map((d) => (
                <li key={d.id}>
                  <code className="copy">{d.id}</code>
                  <span className="muted"> last seen {time(d.lastSeenAt)}</span>
                  {moves
                    .filter((m) => m.deviceId === d.id)
                    .map((m) => (
                      <span key={`${m.from}:${m.toProfileId}`} className="moved-text">
                        {" "}
                        · activity {span(m)} moved{" "}
                        {profile.ids.includes(m.toProfileId) ? `here from profile id ${m.fromProfileId}` : `to profile id ${m.toProfileId}`}
                      </span>
                    ))}
                  {d.profileId && d.profileId !== profile.id && (
                    <span className="shared">
                      {" "}
                      · shared: now used by profile <a href={hashFor({ by: "profileId", type: "", value: d.profileId })}>{d.profileId}</a>
                    </span>
                  )}
                </li>
              ))}
            </ul>
            <h3>Identifiers ({profile.identifiers.length})</h3>
            <ul aria-label="Identifiers">
              {profile.identifiers.map((i) => (
                <li key={`${i.type}:${i.value}`}>
                  <span className="badge">{i.type}</span> <code className="copy">{i.value}</code>
                </li>
              ))}
            </ul>
            <h3>Profile ids ({profile.ids.length})</h3>
            <ul aria-label="Profile ids">
              {profile.ids.map((id) => {
                const flag = graph.nodes.find((n) => n.id === profileIdNode(id))?.flagged;
                return (
                  <li key={id}>
                    <code className="copy">{id}</code>
                    {id === profile.id && <span className="muted"> (the profile's id)</span>}
                    {flag && <span className="flag"> ⚠ {flag}</span>}
                  </li>
                );
              })}
            </ul>
            <h3>Links ({links.length})</h3>
            <ul aria-label="Links" className="links">
              {links.map((link) => (
                <li key={link.id}>
                  <span>{describeLink(link)}</span>
                  <span className="muted">
                    {" "}
                    · {link.entry ? `${link.entry.action}, ${time(link.entry.at)}, by ${link.entry.actor}` : ""}
                  </span>
                  {isAdmin && link.entry && (
                    <button type="button" className="small" onClick={() => link.entry && confirmUnmerge(link.entry, describeLink(link))}>
                      Unmerge
                    </button>
                  )}
                </li>
              ))}
              {links.length === 0 && <li className="muted">no identifier links or manual merges</li>}
            </ul>
          </section>

          <section className="history" aria-label="History">
            <h2>History</h2>
            <ol className="timeline">
              {timeline.entries.map((entry) => (
                <li key={entry.id}>
                  <EntryDetails entry={entry} undoneBy={undone.get(entry.id)} />
                  {isAdmin && (entry.action === "IDENTIFIER_LINKED" || entry.action === "PROFILES_MERGED") && !undone.has(entry.id) && (
                    <button
                      type="button"
                      className="small"
                      onClick={() => confirmUnmerge(entry, `${entry.action} of ${entry.profileIds.join(", ")}`)}
                    >
                      Unmerge
                    </button>
                  )}
                </li>
              ))}
            </ol>
            {timeline.next && (
              <button type="button" onClick={() => void olderEntries()}>
                Older entries
              </button>
            )}
          </section>

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
            {changes.next && (
              <button type="button" onClick={() => void olderChanges()}>
                Older changes
              </button>
            )}
          </section>
        </main>
      )}

      {dialog && <ConfirmDialog dialog={dialog} onCancel={() => setDialog(null)} onConfirm={(reason) => void runDialog(reason)} />}
    </div>
  );
}

const pageOfChanges = (page: ChangePage): { entries: Change[]; next: string | null } => ({
  entries: page.edges.map((e) => e.node),
  next: page.pageInfo.hasNextPage ? page.pageInfo.endCursor : null,
});

const profileLink = (id: string): ReactNode => (
  <a key={id} href={hashFor({ by: "profileId", type: "", value: id })}>
    profile id {id}
  </a>
);
const deviceLink = (id: string): ReactNode => (
  <a key={id} href={hashFor({ by: "device", type: "", value: id })}>
    device {id}
  </a>
);

function MovedText({ moved }: { moved: Reattribution }) {
  return (
    <div className="moved-text">
      {deviceLink(moved.deviceId)}: activity from <time dateTime={moved.from}>{time(moved.from)}</time>{" "}
      {moved.until ? (
        <>
          until <time dateTime={moved.until}>{time(moved.until)}</time>
        </>
      ) : (
        "on"
      )}{" "}
      moved from {profileLink(moved.fromProfileId)} to {profileLink(moved.toProfileId)}
    </div>
  );
}

function ChangeDetails({ change }: { change: Change }) {
  return (
    <div className="entry">
      <div>
        <span className={`badge action ${change.kind}`}>{change.kind}</span> <time dateTime={change.at}>{time(change.at)}</time>
      </div>
      {change.reattributions.map((r) => (
        <MovedText key={`${r.deviceId}:${r.from}`} moved={r} />
      ))}
      <div className="touched">
        {change.memberships.map((m) => (
          <span key={m.profileId}>
            {profileLink(m.profileId)} →{" "}
            {m.belongsTo ? <a href={hashFor({ by: "profileId", type: "", value: m.belongsTo })}>profile {m.belongsTo}</a> : "deleted"}
          </span>
        ))}
        {change.identifiers.map((i) => (
          <a key={`${i.type}:${i.value}`} href={hashFor({ by: "identifier", type: i.type, value: i.value })}>
            {i.type} {i.value}
          </a>
        ))}
        {change.deviceIds.map(deviceLink)}
      </div>
      <div className="muted small-text">
        cursor {change.cursor}
        {change.auditEntryId && ` · audit entry ${change.auditEntryId}`}
      </div>
    </div>
  );
}

function EntryDetails({ entry, undoneBy }: { entry: AuditEntry; undoneBy?: AuditEntry | undefined }) {
  const moved = reattributionOf(entry);
  return (
    <div className="entry">
      <div>
        <span className={`badge action ${entry.action}`}>{entry.action}</span> <time dateTime={entry.at}>{time(entry.at)}</time> · by{" "}
        {entry.actor}
        {entry.reason && !moved && <span> · {entry.reason}</span>}
      </div>
      {moved && <MovedText moved={moved} />}
      {undoneBy && (
        <div className="undone">
          undone by {undoneBy.id} ({undoneBy.action}, {time(undoneBy.at)}, by {undoneBy.actor})
        </div>
      )}
      {entry.undoes && <div className="muted">undoes entry {entry.undoes}</div>}
      <div className="touched">
        {entry.profileIds.map((id) => (
          <a key={id} href={hashFor({ by: "profileId", type: "", value: id })}>
            profile id {id}
          </a>
        ))}
        {entry.identifiers.map((i) => (
          <a key={`${i.type}:${i.value}`} href={hashFor({ by: "identifier", type: i.type, value: i.value })}>
            {i.type} {i.value}
          </a>
        ))}
        {entry.deviceIds.map((d) => (
          <a key={d} href={hashFor({ by: "device", type: "", value: d })}>
            device {d}
          </a>
        ))}
      </div>
      <div className="muted small-text">entry {entry.id}</div>
    </div>
  );
}

function ConfirmDialog({ dialog, onCancel, onConfirm }: { dialog: Dialog; onCancel(): void; onConfirm(reason: string): void }) {
  const [typed, setTyped] = useState("");
  const [reason, setReason] = useState("");
  const [busy, setBusy] = useState(false);
  const ready = !busy && (dialog.typeToConfirm === undefined || typed.trim() === dialog.typeToConfirm);
  const cancel = useRef<HTMLButtonElement>(null);
  // The safe choice has the focus when the dialog opens.
  useEffect(() => cancel.current?.focus(), []);
  useEffect(() => {
    const onKey = (event: KeyboardEvent) => {
      if (event.key === "Escape") onCancel();
    };
    window.addEventListener("keydown", onKey);
    return () => window.removeEventListener("keydown", onKey);
  }, [onCancel]);
  return (
    <div className="backdrop">
      <div className="dialog" role="dialog" aria-modal="true" aria-labelledby="dialog-title">
        <h2 id="dialog-title">{dialog.title}</h2>
        {dialog.body}
        {dialog.typeToConfirm !== undefined && (
          <p>
            <label htmlFor="dialog-type">Profile id to delete</label>
            <input id="dialog-type" value={typed} onChange={(e) => setTyped(e.target.value)} autoComplete="off" />
          </p>
        )}
        <p>
          <label htmlFor="dialog-reason">Reason (recorded in the audit log, optional)</label>
          <input id="dialog-reason" value={reason} onChange={(e) => setReason(e.target.value)} />
        </p>
        <div className="dialog-buttons">
          <button type="button" onClick={onCancel} ref={cancel}>
            Cancel
          </button>
          <button
            type="button"
            className="danger"
            disabled={!ready}
            onClick={() => {
              setBusy(true);
              onConfirm(reason.trim());
            }}
          >
            Confirm
          </button>
        </div>
      </div>
    </div>
  );
}
