import { cpSync, existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, relative } from "node:path";
import { expect, onTestFinished } from "vitest";

/** Every file under `dir`, as relative paths, sorted. */
export function listFiles(dir: string): string[] {
  const out: string[] = [];
  const walk = (current: string) => {
    for (const entry of readdirSync(current, { withFileTypes: true })) {
      const path = join(current, entry.name);
      if (entry.isDirectory()) walk(path);
      else out.push(relative(dir, path));
    }
  };
  walk(dir);
  return out.sort();
}

/**
 * Compares a written snapshot with the committed one, byte by byte. `UPDATE_EXPECTED=1` rewrites the committed
 * one instead (review the diff before committing it).
 */
export function expectSameSnapshot(actualDir: string, expectedDir: string): void {
  if (process.env.UPDATE_EXPECTED === "1") {
    rmSync(expectedDir, { recursive: true, force: true });
    cpSync(actualDir, expectedDir, { recursive: true });
  }
  expect(existsSync(expectedDir), `${expectedDir} is missing; run with UPDATE_EXPECTED=1`).toBe(true);
  expect(listFiles(actualDir)).toEqual(listFiles(expectedDir));
  for (const file of listFiles(expectedDir)) {
    expect(readFileSync(join(actualDir, file), "utf8"), file).toBe(
      readFileSync(join(expectedDir, file), "utf8"),
    );
  }
}

/** A fresh directory under the system's temp directory, removed when the current test ends. */
export function tempParent(prefix = "trustscan-collect-"): string {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  onTestFinished(() => rmSync(dir, { recursive: true, force: true }));
  return dir;
}

/** Collects what a stream would have printed. */
export class Capture {
  text = "";
  isTTY = false;
  write(chunk: string): boolean {
    this.text += chunk;
    return true;
  }
}
