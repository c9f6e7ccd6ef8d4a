import { randomBytes } from "node:crypto";
import { open, rename, rm } from "node:fs/promises";
import path from "node:path";

/**
 * Writes `content` to `target` so that readers see either the old file or the complete new one: the
 * content goes to a temporary file in the same directory (same file system, so the rename is atomic),
 * is flushed to disk, then renamed over the target. On any failure the temporary file is removed and the
 * target is left as it was.
 */
export async function writeOutputAtomically(target: string, content: string): Promise<void> {
  const temporary = path.join(
    path.dirname(path.resolve(target)),
    `.${path.basename(target)}.${process.pid}.${randomBytes(6).toString("hex")}.tmp`,
  );
  let created = false;
  try {
    // "wx": never reuse a file that someone else created under the same name.
    const handle = await open(temporary, "wx");
    created = true;
    try {
      await handle.writeFile(content, "utf8");
      await handle.sync();
    } finally {
      await handle.close();
    }
    await rename(temporary, target);
  } catch (error) {
    if (created) await rm(temporary, { force: true });
    throw error;
  }
}
