// The hottest keys (docs/identity-rules.md, "What the store keeps": a device id or identifier sending far
// more than a person could must not slow anyone down, and its weight must be visible): how many
// observations the busiest device ids and identifiers sent in the last minute, without naming them.
// Counted exactly per minute while the table is small; past `maxKeys` the keys seen least are
// dropped (lossy counting), so memory does not grow with traffic and a hot key, seen far more than
// the keys dropped, keeps its count. The keys live only in this process's memory.

export type HotKeyKind = "device" | "identifier";

const MINUTE = 60_000;

/** Counts of keys in one minute, bounded by dropping the rarest when it grows past maxKeys. */
class MinuteCounts {
  readonly counts = new Map<string, number>();
  private floor = 1;
  constructor(private readonly maxKeys: number) {}

  add(key: string): void {
    this.counts.set(key, (this.counts.get(key) ?? 0) + 1);
    if (this.counts.size <= this.maxKeys) return;
    // Drop the keys seen `floor` times or fewer; raise the floor while that frees too little.
    for (;;) {
      for (const [candidate, count] of this.counts) if (count <= this.floor) this.counts.delete(candidate);
      if (this.counts.size <= this.maxKeys / 2) return;
      this.floor *= 2;
    }
  }
}

export class HotKeys {
  private current = new Map<HotKeyKind, MinuteCounts>();
  private previous = new Map<HotKeyKind, MinuteCounts>();
  private minute: number;

  constructor(
    private readonly maxKeys = 20_000,
    private readonly now: () => number = Date.now,
  ) {
    this.minute = Math.floor(now() / MINUTE);
  }

  /** Counts one observation of a key (a device id, or an identifier as "type:value") of a space. */
  add(kind: HotKeyKind, space: string, key: string): void {
    this.rotate();
    let counts = this.current.get(kind);
    if (!counts) {
      counts = new MinuteCounts(this.maxKeys);
      this.current.set(kind, counts);
    }
    counts.add(`${space}\u0000${key}`);
  }

  /** The observations of the `n` hottest keys of a kind over the last full minute and the minute so far, hottest first. */
  hottest(kind: HotKeyKind, n: number): number[] {
    this.rotate();
    const merged = new Map<string, number>();
    for (const counts of [this.previous.get(kind), this.current.get(kind)])
      for (const [key, count] of counts?.counts ?? []) merged.set(key, (merged.get(key) ?? 0) + count);
    return [...merged.values()].sort((a, b) => b - a).slice(0, n);
  }

  private rotate(): void {
    const minute = Math.floor(this.now() / MINUTE);
    if (minute === this.minute) return;
    this.previous = minute === this.minute + 1 ? this.current : new Map();
    this.current = new Map();
    this.minute = minute;
  }
}
