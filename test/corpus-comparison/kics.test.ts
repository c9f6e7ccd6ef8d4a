// KICS (Checkmarx/kics, Apache-2.0; commits per file in test/fixtures/labelled/ATTRIBUTION.md), CloudFormation query
// "Cross-Account IAM Assume Role Policy Without ExternalId or MFA": positive = a role trusting another account's
// root without a non-empty sts:ExternalId or aws:MultiFactorAuthPresent=true.
//
// Mapping: positive = our missing-external-id active in the account zone. The role is scanned in account
// 111122223333; the trusted account 987654321145 is outside it. The trust policies are read from the fixture
// templates (JSON, or JSON text blocks in YAML).
import { expect, it } from "vitest";
import {
  assumeRoleDocumentFromYamlText,
  compareWith,
  has,
  readFixtureJson,
  readFixtureText,
} from "./compare.js";
import type { Comparison, Verdict } from "./compare.js";

const OWNER = "111122223333";
const ORGANIZATION = { id: "o-a1b2c3d4e5", accounts: [OWNER, "222233334444"] };

interface Template {
  Resources: { RootRole: { Properties: { AssumeRolePolicyDocument: unknown } } };
}

const trustPolicy = (file: string): unknown =>
  file.endsWith(".json")
    ? readFixtureJson<Template>(`kics/${file}`).Resources.RootRole.Properties.AssumeRolePolicyDocument
    : assumeRoleDocumentFromYamlText(readFixtureText(`kics/${file}`), "RootRole");

const OURS: Record<string, Verdict> = {
  "positive2.json": {
    ours: ["external-access", "missing-external-id"],
    note: "The invalid Resource element of a trust policy is ignored.",
  },
  "positive3.yaml": { ours: ["external-access", "missing-external-id"] },
  "positive4.json": { ours: ["external-access", "missing-external-id"] },
  "positive5.yaml": {
    ours: [],
    why: 'StringEquals sts:ExternalId "" can never match: STS rejects external IDs shorter than 2 characters, and without one the key is absent, which makes StringEquals false (§3). The outside account cannot assume the role at all, so neither external-access nor missing-external-id (§5: not raised when the outside principal cannot assume the role). KICS wants a non-empty value.',
  },
  "negative1.yaml": { ours: ["external-access"] },
  "negative2.json": { ours: ["external-access"] },
  "negative2.yaml": {
    ours: ["external-access", "missing-external-id"],
    why: "docs/semantics.md#conditions and #rules: aws:MultiFactorAuthPresent does not confine the principal and is not an external ID; any MFA-authenticated principal of 987654321145 (for example a compromised vendor user) can assume the role. KICS accepts MFA instead of an external ID.",
  },
};

const LABELS = readFixtureJson<{ positive: string[]; negative: string[] }>("kics/labels.json");
const labelled = [
  ...LABELS.positive.map((entry) => ({ file: entry.split(" ")[0] ?? entry, positive: true })),
  ...LABELS.negative.map((entry) => ({ file: entry.split(" ")[0] ?? entry, positive: false })),
];

const comparisons: Comparison[] = labelled.map(({ file, positive }) => {
  const verdict = OURS[file];
  if (verdict === undefined) throw new Error(`no verdict for kics case ${file}`);
  return {
    id: file,
    theirs: positive ? "positive" : "negative",
    run: {
      resource: "role",
      policy: trustPolicy(file),
      zone: "account",
      accountId: OWNER,
      organization: ORGANIZATION,
    },
    ...verdict,
    agrees: has(verdict.ours, "missing-external-id") === positive,
  };
});

it("kics: every labelled case has a verdict, and the policies trust 987654321145", () => {
  expect(Object.keys(OURS).sort()).toEqual(labelled.map((l) => l.file).sort());
  for (const { file } of labelled)
    expect(JSON.stringify(trustPolicy(file))).toContain("arn:aws:iam::987654321145:root");
});

compareWith("kics", comparisons);
