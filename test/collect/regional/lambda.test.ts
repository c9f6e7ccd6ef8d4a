import {
  GetPolicyCommand,
  LambdaClient,
  LambdaServiceException,
  ListAliasesCommand,
  ListFunctionsCommand,
  ListFunctionUrlConfigsCommand,
  ListLayersCommand,
  ListVersionsByFunctionCommand,
} from "@aws-sdk/client-lambda";
import { mockClient } from "aws-sdk-client-mock";
import { afterAll, beforeEach, describe, expect, it } from "vitest";
import { collectLambda } from "../../../src/collect/regional/lambda.js";
import {
  ACCOUNT,
  plainRegionalClients,
  regionTarget,
  serviceError,
  testScope,
} from "../support/plain-regional-clients.js";

const lambda = mockClient(LambdaClient);
afterAll(() => lambda.restore());

const fnArn = (name: string) => `arn:aws:lambda:eu-west-1:${ACCOUNT}:function:${name}`;
const API = fnArn("api");
const WORKER = fnArn("worker");
const lambdaError = (name: string, status: number, message: string) =>
  serviceError(LambdaServiceException, name, status, message);
const NO_POLICY = lambdaError("ResourceNotFoundException", 404, "The resource you requested does not exist.");
const invokePolicy = (sid: string, principal: unknown, action: string, resource: string) => ({
  Version: "2012-10-17",
  Id: "default",
  Statement: [{ Sid: sid, Effect: "Allow", Principal: principal, Action: action, Resource: resource }],
});

/** Policies by function ARN and qualifier ("" for the unqualified function); absent: no policy. */
const POLICIES: Record<string, object> = {
  [`${API}|`]: invokePolicy("own", { AWS: `arn:aws:iam::${ACCOUNT}:root` }, "lambda:InvokeFunction", API),
  [`${API}|prod`]: invokePolicy("public-url", "*", "lambda:InvokeFunctionUrl", `${API}:prod`),
  [`${API}|2`]: invokePolicy("vendor", { AWS: "999999999999" }, "lambda:InvokeFunction", `${API}:2`),
};

function answerEverything(): void {
  lambda.on(ListFunctionsCommand).resolves({
    Functions: [
      {
        FunctionName: "worker",
        FunctionArn: WORKER,
        Environment: { Variables: { SECRET: "never-written" } },
      },
      { FunctionName: "api", FunctionArn: API },
    ],
  });
  lambda.on(ListLayersCommand).resolves({ Layers: [] });
  lambda.on(ListFunctionUrlConfigsCommand).resolves({ FunctionUrlConfigs: [] });
  lambda.on(GetPolicyCommand).callsFake((input: { FunctionName: string; Qualifier?: string }) => {
    const policy = POLICIES[`${input.FunctionName}|${input.Qualifier ?? ""}`];
    if (!policy) throw NO_POLICY;
    return { Policy: JSON.stringify(policy), RevisionId: "rev-1" };
  });
  // Two pages of aliases for api; worker has none.
  lambda.on(ListAliasesCommand).resolves({ Aliases: [] });
  lambda.on(ListAliasesCommand, { FunctionName: API }).resolves({
    Aliases: [
      {
        AliasArn: `${API}:prod`,
        Name: "prod",
        FunctionVersion: "2",
        Description: "not kept",
        RoutingConfig: { AdditionalVersionWeights: { "1": 0.1 } },
        RevisionId: "r",
      },
    ],
    NextMarker: "m2",
  });
  lambda.on(ListAliasesCommand, { FunctionName: API, Marker: "m2" }).resolves({
    Aliases: [{ AliasArn: `${API}:beta`, Name: "beta", FunctionVersion: "1" }],
  });
  lambda.on(ListVersionsByFunctionCommand).resolves({
    Versions: [{ FunctionName: "worker", FunctionArn: `${WORKER}:$LATEST`, Version: "$LATEST" }],
  });
  lambda.on(ListVersionsByFunctionCommand, { FunctionName: API }).resolves({
    Versions: [
      { FunctionName: "api", FunctionArn: `${API}:$LATEST`, Version: "$LATEST" },
      {
        FunctionName: "api",
        FunctionArn: `${API}:2`,
        Version: "2",
        Environment: { Variables: { SECRET: "never-written" } },
      },
      { FunctionName: "api", FunctionArn: `${API}:1`, Version: "1" },
    ],
  });
}

