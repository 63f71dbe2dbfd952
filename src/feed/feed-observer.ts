// What the relay reports; the metrics count it (src/metrics/metrics.ts).
export interface FeedObserver {
  /** One sequencing transaction committed: the seconds each of its changes waited since its write's stamp. */
  sequenced?(lagSeconds: readonly number[]): void;
}
