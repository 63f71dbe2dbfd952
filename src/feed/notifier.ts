// Tells this process's consumers (live subscriptions, the webhook worker) that the relay gave
// changes their cursors, in which spaces; they read the outbox again rather than wait for their poll.
import { EventEmitter } from "node:events";

export class FeedNotifier {
  private readonly events = new EventEmitter();
  constructor() {
    this.events.setMaxListeners(0);
  }

  notify(spaces: readonly string[]): void {
    for (const space of spaces) this.events.emit(space);
    this.events.emit("*");
  }

  /** Resolves when the space (or "*": any) gets new changes here, or after timeoutMs (another process may be the relay). */
  wait(space: string, timeoutMs: number, signal?: AbortSignal): Promise<void> {
    return new Promise((resolve) => {
      const done = (): void => {
        clearTimeout(timer);
        this.events.off(space, done);
        signal?.removeEventListener("abort", done);
        resolve();
      };
      const timer = setTimeout(done, timeoutMs);
      this.events.on(space, done);
      signal?.addEventListener("abort", done);
    });
  }
}
