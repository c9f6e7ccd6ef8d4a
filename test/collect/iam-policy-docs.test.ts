/**
 * docs/collect.md's minimal policies must allow every call the regional collectors make: the calls are taken from a
 * mocked collection, so that a new call without its permission fails here.
 */
import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { parse } from "yaml";
import { collectRegional } from "./support/regional-run.js";

const DOC = readFileSync("docs/collect.md", "utf8");

/** The IAM service prefix of each mocked client (aws-sdk-client-mock's key in MockedAws.mocks). */
const PREFIX: Record<string, string> = {
  dynamodb: "dynamodb",
  ec2: "ec2",
  ecr: "ecr",
  efs: "elasticfilesystem",
  kms: "kms",
  lambda: "lambda",
  rds: "rds",
  secretsmanager: "secretsmanager",
  sns: "sns",
  sqs: "sqs",
};

/**
 * The IAM actions of the S3 and S3 Control calls the regional and multi-region access point collectors make, whose
 * names differ from the operations' (Service Authorization Reference, Amazon S3 and Amazon S3 Express). The other
 * calls on these clients are the account-level S3 collector's.
 */
function s3ActionOf(command: string, input: { Bucket?: string }): string | undefined {
  const express = input.Bucket?.endsWith("--x-s3");
  if (command === "GetBucketPolicy") return express ? "s3express:GetBucketPolicy" : undefined;
  if (command === "ListDirectoryBuckets") return "s3express:ListAllMyDirectoryBuckets";
  const control = [
    "ListAccessPoints",
    "GetAccessPoint",
    "GetAccessPointPolicy",
    "ListMultiRegionAccessPoints",
    "GetMultiRegionAccessPointPolicy",
  ];
  return control.includes(command) ? `s3:${command}` : undefined;
}

function jsonBlocks(markdown: string): unknown[] {
  return [...markdown.matchAll(/```json\n([\s\S]*?)```/g)].map((match) => JSON.parse(match[1] as string));
}

interface Statement {
  Sid?: string;
  Action: string | string[];
}

function actionsOf(statements: Statement[]): Set<string> {
  return new Set(statements.flatMap((s) => (Array.isArray(s.Action) ? s.Action : [s.Action])));
}

describe("docs/collect.md's minimal IAM policies", () => {
  it("allow every regional call, in the collecting identity's policy and in the StackSet's member role", async () => {
    const run = await collectRegional();
    const needed = new Set<string>();
    for (const [service, mock] of Object.entries(run.aws.mocks)) {
      const prefix = PREFIX[service];
      const s3 = service === "s3" || service === "s3Control";
      if (!prefix && !s3) continue;
      for (const call of mock.calls()) {
        const sent = call.args[0] as { constructor: { name: string }; input: { Bucket?: string } };
        const command = sent.constructor.name.replace(/Command$/, "");
        const action = s3 ? s3ActionOf(command, sent.input) : `${prefix}:${command}`;
        if (action) needed.add(action);
      }
    }
    expect(needed.size).toBeGreaterThan(20);

    const identity = jsonBlocks(DOC).find((block) =>
      JSON.stringify(block).includes("ReadOwnAccountRegions"),
    ) as { Statement: Statement[] };
    const identityActions = actionsOf(identity.Statement);

    // CloudFormation's short form `!Ref X`, read as `{ Ref: X }`.
    const ref = { tag: "!Ref", resolve: (value: string) => ({ Ref: value }) };
    const stackSet = parse(/```yaml\n([\s\S]*?)```/.exec(DOC)?.[1] ?? "", { customTags: [ref] });
    const template = parse(stackSet.Resources.TrustscanCollectRoleStackSet.Properties.TemplateBody, {
      customTags: [ref],
    });
    const memberActions = actionsOf(
      template.Resources.TrustscanCollectRole.Properties.Policies[0].PolicyDocument.Statement,
    );

    for (const action of needed) {
      expect(identityActions, action).toContain(action);
      expect(memberActions, action).toContain(action);
      expect(DOC, action).toContain(`| \`${action}\``);
    }
  });
});
