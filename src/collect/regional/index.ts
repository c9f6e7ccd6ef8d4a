import type { CallScope } from "../calls.js";
import type { JsonObject } from "../normalize.js";
import type { REGIONAL_SECTIONS } from "../../snapshot/format.js";
import { collectDynamodb } from "./dynamodb.js";
import { collectEc2 } from "./ec2.js";
import { collectEcr } from "./ecr.js";
import { collectEfs } from "./efs.js";
import { collectKms } from "./kms.js";
import { collectLambda } from "./lambda.js";
import { collectRds } from "./rds.js";
import type { RegionalClients, RegionTarget } from "./regional-clients.js";
import { collectRegionalS3 } from "./s3-access-points.js";
import { collectSecretsManager } from "./secretsmanager.js";
import { collectSns } from "./sns.js";
import { collectSqs } from "./sqs.js";

/**
 * Reads one service in one region of one account: its section of `regions.<region>` (docs/snapshot-format.md,
 * "Version 2"), or undefined when nothing could be read (the errors are recorded in `scope`). Never throws for an
 * AWS error.
 */
export type RegionalCollector = (
  scope: CallScope,
  clients: RegionalClients,
  target: RegionTarget,
) => Promise<JsonObject | undefined>;

export type RegionalSection = keyof typeof REGIONAL_SECTIONS;

/** Every regional collector, by the section it writes; each runs in every region read. */
export const REGIONAL_COLLECTORS: Readonly<Record<RegionalSection, RegionalCollector>> = {
  dynamodb: collectDynamodb,
  ec2: collectEc2,
  ecr: collectEcr,
  efs: collectEfs,
  kms: collectKms,
  lambda: collectLambda,
  rds: collectRds,
  s3: collectRegionalS3,
  secretsmanager: collectSecretsManager,
  sns: collectSns,
  sqs: collectSqs,
};
