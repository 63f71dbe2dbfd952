// The API key of a page: whatever is in the "API key" field is the key in use. Enter, leaving the
// field or sending a request applies it; the server's whoami then says whose key it is.
import { useCallback, useEffect, useMemo, useRef, useState } from "react";
import { type Api, type ApiError, apiWith, dataOf, errorOf, post } from "./api.js";
import { WHOAMI } from "./whoami.js";

export interface Caller {
  name: string;
  role: string;
  space: string;
}

/** What the page knows of the key in use. */
export type KeyStatus = { kind: "none" } | { kind: "checking" } | { kind: "caller"; caller: Caller } | { kind: "refused"; error: ApiError };

export interface ApiKey {
  /** The field's content. */
  draft: string;
  setDraft(value: string): void;
  /** The key in use: the field's content when it was last applied. */
  key: string;
  status: KeyStatus;
  /** Makes the field's content the key in use (kept for this tab) and returns it. */
  apply(): string;
  /** Requests with the field's content as their key: sending one applies it. A new Api per key in use. */
  api: Api;
}

export interface ApiKeyEvents {
  /** The server refused the key in use (whoami failed). */
  onRefused?(error: ApiError): void;
  /** The server named the key's caller. */
  onAccepted?(caller: Caller): void;
}

const STORAGE = "idgraph.apiKey";

/** The key is kept for this tab's session only (sessionStorage), never in localStorage or a cookie. */
const storedKey = (): string => sessionStorage.getItem(STORAGE) ?? "";
const storeKey = (key: string): void => {
  if (key) sessionStorage.setItem(STORAGE, key);
  else sessionStorage.removeItem(STORAGE);
};

export function useApiKey(events: ApiKeyEvents = {}): ApiKey {
  const [key, setKey] = useState(storedKey);
  const [draft, setDraftState] = useState(key);
  const [status, setStatus] = useState<KeyStatus>({ kind: "checking" });
  // Read when a request is sent, which may be before the next render.
  const draftNow = useRef(draft);
  const keyNow = useRef(key);
  const listeners = useRef(events);
  listeners.current = events;

  const setDraft = useCallback((value: string) => {
    draftNow.current = value;
    setDraftState(value);
  }, []);
  const apply = useCallback((): string => {
    const next = draftNow.current.trim();
    if (next !== keyNow.current) {
      keyNow.current = next;
      storeKey(next);
      setKey(next);
    }
    return next;
  }, []);

  useEffect(() => {
    let current = true;
    setStatus({ kind: "checking" });
    post(key, WHOAMI)
      .then((answer) => {
        if (!current) return;
        const { whoami } = dataOf(answer);
        setStatus({ kind: "caller", caller: whoami });
        listeners.current.onAccepted?.(whoami);
      })
      .catch((e: unknown) => {
        if (!current) return;
        const error = errorOf(e);
        // Without a key the server answers only in open mode; that silence is not an error to show.
        if (!key && error.code === "UNAUTHENTICATED") return setStatus({ kind: "none" });
        setStatus({ kind: "refused", error });
        listeners.current.onRefused?.(error);
      });
    return () => {
      current = false;
    };
  }, [key]);

  // biome-ignore lint/correctness/useExhaustiveDependencies: a new Api per key in use, so what was loaded with the old key loads again.
  const api = useMemo(() => apiWith(apply), [apply, key]);
  return { draft, setDraft, key, status, apply, api };
}
