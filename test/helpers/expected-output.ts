/**
 * cfn-lint-style snapshot files: the whole tool's output compared with a committed file. Regenerate deliberately with
 * UPDATE_EXPECTED=1 and review the diff.
 */
import { mkdir, readFile, writeFile } from "node:fs/promises";
import { dirname, join } from "node:path";
import { expect } from "vitest";

export async function expectMatchesCommitted(directory: string, file: string, actual: string): Promise<void> {
  const path = join(directory, file);
  if (process.env.UPDATE_EXPECTED === "1") {
    await mkdir(dirname(path), { recursive: true });
    await writeFile(path, actual);
  }
  expect(actual).toBe(await readFile(path, "utf8"));
}
