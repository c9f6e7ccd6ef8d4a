import { mkdirSync, readdirSync, readFileSync, symlinkSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { createStagingDir } from "../../src/collect/atomic-dir.js";
import { asOutputError, assertReplaceable, OutputError } from "../../src/collect/out-dir.js";
import { listFiles, tempParent } from "./support/files.js";

/** A snapshot as collect writes it. */
function writeSnapshot(dir: string): void {
  mkdirSync(join(dir, "accounts"), { recursive: true });
  writeFileSync(join(dir, "snapshot.json"), JSON.stringify({ format: "trustscan-snapshot", version: 1 }));
  writeFileSync(join(dir, "organization.json"), "{}");
  writeFileSync(join(dir, "accounts", "111122223333.json"), "{}");
}

/** A directory that is not a snapshot: a git checkout with a file of its own. */
function writeCheckout(dir: string): void {
  mkdirSync(join(dir, ".git", "refs"), { recursive: true });
  writeFileSync(join(dir, ".git", "HEAD"), "ref: refs/heads/main\n");
  writeFileSync(join(dir, "precious.txt"), "keep me");
}

async function refusal(dir: string): Promise<string> {
  const error = await assertReplaceable(dir).then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(OutputError);
  return (error as Error).message;
}

describe("--force replaces only an empty directory or a trustscan snapshot", () => {
  it("accepts a snapshot and an empty directory", async () => {
    const parent = tempParent();
    writeSnapshot(join(parent, "snap"));
    mkdirSync(join(parent, "empty"));
    await expect(assertReplaceable(join(parent, "snap"))).resolves.toBeUndefined();
    await expect(assertReplaceable(join(parent, "empty"))).resolves.toBeUndefined();
  });

  it("refuses a git checkout, naming what it found, and leaves every file in place", async () => {
    const parent = tempParent();
    const out = join(parent, "checkout");
    writeCheckout(out);
    // Even with a snapshot.json of the right format in it.
    writeFileSync(join(out, "snapshot.json"), JSON.stringify({ format: "trustscan-snapshot" }));
    const before = listFiles(out);
    await expect(createStagingDir(out, { force: true })).rejects.toThrow(
      /refusing to replace .*checkout with --force: it is not a trustscan snapshot \(found \.git\/, precious\.txt\)/,
    );
    expect(listFiles(out)).toEqual(before);
    expect(readFileSync(join(out, "precious.txt"), "utf8")).toBe("keep me");
    // Nothing was staged beside it either.
    expect(readdirSync(parent)).toEqual(["checkout"]);
  });

  it("refuses a snapshot holding any file collect does not write", async () => {
    const parent = tempParent();
    const out = join(parent, "snap");
    writeSnapshot(out);
    writeFileSync(join(out, "accounts", "notes.md"), "my notes");
    mkdirSync(join(out, "accounts", "111122223333"));
    expect(await refusal(out)).toContain("(found accounts/111122223333/, accounts/notes.md)");
  });

  it("refuses a directory whose snapshot.json is missing or not in the trustscan format", async () => {
    const parent = tempParent();
    const noManifest = join(parent, "no-manifest");
    mkdirSync(join(noManifest, "accounts"), { recursive: true });
    expect(await refusal(noManifest)).toContain(
      "snapshot.json is missing or not in the trustscan-snapshot format",
    );

    const other = join(parent, "other");
    mkdirSync(other);
    writeFileSync(join(other, "snapshot.json"), JSON.stringify({ format: "something-else" }));
    expect(await refusal(other)).toContain("not in the trustscan-snapshot format");

    const broken = join(parent, "broken");
    mkdirSync(broken);
    writeFileSync(join(broken, "snapshot.json"), "{ not json");
    expect(await refusal(broken)).toContain("not in the trustscan-snapshot format");
  });

  it("refuses a regular file and a symbolic link, and leaves them alone", async () => {
    const parent = tempParent();
    const file = join(parent, "file");
    writeFileSync(file, "data");
    expect(await refusal(file)).toContain("is not a directory");
    const target = join(parent, "target");
    writeSnapshot(target);
    const link = join(parent, "link");
    symlinkSync(target, link);
    expect(await refusal(link)).toContain("is a symbolic link");
    expect(readFileSync(file, "utf8")).toBe("data");
    expect(listFiles(target)).toHaveLength(3);
  });

  it("names at most five entries, and escapes names that hold control characters", async () => {
    const parent = tempParent();
    const out = join(parent, "many");
    mkdirSync(out);
    for (const name of ["a", "b", "c", "d", "e", "f", "g"]) writeFileSync(join(out, name), "");
    writeFileSync(join(out, "\u001b[2Jevil\n::error::x"), "");
    const message = await refusal(out);
    expect(message).toContain("(found \\x1B[2Jevil\\n::error::x, a, b, c, d and 3 more)");
    // eslint-disable-next-line no-control-regex
    expect(message).not.toMatch(/[\u0000-\u001f]/);
  });

  it("checks again at publish time: a directory that stopped being a snapshot during the collection is kept", async () => {
    const parent = tempParent();
    const out = join(parent, "snap");
    writeSnapshot(out);
    const staging = await createStagingDir(out, { force: true });
    writeFileSync(join(staging.path, "snapshot.json"), "new");
    writeFileSync(join(out, "added-meanwhile.txt"), "mine");
    await expect(staging.publish()).rejects.toThrow("(found added-meanwhile.txt)");
    expect(readFileSync(join(out, "added-meanwhile.txt"), "utf8")).toBe("mine");
    expect(listFiles(out)).toHaveLength(4);
  });
});

describe("an --out that cannot be created", () => {
  it("under a regular file is an OutputError naming that file", async () => {
    const parent = tempParent();
    writeFileSync(join(parent, "file"), "data");
    await expect(createStagingDir(join(parent, "file", "snap"), { force: false })).rejects.toThrow(
      new OutputError(
        `cannot create --out ${join(parent, "file", "snap")}: ${join(parent, "file")} is not a directory`,
      ),
    );
    await expect(createStagingDir(join(parent, "file", "deeper", "snap"), { force: true })).rejects.toThrow(
      `${join(parent, "file")} is not a directory`,
    );
    expect(readFileSync(join(parent, "file"), "utf8")).toBe("data");
  });

  it("in a directory that cannot be written is an OutputError (as root: mapped from the error code)", async () => {
    const errno = (code: string) => Object.assign(new Error(`${code}: failed`), { code });
    expect((await asOutputError(errno("EACCES"), "/data/snap"))?.message).toBe(
      "cannot create --out /data/snap: permission denied in /data",
    );
    expect((await asOutputError(errno("EROFS"), "/data/snap"))?.message).toBe(
      "cannot create --out /data/snap: /data is on a read-only file system",
    );
    expect(await asOutputError(errno("ENOSPC"), "/data/snap")).toBeUndefined();
    expect(await asOutputError(new Error("a bug"), "/data/snap")).toBeUndefined();
  });

  it("creates missing parent directories", async () => {
    const parent = tempParent();
    const staging = await createStagingDir(join(parent, "a", "b", "snap"), { force: false });
    await staging.publish();
    expect(readdirSync(join(parent, "a", "b"))).toEqual(["snap"]);
  });
});
