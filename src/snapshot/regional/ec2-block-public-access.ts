import type { ReadProblem, RegionalControls } from "../../model/snapshot.js";
import type { JsonObject } from "../json-node.js";
import { readOrRecord } from "../read-problem.js";

const SNAPSHOT_STATES = ["block-all-sharing", "block-new-sharing", "unblocked"] as const;
const IMAGE_STATES = ["block-new-sharing", "unblocked"] as const;

/**
 * EC2's account-level block public access of one region (GetSnapshotBlockPublicAccessState,
 * GetImageBlockPublicAccessState). A state that is absent was not read; one that is not a state AWS has is
 * recorded and read as not read, the cautious reading: it cancels nothing.
 */
export function readRegionalControls(
  ec2: JsonObject | undefined,
  region: string,
  problems: Pick<ReadProblem[], "push">,
): RegionalControls {
  if (ec2 === undefined) return {};
  const snapshot = readOrRecord(
    () => readState(ec2, "SnapshotBlockPublicAccessState", SNAPSHOT_STATES),
    () => `block public access for EBS snapshots in ${region} treated as not read`,
    problems,
  );
  const image = readOrRecord(
    () => readState(ec2, "ImageBlockPublicAccessState", IMAGE_STATES),
    () => `block public access for AMIs in ${region} treated as not read`,
    problems,
  );
  return {
    ...(snapshot !== undefined ? { snapshotBlockPublicAccess: snapshot } : {}),
    ...(image !== undefined ? { imageBlockPublicAccess: image } : {}),
  };
}

function readState<T extends string>(ec2: JsonObject, key: string, states: readonly T[]): T | undefined {
  const node = ec2.get(key);
  if (node === undefined || node.isNull()) return undefined;
  const expected = states.map((state) => JSON.stringify(state)).join(", ");
  const text = node.string(expected);
  return (states as readonly string[]).includes(text) ? (text as T) : node.fail(expected);
}
