/**
 * Lambda function URLs (Lambda Developer Guide, "Control access to Lambda function URLs"): with AuthType NONE,
 * "Lambda doesn't perform any authentication before invoking your function. However, your function's resource-based
 * policy is always in effect and must grant public access before your function URL can receive requests." Every
 * other call to Lambda is signed. So an unsigned (anonymous) caller reaches a function only through
 * lambda:InvokeFunctionUrl, and only when the function has a URL with AuthType NONE (docs/semantics.md#lambda).
 */
import type { FunctionUrl, LambdaFunctionResource, Resource } from "../model/resource.js";
import type { EvaluationContext } from "./key-values.js";
import { UNLIMITED } from "./patterns/budget.js";
import { wildcardMatch } from "./wildcard.js";

export const INVOKE_FUNCTION_URL = "lambda:InvokeFunctionUrl";

/** The function's URLs with AuthType NONE; undefined when the URLs were not read (any may exist). */
export function unauthenticatedUrls(resource: LambdaFunctionResource): FunctionUrl[] | undefined {
  return resource.functionUrls?.filter((url) => url.authType === "NONE");
}

/**
 * The actions an anonymous caller can make on the function, out of a grant's action patterns: lambda:InvokeFunctionUrl
 * when a pattern stands for it and a URL with AuthType NONE exists (or the URLs were not read), nothing otherwise.
 */
export function anonymousFunctionActions(
  resource: LambdaFunctionResource,
): (actions: readonly string[]) => readonly string[] {
  const urls = unauthenticatedUrls(resource);
  const open = urls === undefined || urls.length > 0;
  return (actions) =>
    open && actions.some((pattern) => wildcardMatch(pattern, INVOKE_FUNCTION_URL, true, UNLIMITED))
      ? [INVOKE_FUNCTION_URL]
      : [];
}

/**
 * The context a grant's own conditions are judged in: on a function, a grant whose only action is
 * lambda:InvokeFunctionUrl is judged knowing that a signed caller's lambda:FunctionUrlAuthType is AWS_IAM, so the
 * documented `StringEquals lambda:FunctionUrlAuthType NONE` statement reaches only unsigned callers. Deny statements
 * keep the resource's context: for them the key stays a value the caller may choose.
 */
export function grantContext<T extends EvaluationContext>(
  ctx: T,
  resource: Resource,
  actions: readonly string[],
): T {
  if (resource.type !== "AWS::Lambda::Function") return ctx;
  const only =
    actions.length > 0 && actions.every((action) => action.toLowerCase() === "lambda:invokefunctionurl");
  return only ? { ...ctx, functionUrlInvocationsOnly: true } : ctx;
}
