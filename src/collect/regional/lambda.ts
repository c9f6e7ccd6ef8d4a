import {
  GetLayerVersionPolicyCommand,
  GetPolicyCommand,
  paginateListFunctionUrlConfigs,
  paginateListFunctions,
  paginateListLayers,
  paginateListLayerVersions,
  type FunctionConfiguration,
  type LayersListItem,
} from "@aws-sdk/client-lambda";
import type { CallScope } from "../calls.js";
import { compareText } from "../errors.js";
import { normalizeApiObject, type Json, type JsonObject } from "../normalize.js";
import {
  decodedPolicy,
  isRead,
  readAllPages,
  readPagesOf,
  readResource,
  regionalSite,
  wasDeleted,
} from "./read.js";
import type { RegionalClients, RegionTarget } from "./regional-clients.js";

// GetPolicy and GetLayerVersionPolicy answer ResourceNotFoundException when there is no policy (as well as when
// the function or layer version is gone, which they cannot tell apart): no policy. ListFunctionUrlConfigs answers
// it only for a function that no longer exists.
const NOT_FOUND = ["ResourceNotFoundException"];

/**
 * Every Lambda function of the region with its resource policy (GetPolicy) and its function URLs
 * (ListFunctionUrlConfigs, for their `AuthType`), and every version of every layer with its policy
 * (GetLayerVersionPolicy). Only the function's name and ARN are kept of its configuration: the rest (environment
 * variables above all) is not the collector's business.
 */
export async function collectLambda(
  scope: CallScope,
  clients: RegionalClients,
  target: RegionTarget,
): Promise<JsonObject | undefined> {
  const [functions, layerVersions] = await Promise.all([
    collectFunctions(scope, clients, target),
    collectLayerVersions(scope, clients, target),
  ]);
  const section: JsonObject = {};
  if (functions) section.Functions = functions;
  if (layerVersions) section.LayerVersions = layerVersions;
  return Object.keys(section).length > 0 ? section : undefined;
}

async function collectFunctions(
  scope: CallScope,
  clients: RegionalClients,
  target: RegionTarget,
): Promise<JsonObject[] | undefined> {
  const pages = await readAllPages(
    scope,
    regionalSite(target, "lambda", "ListFunctions"),
    paginateListFunctions,
    clients.lambda(),
    {},
    50,
  );
  if (!pages) return undefined;
  const listed = pages.flatMap((page) => page.Functions ?? []).filter((f) => f.FunctionName && f.FunctionArn);
  const functions = await Promise.all(listed.map((f) => collectFunction(scope, clients, target, f)));
  return functions
    .filter((f) => f !== undefined)
    .sort((a, b) => compareText(String(a.FunctionArn), String(b.FunctionArn)));
}

async function collectFunction(
  scope: CallScope,
  clients: RegionalClients,
  target: RegionTarget,
  listed: FunctionConfiguration,
): Promise<JsonObject | undefined> {
  const lambda = clients.lambda();
  const arn = listed.FunctionArn as string;
  const policySite = regionalSite(target, "lambda", "GetPolicy", arn);
  const [policy, urlPages] = await Promise.all([
    readResource(
      scope,
      policySite,
      (abortSignal) => lambda.send(new GetPolicyCommand({ FunctionName: arn }), { abortSignal }),
      { absent: NOT_FOUND },
    ),
    readPagesOf(
      scope,
      regionalSite(target, "lambda", "ListFunctionUrlConfigs", arn),
      paginateListFunctionUrlConfigs,
      lambda,
      { FunctionName: arn },
      { pageSize: 50, gone: NOT_FOUND },
    ),
  ]);
  if (wasDeleted(scope, urlPages)) return undefined;
  const entry: JsonObject = { FunctionName: listed.FunctionName as string, FunctionArn: arn };
  if (policy !== undefined)
    entry.Policy = decodedPolicy(scope, policySite, isRead(policy) ? policy.Policy : null);
  if (isRead(urlPages)) {
    entry.FunctionUrlConfigs = urlPages
      .flatMap((page) => page.FunctionUrlConfigs ?? [])
      .map((config) => normalizeApiObject(config))
      .sort((a, b) => compareText(String(a.FunctionArn), String(b.FunctionArn)));
  }
  return entry;
}

async function collectLayerVersions(
  scope: CallScope,
  clients: RegionalClients,
  target: RegionTarget,
): Promise<JsonObject[] | undefined> {
  const pages = await readAllPages(
    scope,
    regionalSite(target, "lambda", "ListLayers"),
    paginateListLayers,
    clients.lambda(),
    {},
    50,
  );
  if (!pages) return undefined;
  const layers = pages.flatMap((page) => page.Layers ?? []).filter((layer) => layer.LayerArn);
  // A layer whose versions could not be listed has its error recorded; the versions of the others are kept.
  const perLayer = await Promise.all(layers.map((layer) => collectLayer(scope, clients, target, layer)));
  return perLayer.flat().sort((a, b) => compareText(String(a.LayerVersionArn), String(b.LayerVersionArn)));
}

async function collectLayer(
  scope: CallScope,
  clients: RegionalClients,
  target: RegionTarget,
  layer: LayersListItem,
): Promise<JsonObject[]> {
  const lambda = clients.lambda();
  const layerArn = layer.LayerArn as string;
  const pages = await readAllPages(
    scope,
    regionalSite(target, "lambda", "ListLayerVersions", layerArn),
    paginateListLayerVersions,
    lambda,
    { LayerName: layerArn },
    50,
  );
  const versions = (pages ?? [])
    .flatMap((page) => page.LayerVersions ?? [])
    .filter((version) => version.LayerVersionArn && typeof version.Version === "number");
  return Promise.all(
    versions.map(async (version) => {
      const versionArn = version.LayerVersionArn as string;
      const site = regionalSite(target, "lambda", "GetLayerVersionPolicy", versionArn);
      const policy = await readResource(
        scope,
        site,
        (abortSignal) =>
          lambda.send(
            new GetLayerVersionPolicyCommand({ LayerName: layerArn, VersionNumber: version.Version }),
            { abortSignal },
          ),
        { absent: NOT_FOUND },
      );
      const entry: JsonObject = {
        LayerArn: layerArn,
        LayerVersionArn: versionArn,
        Version: version.Version as Json,
      };
      if (policy !== undefined)
        entry.Policy = decodedPolicy(scope, site, isRead(policy) ? policy.Policy : null);
      return entry;
    }),
  );
}
