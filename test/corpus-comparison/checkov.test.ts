// checkov (bridgecrewio/checkov, Apache-2.0; commits per file in test/fixtures/labelled/ATTRIBUTION.md):
//   CKV_AWS_60 IAMRoleAllowsPublicAssume        FAILED = our public-access on the role (account zone)
//   CKV_AWS_61 IAMRoleAllowAssumeFromAccount    FAILED = our external-access on the role (account zone)
//   CKV_AWS_358 GithubActionsOIDCTrustPolicy    FAILED = our unscoped-federation
// The CloudFormation labels are per file (FAILED*/PASSED*); each role of a file carries the file's label. Trust
// policies written as JSON text blocks are read from the fixture templates; YAML-native ones are transcribed
// here (no YAML parser is a dependency) and the transcription is checked against the file's text.
import { expect, it } from "vitest";
import type { PolicyCase } from "../helpers/scan-policy.js";
import {
  assumeRoleDocumentFromYamlText,
  compareWith,
  has,
  readFixtureJson,
  readFixtureText,
} from "./compare.js";
import type { Comparison, Verdict } from "./compare.js";

/** Role owner for the CloudFormation templates: their principals' account 123456789101 is another account. */
const OWNER = "111122223333";
const ORGANIZATION = { id: "o-a1b2c3d4e5", accounts: [OWNER, "222233334444"] };

const roleRun = (policy: unknown, accountId = OWNER): PolicyCase => ({
  resource: "role",
  policy,
  zone: "account",
  accountId,
  organization: accountId === OWNER ? ORGANIZATION : { id: "o-checkov0001", accounts: [accountId] },
});

const yamlTrust = (statements: unknown[]) => ({ Version: "2012-10-17", Statement: statements });
const allow = (principal: unknown) => ({ Effect: "Allow", Principal: principal, Action: ["sts:AssumeRole"] });
const deny = (principal: unknown) => ({ Effect: "Deny", Principal: principal, Action: ["sts:AssumeRole"] });

interface TemplateRole extends Verdict {
  file: string;
  resource: string;
  /** For YAML-native documents: the transcription (checked against the file's lines). */
  transcribed?: unknown;
  /** Scan it in this account instead of OWNER. */
  accountId?: string;
  /** Case id suffix for a variant run of the same role. */
  variant?: string;
}

// ───────────────────────────── CKV_AWS_60 ─────────────────────────────
const CKV_AWS_60: TemplateRole[] = [
  {
    file: "FAILED.yml",
    resource: "AWSStarPrincipal",
    transcribed: yamlTrust([allow({ AWS: ["*"] })]),
    ours: ["public-access"],
  },
  {
    file: "FAILED.yml",
    resource: "AWSStarPrincipalInList",
    transcribed: yamlTrust([allow({ AWS: ["arn:aws:iam::123456789101:root", "*"] })]),
    ours: ["public-access"],
    note: "The named account is covered by '*': public-access only, no external-access or missing-external-id beside it (§5).",
  },
  { file: "FAILED-2.yml", resource: "AWSStarPrincipal2", ours: ["public-access"] },
  { file: "FAILED-2.yml", resource: "AWSStarPrincipalInList2", ours: ["public-access"] },
  {
    file: "PASSED.yml",
    resource: "ServiceRole",
    transcribed: yamlTrust([allow({ Service: ["ec2.amazonaws.com"] })]),
    ours: [],
    note: "ec2.amazonaws.com is exempt from confused-deputy (§5).",
  },
  { file: "PASSED.yml", resource: "DenyIgnore", transcribed: yamlTrust([deny({ AWS: ["*"] })]), ours: [] },
  { file: "PASSED-2.yml", resource: "ServiceRole2", ours: [] },
  { file: "PASSED-2.yml", resource: "DenyIgnore2", ours: [] },
];

// ───────────────────────────── CKV_AWS_61 ─────────────────────────────
const FAILED_61 = "example_IAMRoleAllowAssumeFromAccount-FAILED.yml";
const FAILED_2_61 = "example_IAMRoleAllowAssumeFromAccount-FAILED-2.yml";
const PASSED_61 = "example_IAMRoleAllowAssumeFromAccount-PASSED.yml";

