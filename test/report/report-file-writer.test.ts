import { mkdtemp, open, readFile, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { gzipSync } from "node:zlib";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ReportFileWriter } from "../../src/report/report-file-writer.js";

let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), "trustscan-writer-"));
});
afterAll(() => rm(dir, { recursive: true, force: true }));

describe("ReportFileWriter", () => {
  it("writes small and large pieces in order, and counts their gzipped size", async () => {
    const pieces = ["{\n", "é".repeat(10), "x".repeat(300_000), ",\n", "😀".repeat(70_000), "y", "\n}\n"];
    const file = join(dir, "report.json");
    const handle = await open(file, "w");
    let gzipped: number;
    try {
      const writer = new ReportFileWriter(handle, { countGzip: true });
      for (const piece of pieces) await writer.write(piece);
      gzipped = await writer.end();
    } finally {
      await handle.close();
    }
    const text = pieces.join("");
    expect(await readFile(file, "utf8")).toBe(text);
    expect(gzipped).toBe(gzipSync(Buffer.from(text)).length);
  });
});
