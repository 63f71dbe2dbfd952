// The profile explorer: a key, a search, the profile drawn and listed, its history and changes,
// and the admin actions (each behind a confirmation dialog). It only calls /graphql, with the key
// entered here. This component only composes: state lives in the hooks, each part in its component.
import { useApiKey } from "../shared/api-key.js";
import { KeyBar } from "../shared/KeyBar.js";
import { AdminDialog, useAdminDialogs } from "./AdminDialogs.js";
import { ChangesSection } from "./Changes.js";
import { ProfileDrawing } from "./Drawing.js";
import { HistorySection } from "./History.js";
import { MessageBanners, useMessages } from "./Messages.js";
import { ProfileLists } from "./ProfileLists.js";
import { SearchBar, SearchStatus } from "./SearchBar.js";
import { useProfile } from "./use-profile.js";
import { useSearch } from "./use-search.js";

export function App() {
  const messages = useMessages();
  const apiKey = useApiKey({ onRefused: messages.fail, onAccepted: messages.clearError });
  const { api, status } = apiKey;
  const search = useSearch();
  const { loaded, loading, notFound, reload } = useProfile(api, search.active, messages);
  const dialogs = useAdminDialogs(api, {
    async done(message) {
      messages.tell(message);
      await reload();
    },
    fail: messages.fail,
  });
  const admin = status.kind === "caller" && status.caller.role === "admin" ? dialogs.actions : null;

  return (
    <div className="app">
      <header className="topbar">
        <h1>
          idgraph <span>profile explorer</span>
        </h1>
        <KeyBar apiKey={apiKey} placeholder="kept for this tab only" />
        <a href="/graphql">Query console</a>
      </header>
      <SearchBar draft={search.draft} onChange={search.setDraft} onSearch={search.go} />
      <MessageBanners messages={messages} />
      <SearchStatus active={search.active} loading={loading} notFound={notFound} />
      {loaded && (
        <main className="profile">
          <ProfileDrawing api={api} graph={loaded.graph} fail={messages.fail} />
          <ProfileLists profile={loaded.profile} history={loaded.history} graph={loaded.graph} admin={admin} />
          <HistorySection api={api} loaded={loaded} admin={admin} fail={messages.fail} />
          <ChangesSection api={api} loaded={loaded} fail={messages.fail} />
        </main>
      )}
      <AdminDialog dialogs={dialogs} />
    </div>
  );
}
