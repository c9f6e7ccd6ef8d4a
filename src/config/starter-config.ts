/** What `trustscan init` writes: a valid config whose comments say what each part is for. */
export const STARTER_CONFIG = `# yaml-language-server: $schema=https://raw.githubusercontent.com/trustscan/trustscan/main/schemas/trustscan.config.schema.json
# trustscan configuration, checked against schemas/trustscan.config.schema.json. A flag on the command line wins
# over a value here. See the README's "Configuration" and "Run it every week" sections.

# The zone of trust: "organization" (every account of your AWS organization; needs organization data in the
# snapshot, which \`trustscan collect --organization\` writes) or "account" (each account on its own).
zone: organization

# Accounts outside the zone that you trust as if they were inside it: access they are given is not reported at all.
# List only accounts you control or have vetted; each needs a name and a reason.
trustedAccounts: []
#  - id: "999988887777"              # quoted: an account id is text, and may start with 0
#    name: Example Audit LLP
#    reason: Annual audit under contract 2025-17, owner security@example.com

# Archive rules accept findings you have reviewed. An archived finding is still reported ([archived] in text,
# suppressed in SARIF, with the rule's reason) but never fails the scan. Every rule needs a reason; give it an
# expiry date (YYYY-MM-DD) so that it is reviewed: an expired rule matches nothing and the report says so. A rule
# that matched nothing in a run is listed too, so that stale rules get cleaned up. Every criterion given must
# hold; a list means any of its values; resource, vendor, service and provider take * and ? wildcards.
archiveRules: []
#  - name: datadog-integration
#    reason: Datadog monitoring, external ID enforced by Datadog; approved in SEC-123
#    expires: 2026-12-31
#    match:
#      rule: [external-access, missing-external-id]
#      resource: "arn:aws:iam::*:role/Datadog*"
#      principal:
#        vendor: Datadog              # from the bundled list of known AWS accounts
#  - name: flow-logs-delivery
#    reason: VPC flow logs bucket; aws:SourceAccount is being added in NET-42
#    expires: 2026-06-30
#    match:
#      rule: confused-deputy
#      resourceType: AWS::S3::Bucket
#      principal:
#        service: delivery.logs.amazonaws.com

# A severity per rule instead of the rule's own (\`trustscan rules\` lists the rules).
severity: {}
#  confused-deputy: low

# Defaults for \`trustscan scan\`.
output:
  format: text                      # text, json, sarif or markdown
  failOn: low                       # exit 1 for an open finding at or above: none, low, medium, high, critical
  # failOnNew: true                 # with --baseline: count only findings new (or granting more) since then
  # allowIncomplete: false          # true: exit by the findings alone when part of the input was not scanned
  # sarifSplit: none                # account: one SARIF file and category per account (large organizations)
  # category: organization          # SARIF category: trustscan/<category>[/<account>]
`;
