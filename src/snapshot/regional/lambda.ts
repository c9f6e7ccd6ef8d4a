import type { FunctionUrl, LambdaFunctionResource } from "../../model/resource.js";
import type { ReadProblem } from "../../model/snapshot.js";
import type { JsonNode } from "../json-node.js";
import { optionalList, readOneOf } from "./fields.js";
import { plainPolicyResourceReader } from "./plain-policy-resource.js";
import { readArn, type ArnShape } from "./regional-arn.js";
import type { RegionalContext } from "./regional-reader.js";
import { readResourcePolicy } from "./resource-policy.js";

const FUNCTION_ARN: ArnShape = {
  what: "an unqualified Lambda function ARN",
  service: "lambda",
  resource: /^function:([^:]+)$/,
  example: "function:<name>",
};

/** A function URL serves the function itself or one of its aliases: `function:<name>[:<alias>]`. */
const URL_FUNCTION_ARN: ArnShape = {
  what: "a Lambda function ARN",
  service: "lambda",
  resource: /^function:([^:]+(?::[^:]+)?)$/,
  example: "function:<name>[:<alias>]",
};

/**
 * `lambda.Functions`: ListFunctions, GetPolicy and ListFunctionUrlConfigs. ARN:
 * `arn:aws:lambda:<region>:<account>:function:<name>`.
 */
export function readFunction(
  node: JsonNode,
  context: RegionalContext,
  problems: ReadProblem[],
): LambdaFunctionResource {
  const entry = node.object(
    'a function object such as {"FunctionName": "...", "FunctionArn": "...", "Policy": {...}}',
  );
  const { arn, name } = readArn(entry, "FunctionArn", FUNCTION_ARN, context);
  const urlNodes = optionalList(entry, "FunctionUrlConfigs", "an array of function URL configurations");
  return {
    type: "AWS::Lambda::Function",
    arn,
    name: entry.optionalString("FunctionName") ?? name,
    accountId: context.accountId,
    region: context.region,
    policy: readResourcePolicy(entry, "Policy", problems),
    functionUrls: urlNodes?.map((urlNode) => readFunctionUrl(urlNode, name, context)),
    location: node.deferredLocation(),
  };
}

/** One FunctionUrlConfig; the alias it serves is the qualifier of its FunctionArn. */
function readFunctionUrl(node: JsonNode, functionName: string, context: RegionalContext): FunctionUrl {
  const config = node.object(
    'a function URL configuration such as {"FunctionUrl": "https://...", "FunctionArn": "...", "AuthType": "NONE"}',
  );
  let qualifier: string | undefined;
  const arnNode = config.get("FunctionArn");
  if (arnNode !== undefined && !arnNode.isNull()) {
    const { name } = readArn(config, "FunctionArn", URL_FUNCTION_ARN, context);
    const [urlFunction, alias] = name.split(":");
    if (urlFunction !== functionName) {
      arnNode.fail(
        `the ARN of function ${functionName} or of one of its aliases (the function it is listed under)`,
      );
    }
    qualifier = alias;
  }
  return {
    url: config.requireString("FunctionUrl"),
    authType: readOneOf(config, "AuthType", ["NONE", "AWS_IAM"] as const),
    ...(qualifier !== undefined ? { qualifier } : {}),
    location: node.deferredLocation(),
  };
}

/**
 * `lambda.LayerVersions`: ListLayers, ListLayerVersions and GetLayerVersionPolicy. ARN:
 * `arn:aws:lambda:<region>:<account>:layer:<name>:<version>`; its name here is `<name>:<version>`.
 */
export const readLayerVersion = plainPolicyResourceReader({
  type: "AWS::Lambda::LayerVersion",
  entry: 'a layer version object such as {"LayerVersionArn": "...", "Version": 3, "Policy": {...}}',
  arnKey: "LayerVersionArn",
  arn: {
    what: "a Lambda layer version ARN",
    service: "lambda",
    resource: /^layer:([^:]+:\d+)$/,
    example: "layer:<name>:<version>",
  },
  policyKey: "Policy",
});
