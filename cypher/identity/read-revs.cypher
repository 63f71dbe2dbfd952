// The revisions of some profiles, by their roots (src/rules/refusals.ts): read without locks, so a
// device's remembered refusal can be matched without loading the profiles whole. "-": never
// revised; "gone": no longer a root (merged away meanwhile), which matches nothing remembered.
UNWIND $roots AS root
MATCH (p:ProfileId {space: $space, id: root})
RETURN p.id AS root, CASE WHEN p.profile = p.id THEN coalesce(p.rev, '-') ELSE 'gone' END AS rev
