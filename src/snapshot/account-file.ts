import type { SourceLocation } from "../model/location.js";
import type { PublicAccessBlock, RoleResource } from "../model/resource.js";
import type {
  AccountSnapshot,
  CollectionError,
  OidcProvider,
  ReadProblem,
  SamlProvider,
} from "../model/snapshot.js";
import { readBucket } from "./bucket.js";
import { readCollectionError } from "./collection-error.js";
import { readOidcProvider, readSamlProvider } from "./identity-providers.js";
import { InputError } from "./input-error.js";
import { parseJson, readTextFile } from "./json-file.js";
import type { JsonNode, JsonObject } from "./json-node.js";
import { readPublicAccessBlock } from "./public-access-block.js";
import { nameOf, readEach } from "./read-each.js";
import { FileProblems, readOrRecord, readProblemOf } from "./read-problem.js";
import { regionSections, readRegions } from "./regional/regions.js";
import { readMultiRegionAccessPoint } from "./regional/s3-multi-region-access-points.js";
import { readRole } from "./role.js";

export interface AccountFileResult {
  /** Absent when the file as a whole could not be used (then `readProblems` says why). */
  account?: AccountSnapshot;
  collectionErrors: CollectionError[];
  readProblems: ReadProblem[];
  /**
   * Read with `deferLocations`: fills in the lines and columns of these locations of the account's model (the
   * others stay zero). Looking positions up costs a pass over the file, so a scan asks only for those behind its
   * findings.
   */
  resolveLocations?: (locations: Iterable<SourceLocation>) => void;
}

export interface AccountFileOptions {
  /** Leave the model's locations unresolved (zeros) until `resolveLocations` is called. */
  deferLocations?: boolean;
  /** The file's text, when the caller started reading it already (readAccountText). */
  text?: Promise<string>;
}

/** Starts reading an account file; its failure is an InputError for readAccountFile to report. */
export function readAccountText(file: string, accountId: string, snapshotDirectory: string): Promise<string> {
  const text = readTextFile(file, expectedFile(accountId), { within: snapshotDirectory });
  // Handled by readAccountFile, which may take it up later: never an unhandled rejection meanwhile.
  text.catch(() => undefined);
  return text;
}

function expectedFile(accountId: string): string {
  return `the account file of ${accountId}`;
}

/**
 * `accounts/<id>.json`. Never throws an InputError: a file that is missing, unparsable or wrongly shaped
 * at the account level (its sections, `regions` and the lists in them included) is one ReadProblem; a bad role,
 * bucket, provider, regional resource or error entry is one ReadProblem and only that entry is left out.
 */
export async function readAccountFile(
  file: string,
  accountId: string,
  snapshotDirectory: string,
  options: AccountFileOptions = {},
): Promise<AccountFileResult> {
  const readProblems = new FileProblems(file);
  const skipped = () => `account ${accountId} skipped`;
  let root: JsonNode;
  try {
    const text = await (options.text ??
      readTextFile(file, expectedFile(accountId), { within: snapshotDirectory }));
    root = parseJson(text, file, { deferLocations: true });
  } catch (error) {
    if (!(error instanceof InputError)) throw error;
    return { collectionErrors: [], readProblems: [readProblemOf(error, skipped())] };
  }
  const source = root.source;
  source.deferNumbers = true;
  const result = readOrRecord(
    () => readAccountDocument(root, accountId, readProblems),
    skipped,
    readProblems,
  );
  source.resolveNumbers();
  if (!options.deferLocations) source.resolveLocations();
  return {
    ...(result ?? { collectionErrors: [] }),
    readProblems: readProblems.list(),
    ...(options.deferLocations
      ? { resolveLocations: (locations) => source.resolveLocations(locations) }
      : {}),
  };
}

/**
 * The parts of an account file, checked as a whole: a wrong shape here leaves the whole account out (an
 * InputError). What is inside each list is read entry by entry.
 */
function accountSections(root: JsonNode, accountId: string) {
  const document = root.object("an account object with accountId, iam, s3 and errors");
  const idNode = document.require("accountId", `"${accountId}"`);
  if (idNode.string(`"${accountId}"`) !== accountId) {
    idNode.fail(`"${accountId}" (the account id in the file name)`);
  }
  const iam = document.get("iam")?.object("an object with the IAM data");
  const s3 = document.get("s3")?.object("an object with the S3 data");
  return {
    s3,
    roleNodes: iam?.get("RoleDetailList")?.array("an array of roles") ?? [],
    oidcNodes: iam?.get("OpenIDConnectProviders")?.array("an array of OpenID Connect providers") ?? [],
    samlNodes: iam?.get("SAMLProviders")?.array("an array of SAML providers") ?? [],
    bucketNodes: s3?.get("Buckets")?.array("an array of buckets") ?? [],
    multiRegionAccessPointNodes:
      s3?.get("MultiRegionAccessPoints")?.array("an array of multi-region access points") ?? [],
    regions: regionSections(document.get("regions")),
    errorNodes: document.get("errors")?.array("an array of error objects") ?? [],
  };
}

