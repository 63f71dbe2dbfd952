// Two nodes picked in the drawing: why they are together (explainLink), as the chain of links found.
import { useEffect, useState } from "react";
import type { Api } from "../shared/api.js";
import type { ExplainQuery, IdentityRefInput } from "../shared/gql/graphql.js";
import { deviceNode, identifierNode, profileIdNode } from "./model.js";
import * as Q from "./queries.js";

export type Explanation = ExplainQuery["explainLink"];
export type Ref = Explanation["steps"][number]["from"];

/** A drawing's node id (d:…, p:…, i:type:value) as explainLink's input. */
const refOf = (node: string): IdentityRefInput => {
  if (node.startsWith("d:")) return { deviceId: node.slice(2) };
  if (node.startsWith("p:")) return { profileId: node.slice(2) };
  const [type = "", ...value] = node.slice(2).split(":");
  return { identifier: { type, value: value.join(":") } };
};

/** The drawing's node id of an explanation's end. */
export const nodeOfRef = (ref: Ref): string =>
  ref.kind === "DEVICE"
    ? deviceNode(ref.deviceId ?? "")
    : ref.kind === "PROFILE_ID"
      ? profileIdNode(ref.profileId ?? "")
      : identifierNode(ref.identifier ?? { type: "", value: "" });

export const refText = (ref: Ref): string =>
  ref.kind === "DEVICE"
    ? `device ${ref.deviceId}`
    : ref.kind === "PROFILE_ID"
      ? `profile id ${ref.profileId}`
      : `${ref.identifier?.type} ${ref.identifier?.value}`;

/** The explanation of the two picked nodes; null until two are picked and the server has answered. */
export function useExplanation(api: Api, picked: readonly string[], fail: (error: unknown) => void): Explanation | null {
  const [explanation, setExplanation] = useState<Explanation | null>(null);
  useEffect(() => {
    setExplanation(null);
    const [from, to] = picked;
    if (picked.length !== 2 || from === undefined || to === undefined) return;
    let current = true;
    api
      .request(Q.EXPLAIN, { from: refOf(from), to: refOf(to) })
      .then((answer) => current && setExplanation(answer.explainLink))
      .catch((e: unknown) => current && fail(e));
    return () => {
      current = false;
    };
  }, [api, picked, fail]);
  return explanation;
}
