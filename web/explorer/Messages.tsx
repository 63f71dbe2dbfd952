// What went wrong (an API error's code and message) and what an admin action did, above the profile.
import { useCallback, useState } from "react";
import { type ApiError, errorOf } from "../shared/api.js";

export interface Messages {
  error: ApiError | null;
  notice: string | null;
  fail(error: unknown): void;
  clearError(): void;
  tell(notice: string): void;
  clearNotice(): void;
}

export function useMessages(): Messages {
  const [error, setError] = useState<ApiError | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const fail = useCallback((e: unknown) => setError(errorOf(e)), []);
  const clearError = useCallback(() => setError(null), []);
  const clearNotice = useCallback(() => setNotice(null), []);
  return { error, notice, fail, clearError, tell: setNotice, clearNotice };
}

export function MessageBanners({ messages }: { messages: Messages }) {
  const { error, notice } = messages;
  return (
    <>
      {error && (
        <div className="error" role="alert">
          <code>{error.code}</code> {error.message}
          <button type="button" className="link" onClick={messages.clearError}>
            dismiss
          </button>
        </div>
      )}
      {notice && (
        <div className="notice" role="status">
          {notice}
          <button type="button" className="link" onClick={messages.clearNotice}>
            dismiss
          </button>
        </div>
      )}
    </>
  );
}
