// The baseline's entries move to a temporary file past a memory budget, so that a scan with an organization's
// baseline does not grow with the organization: what is read back must be what was stored, wherever it is.
import { readdir, stat } from "node:fs/promises";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { EntryStore } from "../../src/baseline/entry-store.js";
import { OutputError } from "../../src/report/errors.js";
import { tempDirs } from "../helpers/temp-dirs.js";

const tempDir = tempDirs("entry-store");

/** Bytes of `length` that differ from one piece to the next. */
function piece(n: number, length: number): Buffer {
  return Buffer.from(Array.from({ length }, (_, i) => (n * 31 + i * 7) % 251));
}

describe("EntryStore", () => {
  it("reads back every piece, in memory and in the file, and moves chunks to the file past its budget", async () => {
    const dir = await tempDir();
    const store = new EntryStore(256 << 10, dir);
    // Pieces of many sizes, a few larger than any chunk (4 MB), enough to move most chunks to the file.
    const lengths = Array.from({ length: 3_000 }, (_, n) =>
      n % 1_000 === 0 ? 5 << 20 : 1 + ((n * 389) % 3_000),
    );
    const places = lengths.map((length, n) => store.append(piece(n, length)));
    expect(store.spilled).toBe(true);
    // What stays in memory is within the budget, or one chunk (at most 4 MB, the last piece being small).
    expect(store.bytesInMemory).toBeLessThanOrEqual(4 << 20);
    lengths.forEach((length, n) => {
      expect(store.read(places[n] as number, length).equals(piece(n, length)), `piece ${n}`).toBe(true);
    });
    // Part of a piece, as the entries read their length first.
    expect(store.read(places[1] as number, 2)).toEqual(piece(1, 2));
    const [file] = await readdir(dir);
    expect(file).toMatch(/^\.trustscan-baseline-[0-9a-f]{12}\.tmp$/);
    // Private to the process.
    expect((await stat(join(dir, file as string))).mode & 0o777).toBe(0o600);
    store.dispose();
    expect(await readdir(dir)).toEqual([]);
  });

  it("makes no file while it stays within its budget", async () => {
    const dir = await tempDir();
    const store = new EntryStore(1 << 20, dir);
    const place = store.append(piece(1, 1_000));
    expect(store.read(place, 1_000)).toEqual(piece(1, 1_000));
    expect(store.spilled).toBe(false);
    expect(await readdir(dir)).toEqual([]);
    store.dispose();
  });

  it("names the temporary directory when it cannot write there", () => {
    const store = new EntryStore(0, "/nonexistent-trustscan-directory");
    store.append(piece(1, 10));
    let thrown: unknown;
    try {
      store.append(piece(2, 70_000));
    } catch (error) {
      thrown = error;
    }
    expect(thrown).toBeInstanceOf(OutputError);
    expect((thrown as Error).message).toMatch(
      /^cannot keep the baseline in a temporary file in \/nonexistent-trustscan-directory: .+; set TMPDIR to a writable directory$/,
    );
    store.dispose();
  });
});
