// The GitHub checker guards every SARIF test, so it is tested itself: each broken log must be reported.
import { randomBytes } from "node:crypto";
import type { Log } from "sarif";
import { describe, expect, it } from "vitest";
import { toSarifLog } from "../../src/report/sarif.js";
import { checkGithubRules, errorsOf, validateSarifSchema } from "../helpers/sarif-github.js";
import { REPO_ROOT, sampleScanResult } from "./fixtures/scan-results.js";

type Json = Record<string, unknown>;

/** A fresh, valid log as plain JSON, so that tests can break it in ways the SARIF types forbid. */
function validLog(): Json {
  return JSON.parse(
    JSON.stringify(toSarifLog(sampleScanResult(), { repoRoot: REPO_ROOT, cwd: REPO_ROOT })),
  ) as Json;
}

// Paths into the plain-JSON log.
const runOf = (log: Json) => (log["runs"] as Json[])[0]!;
const driverOf = (log: Json) => (runOf(log)["tool"] as Json)["driver"] as Json;
const ruleOf = (log: Json, i = 0) => (driverOf(log)["rules"] as Json[])[i]!;
const resultOf = (log: Json, i = 0) => (runOf(log)["results"] as Json[])[i]!;
const locationOf = (log: Json, i = 0) => (resultOf(log, i)["locations"] as Json[])[0]!;
const physicalOf = (log: Json, i = 0) => locationOf(log, i)["physicalLocation"] as Json;
const regionOf = (log: Json, i = 0) => physicalOf(log, i)["region"] as Json;
const artifactOf = (log: Json, i = 0) => physicalOf(log, i)["artifactLocation"] as Json;

