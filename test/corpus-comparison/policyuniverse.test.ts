// policyuniverse (Netflix-Skunkworks/policyuniverse @ b436a90, Apache-2.0): `is_internet_accessible()` verdicts of
// its statement and policy tests. Their label maps to our `public-access` active in the account zone.
//
// How we run them: every document as a bucket policy of account 012345678910 (the account their tests name as
// the principal's own), with actions normalised to s3:GetObject (the rds:*/sqs:* actions of the originals play no
// part in either verdict) and the unformatted "%s" placeholders of the evasion policies replaced by that account.
import { expect, it } from "vitest";
import { asBucketPolicy, compareWith, has, readFixtureJson } from "./compare.js";
import type { Comparison, Verdict } from "./compare.js";

const OWNER = "012345678910";
/** The owner's organization: one more member account, so that the organization reaches outside the account zone. */
const ORGANIZATION = { id: "o-xxxxxxxxxx", accounts: [OWNER, "109876543210"] };

interface LabelledDocument {
  id: string;
  kind: "statement" | "policy";
  document: unknown;
  expected_internet_accessible: boolean;
}

const CASES = readFixtureJson<{ cases: LabelledDocument[] }>(
  "policyuniverse/labeled_internet_accessible.json",
).cases;

const WHY_FOR_ALL_VALUES =
  "docs/semantics.md#conditions and #rules: ForAllValues: is true when the key is absent and …IfExists makes an absent key true, so a direct call by anyone (no aws:SourceArn in the request) matches — public. policyuniverse treats any aws:SourceArn condition as a restriction whatever its operator.";

const WHY_SOURCE_WILDCARD =
  "docs/semantics.md#conditions: aws:SourceArn/SourceOwner are absent on direct calls, so a positive, non-IfExists condition on them shuts out every user, role and anonymous caller — what is left is AWS services acting for any account (the wildcard leaves the source unconfined): §5 confused-deputy, not public-access. policyuniverse calls any unconfined wildcard internet accessible.";

/** The policies below write a Principal as a bare ARN string, which IAM rejects. */
const BARE_ARN =
  'A Principal written as a bare ARN string is outside IAM\'s grammar: read as {"AWS": that ARN} (docs/policy-grammar.md).';

