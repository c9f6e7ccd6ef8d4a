import { wildcardMatch } from "../analysis/wildcard.js";
import type { Finding } from "../findings/finding.js";
import { asList, type ArchiveMatch, type OneOrMany } from "./archive-rule.js";
import { principalFacets } from "./principal-facets.js";

// Matching is IAM-style wildcard matching over the automata of src/analysis/patterns: no regular expression is
// built from the config or from snapshot text, and the time is polynomial in the lengths.

function anyEqual<T>(wanted: OneOrMany<T> | undefined, actual: T): boolean {
  const list = asList(wanted);
  return list === undefined || list.includes(actual);
}

function anyGlob(patterns: OneOrMany<string> | undefined, values: string[], ignoreCase = false): boolean {
  const list = asList(patterns);
  if (list === undefined) return true;
  return list.some((pattern) => values.some((value) => wildcardMatch(pattern, value, ignoreCase)));
}

/** A provider is named by its ARN, or by what follows its last `/` (an OIDC host, a SAML provider's name). */
function providerNames(provider: string): string[] {
  const slash = provider.lastIndexOf("/");
  return slash >= 0 ? [provider, provider.slice(slash + 1)] : [provider];
}

/** Does the finding meet every criterion of `match`? */
export function matchesArchiveRule(match: ArchiveMatch, finding: Finding): boolean {
  if (!anyEqual(match.rule, finding.ruleId)) return false;
  if (!anyGlob(match.resource, [finding.resource.arn])) return false;
  if (!anyEqual(match.resourceType, finding.resource.type)) return false;
  if (!anyEqual(match.account, finding.resource.accountId)) return false;
  if (match.public !== undefined && match.public !== finding.isPublic) return false;
  const principal = match.principal;
  if (principal) {
    const facets = principalFacets(finding);
    const accounts = asList(principal.account);
    if (accounts && !facets.accounts.some((id) => accounts.includes(id))) return false;
    if (principal.vendor !== undefined && !anyGlob(principal.vendor, facets.vendors, true)) return false;
    if (principal.service !== undefined && !anyGlob(principal.service, facets.services)) return false;
    if (
      principal.provider !== undefined &&
      !anyGlob(principal.provider, facets.providers.flatMap(providerNames))
    ) {
      return false;
    }
  }
  return true;
}
