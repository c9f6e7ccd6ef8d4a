import type { ReadProblem } from "../model/snapshot.js";
import type { JsonNode } from "./json-node.js";
import { readOrRecord, type FileProblems } from "./read-problem.js";

/**
 * Reads each entry; one that throws is left out with a problem saying so. The grammar problems of an entry are
 * kept only when the entry itself is: they say how it was judged.
 */
export function readEach<T>(
  nodes: JsonNode[],
  read: (node: JsonNode, grammarProblems: ReadProblem[]) => T,
  consequence: (node: JsonNode) => string,
  problems: FileProblems,
): T[] {
  const results: T[] = [];
  for (const node of nodes) {
    const grammarProblems: ReadProblem[] = [];
    const result = readOrRecord(
      () => read(node, grammarProblems),
      () => consequence(node),
      problems,
    );
    if (result === undefined) continue;
    results.push(result);
    problems.push(...grammarProblems);
  }
  return results;
}

/** The entry's name for a message, or its JSON path when it has none that can be read. */
export function nameOf(node: JsonNode, key: string): string {
  const value = node.kind === "object" ? node.object().get(key) : undefined;
  return value?.kind === "string" ? value.string() : node.path;
}
