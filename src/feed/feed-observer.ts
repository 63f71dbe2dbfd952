// What the relay and the webhook worker report; the metrics count it (src/metrics/metrics.ts).
// An endpoint is named by its id only: its URL can carry a token or a value in its path or query.
export interface FeedObserver {
  /** One sequencing transaction committed: the seconds each of its changes waited since its write's stamp. */
  sequenced?(lagSeconds: readonly number[]): void;
  /** One delivery attempt; lagSeconds (from the change's write to the receiver's 2xx) when it delivered a change in feed order. */
  attempted?(endpointId: string, delivered: boolean, lagSeconds?: number): void;
  /** A change set aside after its endpoint's maxAttempts. */
  deadLettered?(endpointId: string): void;
}
