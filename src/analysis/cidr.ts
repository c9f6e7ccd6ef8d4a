/** IPv4/IPv6 CIDR parsing and containment, for aws:SourceIp. */
export interface Cidr {
  version: 4 | 6;
  network: bigint;
  prefix: number;
}

function parseIpv4(text: string): bigint | undefined {
  const parts = text.split(".");
  if (parts.length !== 4) return undefined;
  let value = 0n;
  for (const part of parts) {
    if (!/^\d{1,3}$/.test(part)) return undefined;
    const octet = Number(part);
    if (octet > 255) return undefined;
    value = (value << 8n) | BigInt(octet);
  }
  return value;
}

function parseIpv6(text: string): bigint | undefined {
  const halves = text.split("::");
  if (halves.length > 2) return undefined;
  const head = halves[0] ? halves[0].split(":") : [];
  const tail = halves.length === 2 && halves[1] ? halves[1].split(":") : [];
  const missing = 8 - head.length - tail.length;
  if (halves.length === 1 ? missing !== 0 : missing < 1) return undefined;
  const groups = [...head, ...Array<string>(halves.length === 2 ? missing : 0).fill("0"), ...tail];
  let value = 0n;
  for (const group of groups) {
    if (!/^[0-9a-fA-F]{1,4}$/.test(group)) return undefined;
    value = (value << 16n) | BigInt(parseInt(group, 16));
  }
  return value;
}

export function parseCidr(text: string): Cidr | undefined {
  const [address = "", prefixText] = text.trim().split("/");
  const version = address.includes(":") ? 6 : 4;
  const bits = version === 4 ? 32 : 128;
  const parsed = version === 4 ? parseIpv4(address) : parseIpv6(address);
  if (parsed === undefined) return undefined;
  const prefix = prefixText === undefined ? bits : Number(prefixText);
  if (!Number.isInteger(prefix) || prefix < 0 || prefix > bits) return undefined;
  const mask = prefix === 0 ? 0n : ((1n << BigInt(prefix)) - 1n) << BigInt(bits - prefix);
  return { version, network: parsed & mask, prefix };
}

/** True when every address of `inner` lies in `outer`. */
export function cidrContains(outer: Cidr, inner: Cidr): boolean {
  if (outer.version !== inner.version || inner.prefix < outer.prefix) return false;
  const bits = outer.version === 4 ? 32 : 128;
  const shift = BigInt(bits - outer.prefix);
  return outer.prefix === 0 || inner.network >> shift === outer.network >> shift;
}

export function cidrsOverlap(a: Cidr, b: Cidr): boolean {
  return cidrContains(a, b) || cidrContains(b, a);
}

/** docs/semantics.md#conditions: an IPv4 range wider than /8 (IPv6 wider than /32) confines nothing. */
export function isTooWideToConfine(cidr: Cidr): boolean {
  return cidr.version === 4 ? cidr.prefix < 8 : cidr.prefix < 32;
}