function readAccountDocument(
  root: JsonNode,
  accountId: string,
  problems: FileProblems,
): Omit<AccountFileResult, "readProblems"> {
  const {
    s3,
    roleNodes,
    oidcNodes,
    samlNodes,
    bucketNodes,
    multiRegionAccessPointNodes,
    regions,
    errorNodes,
  } = accountSections(root, accountId);

  const roles = readEach(
    roleNodes,
    (node, grammarProblems) => readOwnRole(node, accountId, grammarProblems),
    (node) => `role ${nameOf(node, "RoleName")} skipped`,
    problems,
  );
  const buckets = readEach(
    bucketNodes,
    (node, grammarProblems) => readBucket(node, accountId, grammarProblems),
    (node) => `bucket ${nameOf(node, "Name")} skipped`,
    problems,
  );
  const oidcProviders = readEach<OidcProvider>(
    oidcNodes,
    readOidcProvider,
    (node) => `OpenID Connect provider ${nameOf(node, "Arn")} skipped`,
    problems,
  );
  const samlProviders = readEach<SamlProvider>(
    samlNodes,
    readSamlProvider,
    (node) => `SAML provider ${nameOf(node, "Arn")} skipped`,
    problems,
  );
  const collectionErrors = readEach(
    errorNodes,
    (node) => readCollectionError(node, accountId),
    () => "error entry skipped",
    problems,
  );
  const accountPublicAccessBlock = readAccountPublicAccessBlock(s3, problems);
  // Multi-region access points first: `s3` comes before `regions` in the format.
  const multiRegionAccessPoints = readEach(
    multiRegionAccessPointNodes,
    (node, grammarProblems) => readMultiRegionAccessPoint(node, accountId, grammarProblems),
    (node) => `multi-region access point ${nameOf(node, "Alias")} skipped`,
    problems,
  );
  const regional = readRegions(regions, accountId, problems);
  const account: AccountSnapshot = {
    accountId,
    file: root.file,
    roles,
    buckets,
    oidcProviders,
    samlProviders,
    accountPublicAccessBlock,
    resources: [...multiRegionAccessPoints, ...regional.resources],
    regionalControls: regional.regionalControls,
  };
  return { account, collectionErrors };
}

// The model's undefined means "unreadable", which is also the cautious reading of a malformed setting.
function readAccountPublicAccessBlock(
  s3: JsonObject | undefined,
  problems: Pick<ReadProblem[], "push">,
): PublicAccessBlock | null | undefined {
  return s3
    ? readOrRecord(
        () => readPublicAccessBlock(s3.get("AccountPublicAccessBlock")),
        () => "account Block Public Access treated as unreadable",
        problems,
      )
    : undefined;
}

/** What other accounts' analyses need to know of an account: the owners of its buckets and canonical user. */
export interface AccountIndexEntry {
  accountId: string;
  /** Buckets the full read keeps, by name. */
  bucketNames: string[];
  /** ACL owners (canonical user ids) of those buckets. */
  aclOwners: string[];
  accountPublicAccessBlock: PublicAccessBlock | null | undefined;
}

/**
 * The index entry of an account file, as the full read (readAccountFile) would give it: undefined when that read
 * leaves the account out (the same account-level checks, `regions` included), and only the buckets it keeps. Reads
 * and checks the same file; builds no roles and no regional resources.
 */
export async function readAccountIndex(
  file: string,
  accountId: string,
  snapshotDirectory: string,
): Promise<AccountIndexEntry | undefined> {
  let text: string;
  try {
    text = await readAccountText(file, accountId, snapshotDirectory);
  } catch (error) {
    if (!(error instanceof InputError)) throw error;
    return undefined;
  }
  return indexAccountText(text, file, accountId);
}

/** readAccountIndex on the text of the file, already read. */
export function indexAccountText(
  text: string,
  file: string,
  accountId: string,
): AccountIndexEntry | undefined {
  let root: JsonNode;
  try {
    root = parseJson(text, file, { deferLocations: true });
  } catch (error) {
    if (!(error instanceof InputError)) throw error;
    return undefined;
  }
  const ignored: ReadProblem[] = [];
  return readOrRecord(
    () => {
      const { s3, bucketNodes } = accountSections(root, accountId);
      const buckets = bucketNodes.flatMap(
        (node) =>
          readOrRecord(
            () => readBucket(node, accountId, []),
            () => "",
            ignored,
          ) ?? [],
      );
      return {
        accountId,
        bucketNames: buckets.map((bucket) => bucket.name),
        aclOwners: buckets.flatMap((bucket) => (bucket.acl?.ownerId ? [bucket.acl.ownerId] : [])),
        accountPublicAccessBlock: readAccountPublicAccessBlock(s3, ignored),
      };
    },
    () => "",
    ignored,
  );
}

/** A role in an account file must belong to that account: anything else would be judged against the wrong zone. */
function readOwnRole(node: JsonNode, accountId: string, problems: ReadProblem[]): RoleResource {
  const role = readRole(node, problems);
  if (role.accountId !== accountId) {
    node.object().require("Arn", "a role ARN").fail(`a role ARN in account ${accountId}`);
  }
  return role;
}