/**
 * Roles whose AssumeRolePolicyDocument is a `!Sub` template with unresolved `${example}`/`${Name}` parameters: the
 * deployed policy depends on template parameters, so there is nothing definite to scan (DIFFERENCES.md, skipped).
 */
const CKV_AWS_61_SKIPPED = [`${FAILED_61}#Role`, `${PASSED_61}#Role`];

const CKV_AWS_61: TemplateRole[] = [
  {
    file: FAILED_61,
    resource: "ExecutionRole",
    transcribed: yamlTrust([allow({ AWS: "arn:aws:iam::123456789101:root" })]),
    ours: ["external-access", "missing-external-id"],
  },
  {
    file: FAILED_2_61,
    resource: "ExecutionRole",
    transcribed: yamlTrust([allow({ AWS: "arn:aws:iam::123456789101:root" })]),
    ours: ["external-access", "missing-external-id"],
  },
  {
    file: FAILED_2_61,
    resource: "ExecutionRole",
    variant: "deployed in account 123456789101",
    transcribed: yamlTrust([allow({ AWS: "arn:aws:iam::123456789101:root" })]),
    accountId: "123456789101",
    ours: [],
    why: "docs/semantics.md#zone and #principals: the trusted account is the role's own account, inside every zone. checkov's rule has no notion of the home account: the same template is FAILED wherever it is deployed.",
  },
  {
    file: PASSED_61,
    resource: "ExecutionRole",
    transcribed: yamlTrust([allow({ AWS: "arn:aws:iam::123456789101:example_user" })]),
    ours: ["external-access", "missing-external-id"],
    why: "docs/semantics.md#principals: an ARN-form principal is judged by its account (123456789101, outside the zone), whatever follows; the ARN is malformed (no user/ or role/ prefix) but nothing shows it cannot match a principal of that account, so the conservative verdict stands. checkov only flags account ids and :root ARNs.",
  },
];

// ───────────────────────────── CKV_AWS_358 ─────────────────────────────
interface OidcCase {
  name: string;
  expected: "PASSED" | "FAILED";
  policy: { Statement: { Principal?: { Federated?: string } }[] };
}

const OIDC = readFixtureJson<{ cases: OidcCase[] }>(
  "checkov/ckv_aws_358/oidc_trust_policies.labeled.json",
).cases;

/** Identity policy with no principal: not a trust policy (DIFFERENCES.md, skipped). */
const CKV_AWS_358_SKIPPED = new Set(["pass1"]);

const WHY_STRING_EQUALS_LITERAL =
  "docs/semantics.md#conditions: '*' is a wildcard only under …Like operators. Under StringEquals this sub value is a literal that no GitHub token carries, so the statement lets nobody in and the claim is pinned to a fixed value → not unscoped. checkov reads '*' as a wildcard whatever the operator.";

const CKV_AWS_358_OURS: Record<string, Verdict> = {
  pass_aud_first: {
    ours: [],
    note: "sub pinned to one repository (any ref) under StringLike; the odd aud value does not widen it.",
  },
  pass2: { ours: [] },
  pass3: { ours: [] },
  fail1: { ours: ["unscoped-federation"] },
  fail2: {
    ours: [],
    why: 'docs/semantics.md#rules: sub is pinned with a fixed, non-wildcard value ("invalid"); such a value matches no workflow, so no one outside can come in. checkov requires the value to look like repo:<org>/<repo>.',
  },
  "fail-wildcard": { ours: [], why: WHY_STRING_EQUALS_LITERAL },
  "fail-abusable": {
    ours: ["unscoped-federation"],
    note: '§5: a sub value that every repository can obtain is unscoped. GitHub builds a customised sub from claim:value pairs; with the caller-named workflow first, any repository can name its workflow "github-actions:repo:myOrg/myRepo:ref:refs/heads/MyBranch" and mint exactly this sub.',
  },
  "fail-wildcard-assertion": { ours: [], why: WHY_STRING_EQUALS_LITERAL },
  "fail-misused-repo": { ours: [], why: WHY_STRING_EQUALS_LITERAL },
  "pass-org-only": {
    ours: [],
    note: 'Agrees: under StringEquals "repo:myOrg/*" is a literal (§3), pinned; under StringLike it would still name one organization.',
  },
  "pass-gh-org": {
    ours: ["unscoped-federation"],
    why: "docs/semantics.md#conditions and #rules: the principal is the provider token.actions.githubusercontent.com, whose sub claim is the key token.actions.githubusercontent.com:sub; the policy pins a key of another issuer (…githubusercontent.com/github-org:sub), which does not pin this provider's sub — treated as satisfiable, the trust is unscoped. checkov accepts the enterprise key form. (In AWS the foreign key is absent from the request, so the statement would in fact let no one in; see the report to the lead.)",
  },
  "fail-service-first": {
    ours: ["unscoped-federation"],
    note: "ec2.amazonaws.com is exempt from confused-deputy.",
  },
  "pass-service-first": { ours: [] },
};

