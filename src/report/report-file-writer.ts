import type { FileHandle } from "node:fs/promises";
import { createGzip, type Gzip } from "node:zlib";

/** Text is gathered up to this many characters before it is written: few system calls, little memory. */
const CHUNK = 1 << 16;

/**
 * Writes text to a file in large chunks, and can count the size the text would have gzipped (GitHub's SARIF limit
 * is on the gzipped file) without keeping it.
 */
export class ReportFileWriter {
  private pending = "";
  private readonly gzip: Gzip | undefined;
  private gzippedBytes = 0;

  constructor(
    private readonly handle: FileHandle,
    options: { countGzip?: boolean } = {},
  ) {
    if (options.countGzip) {
      this.gzip = createGzip();
      this.gzip.on("data", (chunk: Buffer) => {
        this.gzippedBytes += chunk.length;
      });
    }
  }

  async write(text: string): Promise<void> {
    if (text.length >= CHUNK) {
      // Large already (an account's findings): written as it is, never copied into a larger string first.
      await this.flush();
      await this.writeBuffer(Buffer.from(text, "utf8"));
      return;
    }
    this.pending += text;
    if (this.pending.length >= CHUNK) await this.flush();
  }

  /** Writes what is pending; returns the gzipped size of everything written when counting it. */
  async end(): Promise<number> {
    await this.flush();
    const gzip = this.gzip;
    if (!gzip) return 0;
    await new Promise<void>((resolve, reject) => {
      gzip.once("error", reject);
      gzip.end(resolve);
    });
    // 'data' events of the last chunk come before 'end'.
    await new Promise<void>((resolve) => (gzip.readableEnded ? resolve() : gzip.once("end", resolve)));
    return this.gzippedBytes;
  }

  private async flush(): Promise<void> {
    if (this.pending === "") return;
    const buffer = Buffer.from(this.pending, "utf8");
    this.pending = "";
    await this.writeBuffer(buffer);
  }

  private async writeBuffer(buffer: Buffer): Promise<void> {
    await this.handle.write(buffer);
    if (this.gzip && !this.gzip.write(buffer)) {
      const gzip = this.gzip;
      await new Promise<void>((resolve) => gzip.once("drain", resolve));
    }
  }
}
