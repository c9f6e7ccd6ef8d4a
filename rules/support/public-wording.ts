import type { AnalyzedGrant } from "../../src/analysis/resource-analysis.js";
import { INVOKE_FUNCTION_URL, unauthenticatedUrls } from "../../src/analysis/function-urls.js";
import { isPolicyResource } from "../../src/analysis/services/policy-resource-types.js";
import type { Resource } from "../../src/model/resource.js";

/** Does an anonymous caller get in through the grant (after the controls when `active`, before them otherwise)? */
export function reachesAnonymous(grant: AnalyzedGrant, active: boolean): boolean {
  const accesses = active ? grant.access.after : grant.access.before;
  return accesses.some((access) => access.caller.kind === "anonymous");
}

/**
 * Who a public grant reaches, in words. Roles and buckets keep the wording they always had; another resource type
 * says "any AWS principal" when no anonymous caller gets in (a Lambda function without a URL of AuthType NONE).
 */
export function publicAudience(resource: Resource, anonymous: boolean): string {
  if (anonymous || !isPolicyResource(resource)) return "anyone, including anonymous callers";
  return "any AWS principal of any account";
}

/**
 * For a Lambda function that anonymous callers reach: the function URLs with AuthType NONE that they come through
 * (Lambda Developer Guide, "Control access to Lambda function URLs"), or undefined for any other grant.
 */
export function functionUrlVia(
  resource: Resource,
  grant: AnalyzedGrant,
  anonymous: boolean,
): string | undefined {
  if (resource.type !== "AWS::Lambda::Function" || !anonymous) return undefined;
  const urls = unauthenticatedUrls(resource);
  const through =
    urls === undefined
      ? "a function URL with AuthType NONE, if it has one (its URLs were not read),"
      : `its function URL${urls.length === 1 ? "" : "s"} ${urls.map((url) => url.url).join(", ")} (AuthType NONE)`;
  return `${through} takes unsigned requests, and ${grant.principalWritten.startsWith("NotPrincipal") ? `Allow with ${grant.principalWritten}` : `Principal ${grant.principalWritten}`} allows ${INVOKE_FUNCTION_URL} with no condition that confines the caller`;
}