const OURS: Record<string, Verdict> = {
  "test_statement.py::test_statement_internet_accessible::statement02": {
    ours: [],
    note: `${BARE_ARN} The owner's account is inside.`,
  },
  "test_statement.py::test_statement_internet_accessible::statement17": {
    ours: ["external-access"],
    note: `${BARE_ARN} An ARN without a resource part names no account that can be read: an unresolved principal outside the zone (external, not public).`,
  },
  "test_policy.py::test_internet_accessible::policy02": {
    ours: [],
    note: `${BARE_ARN} The owner's account is inside.`,
  },
  "test_policy.py::test_internet_accessible::policy03": {
    ours: ["public-access"],
    note: `${BARE_ARN} The second statement's account part is a wildcard: judged as "*".`,
  },
  "test_statement.py::test_statement_internet_accessible::statement14": { ours: ["public-access"] },
  "test_statement.py::test_statement_internet_accessible::statement15": {
    ours: ["public-access"],
    note: "A negated operator (StringNotLike aws:userid) is true for every other caller (§5).",
  },
  "test_statement.py::test_statement_internet_accessible::statement01": { ours: ["public-access"] },
  "test_statement.py::test_statement_internet_accessible::statement03": { ours: [] },
  "test_statement.py::test_statement_internet_accessible::statement04": { ours: [] },
  "test_statement.py::test_statement_internet_accessible::statement05": {
    ours: ["confused-deputy"],
    note: "Not public (agrees); lambda.amazonaws.com has no source condition, so §5 confused-deputy.",
  },
  "test_statement.py::test_statement_internet_accessible::statement06": {
    ours: ["confused-deputy"],
    note: "Not public (agrees); service principal without source condition → confused-deputy.",
  },
  "test_statement.py::test_statement_internet_accessible::statement07": {
    ours: ["public-access"],
    why: WHY_FOR_ALL_VALUES,
  },
  "test_statement.py::test_statement_internet_accessible::statement08": {
    ours: [],
    note: "ForAnyValue: needs a present value to match (§3): aws:SourceArn in the owner's account.",
  },
  "test_statement.py::test_statement_internet_accessible::statement09": { ours: [] },
  "test_statement.py::test_statement_internet_accessible::statement09_wildcard": {
    ours: ["confused-deputy"],
    why: WHY_SOURCE_WILDCARD,
  },
  "test_statement.py::test_statement_internet_accessible::statement10": {
    ours: [],
    note: "aws:SourceOwner = owner AND aws:SourceAccount = 123456789123 (AND across keys, §3): no source account satisfies both.",
  },
  "test_statement.py::test_statement_internet_accessible::statement11": {
    ours: ["external-access"],
    note: "Not public (agrees); services acting for 123456789123 are outside the zone (§5 [beyond]).",
  },
  "test_statement.py::test_statement_internet_accessible::statement12": {
    ours: [],
    note: "aws:SourceOwner/SourceAccount/SourceArn all pin the owner; one confining key is enough.",
  },
  "test_statement.py::test_statement_internet_accessible::statement13": { ours: [] },
  "test_statement.py::test_statement_internet_accessible::statement16": { ours: [] },
  "test_statement.py::test_statement_internet_accessible::statement18": {
    ours: ["confused-deputy"],
    why: WHY_SOURCE_WILDCARD,
  },
  "test_statement.py::test_statement_internet_accessible::statement19": {
    ours: ["confused-deputy"],
    why: WHY_SOURCE_WILDCARD,
  },
  "test_statement.py::test_statement_internet_accessible::statement20": { ours: ["public-access"] },
  "test_statement.py::test_statement_internet_accessible::statement21": {
    ours: ["external-access"],
    note: "Not public (agrees). An S3 bucket ARN has no account part: the bucket's owner is unknown, so the source is treated as outside (§2 unknown account: outside).",
  },
  "test_statement.py::test_statement_internet_accessible::statement22": {
    ours: [],
    why: 'docs/semantics.md#conditions: StringEquals with a fixed value and no wildcard confines the caller to requests whose aws:SourceArn is exactly "arn:aws:iam:::user/MyUser" — an IAM ARN without an account, which no AWS service request carries. No one matches, so nothing is granted. policyuniverse cannot read an account from the ARN and calls it internet accessible.',
  },
  "test_statement.py::test_statement_internet_accessible::statement27": {
    ours: ["public-access"],
    why: WHY_FOR_ALL_VALUES,
  },
  "test_statement.py::test_statement_internet_accessible::statement28": {
    ours: [],
    note: "As statement10: the two source-account keys cannot both hold.",
  },
  "test_statement.py::test_statement_internet_accessible::statement29": {
    ours: ["external-access"],
    note: "Not public (agrees). The zone's own organization; in the account zone its other accounts are outside.",
  },
  "test_statement.py::test_statement_internet_accessible::statement30": { ours: ["public-access"] },
  "test_statement.py::test_statement_internet_accessible::statement32": { ours: [] },
  "test_statement.py::test_statement_internet_accessible::statement33": {
    ours: ["external-access"],
    note: "Not public (agrees); 123456789123 is outside the zone.",
  },
  "test_statement.py::test_statement_internet_accessible::statement34": {
    ours: ["external-access"],
    note: "Not public (agrees); an organization path of another organization.",
  },
  "test_statement.py::test_statement_internet_accessible::statement35": {
    ours: [],
    why: "docs/semantics.md#conditions: '*' is a wildcard only under …Like operators. Under ForAnyValue:StringEquals the value \"o-*/r-ab12/…/ou-*\" is a literal, and no organization path is literally \"o-*/…\" (organization ids are o- plus 10–32 lower-case letters or digits), so no caller matches and nothing is granted. policyuniverse expands '*' whatever the operator.",
  },
  "test_statement.py::test_statement_internet_accessible::statement36": {
    ours: ["public-access"],
    note: 'Agrees: docs/semantics.md#conditions does not count AROA…-style aws:userid values as confining (they name no account), so Principal "*" stays public whatever the session part.',
  },
  "test_policy.py::test_internet_accessible::policy01": { ours: ["public-access"] },
  "test_policy.py::test_evasion_policies::json.loads(S3_PUBLIC_BUCKET_POLICY)": {
    ours: ["public-access"],
    note: "aws:UserAgent confines nothing; NotIpAddress 8.8.8.8 is a negated operator (§5).",
  },
  "test_policy.py::test_evasion_policies::json.loads(S3_REPLICATION_DESTINATION_POLICY)": {
    ours: ["public-access"],
    note: 'The "%s" replication account is substituted by the owner.',
  },
  "test_policy.py::test_evasion_policies::json.loads(SQS_NOTIFICATION_POLICY)": {
    ours: ["confused-deputy", "public-access"],
    note: "The first statement is public (evasion conditions confine nothing); the second, '*' with aws:SourceArn in any account, reaches only AWS services acting for anyone → confused-deputy.",
  },
  "test_policy.py::test_non_list_sequence_statement::policy_document": { ours: ["public-access"] },
  "test_policy.py::test_mapping_and_sequence_policy_document::policy07": { ours: ["public-access"] },
};

const withOwner = (document: unknown): unknown =>
  JSON.parse(JSON.stringify(document).replaceAll("%s", OWNER));

const IN_SCOPE = CASES;

const comparisons: Comparison[] = IN_SCOPE.map((labelled) => {
  const verdict = OURS[labelled.id];
  if (verdict === undefined) throw new Error(`no verdict for policyuniverse case ${labelled.id}`);
  return {
    id: labelled.id,
    theirs: labelled.expected_internet_accessible ? "internet accessible" : "not internet accessible",
    run: {
      resource: "bucket",
      policy: asBucketPolicy(withOwner(labelled.document)),
      zone: "account",
      accountId: OWNER,
      organization: ORGANIZATION,
    },
    ...verdict,
    agrees: labelled.expected_internet_accessible === has(verdict.ours, "public-access"),
  };
});

it("policyuniverse: every labelled case has a verdict", () => {
  expect(Object.keys(OURS).sort()).toEqual(IN_SCOPE.map((c) => c.id).sort());
});

compareWith("policyuniverse", comparisons);
