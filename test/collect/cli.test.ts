import { CommanderError } from "commander";
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import {
  createCollectCommand,
  parseAccountIds,
  parseRegions,
  parseSeconds,
} from "../../src/cli/collect-command.js";
import { Capture, tempParent } from "./support/files.js";
import { COLLECTED_AT, MGMT, mockScenario, TEST_RETRY, type MockedAws } from "./support/mock-scenario.js";

describe("trustscan collect (command line)", () => {
  let aws: MockedAws;
  let stdout: Capture;
  let stderr: Capture;
  const savedExitCode = process.exitCode;

  beforeEach(() => {
    aws = mockScenario();
    stdout = new Capture();
    stderr = new Capture();
    process.exitCode = undefined;
  });
  afterEach(() => {
    aws.restore();
    process.exitCode = savedExitCode;
  });

  const command = () => {
    const cmd = createCollectCommand({
      clients: aws.clients,
      clock: () => COLLECTED_AT,
      stdout,
      stderr,
      retry: TEST_RETRY,
    });
    // Throw instead of exiting, and keep commander's messages out of the test output.
    return cmd.exitOverride().configureOutput({ writeErr: () => {}, writeOut: () => {} });
  };

  it("collects with the options given and sets the exit status", async () => {
    const out = join(tempParent(), "snap");
    await command().parseAsync(["--out", out, "--concurrency", "2", "--calls-per-account", "4"], {
      from: "user",
    });
    expect(process.exitCode).toBe(0);
    expect(readdirSync(join(out, "accounts"))).toEqual([`${MGMT}.json`]);
    expect(stdout.text).toContain("Snapshot written to");
  });

  it("--quiet prints nothing", async () => {
    const out = join(tempParent(), "snap");
    await command().parseAsync(["--out", out, "--quiet"], { from: "user" });
    expect(process.exitCode).toBe(0);
    expect(stdout.text + stderr.text).toBe("");
  });

  it("rejects bad account ids, counts and a missing --out as usage errors", async () => {
    await expect(
      command().parseAsync(["--out", "x", "--accounts", "12345"], { from: "user" }),
    ).rejects.toBeInstanceOf(CommanderError);
    await expect(
      command().parseAsync(["--out", "x", "--concurrency", "0"], { from: "user" }),
    ).rejects.toMatchObject({
      code: "commander.invalidArgument",
    });
    await expect(command().parseAsync([], { from: "user" })).rejects.toMatchObject({
      code: "commander.missingMandatoryOptionValue",
    });
  });

  it("parses timeouts as positive seconds, fractions allowed, and rejects the rest", async () => {
    const seconds = parseSeconds(3_600);
    expect(seconds("10")).toBe(10);
    expect(seconds("0.5")).toBe(0.5);
    for (const bad of ["0", "-1", "1e3", "abc", "", "3601", "0.0"])
      expect(() => seconds(bad), bad).toThrow("expected a number of seconds above 0 and up to 3600");
    await expect(
      command().parseAsync(["--out", "x", "--request-timeout", "0"], { from: "user" }),
    ).rejects.toMatchObject({ code: "commander.invalidArgument" });
    await expect(
      command().parseAsync(["--out", "x", "--account-timeout", "forever"], { from: "user" }),
    ).rejects.toMatchObject({ code: "commander.invalidArgument" });
  });

  it("parses --regions as region names, and rejects anything else before collecting", async () => {
    expect(parseRegions(" eu-west-1,us-gov-west-1,eu-west-1 ,cn-northwest-1,eusc-de-east-1")).toEqual([
      "eu-west-1",
      "us-gov-west-1",
      "cn-northwest-1",
      "eusc-de-east-1",
    ]);
    for (const bad of [
      "",
      ",",
      "eu-west",
      "EU-WEST-1",
      "eu_west_1",
      "us-east-1,*",
      "us-east-1;rm",
      "1-east-1",
    ])
      expect(() => parseRegions(bad), bad).toThrow(/expected a comma-separated list of region names/);
    await expect(
      command().parseAsync(["--out", "x", "--regions", "us-east-1,europe"], { from: "user" }),
    ).rejects.toMatchObject({
      code: "commander.invalidArgument",
      message: expect.stringContaining('"europe"'),
    });
    expect(aws.mocks.sts.calls()).toHaveLength(0);
  });

  it("reads only the regions named with --regions", async () => {
    const out = join(tempParent(), "snap");
    await command().parseAsync(["--out", out, "--regions", "us-east-1", "--quiet"], { from: "user" });
    expect(process.exitCode).toBe(0);
    const account = JSON.parse(readFileSync(join(out, "accounts", `${MGMT}.json`), "utf8"));
    expect(Object.keys(account.regions)).toEqual(["us-east-1"]);
    expect(JSON.parse(readFileSync(join(out, "snapshot.json"), "utf8")).collector.regions).toEqual([
      "us-east-1",
    ]);
  });

  it("parses comma-separated account ids", () => {
    expect(parseAccountIds(" 111122223333,444455556666 ,111122223333")).toEqual([
      "111122223333",
      "444455556666",
    ]);
    expect(() => parseAccountIds("111122223333,abc")).toThrow(/12-digit/);
  });
});