describe("Lambda collector: aliases and published versions", () => {
  beforeEach(() => lambda.reset());

  it("reads every page of aliases and every published version but $LATEST, each with its own policy", async () => {
    answerEverything();
    const scope = testScope();
    const section = await collectLambda(scope, plainRegionalClients(), regionTarget());
    expect(section?.Functions).toEqual([
      {
        FunctionName: "api",
        FunctionArn: API,
        Policy: POLICIES[`${API}|`],
        FunctionUrlConfigs: [],
        // Sorted by ARN; only the ARN, the name, the version and the policy are kept.
        Aliases: [
          { AliasArn: `${API}:beta`, Name: "beta", FunctionVersion: "1", Policy: null },
          { AliasArn: `${API}:prod`, Name: "prod", FunctionVersion: "2", Policy: POLICIES[`${API}|prod`] },
        ],
        Versions: [
          { FunctionArn: `${API}:1`, Version: "1", Policy: null },
          { FunctionArn: `${API}:2`, Version: "2", Policy: POLICIES[`${API}|2`] },
        ],
      },
      {
        FunctionName: "worker",
        FunctionArn: WORKER,
        Policy: null,
        FunctionUrlConfigs: [],
        Aliases: [],
        Versions: [],
      },
    ]);
    expect(scope.errors).toEqual([]);
    expect(JSON.stringify(section)).not.toContain("never-written");
    expect(JSON.stringify(section)).not.toContain("not kept");
    // GetPolicy is asked with the unqualified ARN and the alias or version as Qualifier; never for $LATEST.
    expect(
      lambda
        .commandCalls(GetPolicyCommand)
        .map((call) => `${call.args[0].input.FunctionName}|${call.args[0].input.Qualifier ?? ""}`)
        .sort(),
    ).toEqual([`${API}|`, `${API}|1`, `${API}|2`, `${API}|beta`, `${API}|prod`, `${WORKER}|`]);
  });

  it("records an alias list it is denied and keeps the function, its versions and the other functions", async () => {
    answerEverything();
    lambda
      .on(ListAliasesCommand, { FunctionName: API })
      .rejects(lambdaError("AccessDeniedException", 403, "not authorized to perform: lambda:ListAliases"));
    const scope = testScope();
    const section = await collectLambda(scope, plainRegionalClients(), regionTarget());
    const [api, worker] = section?.Functions as Record<string, unknown>[];
    // No Aliases key: not read (the reader then counts every URL for the unqualified function).
    expect(api).not.toHaveProperty("Aliases");
    expect(api).toMatchObject({ FunctionArn: API, Policy: POLICIES[`${API}|`] });
    expect(api?.Versions).toHaveLength(2);
    expect(worker).toMatchObject({ FunctionArn: WORKER, Aliases: [], Versions: [] });
    expect(scope.errors).toEqual([
      {
        service: "lambda",
        region: "eu-west-1",
        operation: "ListAliases",
        resource: API,
        code: "AccessDeniedException",
        message: "not authorized to perform: lambda:ListAliases",
      },
    ]);
  });

  it("records an alias policy it is denied and keeps the alias without a Policy key (not read)", async () => {
    answerEverything();
    lambda
      .on(GetPolicyCommand, { FunctionName: API, Qualifier: "prod" })
      .rejects(lambdaError("AccessDeniedException", 403, "denied"));
    const scope = testScope();
    const section = await collectLambda(scope, plainRegionalClients(), regionTarget());
    const [api] = section?.Functions as { Aliases: Record<string, unknown>[] }[];
    expect(api?.Aliases).toEqual([
      { AliasArn: `${API}:beta`, Name: "beta", FunctionVersion: "1", Policy: null },
      { AliasArn: `${API}:prod`, Name: "prod", FunctionVersion: "2" },
    ]);
    expect(scope.errors).toMatchObject([
      { operation: "GetPolicy", resource: `${API}:prod`, code: "AccessDeniedException" },
    ]);
  });

  it("leaves out a function deleted before its aliases were listed, and counts it", async () => {
    answerEverything();
    lambda.on(ListAliasesCommand, { FunctionName: WORKER }).rejects(NO_POLICY);
    const scope = testScope();
    const section = await collectLambda(scope, plainRegionalClients(), regionTarget());
    expect((section?.Functions as { FunctionArn: string }[]).map((f) => f.FunctionArn)).toEqual([API]);
    expect(scope.stats.resourcesGone).toBe(1);
    expect(scope.errors).toEqual([]);
  });
});
