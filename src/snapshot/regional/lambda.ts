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

/** An alias or a published version: `function:<name>:<qualifier>`. */
const QUALIFIED_FUNCTION_ARN: ArnShape = {
  what: "a qualified Lambda function ARN",
  service: "lambda",
  resource: /^function:([^:]+:[^:]+)$/,
  example: "function:<name>:<alias or version>",
};

/** An entry of `Aliases` (ListAliases) or `Versions` (ListVersionsByFunction): where its ARN and qualifier are. */
interface QualifiedShape {
  what: string;
  entry: string;
  arnKey: string;
  qualifierKey: string;
}

const ALIAS: QualifiedShape = {
  what: "an alias",
  entry: 'an alias object such as {"AliasArn": "...:function:f:prod", "Name": "prod", "Policy": {...}}',
  arnKey: "AliasArn",
  qualifierKey: "Name",
};

const VERSION: QualifiedShape = {
  what: "a version",
  entry: 'a version object such as {"FunctionArn": "...:function:f:3", "Version": "3", "Policy": {...}}',
  arnKey: "FunctionArn",
  qualifierKey: "Version",
};

/**
 * `lambda.Functions`: ListFunctions, GetPolicy, ListFunctionUrlConfigs, ListAliases and ListVersionsByFunction. ARN:
 * `arn:aws:lambda:<region>:<account>:function:<name>`. Each alias and published version read is a resource of its
 * own, `function:<name>:<qualifier>` with its own policy: "Permissions apply to the ARN used to invoke the function"
 * (Lambda API Reference, "AddPermission"), and an alias's URL is authorised by the alias's policy. A URL goes with
 * the alias its FunctionArn names; when the aliases were not read (or the URL's alias is not among them), with the
 * unqualified function, which errs toward reporting.
 */
export function readFunction(
  node: JsonNode,
  context: RegionalContext,
  problems: ReadProblem[],
): LambdaFunctionResource[] {
  const entry = node.object(
    'a function object such as {"FunctionName": "...", "FunctionArn": "...", "Policy": {...}}',
  );
  const { arn, name } = readArn(entry, "FunctionArn", FUNCTION_ARN, context);
  const functionName = entry.optionalString("FunctionName") ?? name;
  const urls = optionalList(entry, "FunctionUrlConfigs", "an array of function URL configurations")?.map(
    (urlNode) => readFunctionUrl(urlNode, name, context),
  );
  const aliasNodes = optionalList(entry, "Aliases", "an array of aliases (ListAliases)");
  const versionNodes = optionalList(
    entry,
    "Versions",
    "an array of published versions (ListVersionsByFunction)",
  );
  const qualified = [
    ...(aliasNodes ?? []).map((aliasNode) => readQualified(aliasNode, ALIAS, name, context)),
    ...(versionNodes ?? []).map((versionNode) => readQualified(versionNode, VERSION, name, context)),
  ];
  const known = new Set(qualified.map((q) => q.qualifier));
  const ownUrl = (url: FunctionUrl) =>
    aliasNodes === undefined || url.qualifier === undefined || !known.has(url.qualifier);
  const base = { accountId: context.accountId, region: context.region };
  return [
    {
      type: "AWS::Lambda::Function",
      arn,
      name: functionName,
      ...base,
      policy: readResourcePolicy(entry, "Policy", problems),
      functionUrls: urls?.filter(ownUrl),
      location: node.deferredLocation(),
    },
    ...qualified.map((q): LambdaFunctionResource => ({
      type: "AWS::Lambda::Function",
      arn: q.arn,
      name: `${functionName}:${q.qualifier}`,
      qualifier: q.qualifier,
      ...base,
      policy: readResourcePolicy(q.entry, "Policy", problems),
      functionUrls: urls?.filter((url) => url.qualifier === q.qualifier),
      location: q.node.deferredLocation(),
    })),
  ];
}

/** An alias or version of the function `functionName`: its ARN must be the function's, qualified by its name. */
function readQualified(
  node: JsonNode,
  shape: QualifiedShape,
  functionName: string,
  context: RegionalContext,
) {
  const entry = node.object(shape.entry);
  const { arn, name } = readArn(entry, shape.arnKey, QUALIFIED_FUNCTION_ARN, context);
  const [ofFunction = "", qualifier = ""] = name.split(":");
  if (ofFunction !== functionName) {
    entry
      .require(shape.arnKey, QUALIFIED_FUNCTION_ARN.what)
      .fail(`the ARN of ${shape.what} of function ${functionName} (the function it is listed under)`);
  }
  const qualifierNode = entry.require(shape.qualifierKey, JSON.stringify(qualifier));
  if (qualifierNode.string(`a string, ${JSON.stringify(qualifier)}`) !== qualifier) {
    qualifierNode.fail(`${JSON.stringify(qualifier)}, the qualifier of its ${shape.arnKey}`);
  }
  return { node, entry, arn, qualifier };
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
