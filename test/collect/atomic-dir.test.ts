import { spawnSync } from "node:child_process";
import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { createStagingDir, removeStaleStaging, stagingPath } from "../../src/collect/atomic-dir.js";
import { OutputExistsError } from "../../src/collect/out-dir.js";
import { tempParent } from "./support/files.js";

/** A snapshot as collect writes it. */
function writeSnapshot(dir: string): void {
  mkdirSync(join(dir, "accounts"), { recursive: true });
  writeFileSync(join(dir, "snapshot.json"), JSON.stringify({ format: "trustscan-snapshot", version: 1 }));
  writeFileSync(join(dir, "organization.json"), "{}");
  writeFileSync(join(dir, "accounts", "111122223333.json"), "{}");
}

/** The pid of a process that has already ended. */
function deadPid(): number {
  const child = spawnSync(process.execPath, ["-e", "process.stdout.write(String(process.pid))"]);
  return Number(child.stdout.toString());
}

describe("staging directory", () => {
  it("is a hidden sibling of --out named after it and the pid", () => {
    expect(stagingPath("/data/snaps/org", "tmp", 1234)).toBe("/data/snaps/.org.trustscan-tmp-1234");
    expect(stagingPath("/data/snaps/org", "old", 1234)).toBe("/data/snaps/.org.trustscan-old-1234");
  });

  it("publishes by renaming, leaving nothing else behind", async () => {
    const parent = tempParent();
    const out = join(parent, "snap");
    const staging = await createStagingDir(out, { force: false });
    writeFileSync(join(staging.path, "snapshot.json"), "{}\n");
    expect(existsSync(out)).toBe(false);
    await staging.publish();
    expect(readFileSync(join(out, "snapshot.json"), "utf8")).toBe("{}\n");
    expect(readdirSync(parent)).toEqual(["snap"]);
  });

  it("refuses an existing --out without force, before any work", async () => {
    const parent = tempParent();
    mkdirSync(join(parent, "snap"));
    await expect(createStagingDir(join(parent, "snap"), { force: false })).rejects.toBeInstanceOf(
      OutputExistsError,
    );
    expect(readdirSync(parent)).toEqual(["snap"]);
  });

  it("with force, replaces the old snapshot only at publish time", async () => {
    const parent = tempParent();
    const out = join(parent, "snap");
    writeSnapshot(out);
    const staging = await createStagingDir(out, { force: true });
    writeFileSync(join(staging.path, "new.json"), "new");
    expect(readdirSync(out).sort()).toEqual(["accounts", "organization.json", "snapshot.json"]);
    await staging.publish();
    expect(readdirSync(out)).toEqual(["new.json"]);
    expect(readdirSync(parent)).toEqual(["snap"]);
  });

  it("with force, replaces an empty directory", async () => {
    const parent = tempParent();
    const out = join(parent, "snap");
    mkdirSync(out);
    const staging = await createStagingDir(out, { force: true });
    writeFileSync(join(staging.path, "new.json"), "new");
    await staging.publish();
    expect(readdirSync(out)).toEqual(["new.json"]);
  });

  it("discard removes the staging directory", async () => {
    const parent = tempParent();
    const staging = await createStagingDir(join(parent, "snap"), { force: false });
    writeFileSync(join(staging.path, "partial.json"), "{");
    staging.discard();
    expect(readdirSync(parent)).toEqual([]);
  });

  it("puts back a snapshot set aside by --force when the run was killed before the new one took its place", async () => {
    const parent = tempParent();
    const out = join(parent, "snap");
    const old = stagingPath(out, "old", deadPid());
    const tmp = stagingPath(out, "tmp", deadPid());
    mkdirSync(old);
    writeFileSync(join(old, "snapshot.json"), "old");
    mkdirSync(tmp);
    await removeStaleStaging(out);
    expect(readFileSync(join(out, "snapshot.json"), "utf8")).toBe("old");
    expect(readdirSync(parent)).toEqual(["snap"]);
  });

  it("removes staging left by a killed run, but not one of a live process or of another --out", async () => {
    const parent = tempParent();
    const out = join(parent, "snap");
    mkdirSync(out);
    const stale = stagingPath(out, "tmp", deadPid());
    const staleOld = stagingPath(out, "old", deadPid());
    const live = stagingPath(out, "tmp", process.ppid);
    const other = stagingPath(join(parent, "other"), "tmp", deadPid());
    for (const dir of [stale, staleOld, live, other]) mkdirSync(dir);
    expect((await removeStaleStaging(out)).sort()).toEqual([staleOld, stale].sort());
    expect(readdirSync(parent).sort()).toEqual(
      ["snap", ...[live, other].map((p) => p.slice(parent.length + 1))].sort(),
    );
  });
});
