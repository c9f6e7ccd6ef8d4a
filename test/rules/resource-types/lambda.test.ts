/**
 * Lambda functions and layer versions (docs/semantics.md#lambda): a function URL with AuthType NONE is public only
 * together with a statement that allows lambda:InvokeFunctionUrl to everyone; other calls are signed; RCPs do not
 * cover Lambda.
 */
import { inBothZones, inZones, ruleTester } from "../rule-tester.js";
import { ORG, ORG_WITH_RCP, OUTSIDE, OWNER, byDeny, policy, type Statement } from "./support.js";

const FUNCTION = "AWS::Lambda::Function" as const;
const LAYER = "AWS::Lambda::LayerVersion" as const;
const FUNCTION_ARN = `arn:aws:lambda:us-east-1:${OWNER}:function:my-function`;
const fn = { arn: FUNCTION_ARN, name: "my-function" };
const URL = "https://abcdefghijklmnopqrstuvwxyz0123.lambda-url.us-east-1.on.aws/";
const noneUrl = { url: URL, authType: "NONE" as const };
const iamUrl = { url: URL, authType: "AWS_IAM" as const };
/** An alias read on its own (AddPermission with --qualifier prod): its qualified ARN, its own policy and URLs. */
const ALIAS_ARN = `${FUNCTION_ARN}:prod`;
const alias = { arn: ALIAS_ARN, name: "my-function:prod", qualifier: "prod" };
const aliasNoneUrl = { ...noneUrl, qualifier: "prod" };
const VERSION_ARN = `${FUNCTION_ARN}:3`;
const version = { arn: VERSION_ARN, name: "my-function:3", qualifier: "3" };

/** Lambda Developer Guide, "Control access to Lambda function URLs": the policy AuthType NONE needs. */
const PUBLIC_URL_STATEMENT: Statement = {
  Sid: "FunctionURLAllowPublicAccess",
  Effect: "Allow",
  Principal: "*",
  Action: "lambda:InvokeFunctionUrl",
  Resource: FUNCTION_ARN,
  Condition: { StringEquals: { "lambda:FunctionUrlAuthType": "NONE" } },
};

/** The public URL statement as AddPermission writes it with --qualifier prod. */
const PUBLIC_ALIAS_URL_STATEMENT: Statement = { ...PUBLIC_URL_STATEMENT, Resource: ALIAS_ARN };

/** A Deny of lambda:InvokeFunctionUrl to everyone on `resource`. */
function denyUrlOn(resource: string): Statement {
  return {
    Sid: "NoUrl",
    Effect: "Deny",
    Principal: "*",
    Action: "lambda:InvokeFunctionUrl",
    Resource: resource,
  };
}

/** The same page: a cross-account invoke policy for a URL with AuthType AWS_IAM. */
const CROSS_ACCOUNT_URL_STATEMENT: Statement = {
  Effect: "Allow",
  Principal: { AWS: `arn:aws:iam::${OUTSIDE}:role/example` },
  Action: "lambda:InvokeFunctionUrl",
  Resource: FUNCTION_ARN,
  Condition: { StringEquals: { "lambda:FunctionUrlAuthType": "AWS_IAM" } },
};

/** Lambda Developer Guide, "Granting function access to AWS services": S3 invoking a function for a bucket. */
function s3Invoke(condition?: Record<string, unknown>): Statement {
  return {
    Sid: "lambda-allow-s3-my-function",
    Effect: "Allow",
    Principal: { Service: "s3.amazonaws.com" },
    Action: "lambda:InvokeFunction",
    Resource: FUNCTION_ARN,
    ...(condition ? { Condition: condition } : {}),
  };
}

/** Lambda Developer Guide, "Granting layer access to other accounts": a layer shared with an organization. */
function layerShare(principal: unknown, condition?: Record<string, unknown>): Statement {
  return {
    Sid: "engineering-org",
    Effect: "Allow",
    Principal: principal,
    Action: "lambda:GetLayerVersion",
    Resource: `arn:aws:lambda:us-east-1:${OWNER}:layer:case-layer:1`,
    ...(condition ? { Condition: condition } : {}),
  };
}

