import { randomBytes } from "node:crypto";
import { createReadStream } from "node:fs";
import { open, rm, type FileHandle } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { removeOnInterrupt } from "./remove-on-interrupt.js";
import { inTemporaryDirectory } from "./write-output.js";
import type { Finding } from "../findings/finding.js";

/** Lines are gathered up to this many characters before they are written. */
const CHUNK = 1 << 16;
/** The spool is read back in pieces of this many bytes. */
const READ_CHUNK = 1 << 16;

/**
 * A scan's findings kept on disk between the scan and its report, one line of JSON per account: a report needs
 * its counts before its findings, and the findings of a large organization do not fit in memory. Private to the
 * process (a new file in the temporary directory, removed by dispose or on an interrupt).
 */
export class FindingSpool {
  private pending = "";
  private writing: FileHandle | undefined;
  private readonly stopRemovingOnInterrupt: () => void;

  private constructor(
    readonly file: string,
    handle: FileHandle,
  ) {
    this.writing = handle;
    this.stopRemovingOnInterrupt = removeOnInterrupt(file);
  }

  /** Throws OutputError when the temporary directory cannot take the file (see inTemporaryDirectory). */
  static async create(directory = tmpdir()): Promise<FindingSpool> {
    const file = join(directory, `.trustscan-findings-${randomBytes(6).toString("hex")}.tmp`);
    return new FindingSpool(file, await inTemporaryDirectory(() => open(file, "wx", 0o600)));
  }

  /** One account's findings, in report order; an account without findings takes no line. */
  async append(findings: readonly Finding[]): Promise<void> {
    if (findings.length === 0) return;
    if (!this.writing) throw new Error("the finding spool was already read");
    this.pending += `${JSON.stringify(findings)}\n`;
    if (this.pending.length >= CHUNK) await this.flush();
  }

  /** One account's findings already written as a JSON array (by a worker thread). */
  async appendJson(json: string): Promise<void> {
    if (json === "" || json === "[]") return;
    if (!this.writing) throw new Error("the finding spool was already read");
    this.pending += `${json}\n`;
    if (this.pending.length >= CHUNK) await this.flush();
  }

  /** The accounts' findings in the order appended; no more can be appended once read. */
  async *accounts(): AsyncGenerator<Finding[]> {
    await this.finishWriting();
    // Read in pieces small enough for the young generation; a line is joined once, when its end is read.
    let pieces: string[] = [];
    for await (const chunk of createReadStream(this.file, { encoding: "utf8", highWaterMark: READ_CHUNK })) {
      const text = chunk as string;
      let start = 0;
      for (let end = text.indexOf("\n"); end >= 0; end = text.indexOf("\n", start)) {
        pieces.push(text.slice(start, end));
        const line = pieces.length === 1 ? (pieces[0] as string) : pieces.join("");
        pieces = [];
        start = end + 1;
        yield JSON.parse(line) as Finding[];
      }
      if (start < text.length) pieces.push(text.slice(start));
    }
    if (pieces.length > 0) yield JSON.parse(pieces.join("")) as Finding[];
  }

  async dispose(): Promise<void> {
    try {
      await this.writing?.close();
    } finally {
      this.writing = undefined;
      this.stopRemovingOnInterrupt();
      await rm(this.file, { force: true });
    }
  }

  private async finishWriting(): Promise<void> {
    if (!this.writing) return;
    await this.flush();
    await this.writing.close();
    this.writing = undefined;
  }

  private async flush(): Promise<void> {
    if (this.pending === "" || !this.writing) return;
    const text = this.pending;
    this.pending = "";
    await this.writing.write(text, null, "utf8");
  }
}
