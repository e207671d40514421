/**
 * A map that keeps about `limit` recent entries (at most twice as many): a
 * young generation takes new entries and, once full, becomes the old one,
 * whose previous entries are forgotten. An old entry that is read again
 * moves back to the young generation. Cheap, unlike deleting from a Map one
 * entry at a time. With no limit it is a plain map.
 */
export class RecentMap<K, V> {
  private young = new Map<K, V>();
  private old = new Map<K, V>();

  constructor(public limit = Infinity) {}

  get(key: K): V | undefined {
    const v = this.young.get(key);
    if (v !== undefined || this.old.size === 0) return v;
    const old = this.old.get(key);
    if (old !== undefined) this.set(key, old);
    return old;
  }

  set(key: K, value: V): void {
    this.young.set(key, value);
    if (this.young.size > this.limit) {
      this.old = this.young;
      this.young = new Map();
    }
  }

  /** Every entry kept, young ones first, each key once. */
  *entries(): IterableIterator<[K, V]> {
    yield* this.young;
    for (const e of this.old) if (!this.young.has(e[0])) yield e;
  }
}
