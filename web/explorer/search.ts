// What the person looks up, kept in the address (#by=…&q=…) so a link or a reload finds it again,
// and how a lookup becomes a profile id.
import { type Api, ApiError } from "../shared/api.js";
import * as Q from "./queries.js";

export type SearchBy = "any" | "profileId" | "device" | "identifier";
export interface Search {
  by: SearchBy;
  type: string;
  value: string;
}

const SEARCH_BY: readonly string[] = ["any", "profileId", "device", "identifier"] satisfies SearchBy[];

export const readHash = (): Search | null => {
  const params = new URLSearchParams(window.location.hash.slice(1));
  const value = params.get("q");
  if (!value) return null;
  const by = params.get("by") ?? "any";
  return { by: SEARCH_BY.includes(by) ? (by as SearchBy) : "any", type: params.get("type") ?? "email", value };
};

export const hashFor = (search: Search): string => {
  const params = new URLSearchParams({ by: search.by, q: search.value });
  if (search.by === "identifier") params.set("type", search.type);
  return `#${params.toString()}`;
};

export async function findProfileId(api: Api, search: Search): Promise<string | null> {
  const value = search.value.trim();
  if (search.by === "profileId") return (await api.request(Q.FIND_BY_PROFILE_ID, { id: value })).found?.id ?? null;
  if (search.by === "device") return (await api.request(Q.FIND_BY_DEVICE, { value })).found?.id ?? null;
  if (search.by === "identifier") return (await api.request(Q.FIND_BY_IDENTIFIER, { type: search.type.trim(), value })).found?.id ?? null;
  // Any: every lookup at once; a lookup that does not apply (an unknown type, say) only fails itself.
  const result = await api.answer(Q.FIND_ANY, { value, id: value });
  const found = Object.values(result.data ?? {}).find((p) => p);
  if (found) return found.id;
  const blocking = result.errors.find((e) => e.extensions?.code !== "BAD_USER_INPUT" && e.extensions?.code !== "NOT_FOUND");
  if (blocking) throw new ApiError(blocking.extensions?.code ?? "ERROR", blocking.message);
  return null;
}
