import type { RegionalControls } from "../../model/snapshot.js";
import type { REGIONAL_SECTIONS } from "../format.js";
import type { JsonNode, JsonObject } from "../json-node.js";
import { nameOf, readEach } from "../read-each.js";
import type { FileProblems } from "../read-problem.js";
import { readTable } from "./dynamodb.js";
import { readEbsSnapshot, readImage } from "./ec2.js";
import { readRegionalControls } from "./ec2-block-public-access.js";
import { readRepository } from "./ecr.js";
import { readFileSystem } from "./efs.js";
import { readKmsKey } from "./kms.js";
import { readFunction, readLayerVersion } from "./lambda.js";
import { readDbClusterSnapshot, readDbSnapshot } from "./rds.js";
import { EXPECTED_REGION_NAME, isRegionName, partitionOfRegion } from "./region-name.js";
import type { RegionalContext, RegionalReader, RegionalResource } from "./regional-reader.js";
import { readAccessPoint } from "./s3-access-points.js";
import { readDirectoryBucket } from "./s3-directory-buckets.js";
import { readSecret } from "./secrets-manager.js";
import { readTopic } from "./sns.js";
import { readQueue } from "./sqs.js";

interface ListReader {
  read: RegionalReader;
  /** One entry, for messages: `KMS key`. */
  what: string;
  /** The key that names an entry in messages. */
  nameKey: string;
}

type Sections = typeof REGIONAL_SECTIONS;

/** A reader for every list of every service of the format: the compiler checks that none is missing. */
const LIST_READERS: { [S in keyof Sections]: { [L in Sections[S]["lists"][number]]: ListReader } } = {
  kms: { Keys: { read: readKmsKey, what: "KMS key", nameKey: "Arn" } },
  sqs: { Queues: { read: readQueue, what: "SQS queue", nameKey: "QueueArn" } },
  sns: { Topics: { read: readTopic, what: "SNS topic", nameKey: "TopicArn" } },
  lambda: {
    Functions: { read: readFunction, what: "Lambda function", nameKey: "FunctionArn" },
    LayerVersions: { read: readLayerVersion, what: "Lambda layer version", nameKey: "LayerVersionArn" },
  },
  secretsmanager: { Secrets: { read: readSecret, what: "secret", nameKey: "ARN" } },
  ecr: { Repositories: { read: readRepository, what: "ECR repository", nameKey: "repositoryArn" } },
  efs: { FileSystems: { read: readFileSystem, what: "EFS file system", nameKey: "FileSystemArn" } },
  dynamodb: { Tables: { read: readTable, what: "DynamoDB table", nameKey: "TableArn" } },
  s3: {
    AccessPoints: { read: readAccessPoint, what: "access point", nameKey: "AccessPointArn" },
    DirectoryBuckets: { read: readDirectoryBucket, what: "directory bucket", nameKey: "Name" },
  },
  ec2: {
    Snapshots: { read: readEbsSnapshot, what: "EBS snapshot", nameKey: "SnapshotId" },
    Images: { read: readImage, what: "AMI", nameKey: "ImageId" },
  },
  rds: {
    DBSnapshots: { read: readDbSnapshot, what: "DB snapshot", nameKey: "DBSnapshotArn" },
    DBClusterSnapshots: {
      read: readDbClusterSnapshot,
      what: "DB cluster snapshot",
      nameKey: "DBClusterSnapshotArn",
    },
  },
};

interface RegionalList {
  reader: ListReader;
  nodes: JsonNode[];
}

/** One entry of `regions`, its shape checked; its lists are read entry by entry. */
export interface RegionSection {
  region: string;
  ec2: JsonObject | undefined;
  /** In file order: services, then their lists. */
  lists: RegionalList[];
}

/**
 * The shape of `regions`, checked as a whole like the rest of the account file's sections (a wrong shape is an
 * InputError that leaves the account out): an object keyed by region names, each an object of services, each an
 * object of lists, each an array. Services and lists the format does not have are ignored, as other unknown keys.
 */
export function regionSections(regionsNode: JsonNode | undefined): RegionSection[] {
  if (regionsNode === undefined) return [];
  const regions = regionsNode.object('an object with one entry per region, such as {"eu-west-1": {...}}');
  return regions.entries().map(([region, node]) => {
    if (!isRegionName(region)) regions.unexpectedKey(region, EXPECTED_REGION_NAME);
    const services = node.object(`an object with one entry per service read in ${region}`);
    const lists: RegionalList[] = [];
    let ec2: JsonObject | undefined;
    for (const [service, serviceNode] of services.entries()) {
      if (!Object.hasOwn(LIST_READERS, service)) continue;
      const serviceLists = serviceNode.object(`an object with the ${service} lists of ${region}`);
      if (service === "ec2") ec2 = serviceLists;
      const readers: Record<string, ListReader> = LIST_READERS[service as keyof Sections];
      for (const [list, listNode] of serviceLists.entries()) {
        const reader = Object.hasOwn(readers, list) ? readers[list] : undefined;
        if (reader) lists.push({ reader, nodes: listNode.array(`an array of ${service} ${list}`) });
      }
    }
    return { region, ec2, lists };
  });
}

/** Every entry of every regional list (a bad one skipped, with a problem), and each region's EC2 controls. */
export function readRegions(
  sections: RegionSection[],
  accountId: string,
  problems: FileProblems,
): { resources: RegionalResource[]; regionalControls: Map<string, RegionalControls> } {
  const resources: RegionalResource[] = [];
  const regionalControls = new Map<string, RegionalControls>();
  for (const { region, ec2, lists } of sections) {
    const context: RegionalContext = { accountId, region, partition: partitionOfRegion(region) };
    regionalControls.set(region, readRegionalControls(ec2, region, problems));
    for (const { reader, nodes } of lists) {
      const read = readEach(
        nodes,
        (node, grammarProblems) => reader.read(node, context, grammarProblems),
        (node) => `${reader.what} ${nameOf(node, reader.nameKey)} skipped`,
        problems,
      );
      for (const entry of read) {
        if (Array.isArray(entry)) for (const resource of entry) resources.push(resource);
        else resources.push(entry);
      }
    }
  }
  return { resources, regionalControls };
}
