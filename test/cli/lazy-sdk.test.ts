import { spawnSync } from "node:child_process";
import { describe, expect, it } from "vitest";

/**
 * Runs `trustscan <args>` in a fresh Node process and counts the AWS SDK modules it loaded (the SDK is CommonJS,
 * so its modules appear in require.cache however they were imported).
 */
function sdkModulesLoadedBy(args: string[], thenImport?: string): number {
  const script = `
    import { createRequire } from "node:module";
    const require = createRequire(process.cwd() + "/");
    const { runCli } = await import("./src/cli/program.ts");
    const io = { stdout() {}, stderr() {}, cwd: process.cwd(), isTty: false };
    await runCli(${JSON.stringify(args)}, io);
    ${thenImport ? `await import(${JSON.stringify(thenImport)});` : ""}
    console.log(Object.keys(require.cache).filter((id) => id.includes("@aws-sdk")).length);
  `;
  const child = spawnSync(process.execPath, ["--import", "tsx", "--input-type=module", "-e", script], {
    encoding: "utf8",
    timeout: 60_000,
  });
  expect(child.stderr).toBe("");
  return Number(child.stdout.trim());
}

describe("the AWS SDK is loaded by collect only", () => {
  it("is not loaded by a scan or by collect --help", () => {
    const scan = ["scan", "snapshots/example-org", "--format", "json", "--output", "/dev/null"];
    expect(sdkModulesLoadedBy([...scan, "--fail-on", "none", "--allow-incomplete"])).toBe(0);
    expect(sdkModulesLoadedBy(["collect", "--help"])).toBe(0);
  });

  it("is loaded by collect's own code", () => {
    expect(sdkModulesLoadedBy(["rules"], "./src/collect/run.ts")).toBeGreaterThan(0);
  });
});
