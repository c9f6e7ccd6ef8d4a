/**
 * The concrete values a scenario's policies name or pattern-match, turned into candidates for requests: accounts,
 * organizations and paths, principal and source ARNs, networks and the values of caller-chosen keys. Patterns are
 * instantiated (each wildcard replaced by a few concrete strings), so that a value matching `4444?5556666` or
 * `arn:aws:sns:*:444455556666:*` is tried as well.
 */
import type { Statement } from "../../src/model/policy.js";
import type { Snapshot } from "../../src/model/snapshot.js";
import { globMatch, hasGlob } from "../oracle/glob.js";
import { parseRange } from "../oracle/ip.js";
import { DERIVED_KEYS } from "../oracle/request.js";
import {
  BUCKET_ARN,
  FRESH_ACCOUNT,
  FRESH_ORG,
  FRESH_ROLE,
  FRESH_VPCE,
  NAMED_ACCOUNTS,
  FRESH_ROOT,
  ROOT_ID,
} from "./world.js";

export interface Mentions {
  /** Accounts written in the policies or matching their patterns, and a fresh one. */
  accounts: string[];
  /** Accounts the policies write out literally: the rest of `accounts` are parties the policies do not name. */
  namedAccounts: string[];
  orgs: string[];
  namedOrgs: string[];
  orgPaths: string[];
  /** IAM user and role ARNs (never root). */
  principalArns: string[];
  services: string[];
  sourceArns: string[];
  /** One address inside each aws:SourceIp range the policies name. */
  ips: string[];
  vpces: string[];
  /** Keys the caller chooses (sts:ExternalId, aws:SecureTransport, …) → values to try. */
  chosen: Map<string, string[]>;
  /** Object keys to request: instantiations of the Resource patterns. */
  objectKeys: string[];
}

const IAM_PRINCIPAL_ARN = /^arn:aws:iam::\d{12}:(user|role)\/[^/]+$/;

const unique = <T>(values: Iterable<T>) => [...new Set(values)];

/** A few concrete strings a wildcard pattern matches (the pattern itself when it has no wildcard). */
export function instances(pattern: string, literalWildcards = false): string[] {
  if (!hasGlob(pattern)) return [pattern];
  return unique([
    pattern.replace(/\*/g, "").replace(/\?/g, "0"),
    pattern.replace(/\*/g, "5").replace(/\?/g, "7"),
    // Where values are free text (object keys), a wildcard may also stand for itself: a key can hold a `*`.
    ...(literalWildcards ? [pattern.replace(/\*/g, "*x")] : []),
  ]);
}

const ACCOUNT_POOL = [...NAMED_ACCOUNTS, FRESH_ACCOUNT];

function accountInstances(pattern: string): string[] {
  return unique([...instances(pattern), ...ACCOUNT_POOL.filter((a) => globMatch(pattern, a))]).filter((a) =>
    /^\d{12}$/.test(a),
  );
}

/** ARN patterns: the account part from the account pool, the other parts instantiated. */
function arnInstances(pattern: string): string[] {
  const parts = pattern.split(":");
  if (parts.length < 6 || parts[0] !== "arn") return instances(pattern);
  const [arn = "", partition = "", service = "", region = "", account = "", ...rest] = parts;
  const resource = rest.join(":");
  const accounts = account === "" ? [""] : accountInstances(account);
  const out: string[] = [];
  for (const a of accounts) {
    for (const r of instances(resource)) {
      const head = [arn, partition, service, region].map((p) => p.replace(/\*/g, "").replace(/\?/g, "0"));
      // The role name `fresh-role` too, where the pattern admits it.
      out.push([...head, a, r].join(":"));
      if (service === "iam" && hasGlob(resource) && globMatch(resource, `role/${FRESH_ROLE}`))
        out.push([...head, a, `role/${FRESH_ROLE}`].join(":"));
    }
  }
  return unique(out.filter((arn) => !hasGlob(arn)));
}

function addressInside(range: string): string | undefined {
  const parsed = parseRange(range);
  if (!parsed || parsed.version !== 4) return undefined;
  const value = parsed.prefix === 32 ? parsed.base : parsed.base + 1n;
  return [24n, 16n, 8n, 0n].map((shift) => String((value >> shift) & 255n)).join(".");
}

