import { describe, expect, it } from "vitest";
import type { SourceRef } from "../../rules/data/source-ref.js";
import { FEDERATION_PROVIDERS } from "../../rules/data/federation-providers.js";
import { SERVICE_PRINCIPAL_FACTS } from "../../rules/data/service-principals.js";
import { AWS_CREATED_ROLE_PATTERNS } from "../../rules/data/aws-created-roles.js";

function expectCitable(source: SourceRef, label: string): void {
  expect(source.title.trim(), `${label}: title`).not.toBe("");
  expect(() => new URL(source.url), `${label}: url ${source.url}`).not.toThrow();
  expect(new URL(source.url).protocol, `${label}: url ${source.url}`).toBe("https:");
  if (source.quote !== undefined) expect(source.quote.trim(), `${label}: quote`).not.toBe("");
}

describe("every data-table entry names its source", () => {
  it.each(SERVICE_PRINCIPAL_FACTS.map((fact) => [fact.principal, fact] as const))(
    "service principal %s has a reason and a citable source",
    (principal, fact) => {
      expect(fact.reason.trim(), `${principal}: reason`).not.toBe("");
      expectCitable(fact.source, principal);
      for (const extra of fact.seeAlso ?? []) expectCitable(extra, `${principal} (see also)`);
      if (fact.roleHandover.kind !== "unknown") {
        expect(fact.roleHandover.reason.trim(), `${principal}: handover reason`).not.toBe("");
        expectCitable(fact.roleHandover.source, `${principal} (role handover)`);
        expect(fact.roleHandover.source.quote, `${principal}: handover quote`).toBeDefined();
        for (const extra of fact.roleHandover.seeAlso ?? [])
          expectCitable(extra, `${principal} (role handover, see also)`);
      }
    },
  );

  it.each(AWS_CREATED_ROLE_PATTERNS.map((pattern) => [pattern.namePrefix, pattern] as const))(
    "AWS-created role name %s has a creator and a source whose quote shows the prefix",
    (prefix, pattern) => {
      expect(pattern.creator.trim(), `${prefix}: creator`).not.toBe("");
      expectCitable(pattern.source, prefix);
      expect(pattern.source.quote, `${prefix}: quote`).toContain(prefix);
    },
  );

  it.each(FEDERATION_PROVIDERS.map((provider) => [provider.id, provider] as const))(
    "federation provider %s has a display name and a citable source with a quote",
    (id, provider) => {
      expect(provider.displayName.trim(), `${id}: displayName`).not.toBe("");
      expectCitable(provider.source, id);
      expect(provider.source.quote, `${id}: quote`).toBeDefined();
    },
  );
});
