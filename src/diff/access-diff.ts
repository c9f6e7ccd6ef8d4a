import { isActive, SEVERITY_RANK, type Finding, type Severity } from "../findings/finding.js";
import { compareText } from "../findings/order.js";
import type { ScanResult } from "../findings/scan-result.js";
import { labelAccountsIn, vendorsOf, type VendorName } from "../report/vendor-labels.js";

/** Who can get in to one resource, and with what: the union of the active findings about that principal. */
export interface Access {
  resource: { arn: string; type: string; accountId: string };
  /** The principal as judged, e.g. `account 464622532012`, `anyone`, `service sns.amazonaws.com acting for …`. */
  principal: string;
  /** The same with known outside accounts named: `account 464622532012 (Datadog)`. */
  principalLabel: string;
  vendors: VendorName[];
  actions: string[];
  conditions: string[];
  isPublic: boolean;
  severity: Severity;
  rules: string[];
}

export interface AccessChange {
  before: Access;
  after: Access;
  actionsAdded: string[];
  actionsRemoved: string[];
  conditionsAdded: string[];
  conditionsRemoved: string[];
  /** More access than before: actions added, conditions no longer required, or now public. */
  widened: boolean;
}

export interface AccessDiff {
  gained: Access[];
  lost: Access[];
  changed: AccessChange[];
}

const sorted = (items: Iterable<string>) => [...new Set(items)].sort(compareText);

function keyOf(finding: Finding): string {
  return `${finding.resource.arn}\u0000${finding.principal.judged}`;
}

/**
 * Who can get in, per resource and principal: every finding no guardrail cancels (archived ones included: an
 * archive rule accepts access, it does not remove it).
 */
export function accessOf(result: ScanResult): Map<string, Access> {
  const map = new Map<string, Access>();
  for (const finding of result.findings.filter(isActive)) {
    const key = keyOf(finding);
    const vendors = vendorsOf(finding);
    const earlier = map.get(key);
    if (!earlier) {
      map.set(key, {
        resource: {
          arn: finding.resource.arn,
          type: finding.resource.type,
          accountId: finding.resource.accountId,
        },
        principal: finding.principal.judged,
        principalLabel: labelAccountsIn(finding.principal.judged, vendors).text,
        vendors,
        actions: sorted(finding.actions),
        conditions: sorted(finding.conditions),
        isPublic: finding.isPublic,
        severity: finding.severity,
        rules: [finding.ruleId],
      });
      continue;
    }
    earlier.actions = sorted([...earlier.actions, ...finding.actions]);
    earlier.conditions = sorted([...earlier.conditions, ...finding.conditions]);
    earlier.isPublic ||= finding.isPublic;
    if (SEVERITY_RANK[finding.severity] > SEVERITY_RANK[earlier.severity])
      earlier.severity = finding.severity;
    earlier.rules = sorted([...earlier.rules, finding.ruleId]);
  }
  return map;
}

function compareAccess(a: Access, b: Access): number {
  return (
    compareText(a.resource.accountId, b.resource.accountId) ||
    compareText(a.resource.arn, b.resource.arn) ||
    compareText(a.principal, b.principal)
  );
}

const minus = (a: string[], b: string[]) => a.filter((item) => !b.includes(item));

/** The access gained, lost and changed from the old scan to the new one, per resource and principal. */
export function diffAccess(before: ScanResult, after: ScanResult): AccessDiff {
  const old = accessOf(before);
  const now = accessOf(after);
  const gained = [...now].filter(([key]) => !old.has(key)).map(([, access]) => access);
  const lost = [...old].filter(([key]) => !now.has(key)).map(([, access]) => access);
  const changed: AccessChange[] = [];
  for (const [key, access] of now) {
    const earlier = old.get(key);
    if (!earlier) continue;
    const change = {
      before: earlier,
      after: access,
      actionsAdded: minus(access.actions, earlier.actions),
      actionsRemoved: minus(earlier.actions, access.actions),
      conditionsAdded: minus(access.conditions, earlier.conditions),
      conditionsRemoved: minus(earlier.conditions, access.conditions),
    };
    const publicChanged = access.isPublic !== earlier.isPublic;
    const any =
      change.actionsAdded.length +
        change.actionsRemoved.length +
        change.conditionsAdded.length +
        change.conditionsRemoved.length >
        0 || publicChanged;
    if (!any) continue;
    changed.push({
      ...change,
      widened:
        change.actionsAdded.length > 0 ||
        change.conditionsRemoved.length > 0 ||
        (access.isPublic && !earlier.isPublic),
    });
  }
  return {
    gained: gained.sort(compareAccess),
    lost: lost.sort(compareAccess),
    changed: changed.sort((a, b) => compareAccess(a.after, b.after)),
  };
}