const providerAccount = (c: OidcCase): string => {
  const federated = c.policy.Statement.map((s) => s.Principal?.Federated).find((f) => f !== undefined) ?? "";
  return /^arn:aws:iam::(\d{12}):/.exec(federated)?.[1] ?? OWNER;
};

// ───────────────────────────── comparisons ─────────────────────────────

function templateComparisons(
  check: string,
  folder: string,
  roles: TemplateRole[],
  failsForUs: (c: Verdict) => boolean,
) {
  return roles.map(({ file, resource, transcribed, accountId, variant, ...verdict }): Comparison => {
    const text = readFixtureText(`checkov/${folder}/${file}`);
    const policy = transcribed ?? assumeRoleDocumentFromYamlText(text, resource);
    const theirs = file.includes("FAILED") ? "FAILED" : "PASSED";
    return {
      id: `${check} ${file}#${resource}${variant ? ` (${variant})` : ""}`,
      theirs,
      run: roleRun(policy, accountId),
      ...verdict,
      agrees: failsForUs(verdict) === (theirs === "FAILED"),
    };
  });
}

const comparisons: Comparison[] = [
  ...templateComparisons("CKV_AWS_60", "ckv_aws_60", CKV_AWS_60, (v) => has(v.ours, "public-access")),
  ...templateComparisons("CKV_AWS_61", "ckv_aws_61", CKV_AWS_61, (v) => has(v.ours, "external-access")),
  ...OIDC.filter((c) => !CKV_AWS_358_SKIPPED.has(c.name)).map((c): Comparison => {
    const verdict = CKV_AWS_358_OURS[c.name];
    if (verdict === undefined) throw new Error(`no verdict for checkov CKV_AWS_358 case ${c.name}`);
    return {
      id: `CKV_AWS_358 ${c.name}`,
      theirs: c.expected,
      run: roleRun(c.policy, providerAccount(c)),
      ...verdict,
      agrees: has(verdict.ours, "unscoped-federation") === (c.expected === "FAILED"),
    };
  }),
];

it("checkov: YAML-native transcriptions match the template text", () => {
  for (const [folder, roles] of [
    ["ckv_aws_60", CKV_AWS_60],
    ["ckv_aws_61", CKV_AWS_61],
  ] as const) {
    for (const role of roles) {
      const text = readFixtureText(`checkov/${folder}/${role.file}`);
      expect(text, `${role.file}#${role.resource}`).toContain(`${role.resource}:`);
      if (role.transcribed === undefined) continue;
      expect(() => assumeRoleDocumentFromYamlText(text, role.resource)).toThrow(/not a JSON text block/);
      const principal = JSON.stringify(role.transcribed).match(
        /"(arn:aws:iam::[^"]+|ec2\.amazonaws\.com)"/,
      )?.[1];
      if (principal !== undefined) expect(text).toContain(principal);
    }
  }
});

it("checkov: every labelled case has a verdict or is listed as skipped", () => {
  expect(Object.keys(CKV_AWS_358_OURS).sort()).toEqual(
    OIDC.map((c) => c.name)
      .filter((name) => !CKV_AWS_358_SKIPPED.has(name))
      .sort(),
  );
  for (const skipped of CKV_AWS_61_SKIPPED) {
    const [file, resource] = skipped.split("#") as [string, string];
    expect(readFixtureText(`checkov/ckv_aws_61/${file}`)).toMatch(new RegExp(`${resource}:[\\s\\S]*?!Sub`));
  }
});

compareWith("checkov", comparisons);
