/**
 * ECR repositories (docs/semantics.md#resource-types): repository policies have no Resource element (the statement is
 * about the repository); RCPs do not cover Amazon ECR in the list trustscan keeps.
 */
import { inBothZones, inZones, ruleTester } from "../rule-tester.js";
import { ORG_MEMBER, ORG_WITH_RCP, OUTSIDE, OWNER, policy, rootOf, type Statement } from "./support.js";

const REPOSITORY = "AWS::ECR::Repository" as const;

/** Amazon ECR User Guide, "Private repository policy examples": allow another account to pull. */
function allowPull(principal: unknown, condition?: Record<string, unknown>): Statement {
  return {
    Sid: "AllowPull",
    Effect: "Allow",
    Principal: principal,
    Action: ["ecr:BatchGetImage", "ecr:GetDownloadUrlForLayer", "ecr:BatchCheckLayerAvailability"],
    ...(condition ? { Condition: condition } : {}),
  };
}

/** The same page: allow another account to push. */
function allowPush(principal: unknown): Statement {
  return {
    Sid: "AllowCrossAccountPush",
    Effect: "Allow",
    Principal: principal,
    Action: [
      "ecr:BatchCheckLayerAvailability",
      "ecr:CompleteLayerUpload",
      "ecr:InitiateLayerUpload",
      "ecr:PutImage",
      "ecr:UploadLayerPart",
    ],
  };
}

ruleTester("external-access", {
  valid: [
    ...inZones(["organization"], "a member account may pull, in the organization zone", {
      resource: REPOSITORY,
      policy: policy(allowPull(rootOf(ORG_MEMBER))),
    }),
  ],
  invalid: [
    ...inBothZones(
      'ECR "Private repository policy examples": cross-account pull is read, medium',
      { resource: REPOSITORY, policy: policy(allowPull(rootOf(OUTSIDE))) },
      {
        expected: {
          accounts: [OUTSIDE],
          severity: "medium",
          message: "ECR repository case-repository can be accessed by",
        },
      },
    ),
    ...inBothZones(
      'ECR "Private repository policy examples": cross-account push is write, high',
      { resource: REPOSITORY, policy: policy(allowPush(rootOf(OUTSIDE))) },
      { expected: { accounts: [OUTSIDE], severity: "high" } },
    ),
    ...inBothZones(
      "an RCP does not cancel it: RCPs do not cover Amazon ECR in trustscan's sourced list",
      { resource: REPOSITORY, policy: policy(allowPull(rootOf(OUTSIDE))), organization: ORG_WITH_RCP },
      { expected: { accounts: [OUTSIDE] } },
    ),
    ...inZones(["account"], "a member account may pull, in the account zone", {
      resource: REPOSITORY,
      policy: policy(allowPull(rootOf(ORG_MEMBER))),
    }),
  ],
});

ruleTester("public-access", {
  valid: [],
  invalid: [
    ...inBothZones(
      'Principal "*" may pull: high',
      { resource: REPOSITORY, policy: policy(allowPull("*")) },
      { expected: { severity: "high" } },
    ),
  ],
});

ruleTester("confused-deputy", {
  valid: [
    ...inBothZones(
      'Lambda "Amazon ECR permissions": the Lambda service pulls for functions of the own account (aws:sourceArn)',
      {
        resource: REPOSITORY,
        policy: policy(
          allowPull(
            { Service: "lambda.amazonaws.com" },
            { StringLike: { "aws:sourceArn": `arn:aws:lambda:us-east-1:${OWNER}:function:*` } },
          ),
        ),
      },
      { activeRules: [] },
    ),
  ],
  invalid: [
    ...inBothZones(
      "the Lambda service may pull for any account's function",
      { resource: REPOSITORY, policy: policy(allowPull({ Service: "lambda.amazonaws.com" })) },
      { expected: { severity: "medium" } },
    ),
  ],
});
