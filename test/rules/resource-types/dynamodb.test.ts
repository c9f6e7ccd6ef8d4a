/**
 * DynamoDB tables and streams (docs/semantics.md#resource-types): a table's policy governs its indexes, so a table
 * has two ARN forms; a stream has its own policy; RCPs do not cover DynamoDB in the list trustscan keeps.
 */
import { inBothZones, inZones, ruleTester } from "../rule-tester.js";
import { ORG_MEMBER, ORG_WITH_RCP, OUTSIDE, OWNER, policy, type Statement } from "./support.js";

const TABLE = "AWS::DynamoDB::Table" as const;
const STREAM = "AWS::DynamoDB::Stream" as const;
const TABLE_ARN = `arn:aws:dynamodb:us-west-2:${OWNER}:table/MusicCollection`;
const STREAM_ARN = `${TABLE_ARN}/stream/2024-02-12T18:57:26.492`;
const table = { arn: TABLE_ARN, name: "MusicCollection" };
const stream = { arn: STREAM_ARN, name: "MusicCollection/stream/2024-02-12T18:57:26.492" };

/** DynamoDB Developer Guide, "Resource-based policy for cross-account access": table and index ARNs. */
function crossAccountTable(
  principal: unknown,
  resource: unknown = [TABLE_ARN, `${TABLE_ARN}/index/*`],
): Statement {
  return {
    Sid: "CrossAccountTablePolicy",
    Effect: "Allow",
    Principal: principal,
    Action: ["dynamodb:GetItem", "dynamodb:Query"],
    Resource: resource,
  };
}

/** DynamoDB Developer Guide, "Attach a resource-based policy to a DynamoDB stream". */
function readStream(principal: unknown): Statement {
  return {
    Effect: "Allow",
    Principal: principal,
    Action: ["dynamodb:GetRecords", "dynamodb:GetShardIterator", "dynamodb:DescribeStream"],
    Resource: STREAM_ARN,
  };
}

ruleTester("external-access", {
  valid: [
    ...inBothZones(
      'DynamoDB "Attach a resource-based policy to a DynamoDB stream": user John of the own account',
      {
        resource: STREAM,
        policy: policy(readStream({ AWS: `arn:aws:iam::${OWNER}:user/John` })),
        policyResource: stream,
      },
      { activeRules: [] },
    ),
    ...inZones(["organization"], "a member account's role, in the organization zone", {
      resource: TABLE,
      policy: policy(crossAccountTable({ AWS: `arn:aws:iam::${ORG_MEMBER}:role/CrossAccountRole` })),
      policyResource: table,
    }),
  ],
  invalid: [
    ...inBothZones(
      'DynamoDB "Resource-based policy for cross-account access": a role of another account reads the table',
      {
        resource: TABLE,
        policy: policy(crossAccountTable({ AWS: `arn:aws:iam::${OUTSIDE}:role/CrossAccountRole` })),
        policyResource: table,
      },
      {
        expected: {
          accounts: [OUTSIDE],
          severity: "medium",
          message: "DynamoDB table MusicCollection can be accessed by account",
        },
      },
    ),
    ...inBothZones(
      "a grant on the indexes alone reaches the table's resource: its policy governs them",
      {
        resource: TABLE,
        policy: policy(crossAccountTable({ AWS: OUTSIDE }, `${TABLE_ARN}/index/*`)),
        policyResource: table,
      },
      { expected: { accounts: [OUTSIDE] } },
    ),
    ...inBothZones(
      "a Deny of the table ARN alone leaves the indexes granted",
      {
        resource: TABLE,
        policy: policy(crossAccountTable({ AWS: OUTSIDE }), {
          Sid: "DenyTable",
          Effect: "Deny",
          Principal: "*",
          Action: "dynamodb:*",
          Resource: TABLE_ARN,
        }),
        policyResource: table,
      },
      { expected: { accounts: [OUTSIDE] } },
    ),
    ...inBothZones(
      "a stream read by another account",
      { resource: STREAM, policy: policy(readStream({ AWS: OUTSIDE })), policyResource: stream },
      { expected: { accounts: [OUTSIDE], severity: "medium" } },
    ),
    ...inBothZones(
      "an RCP does not cancel it: RCPs do not cover DynamoDB in trustscan's sourced list",
      {
        resource: TABLE,
        policy: policy(crossAccountTable({ AWS: OUTSIDE })),
        policyResource: table,
        organization: ORG_WITH_RCP,
      },
      { expected: { accounts: [OUTSIDE] } },
    ),
    ...inZones(["account"], "a member account's role, in the account zone", {
      resource: TABLE,
      policy: policy(crossAccountTable({ AWS: `arn:aws:iam::${ORG_MEMBER}:role/CrossAccountRole` })),
      policyResource: table,
    }),
  ],
});

ruleTester("public-access", {
  valid: [
    ...inBothZones(
      "a Deny of the table and its indexes cancels the public grant",
      {
        resource: TABLE,
        policy: policy(crossAccountTable("*"), {
          Sid: "DenyAll",
          Effect: "Deny",
          Principal: "*",
          Action: "dynamodb:*",
          Resource: `${TABLE_ARN}*`,
        }),
        policyResource: table,
      },
      { activeRules: [], cancelled: 1 },
    ),
  ],
  invalid: [
    ...inBothZones(
      'Principal "*" may write items: critical',
      {
        resource: TABLE,
        policy: policy({ ...crossAccountTable("*"), Action: "dynamodb:PutItem" }),
        policyResource: table,
      },
      {
        expected: {
          severity: "critical",
          message: "DynamoDB table MusicCollection can be accessed by anyone",
        },
      },
    ),
  ],
});
