import { describe, expect, it } from "vitest";
import { InputError, parseJson, readPolicyDocument } from "../../src/snapshot/index.js";
import type { PolicyDocument, ReadProblem } from "../../src/model/index.js";
import type { PolicyKind } from "../../src/snapshot/policy-grammar.js";

const FILE = "inline/policy.json";

function policy(value: unknown, kind: PolicyKind = "bucket-policy"): PolicyDocument {
  return readPolicyDocument(parseJson(JSON.stringify(value, null, 2), FILE), { kind, problems: [] });
}

function policyText(text: string, kind: PolicyKind = "bucket-policy"): PolicyDocument {
  return readPolicyDocument(parseJson(text, FILE), { kind, problems: [] });
}

function trustText(text: string): PolicyDocument {
  return policyText(text, "trust-policy");
}

function inputErrorOf(read: () => unknown): InputError {
  try {
    read();
  } catch (error) {
    if (error instanceof InputError) return error;
    throw error;
  }
  throw new Error("expected an InputError, but the input was accepted");
}

const trust = {
  Version: "2012-10-17",
  Statement: [
    { Effect: "Allow", Principal: { AWS: "arn:aws:iam::999999999999:root" }, Action: "sts:AssumeRole" },
  ],
};

describe("string-or-array tolerance", () => {
  it("accepts Statement as one object or as an array", () => {
    const single = policy({ Version: "2012-10-17", Statement: trust.Statement[0] });
    const list = policy(trust);
    expect(single.statements).toHaveLength(1);
    expect(single.statements[0]?.index).toBe(0);
    expect(single.statements[0]?.canonical).toBe(list.statements[0]?.canonical);
  });

  it('reads "*", {"AWS": "*"} and {"AWS": ["*"]} as the same principal', () => {
    const forms = ["*", { AWS: "*" }, { AWS: ["*"] }].map(
      (principal) =>
        policy({ Statement: { Effect: "Allow", Principal: principal, Action: "s3:GetObject" } })
          .statements[0],
    );
    for (const statement of forms) expect(statement?.principals).toEqual([{ type: "AWS", value: "*" }]);
    expect(new Set(forms.map((statement) => statement?.canonical)).size).toBe(1);
  });

  it("reads every principal type, as a string or an array, in the order written", () => {
    const statement = policy({
      Statement: {
        Effect: "Allow",
        Principal: {
          Service: ["ecs-tasks.amazonaws.com", "lambda.amazonaws.com"],
          AWS: "111122223333",
          Federated: "cognito-identity.amazonaws.com",
          CanonicalUser: "79a59df900b949e55d96a1e698fbacedfd6e09d98eacf8f8d5218e7cd47ef2be",
        },
        Action: "sts:AssumeRole",
      },
    }).statements[0];
    expect(statement?.principals).toEqual([
      { type: "Service", value: "ecs-tasks.amazonaws.com" },
      { type: "Service", value: "lambda.amazonaws.com" },
      { type: "AWS", value: "111122223333" },
      { type: "Federated", value: "cognito-identity.amazonaws.com" },
      { type: "CanonicalUser", value: "79a59df900b949e55d96a1e698fbacedfd6e09d98eacf8f8d5218e7cd47ef2be" },
    ]);
  });

  it("reads NotPrincipal, NotAction and NotResource", () => {
    const statement = policy({
      Statement: {
        Effect: "Deny",
        NotPrincipal: { AWS: ["a", "b"] },
        NotAction: "s3:Get*",
        NotResource: ["x"],
      },
    }).statements[0];
    expect(statement?.principals).toBeUndefined();
    expect(statement?.notPrincipals).toEqual([
      { type: "AWS", value: "a" },
      { type: "AWS", value: "b" },
    ]);
    expect(statement?.notActions).toEqual(["s3:Get*"]);
    expect(statement?.actions).toBeUndefined();
    expect(statement?.notResources).toEqual(["x"]);
  });

  it("reads Action and Resource as a string or an array", () => {
    const [one, many] = policy({
      Statement: [
        { Effect: "Allow", Action: "s3:GetObject", Resource: "arn:aws:s3:::b/*" },
        {
          Effect: "Allow",
          Action: ["s3:GetObject", "s3:PutObject"],
          Resource: ["arn:aws:s3:::b", "arn:aws:s3:::b/*"],
        },
      ],
    }).statements;
    expect(one?.actions).toEqual(["s3:GetObject"]);
    expect(one?.resources).toEqual(["arn:aws:s3:::b/*"]);
    expect(many?.actions).toEqual(["s3:GetObject", "s3:PutObject"]);
    expect(many?.resources).toEqual(["arn:aws:s3:::b", "arn:aws:s3:::b/*"]);
    expect(many?.index).toBe(1);
  });

  it("stringifies condition values (string, boolean, number, arrays of them) and keeps the author's spelling", () => {
    const statement = policyText(`{"Statement": {"Effect": "Allow", "Action": "s3:*", "Condition": {
      "bool": {"AWS:SecureTransport": false},
      "NumericLessThanEquals": {"s3:max-keys": [10, 2.50, 123456789012345678901]},
      "ForAnyValue:StringLike": {"aws:PrincipalOrgPaths": ["o-a/r-b/ou-c/*", true]},
      "StringEquals": {"aws:SourceAccount": []}
    }}}`).statements[0];
    expect(statement?.conditions).toEqual([
      {
        operator: "bool",
        operatorLower: "bool",
        key: "AWS:SecureTransport",
        keyLower: "aws:securetransport",
        values: ["false"],
      },
      {
        operator: "NumericLessThanEquals",
        operatorLower: "numericlessthanequals",
        key: "s3:max-keys",
        keyLower: "s3:max-keys",
        // Numbers keep their written digits: no float rounding of long ids.
        values: ["10", "2.50", "123456789012345678901"],
      },
      {
        operator: "ForAnyValue:StringLike",
        operatorLower: "foranyvalue:stringlike",
        key: "aws:PrincipalOrgPaths",
        keyLower: "aws:principalorgpaths",
        values: ["o-a/r-b/ou-c/*", "true"],
      },
      {
        operator: "StringEquals",
        operatorLower: "stringequals",
        key: "aws:SourceAccount",
        keyLower: "aws:sourceaccount",
        values: [],
      },
    ]);
  });

  it("treats an empty Sid as no Sid", () => {
    expect(
      policy({ Statement: { Sid: "", Effect: "Allow", Action: "s3:*" } }).statements[0]?.sid,
    ).toBeUndefined();
  });
});

