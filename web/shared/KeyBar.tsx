// The "API key" field of every page, and whose key is in use once the server has said so (whoami).
import type { ApiKey, KeyStatus } from "./api-key.js";

const describe = (status: KeyStatus, typed: boolean): string => {
  if (typed) return "key not checked yet (Enter)";
  switch (status.kind) {
    case "none":
      return "no key in use";
    case "checking":
      return "checking the key…";
    case "caller":
      return `${status.caller.name} · ${status.caller.role} · space ${status.caller.space}`;
    case "refused":
      return `key refused: ${status.error.code}`;
  }
};

export function KeyBar({ apiKey, placeholder }: { apiKey: ApiKey; placeholder: string }) {
  const typed = apiKey.draft.trim() !== apiKey.key;
  return (
    <>
      <form
        className="key"
        onSubmit={(event) => {
          event.preventDefault();
          apiKey.apply();
        }}
      >
        <label htmlFor="api-key">API key</label>
        <input
          id="api-key"
          type="password"
          autoComplete="off"
          value={apiKey.draft}
          onChange={(event) => apiKey.setDraft(event.target.value)}
          onBlur={() => apiKey.apply()}
          placeholder={placeholder}
        />
        <button type="submit">Use key</button>
      </form>
      <span className="caller" aria-live="polite">
        {describe(apiKey.status, typed)}
      </span>
    </>
  );
}
