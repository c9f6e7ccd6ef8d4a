import {
  GetLayerVersionPolicyCommand,
  GetPolicyCommand,
  paginateListAliases,
  paginateListFunctionUrlConfigs,
  paginateListFunctions,
  paginateListLayers,
  paginateListLayerVersions,
  paginateListVersionsByFunction,
  type FunctionConfiguration,
  type LayersListItem,
  type ListAliasesResponse,
  type ListVersionsByFunctionResponse,
} from "@aws-sdk/client-lambda";
import type { CallScope } from "../calls.js";
import { compareText, type CallSite } from "../errors.js";
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

// `$LATEST` is the unqualified function, whose policy GetPolicy without a qualifier returns.
const LATEST = "$LATEST";

/**
 * Every Lambda function of the region with its resource policy (GetPolicy) and its function URLs
 * (ListFunctionUrlConfigs, for their `AuthType`), its aliases (ListAliases) and published versions
 * (ListVersionsByFunction) each with its own policy (GetPolicy with `Qualifier`: a permission added with a qualifier
 * applies to that alias or version only), and every version of every layer with its policy (GetLayerVersionPolicy).
 * Only names, ARNs and versions are kept of the configurations: the rest (environment variables above all) is not the
 * collector's business.
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
  const [policy, urlPages, aliasPages, versionPages] = await Promise.all([
    readPolicy(scope, clients, policySite, arn),
    readPagesOf(
      scope,
      regionalSite(target, "lambda", "ListFunctionUrlConfigs", arn),
      paginateListFunctionUrlConfigs,
      lambda,
      { FunctionName: arn },
      { pageSize: 50, gone: NOT_FOUND },
    ),
    readPagesOf(
      scope,
      regionalSite(target, "lambda", "ListAliases", arn),
      paginateListAliases,
      lambda,
      { FunctionName: arn },
      { pageSize: 50, gone: NOT_FOUND },
    ),
    readPagesOf(
      scope,
      regionalSite(target, "lambda", "ListVersionsByFunction", arn),
      paginateListVersionsByFunction,
      lambda,
      { FunctionName: arn },
      { pageSize: 50, gone: NOT_FOUND },
    ),
  ]);
  if (wasDeleted(scope, urlPages, aliasPages, versionPages)) return undefined;
  const entry: JsonObject = { FunctionName: listed.FunctionName as string, FunctionArn: arn };
  if (policy !== undefined) entry.Policy = policy;
  if (isRead(urlPages)) {
    entry.FunctionUrlConfigs = urlPages
      .flatMap((page) => page.FunctionUrlConfigs ?? [])
      .map((config) => normalizeApiObject(config))
      .sort((a, b) => compareText(String(a.FunctionArn), String(b.FunctionArn)));
  }
  // Absent keys: the list could not be read (its error is recorded); the reader then errs toward reporting.
  const [aliases, versions] = await Promise.all([
    isRead(aliasPages) ? collectAliases(scope, clients, target, arn, aliasPages) : undefined,
    isRead(versionPages) ? collectVersions(scope, clients, target, arn, versionPages) : undefined,
  ]);
  if (aliases) entry.Aliases = aliases;
  if (versions) entry.Versions = versions;
  return entry;
}

/** The policy of a function, or of one of its aliases or versions (its qualifier): null when none. */
async function readPolicy(
  scope: CallScope,
  clients: RegionalClients,
  site: CallSite,
  functionArn: string,
  qualifier?: string,
): Promise<Json | undefined> {
  const input = { FunctionName: functionArn, ...(qualifier !== undefined ? { Qualifier: qualifier } : {}) };
  const policy = await readResource(
    scope,
    site,
    (abortSignal) => clients.lambda().send(new GetPolicyCommand(input), { abortSignal }),
    { absent: NOT_FOUND },
  );
  return policy === undefined ? undefined : decodedPolicy(scope, site, isRead(policy) ? policy.Policy : null);
}

async function collectAliases(
  scope: CallScope,
  clients: RegionalClients,
  target: RegionTarget,
  functionArn: string,
  pages: ListAliasesResponse[],
): Promise<JsonObject[]> {
  const listed = pages.flatMap((page) => page.Aliases ?? []).filter((alias) => alias.AliasArn && alias.Name);
  return withQualifiedPolicies(
    scope,
    clients,
    target,
    functionArn,
    listed.map((alias) => {
      const entry: JsonObject = { AliasArn: alias.AliasArn as string, Name: alias.Name as string };
      if (alias.FunctionVersion !== undefined) entry.FunctionVersion = alias.FunctionVersion;
      return { arn: alias.AliasArn as string, qualifier: alias.Name as string, entry };
    }),
  );
}

async function collectVersions(
  scope: CallScope,
  clients: RegionalClients,
  target: RegionTarget,
  functionArn: string,
  pages: ListVersionsByFunctionResponse[],
): Promise<JsonObject[]> {
  const listed = pages
    .flatMap((page) => page.Versions ?? [])
    .filter((version) => version.FunctionArn && version.Version && version.Version !== LATEST);
  return withQualifiedPolicies(
    scope,
    clients,
    target,
    functionArn,
    listed.map((version) => ({
      arn: version.FunctionArn as string,
      qualifier: version.Version as string,
      entry: { FunctionArn: version.FunctionArn as string, Version: version.Version as string },
    })),
  );
}

/** Each alias or version entry with the policy of its qualifier (when it has one), in the order of their ARNs. */
async function withQualifiedPolicies(
  scope: CallScope,
  clients: RegionalClients,
  target: RegionTarget,
  functionArn: string,
  qualified: { arn: string; qualifier: string; entry: JsonObject }[],
): Promise<JsonObject[]> {
  await Promise.all(
    qualified.map(async ({ arn, qualifier, entry }) => {
      const site = regionalSite(target, "lambda", "GetPolicy", arn);
      const policy = await readPolicy(scope, clients, site, functionArn, qualifier);
      if (policy !== undefined) entry.Policy = policy;
    }),
  );
  return qualified.sort((a, b) => compareText(a.arn, b.arn)).map(({ entry }) => entry);
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
