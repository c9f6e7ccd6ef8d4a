import { randomBytes } from "node:crypto";
import { closeSync, openSync, readSync, rmSync, writeSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { removeOnInterrupt } from "../report/remove-on-interrupt.js";
import { OutputError } from "../report/errors.js";
import { describeWriteError } from "../report/write-output.js";

const FIRST_CHUNK_BYTES = 64 << 10;
const LARGEST_CHUNK_BYTES = 4 << 20;
/**
 * Above this many bytes held in memory, full chunks move to a temporary file. A baseline of one account stays in
 * memory; one of an organization (about 1 KB a finding: 100 MB for 100,000 findings) would otherwise be held for
 * the whole scan and make its peak grow with the organization.
 */
export const DEFAULT_MEMORY_BYTES = 16 << 20;
/** A place is chunk index × 2³² + offset. */
const PLACE_UNIT = 2 ** 32;

interface Chunk {
  /** Set while the chunk is in memory. */
  buffer?: Buffer;
  /** Where the chunk starts in the temporary file, once it moved there. */
  filePosition?: number;
  used: number;
}

/**
 * Append-only storage of byte strings, addressed by place: in memory up to a budget, then in a temporary file that
 * is private to the process (created on first need, 0600, removed by dispose or on an interrupt). Reads of the file
 * are synchronous: the comparison with a baseline looks entries up while it marks a finding.
 */
export class EntryStore {
  private readonly chunks: Chunk[] = [];
  private inMemory = 0;
  private file: string | undefined;
  private descriptor: number | undefined;
  private fileBytes = 0;
  private stopRemovingOnInterrupt: (() => void) | undefined;

  constructor(
    private readonly memoryBytes = DEFAULT_MEMORY_BYTES,
    private readonly directory = tmpdir(),
  ) {}

  /** Stores `bytes`; returns its place. */
  append(bytes: Buffer): number {
    let chunk = this.chunks[this.chunks.length - 1];
    if (!chunk?.buffer || chunk.used + bytes.length > chunk.buffer.length) {
      const previous = chunk?.buffer?.length ?? 0;
      const size = previous ? Math.min(previous * 2, LARGEST_CHUNK_BYTES) : FIRST_CHUNK_BYTES;
      chunk = { buffer: Buffer.allocUnsafeSlow(Math.max(size, bytes.length)), used: 0 };
      this.chunks.push(chunk);
      this.inMemory += chunk.buffer!.length;
      this.spillIfOverBudget();
    }
    const offset = chunk.used;
    bytes.copy(chunk.buffer!, offset);
    chunk.used += bytes.length;
    return (this.chunks.length - 1) * PLACE_UNIT + offset;
  }

  /** The `length` bytes stored at `place`. */
  read(place: number, length: number): Buffer {
    const chunk = this.chunks[Math.floor(place / PLACE_UNIT)] as Chunk;
    const offset = place % PLACE_UNIT;
    if (chunk.buffer) return chunk.buffer.subarray(offset, offset + length);
    const bytes = Buffer.allocUnsafe(length);
    let done = 0;
    while (done < length) {
      const read = readSync(
        this.descriptor as number,
        bytes,
        done,
        length - done,
        (chunk.filePosition as number) + offset + done,
      );
      if (read === 0) throw new Error(`the baseline's temporary file ${this.file} ended early`);
      done += read;
    }
    return bytes;
  }

  /** Bytes of chunks held in memory: within the budget, or the last chunk alone. */
  get bytesInMemory(): number {
    return this.inMemory;
  }

  /** Whether any chunk moved to the temporary file. */
  get spilled(): boolean {
    return this.file !== undefined;
  }

  /** Closes and removes the temporary file; the store cannot be read afterwards. */
  dispose(): void {
    this.chunks.length = 0;
    this.inMemory = 0;
    if (this.descriptor !== undefined) closeSync(this.descriptor);
    this.descriptor = undefined;
    if (this.file !== undefined) rmSync(this.file, { force: true });
    this.stopRemovingOnInterrupt?.();
    this.stopRemovingOnInterrupt = undefined;
  }

  /** Moves full chunks, oldest first, to the temporary file until memory is within budget (the last one stays). */
  private spillIfOverBudget(): void {
    for (let index = 0; this.inMemory > this.memoryBytes && index < this.chunks.length - 1; index += 1) {
      const chunk = this.chunks[index] as Chunk;
      if (!chunk.buffer) continue;
      const descriptor = this.openFile();
      let done = 0;
      try {
        while (done < chunk.used) {
          done += writeSync(descriptor, chunk.buffer, done, chunk.used - done, this.fileBytes + done);
        }
      } catch (error) {
        throw this.temporaryFileError(error);
      }
      chunk.filePosition = this.fileBytes;
      this.fileBytes += chunk.used;
      this.inMemory -= chunk.buffer.length;
      delete chunk.buffer;
    }
  }

  private openFile(): number {
    if (this.descriptor !== undefined) return this.descriptor;
    const file = join(this.directory, `.trustscan-baseline-${randomBytes(6).toString("hex")}.tmp`);
    try {
      this.descriptor = openSync(file, "wx+", 0o600);
    } catch (error) {
      throw this.temporaryFileError(error);
    }
    this.file = file;
    this.stopRemovingOnInterrupt = removeOnInterrupt(file);
    return this.descriptor;
  }

  private temporaryFileError(error: unknown): Error {
    if (typeof (error as NodeJS.ErrnoException).code !== "string") return error as Error;
    return new OutputError(
      `cannot keep the baseline in a temporary file in ${this.directory}: ${describeWriteError(error)}; set TMPDIR to a writable directory`,
      { cause: error },
    );
  }
}
