// prepareOutputFile: a file written whole beside its target, put in place later. A split report prepares one per
// account before it commits any, so a prepared file must not keep its content (and the account's findings) alive.
import { mkdtemp, readdir, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { setFlagsFromString } from "node:v8";
import { runInNewContext } from "node:vm";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { prepareOutputFile, type PreparedOutput } from "../../src/report/write-output.js";

setFlagsFromString("--expose-gc");
const collectGarbage = runInNewContext("gc") as () => void;

let dir: string;
beforeEach(async () => {
  dir = await mkdtemp(path.join(tmpdir(), "trustscan-prepare-"));
});
afterEach(() => rm(dir, { recursive: true, force: true }));

/** Prepares `target` with a content writer that holds an object; returns a WeakRef to that object. */
async function prepareHolding(target: string): Promise<{ prepared: PreparedOutput; held: WeakRef<object> }> {
  const findings = { text: "findings of one account\n" };
  const held = new WeakRef(findings);
  const prepared = await prepareOutputFile(target, async (handle) => {
    await handle.write(findings.text);
  });
  return { prepared, held };
}

describe("prepareOutputFile", () => {
  it.each([
    ["a new file", "new.sarif"],
    ["an existing file", "old.sarif"],
    ["a character device", "/dev/null"],
  ])("lets the content go once written, and puts it in place on commit: %s", async (_name, name) => {
    const target = path.isAbsolute(name) ? name : path.join(dir, name);
    if (name === "old.sarif") await writeFile(target, "last week\n");
    const { prepared, held } = await prepareHolding(target);
    // A WeakRef's target stays alive until the end of the current job.
    await new Promise((resolve) => setImmediate(resolve));
    collectGarbage();
    expect(held.deref()).toBeUndefined();
    if (target !== "/dev/null") {
      expect(await readFile(target, "utf8").catch(() => "none")).toBe(
        name === "old.sarif" ? "last week\n" : "none",
      );
    }
    await prepared.commit();
    if (target !== "/dev/null") expect(await readFile(target, "utf8")).toBe("findings of one account\n");
    expect((await readdir(dir)).filter((file) => file.startsWith(".trustscan-"))).toEqual([]);
  });

  it("leaves the target as it was when discarded", async () => {
    const target = path.join(dir, "old.sarif");
    await writeFile(target, "last week\n");
    const { prepared } = await prepareHolding(target);
    await prepared.discard();
    expect(await readdir(dir)).toEqual(["old.sarif"]);
    expect(await readFile(target, "utf8")).toBe("last week\n");
  });
});