ruleTester("public-access", {
  valid: [
    ...inBothZones(
      "the public URL statement when the function's only URL has AuthType AWS_IAM: a signed call carries AWS_IAM",
      {
        resource: FUNCTION,
        policy: policy(PUBLIC_URL_STATEMENT),
        policyResource: { ...fn, functionUrls: [iamUrl] },
      },
      { activeRules: [], cancelled: 0 },
    ),
    ...inBothZones(
      "the public URL statement on a function without a URL",
      {
        resource: FUNCTION,
        policy: policy(PUBLIC_URL_STATEMENT),
        policyResource: { ...fn, functionUrls: [] },
      },
      { activeRules: [], cancelled: 0 },
    ),
    ...inBothZones(
      "a URL with AuthType NONE but a policy that allows only an own role: nobody outside gets in",
      {
        resource: FUNCTION,
        policy: policy({
          ...CROSS_ACCOUNT_URL_STATEMENT,
          Principal: { AWS: `arn:aws:iam::${OWNER}:role/app` },
        }),
        policyResource: { ...fn, functionUrls: [noneUrl] },
      },
      { activeRules: [] },
    ),
    ...inBothZones(
      "an alias's public URL statement when the alias has no URL: no unsigned caller reaches it",
      {
        resource: FUNCTION,
        policy: policy(PUBLIC_ALIAS_URL_STATEMENT),
        policyResource: { ...alias, functionUrls: [] },
      },
      { activeRules: [], cancelled: 0 },
    ),
  ],
  invalid: [
    ...inBothZones(
      'Lambda "Control access to Lambda function URLs": a URL with AuthType NONE and the public statement',
      {
        resource: FUNCTION,
        policy: policy(PUBLIC_URL_STATEMENT),
        policyResource: { ...fn, functionUrls: [noneUrl] },
      },
      {
        expected: {
          severity: "critical",
          isPublic: true,
          message: `Lambda function my-function can be accessed by anyone, including anonymous callers: its function URL ${URL} (AuthType NONE) takes unsigned requests`,
          conditions: ["lambda:FunctionUrlAuthType = NONE"],
        },
        activeRules: ["public-access"],
      },
    ),
    ...inBothZones(
      "URLs not read: the public statement is reported, saying a URL with AuthType NONE may exist",
      {
        resource: FUNCTION,
        policy: policy(PUBLIC_URL_STATEMENT),
        policyResource: { ...fn, functionUrls: null },
      },
      { expected: { message: "a function URL with AuthType NONE, if it has one (its URLs were not read)" } },
    ),
    ...inBothZones(
      "a Deny on lambda:FunctionUrlAuthType NONE cancels the public URL",
      {
        resource: FUNCTION,
        policy: policy(PUBLIC_URL_STATEMENT, {
          Sid: "NoPublicUrl",
          Effect: "Deny",
          Principal: "*",
          Action: "lambda:InvokeFunctionUrl",
          Resource: FUNCTION_ARN,
          Condition: { StringEquals: { "lambda:FunctionUrlAuthType": "NONE" } },
        }),
        policyResource: { ...fn, functionUrls: [noneUrl] },
      },
      { expected: { active: false, cancelledBy: [byDeny("NoPublicUrl")] } },
    ),
    ...inBothZones(
      'lambda:InvokeFunction to Principal "*": any AWS principal, not anonymous callers (the call is signed)',
      {
        resource: FUNCTION,
        policy: policy({ ...PUBLIC_URL_STATEMENT, Action: "lambda:InvokeFunction", Condition: undefined }),
        policyResource: { ...fn, functionUrls: [noneUrl] },
      },
      {
        expected: {
          severity: "critical",
          message: "Lambda function my-function can be accessed by any AWS principal of any account",
        },
      },
    ),
    ...inBothZones(
      "an RCP does not cancel a public function: RCPs do not cover Lambda",
      {
        resource: FUNCTION,
        policy: policy(PUBLIC_URL_STATEMENT),
        policyResource: { ...fn, functionUrls: [noneUrl] },
        organization: ORG_WITH_RCP,
      },
      { expected: { severity: "critical" } },
    ),
    ...inBothZones(
      "an alias with a URL with AuthType NONE and the public statement added with its qualifier",
      {
        resource: FUNCTION,
        policy: policy(PUBLIC_ALIAS_URL_STATEMENT),
        policyResource: { ...alias, functionUrls: [aliasNoneUrl] },
      },
      {
        expected: {
          severity: "critical",
          isPublic: true,
          message: `Lambda function my-function:prod can be accessed by anyone, including anonymous callers: its function URL ${URL} (AuthType NONE)`,
        },
      },
    ),
    ...inBothZones(
      "a Deny on the unqualified function ARN does not reach the alias: its grant stays",
      {
        resource: FUNCTION,
        policy: policy(PUBLIC_ALIAS_URL_STATEMENT, denyUrlOn(FUNCTION_ARN)),
        policyResource: { ...alias, functionUrls: [aliasNoneUrl] },
      },
      { expected: { severity: "critical", isPublic: true } },
    ),
    ...inBothZones(
      "a Deny on function:my-function:* covers the alias",
      {
        resource: FUNCTION,
        policy: policy(PUBLIC_ALIAS_URL_STATEMENT, denyUrlOn(`${FUNCTION_ARN}:*`)),
        policyResource: { ...alias, functionUrls: [aliasNoneUrl] },
      },
      { expected: { active: false, cancelledBy: [byDeny("NoUrl")] } },
    ),
    ...inBothZones(
      "a Deny on function:my-function* covers the alias",
      {
        resource: FUNCTION,
        policy: policy(PUBLIC_ALIAS_URL_STATEMENT, denyUrlOn(`${FUNCTION_ARN}*`)),
        policyResource: { ...alias, functionUrls: [aliasNoneUrl] },
      },
      { expected: { active: false, cancelledBy: [byDeny("NoUrl")] } },
    ),
    ...inBothZones(
      'a Deny on the alias ARN cancels a grant on "*": the alias is its own ARN, with nothing after it',
      {
        resource: FUNCTION,
        policy: policy({ ...PUBLIC_ALIAS_URL_STATEMENT, Resource: "*" }, denyUrlOn(ALIAS_ARN)),
        policyResource: { ...alias, functionUrls: [aliasNoneUrl] },
      },
      { expected: { active: false, cancelledBy: [byDeny("NoUrl")] } },
    ),
    ...inBothZones(
      'a published version\'s policy with lambda:InvokeFunction to Principal "*" and no URL: any AWS principal',
      {
        resource: FUNCTION,
        policy: policy({
          ...PUBLIC_URL_STATEMENT,
          Action: "lambda:InvokeFunction",
          Resource: VERSION_ARN,
          Condition: undefined,
        }),
        policyResource: { ...version, functionUrls: [] },
      },
      {
        expected: {
          severity: "critical",
          message: "Lambda function my-function:3 can be accessed by any AWS principal of any account",
        },
      },
    ),
    ...inBothZones(
      "a layer version shared with everyone",
      { resource: LAYER, policy: policy(layerShare("*")) },
      {
        expected: {
          severity: "high",
          message: "Lambda layer version case-layer:1 can be accessed by anyone",
        },
      },
    ),
  ],
});