const cases: { name: string; breakIt: (log: Json) => void; path: string; message: RegExp }[] = [
  { name: "missing $schema", breakIt: (l) => delete l["$schema"], path: "$schema", message: /missing/ },
  {
    name: "another $schema",
    breakIt: (l) => (l["$schema"] = "https://example.com/sarif.json"),
    path: "$schema",
    message: /is not https:\/\/json.schemastore.org/,
  },
  { name: "wrong version", breakIt: (l) => (l["version"] = "2.0.0"), path: "version", message: /2\.1\.0/ },
  { name: "no runs", breakIt: (l) => (l["runs"] = []), path: "runs", message: /non-empty/ },
  {
    name: "two runs",
    breakIt: (l) =>
      (l["runs"] as Json[]).push({ ...runOf(l), automationDetails: { id: "trustscan/account/" } }),
    path: "runs",
    message: /one run per upload/,
  },
  {
    name: "more than 20 runs",
    breakIt: (l) => (l["runs"] = Array.from({ length: 21 }, () => runOf(l))),
    path: "runs",
    message: /21 runs > 20/,
  },
  {
    name: "two runs with one category",
    breakIt: (l) => (l["runs"] as Json[]).push(runOf(l)),
    path: "runs[1]",
    message: /duplicate tool\+automationDetails\.id/,
  },
  {
    name: "no driver",
    breakIt: (l) => delete (runOf(l)["tool"] as Json)["driver"],
    path: "runs[0].tool.driver",
    message: /missing/,
  },
  {
    name: "no driver name",
    breakIt: (l) => (driverOf(l)["name"] = ""),
    path: "tool.driver.name",
    message: /missing or empty/,
  },
  {
    name: "no semanticVersion",
    breakIt: (l) => delete driverOf(l)["semanticVersion"],
    path: "tool.driver.semanticVersion",
    message: /missing/,
  },
  {
    name: "no informationUri",
    breakIt: (l) => delete driverOf(l)["informationUri"],
    path: "tool.driver.informationUri",
    message: /missing/,
  },
  {
    name: "no automationDetails",
    breakIt: (l) => delete runOf(l)["automationDetails"],
    path: "automationDetails.id",
    message: /category/,
  },
  {
    name: "empty automationDetails.id",
    breakIt: (l) => (runOf(l)["automationDetails"] = { id: " " }),
    path: "automationDetails.id",
    message: /empty/,
  },
  {
    name: "automationDetails.id without a trailing slash",
    breakIt: (l) => (runOf(l)["automationDetails"] = { id: "trustscan/organization" }),
    path: "automationDetails.id",
    message: /not like/,
  },
  {
    name: "no rules array",
    breakIt: (l) => delete driverOf(l)["rules"],
    path: "tool.driver.rules",
    message: /requires the array/,
  },
  {
    name: "more than 25,000 rules",
    breakIt: (l) =>
      (driverOf(l)["rules"] = Array.from({ length: 25_001 }, (_, i) => ({ ...ruleOf(l), id: `r${i}` }))),
    path: "tool.driver.rules",
    message: /25001 > 25,000/,
  },
  {
    name: "rule without id",
    breakIt: (l) => delete ruleOf(l)["id"],
    path: "rules[0].id",
    message: /missing/,
  },
  {
    name: "duplicate rule id",
    breakIt: (l) => (ruleOf(l, 1)["id"] = "public-access"),
    path: "rules[1].id",
    message: /duplicate/,
  },
  {
    name: "rule without name",
    breakIt: (l) => delete ruleOf(l)["name"],
    path: "rules[0].name",
    message: /missing/,
  },
  {
    name: "rule name too long",
    breakIt: (l) => (ruleOf(l)["name"] = "N".repeat(256)),
    path: "rules[0].name",
    message: /255/,
  },
  {
    name: "no shortDescription",
    breakIt: (l) => delete ruleOf(l)["shortDescription"],
    path: "rules[0].shortDescription.text",
    message: /missing/,
  },
  {
    name: "fullDescription too long",
    breakIt: (l) => (ruleOf(l)["fullDescription"] = { text: "x".repeat(1025) }),
    path: "rules[0].fullDescription.text",
    message: /1024/,
  },
  {
    name: "no help text",
    breakIt: (l) => (ruleOf(l)["help"] = { markdown: (ruleOf(l)["help"] as Json)["markdown"] }),
    path: "rules[0].help.text",
    message: /missing/,
  },
  {
    name: "no help markdown",
    breakIt: (l) => (ruleOf(l)["help"] = { text: (ruleOf(l)["help"] as Json)["text"] }),
    path: "rules[0].help.markdown",
    message: /missing/,
  },
  {
    name: "help without the fixed sections",
    breakIt: (l) => (ruleOf(l)["help"] = { text: "Just fix it.", markdown: "Just *fix* it." }),
    path: "rules[0].help.text",
    message: /What it does, Why it matters, How to fix, Example/,
  },
  {
    name: "no default level",
    breakIt: (l) => delete ruleOf(l)["defaultConfiguration"],
    path: "rules[0].defaultConfiguration.level",
    message: /missing/,
  },
  {
    name: "invalid default level",
    breakIt: (l) => (ruleOf(l)["defaultConfiguration"] = { level: "critical" }),
    path: "rules[0].defaultConfiguration.level",
    message: /not note\|warning\|error/,
  },
  {
    name: "tags not strings",
    breakIt: (l) => ((ruleOf(l)["properties"] as Json)["tags"] = ["security", 7]),
    path: "rules[0].properties.tags",
    message: /string\[\]/,
  },
  {
    name: "more than 20 tags",
    breakIt: (l) =>
      ((ruleOf(l)["properties"] as Json)["tags"] = [
        "security",
        ...Array.from({ length: 20 }, (_, i) => `t${i}`),
      ]),
    path: "rules[0].properties.tags",
    message: /> 20 tags/,
  },
  {
    name: "no security tag",
    breakIt: (l) => ((ruleOf(l)["properties"] as Json)["tags"] = ["external/cwe/cwe-284"]),
    path: "rules[0].properties.tags",
    message: /security/,
  },
  {
    name: "security-severity as a number",
    breakIt: (l) => ((ruleOf(l)["properties"] as Json)["security-severity"] = 9.5),
    path: "rules[0].properties.security-severity",
    message: /numeric \*string\*/,
  },
  {
    name: "security-severity not a number",
    breakIt: (l) => ((ruleOf(l)["properties"] as Json)["security-severity"] = "critical"),
    path: "rules[0].properties.security-severity",
    message: /numeric \*string\*/,
  },
  {
    name: "security-severity off the scale",
    breakIt: (l) => ((ruleOf(l)["properties"] as Json)["security-severity"] = "7.0"),
    path: "rules[0].properties.security-severity",
    message: /not one of 9\.5, 8\.0, 5\.5, 2\.0/,
  },
  {
    name: "no security-severity",
    breakIt: (l) => delete (ruleOf(l)["properties"] as Json)["security-severity"],
    path: "rules[0].properties.security-severity",
    message: /absent/,
  },
  {
    name: "no precision",
    breakIt: (l) => delete (ruleOf(l)["properties"] as Json)["precision"],
    path: "rules[0].properties.precision",
    message: /missing/,
  },
  {
    name: "invalid precision",
    breakIt: (l) => ((ruleOf(l)["properties"] as Json)["precision"] = "exact"),
    path: "rules[0].properties.precision",
    message: /very-high/,
  },
  {
    name: "invalid problem.severity",
    breakIt: (l) => ((ruleOf(l)["properties"] as Json)["problem.severity"] = "fatal"),
    path: "rules[0].properties.problem.severity",
    message: /recommendation/,
  },
  {
    name: "no results array",
    breakIt: (l) => delete runOf(l)["results"],
    path: "runs[0].results",
    message: /even if empty/,
  },
  {
    name: "more than 25,000 results",
    breakIt: (l) =>
      (runOf(l)["results"] = Array.from({ length: 25_001 }, (_, i) => ({
        ...resultOf(l, 3),
        partialFingerprints: { primaryLocationLineHash: `${i.toString(16).padStart(16, "0")}:1` },
      }))),
    path: "runs[0].results",
    message: /25001 > 25,000/,
  },
  {
    name: "result without ruleId",
    breakIt: (l) => delete resultOf(l)["ruleId"],
    path: "results[0].ruleId",
    message: /missing/,
  },
  {
    name: "result of an unknown rule",
    breakIt: (l) => (resultOf(l)["ruleId"] = "no-such-rule"),
    path: "results[0].ruleId",
    message: /not in tool\.driver\.rules/,
  },
  {
    name: "result without ruleIndex",
    breakIt: (l) => delete resultOf(l)["ruleIndex"],
    path: "results[0].ruleIndex",
    message: /missing/,
  },
  {
    name: "ruleIndex disagrees with ruleId",
    breakIt: (l) => (resultOf(l)["ruleIndex"] = 0),
    path: "results[0].ruleIndex",
    message: /does not point at the rule/,
  },
  {
    name: "ruleIndex out of range",
    breakIt: (l) => (resultOf(l)["ruleIndex"] = 9),
    path: "results[0].ruleIndex",
    message: /out of range/,
  },
  {
    name: "message without text",
    breakIt: (l) => (resultOf(l)["message"] = { id: "default" }),
    path: "results[0].message.text",
    message: /missing/,
  },
  {
    name: "message whose first sentence does not name the resource",
    breakIt: (l) => (resultOf(l)["message"] = { text: "Something is wrong. Role deployer is involved." }),
    path: "results[0].message.text",
    message: /name the resource/,
  },
  {
    name: "result without level",
    breakIt: (l) => delete resultOf(l)["level"],
    path: "results[0].level",
    message: /missing/,
  },
  {
    name: "invalid level",
    breakIt: (l) => (resultOf(l)["level"] = "critical"),
    path: "results[0].level",
    message: /invalid/,
  },
  {
    name: "no locations",
    breakIt: (l) => delete resultOf(l)["locations"],
    path: "results[0].locations",
    message: /WHOLE file/,
  },
  {
    name: "empty locations",
    breakIt: (l) => (resultOf(l)["locations"] = []),
    path: "results[0].locations",
    message: /WHOLE file/,
  },
  {
    name: "more than 10 locations",
    breakIt: (l) => (resultOf(l)["locations"] = Array.from({ length: 11 }, () => locationOf(l))),
    path: "results[0].locations",
    message: /> 10 locations/,
  },
  {
    name: "logical location only",
    breakIt: (l) => delete locationOf(l)["physicalLocation"],
    path: "results[0].locations[0]",
    message: /no physicalLocation/,
  },
  {
    name: "empty uri",
    breakIt: (l) => (artifactOf(l)["uri"] = ""),
    path: "artifactLocation.uri",
    message: /missing or empty/,
  },
  {
    name: "ARN as uri",
    breakIt: (l) => (artifactOf(l)["uri"] = "arn:aws:iam::111122223333:role/deployer"),
    path: "artifactLocation.uri",
    message: /is an ARN/,
  },
  {
    name: "absolute URI",
    breakIt: (l) => (artifactOf(l)["uri"] = "file:///work/main/x.json"),
    path: "artifactLocation.uri",
    message: /absolute URI/,
  },
  {
    name: "leading slash",
    breakIt: (l) => (artifactOf(l)["uri"] = "/work/main/x.json"),
    path: "artifactLocation.uri",
    message: /leading slash/,
  },
  {
    name: "backslashes",
    breakIt: (l) => (artifactOf(l)["uri"] = "test\\fixtures\\x.json"),
    path: "artifactLocation.uri",
    message: /backslash/,
  },
  {
    name: "./ prefix",
    breakIt: (l) => (artifactOf(l)["uri"] = "./test/x.json"),
    path: "artifactLocation.uri",
    message: /normalised/,
  },
  {
    name: ".. segment",
    breakIt: (l) => (artifactOf(l)["uri"] = "../outside/x.json"),
    path: "artifactLocation.uri",
    message: /normalised/,
  },
  {
    name: "file missing from the repository",
    breakIt: (l) => (artifactOf(l)["uri"] = "test/fixtures/sarif/snapshot/accounts/000000000000.json"),
    path: "artifactLocation.uri",
    message: /does not exist under/,
  },
  {
    name: "no region",
    breakIt: (l) => delete physicalOf(l)["region"],
    path: "physicalLocation.region",
    message: /missing/,
  },
  {
    name: "startLine 0",
    breakIt: (l) => (regionOf(l)["startLine"] = 0),
    path: "region.startLine",
    message: />= 1/,
  },
  {
    name: "startLine past the end of the file",
    breakIt: (l) => (regionOf(l)["startLine"] = 5000),
    path: "region.startLine",
    message: /5000 > \d+ lines/,
  },
  {
    name: "endLine before startLine",
    breakIt: (l) => (regionOf(l)["endLine"] = 1),
    path: "region.endLine",
    message: />= startLine/,
  },
  {
    name: "startColumn 0",
    breakIt: (l) => (regionOf(l)["startColumn"] = 0),
    path: "region.startColumn",
    message: />= 1/,
  },
  {
    name: "no endColumn",
    breakIt: (l) => delete regionOf(l)["endColumn"],
    path: "region.endColumn",
    message: /spans the statement/,
  },
  {
    name: "endColumn before startColumn on one line",
    breakIt: (l) => Object.assign(regionOf(l), { endLine: regionOf(l)["startLine"], endColumn: 2 }),
    path: "region.endColumn",
    message: />= startColumn/,
  },
  {
    name: "undeclared uriBaseId",
    breakIt: (l) => (artifactOf(l)["uriBaseId"] = "%SRCROOT%"),
    path: "uriBaseId",
    message: /not declared/,
  },
  {
    name: "related location without physicalLocation",
    breakIt: (l) => (resultOf(l)["relatedLocations"] = [{ logicalLocations: [{ name: "x" }] }]),
    path: "results[0].relatedLocations[0]",
    message: /no physicalLocation/,
  },
  {
    name: "no logical location with the ARN",
    breakIt: (l) => delete locationOf(l)["logicalLocations"],
    path: "logicalLocations[0].fullyQualifiedName",
    message: /resource ARN/,
  },
  {
    name: "logical location of another kind",
    breakIt: (l) => (((locationOf(l)["logicalLocations"] as Json[])[0] as Json)["kind"] = "module"),
    path: "logicalLocations[0].kind",
    message: /'resource'/,
  },
  {
    name: "ARN missing from properties",
    breakIt: (l) => delete (resultOf(l)["properties"] as Json)["resourceArn"],
    path: "results[0].properties.resourceArn",
    message: /resource ARN/,
  },
  {
    name: "no fingerprint",
    breakIt: (l) => delete resultOf(l)["partialFingerprints"],
    path: "primaryLocationLineHash",
    message: /absent/,
  },
  {
    name: "empty fingerprint",
    breakIt: (l) => (resultOf(l)["partialFingerprints"] = { primaryLocationLineHash: "" }),
    path: "primaryLocationLineHash",
    message: /empty/,
  },
  {
    name: "fingerprint not a string",
    breakIt: (l) =>
      (resultOf(l)["partialFingerprints"] = { primaryLocationLineHash: "e6a93046413396a1:1", other: 3 }),
    path: "results[0].partialFingerprints",
    message: /must be strings/,
  },
  {
    name: "fingerprint in another format",
    breakIt: (l) => (resultOf(l)["partialFingerprints"] = { primaryLocationLineHash: "abc" }),
    path: "primaryLocationLineHash",
    message: /<16 hex>:1/,
  },
  {
    name: "duplicate fingerprint for one rule",
    breakIt: (l) => (resultOf(l, 3)["partialFingerprints"] = resultOf(l, 2)["partialFingerprints"]),
    path: "results[3].partialFingerprints",
    message: /same ruleId\+primaryLocationLineHash as results\[2\]/,
  },
  {
    name: "suppression of another kind",
    breakIt: (l) =>
      (resultOf(l)["suppressions"] = [{ kind: "inSource", status: "accepted", justification: "x" }]),
    path: "results[0].suppressions[0].kind",
    message: /external/,
  },
  {
    name: "suppression not accepted",
    breakIt: (l) =>
      (resultOf(l)["suppressions"] = [{ kind: "external", status: "underReview", justification: "x" }]),
    path: "results[0].suppressions[0].status",
    message: /accepted/,
  },
  {
    name: "suppression without justification",
    breakIt: (l) => (resultOf(l)["suppressions"] = [{ kind: "external", status: "accepted" }]),
    path: "results[0].suppressions[0].justification",
    message: /control/,
  },
  {
    name: "timestamp outside invocations",
    breakIt: (l) =>
      (resultOf(l)["properties"] = {
        ...(resultOf(l)["properties"] as Json),
        scannedTimeUtc: "2026-01-01T00:00:00Z",
      }),
    path: "results[0].properties.scannedTimeUtc",
    message: /timestamp/,
  },
];

