import { cp, mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fixture } from "./fixture-paths.js";

/** Temporary directories for tests that need broken variants of the fixtures; `cleanup` removes them all. */
export class TempSnapshots {
  private readonly dirs: string[] = [];

  /** A copy of `test/fixtures/snapshot/valid` with some files replaced (text) or deleted (null). */
  async variant(changes: Record<string, string | null> = {}): Promise<string> {
    const dir = await this.emptyDir();
    await cp(fixture("valid"), dir, { recursive: true });
    for (const [name, content] of Object.entries(changes)) {
      if (content === null) await rm(join(dir, name));
      else await writeFile(join(dir, name), content);
    }
    return dir;
  }

  async emptyDir(): Promise<string> {
    const dir = await mkdtemp(join(tmpdir(), "trustscan-snapshot-"));
    this.dirs.push(dir);
    return dir;
  }

  async cleanup(): Promise<void> {
    await Promise.all(this.dirs.map((dir) => rm(dir, { recursive: true, force: true })));
  }
}
