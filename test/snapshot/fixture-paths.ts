import { fileURLToPath } from "node:url";
import { relative } from "node:path";

/** Fixture paths relative to the working directory, as a user would type them (vitest runs from the repo root). */
export function fixture(name: string): string {
  return relative(process.cwd(), fileURLToPath(new URL(`../fixtures/snapshot/${name}`, import.meta.url)));
}
