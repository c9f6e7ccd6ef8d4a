/**
 * AWS Lambda (service prefix `lambda`): the actions that apply to each resource type trustscan reads, by access
 * level, transcribed from the Service Authorization Reference's "Actions defined by AWS Lambda" table (the
 * actions whose "Resource types" column names the type). List and Read are `read`; Write and Tagging are `write`;
 * Permissions management is `permissions` (docs/semantics.md#resource-types).
 */
import type { ServiceActions, ServiceReference } from "./service-actions.js";

export const LAMBDA_SERVICE: ServiceReference = {
  prefix: "lambda",
  source: {
    title: "Actions, resources, and condition keys for AWS Lambda - Service Authorization Reference",
    url: "https://docs.aws.amazon.com/service-authorization/latest/reference/list_awslambda.html",
  },
};

/** The lambda actions that apply to a function, its versions and aliases (resource types `function`, `function version`, `function alias`). */
export const LAMBDA_FUNCTION_ACTIONS: ServiceActions = {
  service: LAMBDA_SERVICE,
  read: [
    "GetAlias",
    "GetFunction",
    "GetFunctionCodeSigningConfig",
    "GetFunctionConcurrency",
    "GetFunctionConfiguration",
    "GetFunctionEventInvokeConfig",
    "GetFunctionRecursionConfig",
    "GetFunctionScalingConfig",
    "GetFunctionUrlConfig",
    "GetPolicy",
    "GetProvisionedConcurrencyConfig",
    "GetResourcePolicy",
    "GetRuntimeManagementConfig",
    "ListAliases",
    "ListDurableExecutionsByFunction",
    "ListFunctionEventInvokeConfigs",
    "ListFunctionUrlConfigs",
    "ListProvisionedConcurrencyConfigs",
    "ListTags",
    "ListVersionsByFunction",
  ],
  write: [
    "CreateAlias",
    "CreateFunction",
    "CreateFunctionUrlConfig",
    "DeleteAlias",
    "DeleteFunction",
    "DeleteFunctionCodeSigningConfig",
    "DeleteFunctionConcurrency",
    "DeleteFunctionEventInvokeConfig",
    "DeleteFunctionUrlConfig",
    "DeleteProvisionedConcurrencyConfig",
    "InvokeAsync",
    "InvokeFunction",
    "InvokeFunctionUrl",
    "PublishVersion",
    "PutFunctionCodeSigningConfig",
    "PutFunctionConcurrency",
    "PutFunctionEventInvokeConfig",
    "PutFunctionRecursionConfig",
    "PutFunctionScalingConfig",
    "PutProvisionedConcurrencyConfig",
    "PutRuntimeManagementConfig",
    "TagResource",
    "UntagResource",
    "UpdateAlias",
    "UpdateFunctionCode",
    "UpdateFunctionCodeSigningConfig",
    "UpdateFunctionConfiguration",
    "UpdateFunctionEventInvokeConfig",
    "UpdateFunctionUrlConfig",
  ],
  permissions: [
    "AddPermission",
    "DeleteResourcePolicy",
    "DisableReplication",
    "EnableReplication",
    "PutResourcePolicy",
    "RemovePermission",
  ],
};

/** The lambda actions that apply to a layer version (resource type `layerVersion`). */
export const LAMBDA_LAYER_VERSION_ACTIONS: ServiceActions = {
  service: LAMBDA_SERVICE,
  read: ["GetLayerVersion", "GetLayerVersionPolicy"],
  write: ["DeleteLayerVersion"],
  permissions: ["AddLayerVersionPermission", "RemoveLayerVersionPermission"],
};