ruleTester("external-access", {
  valid: [
    ...inZones(["organization"], "a layer shared with the organization (aws:PrincipalOrgID)", {
      resource: LAYER,
      policy: policy(layerShare("*", { StringEquals: { "aws:PrincipalOrgID": ORG } })),
    }),
  ],
  invalid: [
    ...inBothZones(
      'Lambda "Control access to Lambda function URLs": cross-account invoke through an AWS_IAM URL',
      {
        resource: FUNCTION,
        policy: policy(CROSS_ACCOUNT_URL_STATEMENT),
        policyResource: { ...fn, functionUrls: [iamUrl] },
      },
      {
        expected: {
          accounts: [OUTSIDE],
          severity: "high",
          message: "Lambda function my-function can be accessed by account",
        },
      },
    ),
    ...inBothZones(
      "an alias's policy that lets an outside role invoke it through its AWS_IAM URL",
      {
        resource: FUNCTION,
        policy: policy({ ...CROSS_ACCOUNT_URL_STATEMENT, Resource: ALIAS_ARN }),
        policyResource: { ...alias, functionUrls: [{ ...iamUrl, qualifier: "prod" }] },
      },
      {
        expected: {
          accounts: [OUTSIDE],
          severity: "high",
          message: "Lambda function my-function:prod can be accessed by account",
        },
        activeRules: ["external-access"],
      },
    ),
    ...inZones(["account"], "a layer shared with the organization, in the account zone", {
      resource: LAYER,
      policy: policy(layerShare("*", { StringEquals: { "aws:PrincipalOrgID": ORG } })),
    }),
    ...inBothZones(
      "a layer version shared with an outside account: reading it is medium",
      { resource: LAYER, policy: policy(layerShare({ AWS: OUTSIDE })) },
      { expected: { accounts: [OUTSIDE], severity: "medium" } },
    ),
  ],
});

ruleTester("confused-deputy", {
  valid: [
    ...inBothZones(
      'Lambda "Granting function access to AWS services": S3 with aws:SourceArn and aws:SourceAccount',
      {
        resource: FUNCTION,
        policy: policy(
          s3Invoke({
            StringEquals: { "AWS:SourceAccount": OWNER },
            ArnLike: { "AWS:SourceArn": "arn:aws:s3:::amzn-s3-demo-bucket" },
          }),
        ),
        policyResource: fn,
      },
      { activeRules: [] },
    ),
  ],
  invalid: [
    ...inBothZones(
      "S3 may invoke the function with no source condition",
      { resource: FUNCTION, policy: policy(s3Invoke()), policyResource: fn },
      { expected: { severity: "medium", message: "Lambda function my-function trusts s3.amazonaws.com" } },
    ),
  ],
});
