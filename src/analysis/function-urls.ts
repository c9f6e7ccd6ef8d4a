/**
 * Lambda function URLs (Lambda Developer Guide, "Control access to Lambda function URLs"): with AuthType NONE,
 * "Lambda doesn't perform any authentication before invoking your function. However, your function's resource-based
 * policy is always in effect and must grant public access before your function URL can receive requests." Every
 * other call to Lambda is signed. So an unsigned (anonymous) caller reaches a function only through
 * lambda:InvokeFunctionUrl, and only when the function has a URL with AuthType NONE (docs/semantics.md#lambda).
 */
import type { FunctionUrl, LambdaFunctionResource } from "../model/resource.js";
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