describe("documents written as strings", () => {
  const document = {
    Version: "2012-10-17",
    Statement: [
      {
        Effect: "Allow",
        Principal: { AWS: "arn:aws:iam::999999999999:role/deploy+ci" },
        Action: "sts:AssumeRole",
        Condition: { StringEquals: { "sts:ExternalId": "a+b c" } },
      },
    ],
  };
  const fromObject = policy(document).statements[0];

  it("reads a JSON string document, located at the string", () => {
    const text = `{\n  "Doc": ${JSON.stringify(JSON.stringify(document, null, 2))}\n}`;
    const root = parseJson(text, FILE).object();
    const parsed = readPolicyDocument(root.require("Doc", "a document"), {
      kind: "bucket-policy",
      problems: [],
    });
    expect(parsed.statements[0]?.canonical).toBe(fromObject?.canonical);
    const stringSpan = {
      file: FILE,
      startLine: 2,
      startColumn: 10,
      endLine: 2,
      endColumn: text.split("\n")[1]!.length + 1,
    };
    expect(parsed.location).toEqual(stringSpan);
    expect(parsed.statements[0]?.location).toEqual(stringSpan);
  });

  it("reads a URL-encoded document (what the SDKs return) without turning + into a space", () => {
    const encoded = encodeURIComponent(JSON.stringify(document, null, 4));
    expect(encoded).toContain("%2B");
    const parsed = readPolicyDocument(parseJson(JSON.stringify(encoded), FILE), {
      kind: "bucket-policy",
      problems: [],
    });
    expect(parsed.statements[0]?.principals).toEqual([
      { type: "AWS", value: "arn:aws:iam::999999999999:role/deploy+ci" },
    ]);
    expect(parsed.statements[0]?.conditions[0]?.values).toEqual(["a+b c"]);
    expect(parsed.statements[0]?.canonical).toBe(fromObject?.canonical);
    expect(parsed.statements[0]?.location).toEqual({
      file: FILE,
      startLine: 1,
      startColumn: 1,
      endLine: 1,
      endColumn: encoded.length + 3,
    });
  });

  it("names the string when a string document is not valid JSON", () => {
    const error = inputErrorOf(() =>
      readPolicyDocument(parseJson('{"Doc": "{\\"Statement\\": ["}', FILE).object().require("Doc", "x"), {
        kind: "bucket-policy",
        problems: [],
      }),
    );
    expect(error.jsonPath).toBe("$.Doc");
    expect(error.expected).toBe("a policy document: an object, a JSON string or a URL-encoded JSON string");
    expect(error.found).toMatch(/^a string that is not valid JSON \(the end of the file/);
    expect([error.line, error.column]).toEqual([1, 9]);
  });

  it("rejects a string that is neither JSON nor URL-encoded JSON, and a bad %-escape", () => {
    expect(inputErrorOf(() => policy("Allow everything")).found).toBe('the string "Allow everything"');
    expect(inputErrorOf(() => policy("%7B%ZZ")).found).toBe("a string with an invalid %-escape");
  });

  it("reports errors and problems inside a string document with the path inside it and the string's position", () => {
    const read = (document: unknown, problems: ReadProblem[] = []) =>
      readPolicyDocument(
        parseJson(`\n  ${JSON.stringify(encodeURIComponent(JSON.stringify(document)))}`, FILE),
        {
          kind: "bucket-policy",
          problems,
        },
      );
    const error = inputErrorOf(() => read({ Statement: 42 }));
    expect(error.jsonPath).toBe("$.Statement");
    expect([error.line, error.column]).toEqual([2, 3]);
    const problems: ReadProblem[] = [];
    read(
      { Statement: [{ Effect: "Allow", Principal: { Group: "x" }, Action: "s3:*", Resource: "*" }] },
      problems,
    );
    expect(problems).toEqual([
      {
        kind: "policy-grammar",
        file: FILE,
        jsonPath: "$.Statement[0].Principal.Group",
        message:
          'judged as Principal "*": line 2, column 3: expected a principal type: AWS, Service, Federated or ' +
          'CanonicalUser (AWS JSON policy elements: Principal), found the key "Group"',
      },
    ]);
  });
});

describe("canonical form", () => {
  const original = `{
  "Version": "2012-10-17",
  "Statement": [
    {
      "Sid": "Partner",
      "Effect": "Allow",
      "Principal": { "AWS": ["arn:aws:iam::999999999999:root", "111122223333"], "Service": "sns.amazonaws.com" },
      "Action": ["sts:AssumeRole", "sts:TagSession"],
      "Condition": {
        "StringEquals": { "sts:ExternalId": ["x-2", "x-1"], "aws:SourceAccount": "999999999999" },
        "Bool": { "aws:SecureTransport": "true" }
      }
    }
  ]
}`;
  const reexported = `{"Statement":{"Condition":{"bool":{"AWS:SecureTransport":true},"stringequals":{"AWS:SourceAccount":999999999999,
"STS:EXTERNALID":["x-1","x-2"]}},"Action":["sts:TagSession","sts:AssumeRole"],"Effect":"Allow","Principal":{"Service":
["sns.amazonaws.com"],"AWS":["111122223333","arn:aws:iam::999999999999:root"]},"Sid":"Partner"},"Version":"2012-10-17"}`;

  it("is equal for a re-indented, re-ordered copy", () => {
    const a = trustText(original).statements[0];
    const b = trustText(reexported).statements[0];
    expect(a?.location).not.toEqual(b?.location);
    expect(b?.canonical).toBe(a?.canonical);
    expect(a?.canonical).toBe(
      '{"Action":["sts:AssumeRole","sts:TagSession"],' +
        '"Condition":{"bool":{"aws:securetransport":["true"]},' +
        '"stringequals":{"aws:sourceaccount":["999999999999"],"sts:externalid":["x-1","x-2"]}},' +
        '"Effect":"Allow","Principal":{"AWS":["111122223333","arn:aws:iam::999999999999:root"],' +
        '"Service":["sns.amazonaws.com"]},"Sid":"Partner"}',
    );
  });

  it("changes when the meaning changes: a value, the effect, the Sid, Action vs NotAction", () => {
    const base = trustText(original).statements[0]?.canonical;
    const variants = [
      original.replace('"x-2"', '"x-3"'),
      original.replace('"Allow"', '"Deny"'),
      original.replace('"Partner"', '"Partner2"'),
      original.replace('"Action"', '"NotAction"'),
      original.replace('"Principal"', '"NotPrincipal"'),
    ].map((text) => trustText(text).statements[0]?.canonical);
    for (const variant of variants) expect(variant).not.toBe(base);
    expect(new Set(variants).size).toBe(variants.length);
  });

  it("does not let a condition key named __proto__ disappear", () => {
    const statement = trustText(
      '{"Statement": {"Effect": "Allow", "Principal": "*", "Action": "sts:AssumeRole", "Condition": {"StringEquals": {"__proto__": "x"}}}}',
    ).statements[0];
    expect(statement?.canonical).toBe(
      '{"Action":["sts:AssumeRole"],"Condition":{"stringequals":{"__proto__":["x"]}},"Effect":"Allow","Principal":{"AWS":["*"]}}',
    );
  });
});

describe("documents that are not policies: an InputError (the grammar problems are in policy-grammar.test.ts)", () => {
  const cases: Array<{
    name: string;
    text: string;
    jsonPath: string;
    expected: string;
    found: string;
    line: number;
    column: number;
  }> = [
    {
      name: "Statement a number",
      text: '{\n  "Statement": 42\n}',
      jsonPath: "$.Statement",
      expected: "a statement object or an array of statement objects",
      found: "the number 42",
      line: 2,
      column: 16,
    },
    {
      name: "no Statement",
      text: '{"Version": "2012-10-17"}',
      jsonPath: "$.Statement",
      expected: "a statement object or an array of statement objects",
      found: 'no "Statement" key',
      line: 1,
      column: 1,
    },
    {
      name: "the document an array",
      text: "[]",
      jsonPath: "$",
      expected: "a policy document: an object, a JSON string or a URL-encoded JSON string",
      found: "an array",
      line: 1,
      column: 1,
    },
  ];

  for (const testCase of cases) {
    it(`${testCase.name}: names file, JSON path, expectation and position`, () => {
      const { name: _name, text: _text, ...expected } = testCase;
      const error = inputErrorOf(() => policyText(testCase.text));
      expect({
        file: error.file,
        jsonPath: error.jsonPath,
        expected: error.expected,
        found: error.found,
        line: error.line,
        column: error.column,
      }).toEqual({ file: FILE, ...expected });
      expect(error.message).toBe(
        `${FILE}:${testCase.line}:${testCase.column}: ${testCase.jsonPath}: expected ${testCase.expected}, found ${testCase.found}`,
      );
    });
  }
});
