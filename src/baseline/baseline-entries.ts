import { baselineKey, type BaselineEntry } from "./baseline-entry.js";

/**
 * Entries are written into buffers that double from the first size to the largest (a larger entry gets a buffer
 * of its own size): a report of one account takes little, a report of an organization few buffers.
 */
const FIRST_BUFFER_BYTES = 64 << 10;
const LARGEST_BUFFER_BYTES = 4 << 20;
/** A place is buffer index × 2³² + offset. */
const PLACE_UNIT = 2 ** 32;
const LENGTH_BYTES = 4;
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
 * written as JSON into large buffers and found through a hash table in typed arrays; an entry is parsed again when
 * it is asked for. Held as objects (or even as keys in a Map), a baseline of 94,000 findings took tens of MB of
 * heap, and V8, which sizes its heap to a multiple of what is live while the scan allocates fast, made the scan's
 * peak grow by several times that.
 */
export class BaselineEntries {
  private readonly buffers: Buffer[] = [];
  private used = 0;
  /** Per entry, in the order first added: its place, and its key's hash. */
  private places = new Float64Array(FIRST_CAPACITY);
  private hashes = new Int32Array(FIRST_CAPACITY);
  private count = 0;
  /** Open addressing: entry index + 1 (0: empty), at least twice as many slots as entries. */
  private slots = new Int32Array(FIRST_CAPACITY * 2);

  get size(): number {
    return this.count;
  }

  /** Adds an entry; a later entry with the same rule id and fingerprint replaces an earlier one, in its place. */
  add(entry: BaselineEntry): void {
    const text = JSON.stringify(entry);
    const length = Buffer.byteLength(text, "utf8");
    const { buffer, offset } = this.room(length);
    buffer.write(text, offset + LENGTH_BYTES, "utf8");
    const key = keyOf(entry);
    this.record(key, hashOf(key), () => key, offset, length);
  }

  /** Adds every entry of `other`, in its order, as add would. */
  addAll(other: BaselineEntries): void {
    for (let index = 0; index < other.count; index += 1) {
      const { buffer: from, offset: start } = other.locate(other.places[index] as number);
      const length = from.readUInt32LE(start);
      const { buffer, offset } = this.room(length);
      from.copy(buffer, offset + LENGTH_BYTES, start + LENGTH_BYTES, start + LENGTH_BYTES + length);
      this.record(undefined, other.hashes[index] as number, () => keyOf(other.at(index)), offset, length);
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

  /** Indexes the entry just written at `offset` of the last buffer; its key is asked for only on a hash match. */
  private record(
    known: string | undefined,
    hash: number,
    key: () => string,
    offset: number,
    length: number,
  ): void {
    const buffer = this.buffers[this.buffers.length - 1] as Buffer;
    buffer.writeUInt32LE(length, offset);
    this.used = offset + LENGTH_BYTES + length;
    const place = (this.buffers.length - 1) * PLACE_UNIT + offset;
    const mask = this.slots.length - 1;
    let slot = hash & mask;
    for (let held = this.slots[slot] as number; held !== 0; held = this.slots[slot] as number) {
      if (this.hashes[held - 1] === hash && keyOf(this.at(held - 1)) === (known ?? key())) {
        this.places[held - 1] = place;
        return;
      }
      slot = (slot + 1) & mask;
    }
    if (this.count === this.places.length) this.grow();
    this.places[this.count] = place;
    this.hashes[this.count] = hash;
    this.count += 1;
    if (this.count * 2 > this.slots.length) this.rehash();
    else this.slots[slot] = this.count;
  }

  private grow(): void {
    const places = new Float64Array(this.places.length * 2);
    places.set(this.places);
    this.places = places;
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

  /** Where an entry of `length` bytes goes: the end of the last buffer, or a new one. */
  private room(length: number): { buffer: Buffer; offset: number } {
    const bytes = length + LENGTH_BYTES;
    let buffer = this.buffers[this.buffers.length - 1];
    if (!buffer || this.used + bytes > buffer.length) {
      const next = buffer ? Math.min(buffer.length * 2, LARGEST_BUFFER_BYTES) : FIRST_BUFFER_BYTES;
      buffer = Buffer.allocUnsafeSlow(Math.max(next, bytes));
      this.buffers.push(buffer);
      this.used = 0;
    }
    return { buffer, offset: this.used };
  }

  private locate(place: number): { buffer: Buffer; offset: number } {
    return { buffer: this.buffers[Math.floor(place / PLACE_UNIT)] as Buffer, offset: place % PLACE_UNIT };
  }

  /** The entry at `index`, in the order first added. */
  at(index: number): BaselineEntry {
    const { buffer, offset } = this.locate(this.places[index] as number);
    const length = buffer.readUInt32LE(offset);
    return JSON.parse(
      buffer.toString("utf8", offset + LENGTH_BYTES, offset + LENGTH_BYTES + length),
    ) as BaselineEntry;
  }
}
