import { baselineKey, type BaselineEntry } from "./baseline-entry.js";
import { EntryStore } from "./entry-store.js";

const FIRST_CAPACITY = 64;

/** FNV-1a over the key's UTF-16 code units: the index only needs a spread, never a secret. */
function hashOf(key: string): number {
  let hash = 0x811c9dc5;
  for (let i = 0; i < key.length; i += 1) hash = Math.imul(hash ^ key.charCodeAt(i), 0x01000193);
  return hash | 0;
}

function keyOf(entry: BaselineEntry): string {
  return baselineKey(entry.ruleId, entry.fingerprint);
}

/**
 * The findings of a baseline, by rule id and fingerprint, kept for the whole scan outside V8's heap: each entry is
 * written as JSON into an EntryStore (memory up to a budget, then a temporary file) and found through a hash table
 * in typed arrays; an entry is parsed again when it is asked for. Held as objects (or even as keys in a Map), a
 * baseline of 94,000 findings took tens of MB of heap, and V8, which sizes its heap to a multiple of what is live
 * while the scan allocates fast, made the scan's peak grow by several times that; held whole in memory, the entries
 * themselves (about 1 KB each) made a scan with an organization's baseline grow with the organization.
 * Instances that share a store (those of one readBaseline) are merged without copying; dispose the store when the
 * comparison is done.
 */
export class BaselineEntries {
  /** Per entry, in the order first added: its place and length in the store, and its key's hash. */
  private places = new Float64Array(FIRST_CAPACITY);
  private lengths = new Uint32Array(FIRST_CAPACITY);
  private hashes = new Int32Array(FIRST_CAPACITY);
  private count = 0;
  /** Open addressing: entry index + 1 (0: empty), at least twice as many slots as entries. */
  private slots = new Int32Array(FIRST_CAPACITY * 2);

  constructor(readonly store: EntryStore = new EntryStore()) {}

  get size(): number {
    return this.count;
  }

  /** Adds an entry; a later entry with the same rule id and fingerprint replaces an earlier one, in its place. */
  add(entry: BaselineEntry): void {
    const text = Buffer.from(JSON.stringify(entry), "utf8");
    const key = keyOf(entry);
    this.record(key, hashOf(key), () => key, this.store.append(text), text.length);
  }

  /** Adds every entry of `other`, in its order, as add would (copied only when its store is another). */
  addAll(other: BaselineEntries): void {
    for (let index = 0; index < other.count; index += 1) {
      const from = other.places[index] as number;
      const length = other.lengths[index] as number;
      const place = other.store === this.store ? from : this.store.append(other.store.read(from, length));
      this.record(undefined, other.hashes[index] as number, () => keyOf(other.at(index)), place, length);
    }
  }

  /** The entry of a key made by baselineKey, and its index (0 for the first added). */
  lookup(key: string): { index: number; entry: BaselineEntry } | undefined {
    const mask = this.slots.length - 1;
    const hash = hashOf(key);
    for (let slot = hash & mask; ; slot = (slot + 1) & mask) {
      const held = this.slots[slot] as number;
      if (held === 0) return undefined;
      if (this.hashes[held - 1] !== hash) continue;
      const entry = this.at(held - 1);
      if (keyOf(entry) === key) return { index: held - 1, entry };
    }
  }

  get(key: string): BaselineEntry | undefined {
    return this.lookup(key)?.entry;
  }

  /** Every key and entry, in the order first added. */
  *entries(): Generator<[string, BaselineEntry]> {
    for (let index = 0; index < this.count; index += 1) {
      const entry = this.at(index);
      yield [keyOf(entry), entry];
    }
  }

  /** Indexes the entry stored at `place`; its key is asked for only on a hash match. */
  private record(
    known: string | undefined,
    hash: number,
    key: () => string,
    place: number,
    length: number,
  ): void {
    const mask = this.slots.length - 1;
    let slot = hash & mask;
    for (let held = this.slots[slot] as number; held !== 0; held = this.slots[slot] as number) {
      if (this.hashes[held - 1] === hash && keyOf(this.at(held - 1)) === (known ?? key())) {
        this.places[held - 1] = place;
        this.lengths[held - 1] = length;
        return;
      }
      slot = (slot + 1) & mask;
    }
    if (this.count === this.places.length) this.grow();
    this.places[this.count] = place;
    this.lengths[this.count] = length;
    this.hashes[this.count] = hash;
    this.count += 1;
    if (this.count * 2 > this.slots.length) this.rehash();
    else this.slots[slot] = this.count;
  }

  private grow(): void {
    const places = new Float64Array(this.places.length * 2);
    places.set(this.places);
    this.places = places;
    const lengths = new Uint32Array(this.lengths.length * 2);
    lengths.set(this.lengths);
    this.lengths = lengths;
    const hashes = new Int32Array(this.hashes.length * 2);
    hashes.set(this.hashes);
    this.hashes = hashes;
  }

  /** A table twice as large, every entry placed again. */
  private rehash(): void {
    this.slots = new Int32Array(this.slots.length * 2);
    const mask = this.slots.length - 1;
    for (let index = 0; index < this.count; index += 1) {
      let slot = (this.hashes[index] as number) & mask;
      while (this.slots[slot] !== 0) slot = (slot + 1) & mask;
      this.slots[slot] = index + 1;
    }
  }

  /** The entry at `index`, in the order first added. */
  at(index: number): BaselineEntry {
    const text = this.store.read(this.places[index] as number, this.lengths[index] as number);
    return JSON.parse(text.toString("utf8")) as BaselineEntry;
  }
}
