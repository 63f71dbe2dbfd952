// The profile as text: its id, the admin actions on it, and one list per part (devices,
// identifiers, traits, profile ids, links). A new part of the profile is a new list component here, fed by
// a field added to the ProfileFields fragment (queries.ts).
import type { AdminActions } from "./AdminDialogs.js";
import { time } from "./links.js";
import {
  type AuditEntry,
  describeLink,
  type Profile,
  type ProfileGraph,
  profileIdNode,
  type Reattribution,
  reattributionOf,
  span,
  undoableLinks,
} from "./model.js";
import { hashFor } from "./search.js";
import { traitRows, traitText } from "./traits.js";

export interface ProfileListsProps {
  profile: Profile;
  history: readonly AuditEntry[];
  graph: ProfileGraph;
  /** The admin's actions; null for a key without the admin role. */
  admin: AdminActions | null;
}

export function ProfileLists({ profile, history, graph, admin }: ProfileListsProps) {
  return (
    <section className="lists" aria-label="Profile as text">
      <h2>
        Profile <code className="copy">{profile.id}</code>
      </h2>
      <p className="muted">created {time(profile.createdAt)}</p>
      {admin && (
        <div className="actions">
          <button type="button" onClick={() => admin.resetIdentities(profile)}>
            Reset identities
          </button>
          <button type="button" className="danger" onClick={() => admin.deleteProfile(profile)}>
            Delete profile
          </button>
        </div>
      )}
      <DevicesList profile={profile} history={history} />
      <IdentifiersList profile={profile} />
      <TraitsList profile={profile} />
      <ProfileIdsList profile={profile} graph={graph} />
      <LinksList graph={graph} admin={admin} />
    </section>
  );
}

function DevicesList({ profile, history }: { profile: Profile; history: readonly AuditEntry[] }) {
  const moves = history.map(reattributionOf).filter((m): m is Reattribution => m !== null);
  return (
    <>
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
    </>
  );
}

function IdentifiersList({ profile }: { profile: Profile }) {
  return (
    <>
      <h3>Identifiers ({profile.identifiers.length})</h3>
      <ul aria-label="Identifiers">
        {profile.identifiers.map((i) => (
          <li key={`${i.type}:${i.value}`}>
            <span className="badge">{i.type}</span> <code className="copy">{i.value}</code>
          </li>
        ))}
      </ul>
    </>
  );
}

function TraitsList({ profile }: { profile: Profile }) {
  const rows = traitRows(profile);
  return (
    <>
      <h3>Traits ({Object.keys(profile.traits ?? {}).length})</h3>
      <ul aria-label="Traits">
        {rows.map(({ name, shown, others }) => (
          <li key={name}>
            <span className="badge">{name}</span> <code className={shown.value === null ? "muted" : "copy"}>{traitText(shown.value)}</code>
            <span className="muted">
              {` · ${shown.value === null ? "removed" : "set"} ${time(shown.at)} on profile id ${shown.profileId}`}
            </span>
            {others.length > 0 && (
              <ul className="trait-others" aria-label={`Other values of ${name}`}>
                {others.map((other) => (
                  <li key={`${other.profileId}:${other.at}`} className="muted">
                    profile id {other.profileId}: {traitText(other.value)} ({time(other.at)})
                  </li>
                ))}
              </ul>
            )}
          </li>
        ))}
        {rows.length === 0 && <li className="muted">no traits</li>}
      </ul>
    </>
  );
}

function ProfileIdsList({ profile, graph }: { profile: Profile; graph: ProfileGraph }) {
  return (
    <>
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
    </>
  );
}

function LinksList({ graph, admin }: { graph: ProfileGraph; admin: AdminActions | null }) {
  const links = undoableLinks(graph);
  return (
    <>
      <h3>Links ({links.length})</h3>
      <ul aria-label="Links" className="links">
        {links.map((link) => (
          <li key={link.id}>
            <span>{describeLink(link)}</span>
            <span className="muted"> · {link.entry ? `${link.entry.action}, ${time(link.entry.at)}, by ${link.entry.actor}` : ""}</span>
            {admin && link.entry && (
              <button type="button" className="small" onClick={() => link.entry && admin.unmerge(link.entry, describeLink(link))}>
                Unmerge
              </button>
            )}
          </li>
        ))}
        {links.length === 0 && <li className="muted">no identifier links or manual merges</li>}
      </ul>
    </>
  );
}
