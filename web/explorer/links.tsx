// Links that search for what they name (#by=…&q=…), and times as the person's locale writes them.
import type { ReactNode } from "react";
import type { Identifier } from "./model.js";
import { hashFor } from "./search.js";

export const time = (iso: string | null | undefined): string => (iso ? new Date(iso).toLocaleString() : "–");

export function ProfileLink({ id, children }: { id: string; children?: ReactNode }) {
  return <a href={hashFor({ by: "profileId", type: "", value: id })}>{children ?? `profile id ${id}`}</a>;
}

export function DeviceLink({ id }: { id: string }) {
  return <a href={hashFor({ by: "device", type: "", value: id })}>device {id}</a>;
}

export function IdentifierLink({ identifier }: { identifier: Identifier }) {
  return (
    <a href={hashFor({ by: "identifier", type: identifier.type, value: identifier.value })}>
      {identifier.type} {identifier.value}
    </a>
  );
}
