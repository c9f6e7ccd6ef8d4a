import { mkdir, mkdtemp, rm, symlink, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { ReportPathError } from "../../src/report/errors.js";
import { repoRelativeUri, repoRelativeUriIfInside } from "../../src/report/sarif-paths.js";

describe("repoRelativeUri", () => {
  const root = "/repo";

  it("gives a forward-slash path relative to the root, from relative or absolute input", () => {
    expect(repoRelativeUri("snapshots/org/accounts/1.json", root, "/repo")).toBe(
      "snapshots/org/accounts/1.json",
    );
    expect(repoRelativeUri("./snapshots/a.json", root, "/repo")).toBe("snapshots/a.json");
    expect(repoRelativeUri("accounts/1.json", root, "/repo/snapshots/org")).toBe(
      "snapshots/org/accounts/1.json",
    );
    expect(repoRelativeUri("/repo/snapshots/a.json", root, "/somewhere/else")).toBe("snapshots/a.json");
    expect(repoRelativeUri("a.json", ".", "/repo")).toBe("a.json");
  });

  it("percent-encodes what a URI reference cannot hold as written", () => {
    expect(repoRelativeUri("my snapshots/a#1.json", root, "/repo")).toBe("my%20snapshots/a%231.json");
    // A ':' in the first segment would read as a URI scheme.
    expect(repoRelativeUri("c:odd/a.json", root, "/repo")).toBe("c%3Aodd/a.json");
    expect(decodeURIComponent(repoRelativeUri("100%/ü.json", root, "/repo"))).toBe("100%/ü.json");
  });

  it("accepts names that merely start with two dots", () => {
    expect(repoRelativeUri("..snapshots/a.json", root, "/repo")).toBe("..snapshots/a.json");
  });

  it("refuses files outside the root, and the root itself", () => {
    expect(() => repoRelativeUri("../other/a.json", root, "/repo")).toThrow(ReportPathError);
    expect(() => repoRelativeUri("/tmp/a.json", root, "/repo")).toThrow(
      "Snapshot file /tmp/a.json is outside the repository root /repo",
    );
    expect(() => repoRelativeUri("/repo", root, "/repo")).toThrow(ReportPathError);
    expect(repoRelativeUriIfInside("/tmp/a.json", root, "/repo")).toBeUndefined();
    expect(repoRelativeUriIfInside("a.json", root, "/repo")).toBe("a.json");
  });
});

describe("repoRelativeUri with a symlinked checkout", () => {
  let dir: string;

  beforeEach(async () => {
    dir = await mkdtemp(path.join(tmpdir(), "trustscan-paths-"));
  });

  afterEach(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it("still finds the file inside the repository through the link", async () => {
    const real = path.join(dir, "real");
    const link = path.join(dir, "link");
    await mkdir(path.join(real, "snapshots"), { recursive: true });
    await writeFile(path.join(real, "snapshots", "a.json"), "{}");
    await symlink(real, link);
    expect(repoRelativeUri(path.join(real, "snapshots", "a.json"), link, dir)).toBe("snapshots/a.json");
    expect(repoRelativeUri(path.join(link, "snapshots", "a.json"), real, dir)).toBe("snapshots/a.json");
  });
});
