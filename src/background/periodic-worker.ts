// Background work that runs every so often while the server does (the change feed's relay, the
// webhook worker, the retention work): one loop that runs a round, waits, and runs the next; that
// logs a failing round once per outage and says when it works again; that a wake-up can hurry; and
// that stops after the round in flight.
import { type Logger, logFailure } from "../logger.js";

export interface PeriodicWorkerOptions {
  /** What the log lines call it ("change feed relay"). */
  name: string;
  /** The pause between the end of one round and the start of the next. */
  intervalMs: number;
  logger: Logger;
}

export class PeriodicWorker {
  private timer: NodeJS.Timeout | undefined;
  private running: Promise<void> | undefined;
  private stopped = true;
  private failing = false;

  constructor(
    private readonly options: PeriodicWorkerOptions,
    private readonly round: () => Promise<unknown>,
  ) {}

  get started(): boolean {
    return !this.stopped;
  }

  start(): void {
    this.stopped = false;
    this.schedule(0);
  }

  /** Runs the next round now rather than at the end of the pause (no-op while one runs). */
  wake(): void {
    if (!this.stopped && this.running === undefined) this.schedule(0);
  }

  /** Stops after the round in flight, if any. */
  async stop(): Promise<void> {
    this.stopped = true;
    clearTimeout(this.timer);
    await this.running;
  }

  private schedule(delay: number): void {
    if (this.stopped) return;
    clearTimeout(this.timer);
    this.timer = setTimeout(() => {
      this.running = this.round()
        .then(() => {
          if (this.failing) this.options.logger.info(`${this.options.name} works again`);
          this.failing = false;
        })
        .catch((error: unknown) => {
          // Once per outage, not every round: Neo4j being away is already reported elsewhere.
          if (!this.failing) logFailure(this.options.logger, error, `${this.options.name} round failed; retrying every round`);
          this.failing = true;
        })
        .finally(() => {
          this.running = undefined;
          this.schedule(this.options.intervalMs);
        });
    }, delay);
    this.timer.unref();
  }
}
