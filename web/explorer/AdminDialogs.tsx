// The admin actions (unmerge a link, reset identities, delete a profile), each behind a
// confirmation dialog that says exactly what will change; deleting also needs the profile id typed.
import { type ReactNode, useCallback, useEffect, useMemo, useRef, useState } from "react";
import type { Api } from "../shared/api.js";
import { time } from "./links.js";
import type { AuditEntry, Profile } from "./model.js";
import * as Q from "./queries.js";

interface Dialog {
  title: string;
  body: ReactNode;
  /** The text the person must type to enable Confirm (delete profile). */
  typeToConfirm?: string;
  /** Does it; the message to show afterwards. */
  run(reason: string): Promise<string>;
}

/** What an admin can do from the page: each opens its dialog. */
export interface AdminActions {
  unmerge(entry: AuditEntry, what: string): void;
  resetIdentities(profile: Profile): void;
  deleteProfile(profile: Profile): void;
}

const unmergeDialog = (api: Api, entry: AuditEntry, what: string): Dialog => ({
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
    const { profileIds } = (await api.request(Q.UNMERGE, { id: entry.id, reason: reason || null })).unmerge;
    return `Unmerged. The profile ids now stand as ${profileIds.length} profile(s): ${profileIds.join(", ")}.`;
  },
});

const resetDialog = (api: Api, profile: Profile): Dialog => ({
  title: "Reset identities?",
  body: (
    <p>
      Every identifier link and manual merge of profile <code>{profile.id}</code> is removed: its {profile.ids.length} profile id(s) stand
      alone again (one per device), and its {profile.identifiers.length} identifier(s) are unlinked. Recorded in the audit log.
    </p>
  ),
  async run(reason) {
    const { profileIds } = (await api.request(Q.RESET_IDENTITIES, { id: profile.id, reason: reason || null })).resetIdentities;
    return `Identities reset. ${profileIds.length} profile(s) stand: ${profileIds.join(", ")}.`;
  },
});

const deleteDialog = (api: Api, profile: Profile): Dialog => ({
  title: "Delete this profile?",
  body: (
    <p>
      Profile <code>{profile.id}</code> is deleted for good (GDPR): its {profile.ids.length} profile id(s), {profile.identifiers.length}{" "}
      identifier(s) and the devices no other profile uses. Its audit entries keep what happened but lose identifier values and device ids.
      Type the profile id to confirm.
    </p>
  ),
  typeToConfirm: profile.id,
  async run(reason) {
    const answer = await api.request(Q.DELETE_PROFILE, { id: profile.id, reason: reason || null });
    return `Deleted ${answer.deleteProfile.deletedProfileIds.length} profile id(s).`;
  },
});

export interface AdminDialogs {
  actions: AdminActions;
  /** The dialog open, if any. */
  open: Dialog | null;
  cancel(): void;
  confirm(reason: string): Promise<void>;
}

/** The admin actions and their one dialog; `done` hears what an action did, `fail` why it did not. */
export function useAdminDialogs(api: Api, events: { done(message: string): Promise<void>; fail(error: unknown): void }): AdminDialogs {
  const [open, setOpen] = useState<Dialog | null>(null);
  const { done, fail } = events;
  const actions = useMemo<AdminActions>(
    () => ({
      unmerge: (entry, what) => setOpen(unmergeDialog(api, entry, what)),
      resetIdentities: (profile) => setOpen(resetDialog(api, profile)),
      deleteProfile: (profile) => setOpen(deleteDialog(api, profile)),
    }),
    [api],
  );
  const cancel = useCallback(() => setOpen(null), []);
  const confirm = async (reason: string) => {
    if (!open) return;
    try {
      const message = await open.run(reason);
      setOpen(null);
      await done(message);
    } catch (e) {
      setOpen(null);
      fail(e);
    }
  };
  return { actions, open, cancel, confirm };
}

export function AdminDialog({ dialogs }: { dialogs: AdminDialogs }) {
  return (
    dialogs.open && <ConfirmDialog dialog={dialogs.open} onCancel={dialogs.cancel} onConfirm={(reason) => void dialogs.confirm(reason)} />
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