export function mentionsOf(snapshot: Snapshot): Mentions {
  const statements: Statement[] = [];
  for (const account of snapshot.accounts) {
    for (const role of account.roles) statements.push(...role.trustPolicy.statements);
    for (const bucket of account.buckets) statements.push(...(bucket.policy?.statements ?? []));
  }
  for (const policy of snapshot.organization?.policies ?? []) statements.push(...policy.content.statements);

  const accounts = new Set<string>([FRESH_ACCOUNT]);
  const orgs = new Set<string>([FRESH_ORG]);
  const orgPaths = new Set<string>();
  const principalArns = new Set<string>();
  const services = new Set<string>();
  const sourceArns = new Set<string>();
  const ips = new Set<string>();
  const vpces = new Set<string>([FRESH_VPCE]);
  const chosen = new Map<string, Set<string>>();
  const objectKeys = new Set<string>(["fresh.txt"]);

  const allText = JSON.stringify(statements.map((s) => s.canonical));
  const namedAccounts = new Set([...allText.matchAll(/\d{12}/g)].map((m) => m[0]));
  const namedOrgs = new Set([...allText.matchAll(/o-[a-z0-9]{10,32}/g)].map((m) => m[0]));
  for (const a of namedAccounts) accounts.add(a);
  for (const o of namedOrgs) orgs.add(o);

  for (const statement of statements) {
    for (const entry of [...(statement.principals ?? []), ...(statement.notPrincipals ?? [])]) {
      if (entry.type === "Service") services.add(entry.value.toLowerCase());
      if (entry.type === "AWS" && IAM_PRINCIPAL_ARN.test(entry.value)) principalArns.add(entry.value);
    }
    for (const resource of [...(statement.resources ?? []), ...(statement.notResources ?? [])]) {
      for (const arn of instances(resource, true)) {
        if (arn.startsWith(`${BUCKET_ARN}/`) && arn.length > BUCKET_ARN.length + 1)
          objectKeys.add(arn.slice(BUCKET_ARN.length + 1));
      }
    }
    for (const clause of statement.conditions) {
      const key = clause.keyLower;
      for (const value of clause.values) {
        switch (key) {
          case "aws:principalaccount":
          case "aws:sourceaccount":
            for (const a of accountInstances(value)) accounts.add(a);
            break;
          case "aws:principalarn":
            for (const arn of arnInstances(value)) {
              if (IAM_PRINCIPAL_ARN.test(arn)) principalArns.add(arn);
              const account = /^arn:aws:iam::(\d{12}):/.exec(arn)?.[1];
              if (account) accounts.add(account);
            }
            break;
          case "aws:sourcearn":
            for (const arn of arnInstances(value)) {
              sourceArns.add(arn);
              const account = arn.split(":")[4];
              if (account && /^\d{12}$/.test(account)) accounts.add(account);
            }
            break;
          case "aws:principalorgid":
          case "aws:sourceorgid":
            for (const o of instances(value)) if (/^o-[a-z0-9]{10,32}$/.test(o)) orgs.add(o);
            break;
          case "aws:principalorgpaths":
          case "aws:sourceorgpaths":
            for (const path of instances(value)) {
              const org = path.split("/")[0] ?? "";
              if (/^o-[a-z0-9]{10,32}$/.test(org)) {
                orgs.add(org);
                orgPaths.add(path.endsWith("/") ? path : `${path}/`);
              }
            }
            break;
          case "aws:principalservicename":
            for (const s of instances(value)) services.add(s.toLowerCase());
            break;
          case "aws:sourceip": {
            const address = addressInside(value);
            if (address) ips.add(address);
            break;
          }
          case "aws:sourcevpce":
            for (const v of instances(value)) vpces.add(v);
            break;
          default:
            if (DERIVED_KEYS.has(key) || key === "aws:sourcevpc") break;
            if (!chosen.has(key)) chosen.set(key, new Set());
            // The value itself too: StringEquals takes `ext-*` literally.
            for (const v of [value, ...instances(value)]) chosen.get(key)?.add(v);
        }
      }
    }
  }
  // An organization has one root; outside the snapshot its id is unknown: the world's root id, or a fresh one.
  for (const org of orgs) orgPaths.add(`${org}/${ROOT_ID}/`).add(`${org}/${FRESH_ROOT}/`);
  return {
    accounts: [...accounts].sort(),
    namedAccounts: [...namedAccounts].sort(),
    orgs: [...orgs].sort(),
    namedOrgs: [...namedOrgs].sort(),
    orgPaths: [...orgPaths].sort(),
    principalArns: [...principalArns].sort(),
    services: [...services].sort(),
    sourceArns: [...sourceArns].sort(),
    ips: [...ips].sort(),
    vpces: [...vpces].sort(),
    chosen: new Map([...chosen].map(([k, v]) => [k, [...v].sort()])),
    objectKeys: [...objectKeys].sort(),
  };
}
