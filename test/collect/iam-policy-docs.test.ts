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
  secretsmanager: "secretsmanager",
  sns: "sns",
  sqs: "sqs",
};

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
      if (!prefix) continue;
      for (const call of mock.calls()) {
        const command = (call.args[0] as { constructor: { name: string } }).constructor.name;
        needed.add(`${prefix}:${command.replace(/Command$/, "")}`);
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
