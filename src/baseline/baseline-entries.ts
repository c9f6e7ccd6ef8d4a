import { baselineKey, type BaselineEntry } from "./baseline-entry.js";

/** Entries are written into buffers of this many bytes (a larger entry gets a buffer of its own size). */
const BUFFER_BYTES = 4 << 20;
/** A place is buffer index × 2³² + offset. */
const PLACE_UNIT = 2 ** 32;
const LENGTH_BYTES = 4;

/**
 * The findings of a baseline, by rule id and fingerprint, kept for the whole scan outside V8's heap: each entry is
 * written as JSON into large buffers, and only its key and place stay on the heap. Held as objects, a baseline of
 * 94,000 findings took some 84 MB of heap, and V8, which sizes its heap to a multiple of what is live while the
 * scan allocates fast, made the scan's peak grow by several times that.
 */
export class BaselineEntries {
  private readonly places = new Map<string, number>();
  private readonly buffers: Buffer[] = [];
  private used = 0;

  get size(): number {
    return this.places.size;
  }

  /** Adds an entry; a later entry with the same rule id and fingerprint replaces an earlier one. */
  add(entry: BaselineEntry): void {
    const text = JSON.stringify(entry);
    const length = Buffer.byteLength(text, "utf8");
    const { buffer, offset } = this.room(length);
    buffer.write(text, offset + LENGTH_BYTES, "utf8");
    this.place(baselineKey(entry.ruleId, entry.fingerprint), offset, length);
  }

  /** Adds every entry of `other`, in its order, as add would. */
  addAll(other: BaselineEntries): void {
    for (const [key, place] of other.places) {
      const { buffer: from, offset: start } = other.locate(place);
      const length = from.readUInt32LE(start);
      const { buffer, offset } = this.room(length);
      from.copy(buffer, offset + LENGTH_BYTES, start + LENGTH_BYTES, start + LENGTH_BYTES + length);
      this.place(key, offset, length);
    }
  }

  has(key: string): boolean {
    return this.places.has(key);
  }

  /** The entry of a key made by baselineKey. */
  get(key: string): BaselineEntry | undefined {
    const place = this.places.get(key);
    return place === undefined ? undefined : this.at(place);
  }

  /** Every key and entry, in the order first added. */
  *entries(): Generator<[string, BaselineEntry]> {
    for (const [key, place] of this.places) yield [key, this.at(place)];
  }

  *keys(): Generator<string> {
    yield* this.places.keys();
  }

  /** Where an entry of `length` bytes goes: the end of the last buffer, or a new one. */
  private room(length: number): { buffer: Buffer; offset: number } {
    const bytes = length + LENGTH_BYTES;
    let buffer = this.buffers[this.buffers.length - 1];
    if (!buffer || this.used + bytes > buffer.length) {
      buffer = Buffer.allocUnsafeSlow(Math.max(BUFFER_BYTES, bytes));
      this.buffers.push(buffer);
      this.used = 0;
    }
    return { buffer, offset: this.used };
  }

  /** Records the entry just written at `offset` of the last buffer. */
  private place(key: string, offset: number, length: number): void {
    const buffer = this.buffers[this.buffers.length - 1] as Buffer;
    buffer.writeUInt32LE(length, offset);
    this.places.set(key, (this.buffers.length - 1) * PLACE_UNIT + offset);
    this.used = offset + LENGTH_BYTES + length;
  }

  private locate(place: number): { buffer: Buffer; offset: number } {
    return { buffer: this.buffers[Math.floor(place / PLACE_UNIT)] as Buffer, offset: place % PLACE_UNIT };
  }

  private at(place: number): BaselineEntry {
    const { buffer, offset } = this.locate(place);
    const length = buffer.readUInt32LE(offset);
    return JSON.parse(
      buffer.toString("utf8", offset + LENGTH_BYTES, offset + LENGTH_BYTES + length),
    ) as BaselineEntry;
  }
}
