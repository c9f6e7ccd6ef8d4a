import type { Access, AccessChange, AccessDiff } from "../diff/access-diff.js";
import { escapeTableCell, inlineCode } from "./markdown-escape.js";
import { safeText } from "../text/safe-text.js";

export interface DiffContext {
  tool: { name: string; version: string };
  old: string[];
  new: string[];
  /** e.g. `organization o-abc`. */
  zone: string;
}

export const DIFF_FORMATS = ["text", "json", "markdown"] as const;
export type DiffFormat = (typeof DIFF_FORMATS)[number];

function accessDetail(access: Access): string {
  const conditions = access.conditions.length > 0 ? `; only if ${access.conditions.join("; ")}` : "";
  return `${access.actions.join(", ")}${access.isPublic ? " (public)" : ""}${conditions}`;
}

function changeDetail(change: AccessChange): string {
  const parts = [];
  if (change.actionsAdded.length > 0) parts.push(`actions added: ${change.actionsAdded.join(", ")}`);
  if (change.actionsRemoved.length > 0) parts.push(`actions removed: ${change.actionsRemoved.join(", ")}`);
  if (change.conditionsRemoved.length > 0)
    parts.push(`conditions no longer required: ${change.conditionsRemoved.join("; ")}`);
  if (change.conditionsAdded.length > 0) parts.push(`conditions added: ${change.conditionsAdded.join("; ")}`);
  if (change.after.isPublic !== change.before.isPublic)
    parts.push(change.after.isPublic ? "now public" : "no longer public");
  return parts.join("; ");
}

function byResource<T>(items: T[], access: (item: T) => Access): Map<string, T[]> {
  const groups = new Map<string, T[]>();
  for (const item of items) {
    const { arn, type } = access(item).resource;
    const key = `${arn} (${type})`;
    groups.set(key, [...(groups.get(key) ?? []), item]);
  }
  return groups;
}

export function describeDiffCounts(diff: AccessDiff): string {
  const widened = diff.changed.filter((change) => change.widened).length;
  return (
    `${diff.gained.length} gained, ${diff.lost.length} lost, ${diff.changed.length} changed` +
    (diff.changed.length > 0 ? ` (${widened} widened)` : "")
  );
}

export function renderDiffText(diff: AccessDiff, context: DiffContext): string {
  const lines = [
    `${context.tool.name} ${context.tool.version}: access from ${context.old.map(safeText).join(", ")} to ` +
      `${context.new.map(safeText).join(", ")} (zone: ${safeText(context.zone)})`,
  ];
  const section = <T>(title: string, items: T[], access: (item: T) => Access, line: (item: T) => string) => {
    if (items.length === 0) return;
    lines.push("", `${title} (${items.length})`);
    for (const [resource, group] of byResource(items, access)) {
      lines.push(`  ${safeText(resource)}`);
      for (const item of group) lines.push(`    ${safeText(line(item))}`);
    }
  };
  section(
    "Access gained",
    diff.gained,
    (a) => a,
    (a) => `+ ${a.principalLabel}: ${accessDetail(a)}`,
  );
  section(
    "Access lost",
    diff.lost,
    (a) => a,
    (a) => `- ${a.principalLabel}: ${accessDetail(a)}`,
  );
  section(
    "Access changed",
    diff.changed,
    (c) => c.after,
    (c) => `~ ${c.after.principalLabel}: ${changeDetail(c)}`,
  );
  if (diff.gained.length + diff.lost.length + diff.changed.length === 0) {
    lines.push("", "No change in who can get in.");
  }
  lines.push("", `Access: ${describeDiffCounts(diff)}`);
  return `${lines.join("\n")}\n`;
}

function accessJson(access: Access) {
  return {
    resource: { ...access.resource },
    principal: access.principal,
    vendors: access.vendors.map((vendor) => ({ accountId: vendor.accountId, name: vendor.label })),
    actions: [...access.actions],
    conditions: [...access.conditions],
    isPublic: access.isPublic,
    severity: access.severity,
    rules: [...access.rules],
  };
}

export function renderDiffJson(diff: AccessDiff, context: DiffContext): string {
  const document = {
    schemaVersion: 1,
    tool: { ...context.tool },
    old: [...context.old],
    new: [...context.new],
    zone: context.zone,
    summary: {
      gained: diff.gained.length,
      lost: diff.lost.length,
      changed: diff.changed.length,
      widened: diff.changed.filter((change) => change.widened).length,
    },
    gained: diff.gained.map(accessJson),
    lost: diff.lost.map(accessJson),
    changed: diff.changed.map((change) => ({
      resource: { ...change.after.resource },
      principal: change.after.principal,
      before: accessJson(change.before),
      after: accessJson(change.after),
      actionsAdded: [...change.actionsAdded],
      actionsRemoved: [...change.actionsRemoved],
      conditionsAdded: [...change.conditionsAdded],
      conditionsRemoved: [...change.conditionsRemoved],
      widened: change.widened,
    })),
  };
  return `${JSON.stringify(document, null, 2)}\n`;
}

export function renderDiffMarkdown(diff: AccessDiff, context: DiffContext): string {
  const blocks = [
    `## ${escapeTableCell(context.tool.name)}: who can get in, ${describeDiffCounts(diff)}`,
    `From ${context.old.map(inlineCode).join(", ")} to ${context.new.map(inlineCode).join(", ")} ` +
      `(zone: ${escapeTableCell(context.zone)}).`,
  ];
  const table = <T>(title: string, items: T[], access: (item: T) => Access, detail: (item: T) => string) => {
    if (items.length === 0) return;
    blocks.push(
      `### ${title}`,
      [
        "| Resource | Who | What |",
        "| --- | --- | --- |",
        ...items.map(
          (item) =>
            `| ${inlineCode(access(item).resource.arn)} | ${escapeTableCell(access(item).principalLabel)} | ${escapeTableCell(detail(item))} |`,
        ),
      ].join("\n"),
    );
  };
  table("Access gained", diff.gained, (a) => a, accessDetail);
  table("Access lost", diff.lost, (a) => a, accessDetail);
  table("Access changed", diff.changed, (c) => c.after, changeDetail);
  if (diff.gained.length + diff.lost.length + diff.changed.length === 0)
    blocks.push("No change in who can get in.");
  return `${blocks.join("\n\n")}\n`;
}

export function renderDiff(format: DiffFormat, diff: AccessDiff, context: DiffContext): string {
  switch (format) {
    case "text":
      return renderDiffText(diff, context);
    case "json":
      return renderDiffJson(diff, context);
    case "markdown":
      return renderDiffMarkdown(diff, context);
  }
}