describe("checkGithubRules", () => {
  it("finds nothing wrong with the log the reports write", () => {
    expect(checkGithubRules(validLog(), REPO_ROOT)).toEqual([]);
  });

  it.each(cases)("reports $name", ({ breakIt, path, message }) => {
    const log = validLog();
    breakIt(log);
    expect(checkGithubRules(log, REPO_ROOT)).toContainEqual(
      expect.objectContaining({
        path: expect.stringContaining(path) as unknown,
        message: expect.stringMatching(message) as unknown,
      }),
    );
  });

  it("reports a file over 10 MB gzipped", () => {
    // Random bytes do not compress: 12 MB of them, base64-encoded, gzip to about 12 MB.
    const padding = randomBytes(12_000_000).toString("base64");
    const violations = checkGithubRules(validLog(), REPO_ROOT, { text: padding });
    expect(violations).toContainEqual(
      expect.objectContaining({ path: "file", message: expect.stringMatching(/10 MB/) as unknown }),
    );
  });

  it("lets a missing fingerprint pass as a warning when fingerprints are not required", () => {
    const log = validLog();
    delete resultOf(log)["partialFingerprints"];
    expect(errorsOf(checkGithubRules(log, REPO_ROOT, { requireFingerprints: false }))).toEqual([]);
    expect(checkGithubRules(log, REPO_ROOT, { requireFingerprints: false })).toEqual([
      expect.objectContaining({
        level: "warning",
        path: "runs[0].results[0].partialFingerprints.primaryLocationLineHash",
      }),
    ]);
  });

  it("warns about what GitHub ignores: extra locations, tags past 10, results past 5,000", () => {
    const log = validLog();
    resultOf(log)["locations"] = [locationOf(log), locationOf(log)];
    (ruleOf(log)["properties"] as Json)["tags"] = [
      "security",
      ...Array.from({ length: 10 }, (_, i) => `t${i}`),
    ];
    expect(checkGithubRules(log, REPO_ROOT)).toEqual([
      expect.objectContaining({
        level: "warning",
        message: expect.stringMatching(/only 10 tags/) as unknown,
      }),
      expect.objectContaining({
        level: "warning",
        message: expect.stringMatching(/only the first location/) as unknown,
      }),
    ]);
    runOf(log)["results"] = Array.from({ length: 5001 }, (_, i) => ({
      ...resultOf(log, 3),
      partialFingerprints: { primaryLocationLineHash: `${i.toString(16).padStart(16, "0")}:1` },
    }));
    expect(checkGithubRules(log, REPO_ROOT)).toContainEqual(
      expect.objectContaining({ level: "warning", message: expect.stringMatching(/top 5,000/) as unknown }),
    );
  });
});

describe("validateSarifSchema", () => {
  it("accepts the log the reports write", () => {
    expect(validateSarifSchema(validLog())).toEqual([]);
  });

  it("rejects a log that breaks the schema", () => {
    const log = validLog() as unknown as Log;
    (log as unknown as Json)["unexpected"] = true;
    const result = (log.runs[0]?.results ?? [])[0] as unknown as Json;
    result["level"] = "fatal";
    result["message"] = "not an object";
    const errors = validateSarifSchema(log);
    expect(errors).toContain("schema: must NOT have additional properties");
    expect(errors).toContain("schema/runs/0/results/0/level: must be equal to one of the allowed values");
    expect(errors).toContain("schema/runs/0/results/0/message: must be object");
  });
});
