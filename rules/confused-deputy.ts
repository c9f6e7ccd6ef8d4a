import { ANY_SERVICE } from "../src/analysis/callers.js";
import { summarizeReach } from "../src/analysis/reach.js";
import type { AnalyzedGrant, ResourceAnalysis } from "../src/analysis/resource-analysis.js";
import type { Rule, FindingDraft } from "./types.js";
import { lookupServicePrincipal } from "./data/service-principals.js";
import { resourceLabel } from "./support/describe.js";
import { cancellation, findingBase } from "./support/findings.js";

const SERVICE_LINKED_ROLE_PATH = "/aws-service-role/";

export const confusedDeputy: Rule = {
  meta: {
    id: "confused-deputy",
    name: "ConfusedDeputy",
    shortDescription:
      "An AWS service principal is granted access without aws:SourceArn, aws:SourceAccount or aws:SourceOrgID.",
    fullDescription:
      "Reports a role trust policy or resource policy that grants a service principal access without confining the source on whose behalf the service acts (aws:SourceArn, aws:SourceAccount, aws:SourceOrgID, aws:SourceOrgPaths with fixed values). Any AWS customer can then point that service at your resource: the cross-service confused deputy problem.",
    docs: {
      whatItDoes:
        'For each grant to a service principal (`{"Service": "sns.amazonaws.com"}`, or `"*"` limited to services by `aws:PrincipalIsAWSService`/`aws:PrincipalServiceName`), checks that the service can only act for your own account or organization: a positive, non-`IfExists` condition on `aws:SourceArn`, `aws:SourceAccount`, `aws:SourceOrgID` or `aws:SourceOrgPaths` with fixed values (no wildcard in the account part). Exempt: service-linked roles (path `/aws-service-role/`) and services that act only for the role\'s own account and do not send the source keys when they assume a role (a documented, sourced table in `rules/data/`, starting with `ec2.amazonaws.com`). A service whose support for the keys is not documented is reported.',
      whyItMatters:
        "A service acts for many customers. Without a source condition, another AWS customer can configure the service (a topic, a trail, a schedule, a log delivery) to use your role or write to your bucket, and the service will do it with its own credentials.",
      howToFix:
        'Add `"Condition": {"StringEquals": {"aws:SourceAccount": "<your account id>"}}`, or `ArnLike aws:SourceArn` with the ARN of the resource that uses the service (or `aws:SourceOrgID` for your organization).',
      example: `{
  "Version": "2012-10-17",
  "Statement": [{
    "Effect": "Allow",
    "Principal": { "Service": "scheduler.amazonaws.com" },
    "Action": "sts:AssumeRole"
  }]
}`,
    },
    defaultSeverity: "medium",
    tags: ["security", "external/cwe/cwe-441"],
    precision: "high",
  },
  check(analysis) {
    const { resource } = analysis;
    if (resource.type === "AWS::IAM::Role" && resource.path.startsWith(SERVICE_LINKED_ROLE_PATH)) return [];
    const findings: FindingDraft[] = [];
    for (const grant of analysis.grants) {
      const finding = unconfinedServiceFinding(analysis, grant);
      if (finding) findings.push(finding);
    }
    return findings;
  },
};

function unconfinedServiceFinding(
  analysis: ResourceAnalysis,
  grant: AnalyzedGrant,
): FindingDraft | undefined {
  const { resource } = analysis;
  const after = summarizeReach(grant.access.after);
  const before = summarizeReach(grant.access.before);
  // Only grants made to services: a grant that reaches AWS principals too (Principal "*") is public-access's
  // or external-access's, even where a control such as RestrictPublicBuckets leaves only the services in.
  if (before.principalAccess) return undefined;
  const active = after.serviceUnconfined;
  if (!active && !(before.serviceUnconfined && after.services.length === 0)) return undefined;
  const reach = active ? after : before;
  const isRole = resource.type === "AWS::IAM::Role";
  const facts = reach.services.map((s) => (s === ANY_SERVICE ? undefined : lookupServicePrincipal(s)));
  if (isRole && facts.length > 0 && facts.every((f) => f?.exemptForRoleTrust)) return undefined;

  const services = reach.services.map((s) => (s === ANY_SERVICE ? "any AWS service" : s)).join(", ");
  const unverified = isRole
    ? reach.services.filter(
        (s, i) => s !== ANY_SERVICE && (facts[i]?.sendsSourceKeysOnAssumeRole ?? "unknown") === "unknown",
      )
    : [];
  const note = unverified.length
    ? ` (trustscan has no documented answer on whether ${unverified.join(", ")} sends the source keys; check the service's confused-deputy page)`
    : "";
  const what = isRole ? "can be made to assume it" : "can be made to use it";
  return {
    ...findingBase(analysis, grant),
    ruleId: "confused-deputy",
    severity: isRole ? "high" : "medium",
    message: `${resourceLabel(resource)} trusts ${services} without aws:SourceAccount, aws:SourceArn or aws:SourceOrgID, so the service ${what} on behalf of any AWS account${note}.`,
    principal: { written: grant.principalWritten, judged: `service ${services} acting for any account` },
    actions: reach.actions,
    isPublic: false,
    cancelledBy: cancellation(active, grant.access.cancelledBy),
  };
}
