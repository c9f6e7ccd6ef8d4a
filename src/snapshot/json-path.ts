const IDENTIFIER = /^[A-Za-z_$][A-Za-z0-9_$]*$/;

/** `$.a.b`, or `$.a["aws:SourceArn"]` for keys that are not identifiers. */
export function childPath(parent: string, key: string): string {
  return IDENTIFIER.test(key) ? `${parent}.${key}` : `${parent}[${JSON.stringify(key)}]`;
}

export function elementPath(parent: string, index: number): string {
  return `${parent}[${index}]`;
}
