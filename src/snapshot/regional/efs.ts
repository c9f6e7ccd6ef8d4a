import { plainPolicyResourceReader } from "./plain-policy-resource.js";

/**
 * `efs.FileSystems`: DescribeFileSystems and DescribeFileSystemPolicy. ARN:
 * `arn:aws:elasticfilesystem:<region>:<account>:file-system/<file system id>`.
 */
export const readFileSystem = plainPolicyResourceReader({
  type: "AWS::EFS::FileSystem",
  entry: 'a file system object such as {"FileSystemId": "fs-...", "FileSystemArn": "...", "Policy": {...}}',
  arnKey: "FileSystemArn",
  arn: {
    what: "an EFS file system ARN",
    service: "elasticfilesystem",
    resource: /^file-system\/(.+)$/,
    example: "file-system/<file system id>",
  },
  nameKey: "FileSystemId",
  policyKey: "Policy",
});
