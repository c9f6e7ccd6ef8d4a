import type { ReadProblem, Snapshot } from "../model/snapshot.js";
import { accountOfIamArn, ACCOUNT_ID } from "./arn.js";
import { readJsonFile } from "./json-file.js";
import type { JsonNode, JsonObject } from "./json-node.js";
import { readRole } from "./role.js";

/** The top-level keys of `aws iam get-account-authorization-details` output. */
export const AUTHORIZATION_DETAILS_KEYS = [
  "UserDetailList",
  "GroupDetailList",
  "RoleDetailList",
  "Policies",
] as const;

export async function readAuthorizationDetailsFile(file: string, source: string = file): Promise<Snapshot> {
  return readAuthorizationDetails(
    await readJsonFile(file, "the output of aws iam get-account-authorization-details"),
    source,
  );
}

/**
 * The raw output of `aws iam get-account-authorization-details` (one account, roles only). The user named
 * this one file, so a wrong shape in it is an InputError; a trust policy outside IAM's grammar is a ReadProblem
 * and judged as docs/policy-grammar.md says, so one bad statement does not stop the scan.
 */
export function readAuthorizationDetails(root: JsonNode, source: string = root.file): Snapshot {
  const details = root.object("the output of aws iam get-account-authorization-details");
  const lists = Object.fromEntries(
    AUTHORIZATION_DETAILS_KEYS.map((key) => [key, details.get(key)?.array(`an array (${key})`) ?? []]),
  ) as Record<(typeof AUTHORIZATION_DETAILS_KEYS)[number], JsonNode[]>;
  const grammarProblems: ReadProblem[] = [];
  const roles = lists.RoleDetailList.map((node) => readRole(node, grammarProblems));
  const accountId =
    mostFrequent(roles.map((role) => role.accountId)) ??
    mostFrequent(
      [...lists.UserDetailList, ...lists.GroupDetailList, ...lists.Policies].flatMap(ownAccountOf),
    ) ??
    details.node.fail("at least one role, user, group or customer managed policy ARN with an account id");
  root.source.resolveLocations();
  return {
    source,
    accounts: [
      {
        accountId,
        file: root.file,
        roles,
        buckets: [],
        oidcProviders: [],
        samlProviders: [],
        // This command says nothing about S3.
        accountPublicAccessBlock: undefined,
        resources: [],
        regionalControls: new Map(),
      },
    ],
    collectionErrors: [],
    readProblems: [...truncationProblems(details), ...grammarProblems],
  };
}

/** The account of an entity's ARN; AWS-managed policies (account `aws`) belong to no account. */
function ownAccountOf(node: JsonNode): string[] {
  const arn = node.object("an object with an Arn").requireString("Arn", "an IAM ARN");
  const account = accountOfIamArn(arn);
  return account !== undefined && ACCOUNT_ID.test(account) ? [account] : [];
}

/**
 * The account that most ARNs name (ties: the first seen). Real dumps are not always pure: cloudsplaining's
 * example has 75 roles of its account and 3 hand-added roles of another; each role keeps its own account.
 */
function mostFrequent(values: string[]): string | undefined {
  const counts = new Map<string, number>();
  for (const value of values) counts.set(value, (counts.get(value) ?? 0) + 1);
  let best: string | undefined;
  for (const [value, count] of counts)
    if (best === undefined || count > (counts.get(best) ?? 0)) best = value;
  return best;
}

/** One page of a paginated call (`IsTruncated: true`) is readable but incomplete: say so. */
function truncationProblems(details: JsonObject): ReadProblem[] {
  const truncated = details.get("IsTruncated");
  if (truncated === undefined || !truncated.boolean()) return [];
  return [
    {
      file: truncated.file,
      jsonPath: truncated.path,
      message:
        "this is one page of a paginated answer (IsTruncated is true): entities on the other pages are not scanned; " +
        "let the AWS CLI paginate (do not pass --max-items) to get them all",
    },
  ];
}
