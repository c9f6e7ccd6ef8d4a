import { spawnSync } from "node:child_process";
import { describe, expect, it } from "vitest";
import { RULES } from "../../rules/index.js";
import { nodeSupportWarning } from "../../src/cli/node-support.js";
import { renderRuleDetailsText } from "../../src/report/index.js";
import pkg from "../../package.json" with { type: "json" };
import { runTrustscan } from "../helpers/run-cli.js";

const EXAMPLE = "snapshots/example-org";

describe("trustscan rules <id>", () => {
  it("prints that rule's full documentation", async () => {
    const run = await runTrustscan(["rules", "missing-external-id"]);
    expect(run.code).toBe(0);
    const rule = RULES.find((r) => r.meta.id === "missing-external-id")!.meta;
    expect(run.stdout).toBe(renderRuleDetailsText(rule));
    for (const heading of ["What it does", "Why it matters", "How to fix", "Example"]) {
      expect(run.stdout).toContain(`\n${heading}\n`);
    }
    const markdown = await runTrustscan(["rules", "missing-external-id", "-f", "markdown"]);
    expect(markdown.stdout).toContain("## missing-external-id");
    expect(markdown.stdout).not.toContain("## public-access");
    const json = JSON.parse((await runTrustscan(["rules", "public-access", "--format", "json"])).stdout);
    expect(json.rules.map((r: { id: string }) => r.id)).toEqual(["public-access"]);
  });

  it("exits 2 for an unknown rule, listing the rules", async () => {
    const run = await runTrustscan(["rules", "external-acess"]);
    expect(run.code).toBe(2);
    expect(run.stderr).toBe(
      `trustscan: no rule "external-acess"; the rules are ${RULES.map((r) => r.meta.id).join(", ")}\n`,
    );
  });
});

describe("short flags and --quiet", () => {
  it("-f and -o are --format and --output", async () => {
    const long = await runTrustscan(["scan", EXAMPLE, "--format", "json", "--allow-incomplete"]);
    const short = await runTrustscan(["scan", EXAMPLE, "-f", "json", "--allow-incomplete"]);
    expect(short.stdout).toBe(long.stdout);
    expect(short.code).toBe(long.code);
  });

  it("--quiet keeps warnings off standard error but not errors", async () => {
    const loud = await runTrustscan(["scan", EXAMPLE]);
    expect(loud.stderr).toContain("warning: the snapshot records 2 collection error(s)");
    const quiet = await runTrustscan(["scan", EXAMPLE, "-q"]);
    expect(quiet.stderr).toBe("");
    expect(quiet.code).toBe(loud.code);
    expect(quiet.stdout).toBe(loud.stdout);
    const error = await runTrustscan(["scan", "/nonexistent", "-q"]);
    expect(error.code).toBe(2);
    expect(error.stderr).toContain("/nonexistent");
  });
});

describe("the summary names the zone", () => {
  it("names the account in the account zone when one account is scanned", async () => {
    const run = await runTrustscan([
      "scan",
      "test/fixtures/snapshot/cloudsplaining-example.json",
      "--fail-on",
      "none",
    ]);
    expect(run.stdout.split("\n")[0]).toContain("(zone: account 200611803367)");
    expect(run.stdout).toMatch(/across 1 account \(zone: account 200611803367\)\n$/);
  });

  it("says each account is its own zone when several are scanned", async () => {
    const run = await runTrustscan(["scan", EXAMPLE, "--zone", "account", "--allow-incomplete"]);
    expect(run.stdout).toContain("across 4 accounts (zone: each account on its own)");
  });
});

describe("runtime", () => {
  it("declares the supported Node.js lines", () => {
    expect(pkg.engines.node).toBe(">=22");
  });

  it("warns in one line on a Node.js older than 22, and not on 22 or 24", () => {
    expect(nodeSupportWarning("v20.20.2")).toBe(
      "warning: Node.js v20.20.2 is past its end of life and not supported; run trustscan on Node.js 22 or 24 (the AWS SDK drops older versions)",
    );
    expect(nodeSupportWarning("v22.11.0")).toBeUndefined();
    expect(nodeSupportWarning("v24.0.1")).toBeUndefined();
  });
});

describe("collect on the running Node.js", () => {
  it("prints no AWS SDK support warning: nothing on 22 or 24, trustscan's one line on an older Node.js", () => {
    const child = spawnSync(
      process.execPath,
      ["--import", "tsx", "src/cli.ts", "collect", "--out", "unused", "--quiet"],
      {
        encoding: "utf8",
        timeout: 60_000,
        env: {
          PATH: process.env.PATH ?? "",
          // A closed loopback port: the SDK's clients are built (where it would warn), then the first call fails.
          AWS_ENDPOINT_URL: "http://127.0.0.1:9",
          AWS_ACCESS_KEY_ID: "AKIAIOSFODNN7EXAMPLE",
          AWS_SECRET_ACCESS_KEY: "not-a-secret",
          AWS_REGION: "us-east-1",
          AWS_MAX_ATTEMPTS: "1",
        },
      },
    );
    expect(child.status).toBe(2);
    expect(child.stderr).not.toContain("NodeVersionSupportWarning");
    const lines = child.stderr.trimEnd().split("\n");
    const warning = nodeSupportWarning(process.version);
    expect(lines).toEqual([
      ...(warning ? [`trustscan: ${warning}`] : []),
      expect.stringMatching(/^trustscan collect: cannot establish who is calling AWS .*ECONNREFUSED/),
    ]);
  });
});
