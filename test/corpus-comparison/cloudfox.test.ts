// cloudfox (BishopFox/cloudfox @ d44899f, MIT): IsPublic / IsConditionallyPublic of its SNS/SQS policy test data.
//
// Mapping: IsPublic = our public-access (account zone). IsConditionallyPublic ('*' narrowed only by a network
// condition) has no rule of its own: we report such a grant as external-access, not public, so it must show
// external-access. The SNS/SQS policies run as bucket policies of the account in their Resource ARN, actions
// normalised (compare.ts asBucketPolicy): only their principal and condition analysis matters.
import { expect, it } from "vitest";
import { asBucketPolicy, compareWith, has, readFixtureJson } from "./compare.js";
import type { Comparison, Verdict } from "./compare.js";

interface Label {
  IsPublic: boolean;
  IsConditionallyPublic: boolean;
}

const LABELS = readFixtureJson<{ cases: Record<string, Label> }>("cloudfox/labels.json").cases;

/** Identity policies: no principal, nothing a resource-policy scanner judges (DIFFERENCES.md, skipped). */
const OUT_OF_SCOPE = new Set(["amazon-ec2-full-access.json"]);

const OURS: Record<string, Verdict & { owner: string; organization?: string }> = {
  "sns-conditionally-public.json": {
    owner: "123456789012",
    ours: ["external-access"],
    note: "aws:sourceVpce confines '*' to a network: external, not public (§3).",
  },
  "sns-shared-via-condition.json": {
    owner: "444455556666",
    ours: ["external-access"],
    note: "aws:SourceArn pins the caller to services acting for 111122223333, another account (§3, §5 [beyond]).",
  },
  "sns-shared-with-org.json": {
    owner: "444455556666",
    organization: "o-yj4fwt1bwm",
    ours: ["external-access"],
    note: "The owner's own organization; its other accounts are outside the account zone.",
  },
  "sqs-conditionally-public.json": { owner: "111122223333", ours: ["external-access"] },
  "sqs-public.json": { owner: "111122223333", ours: ["public-access"] },
  "sqs-shared-with-condition.json": {
    owner: "111122223333",
    ours: ["external-access"],
    note: "Account 123456789012 named, narrowed by an IP range: still that outside account.",
  },
  "sqs-shared.json": { owner: "111122223333", ours: ["external-access"] },
};

const comparisons: Comparison[] = Object.entries(LABELS)
  .filter(([file]) => !OUT_OF_SCOPE.has(file))
  .map(([file, label]) => {
    const entry = OURS[file];
    if (entry === undefined) throw new Error(`no verdict for cloudfox case ${file}`);
    const { owner, organization, ...verdict } = entry;
    return {
      id: file,
      theirs: `IsPublic=${String(label.IsPublic)}, IsConditionallyPublic=${String(label.IsConditionallyPublic)}`,
      run: {
        resource: "bucket",
        policy: asBucketPolicy(readFixtureJson<unknown>(`cloudfox/${file}`)),
        zone: "account",
        accountId: owner,
        // One more member account, so that an organization grant reaches outside the account zone.
        organization: { id: organization ?? "o-cloudfox0001", accounts: [owner, "555566667777"] },
      },
      ...verdict,
      agrees:
        label.IsPublic === has(verdict.ours, "public-access") &&
        (!label.IsConditionallyPublic || has(verdict.ours, "external-access")),
    };
  });

it("cloudfox: every labelled case has a verdict or is listed as skipped", () => {
  expect(Object.keys(OURS).sort()).toEqual(
    Object.keys(LABELS)
      .filter((file) => !OUT_OF_SCOPE.has(file))
      .sort(),
  );
});

compareWith("cloudfox", comparisons);
