// An audit entry and a change-feed entry as the history and the changes list show them: what
// happened, when, by whom, and links to everything it touched.
import type { AuditEntry, Change, Reattribution } from "./model.js";
import { reattributionOf } from "./model.js";
import { DeviceLink, IdentifierLink, ProfileLink, time } from "./links.js";

export function MovedText({ moved }: { moved: Reattribution }) {
  return (
    <div className="moved-text">
      <DeviceLink id={moved.deviceId} />: activity from <time dateTime={moved.from}>{time(moved.from)}</time>{" "}
      {moved.until ? (
        <>
          until <time dateTime={moved.until}>{time(moved.until)}</time>
        </>
      ) : (
        "on"
      )}{" "}
      moved from <ProfileLink id={moved.fromProfileId} /> to <ProfileLink id={moved.toProfileId} />
    </div>
  );
}

export function EntryDetails({ entry, undoneBy }: { entry: AuditEntry; undoneBy?: AuditEntry | undefined }) {
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
          <ProfileLink key={id} id={id} />
        ))}
        {entry.identifiers.map((i) => (
          <IdentifierLink key={`${i.type}:${i.value}`} identifier={i} />
        ))}
        {entry.deviceIds.map((d) => (
          <DeviceLink key={d} id={d} />
        ))}
      </div>
      <div className="muted small-text">entry {entry.id}</div>
    </div>
  );
}

export function ChangeDetails({ change }: { change: Change }) {
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
            <ProfileLink id={m.profileId} /> → {m.belongsTo ? <ProfileLink id={m.belongsTo}>profile {m.belongsTo}</ProfileLink> : "deleted"}
          </span>
        ))}
        {change.identifiers.map((i) => (
          <IdentifierLink key={`${i.type}:${i.value}`} identifier={i} />
        ))}
        {change.deviceIds.map((d) => (
          <DeviceLink key={d} id={d} />
        ))}
      </div>
      <div className="muted small-text">
        cursor {change.cursor}
        {change.auditEntryId && ` · audit entry ${change.auditEntryId}`}
      </div>
    </div>
  );
}
