import { InputError } from "./input-error.js";
import { lineAndColumn, pathAt } from "./json-syntax-error.js";

const UTF8_BOM = [0xef, 0xbb, 0xbf];
const UTF16LE_BOM = [0xff, 0xfe];
const UTF16BE_BOM = [0xfe, 0xff];
const REPLACEMENT_CHARACTER = 0xfffd;

type Encoding = "utf-8" | "utf-16le" | "utf-16be";

/**
 * Decodes a file strictly: a byte sequence that is not valid in its encoding is an InputError naming the
 * byte offset, never a replacement character (which would make up role names and principals). UTF-8 is the
 * format (AWS CLI output is UTF-8); UTF-16 with a byte order mark is accepted too, because Windows
 * PowerShell 5 writes `aws ... > file.json` that way. A byte order mark is dropped.
 */
export function decodeText(bytes: Uint8Array, file: string): string {
  const encoding = encodingOf(bytes);
  if (encoding === undefined) {
    throw new InputError({
      file,
      jsonPath: "$",
      expected: "UTF-8 text",
      found: "UTF-16 text without a byte order mark (save the file as UTF-8)",
    });
  }
  try {
    // TextDecoder drops the byte order mark of its own encoding.
    return new TextDecoder(encoding, { fatal: true }).decode(bytes);
  } catch {
    throw invalidText(bytes, file, encoding);
  }
}

function encodingOf(bytes: Uint8Array): Encoding | undefined {
  if (startsWith(bytes, UTF8_BOM)) return "utf-8";
  if (startsWith(bytes, UTF16LE_BOM)) return "utf-16le";
  if (startsWith(bytes, UTF16BE_BOM)) return "utf-16be";
  // JSON starts with an ASCII character; a zero byte beside it is UTF-16 that lost its byte order mark.
  const [first, second] = bytes;
  if (first !== undefined && second !== undefined && (first === 0) !== (second === 0)) return undefined;
  return "utf-8";
}

function startsWith(bytes: Uint8Array, prefix: number[]): boolean {
  return prefix.every((byte, index) => bytes[index] === byte);
}

function invalidText(bytes: Uint8Array, file: string, encoding: Encoding): InputError {
  const offset = encoding === "utf-8" ? firstInvalidUtf8(bytes) : firstInvalidUtf16(bytes, encoding);
  // The valid text before the bad bytes gives the line, column and JSON path the user can look at.
  const before = new TextDecoder(encoding).decode(bytes.subarray(0, offset));
  const { line, column } = lineAndColumn(before, before.length);
  return new InputError({
    file,
    jsonPath: pathAt(before, before.length),
    expected: encoding === "utf-8" ? "UTF-8 text" : "UTF-16 text",
    found: `${describeInvalid(bytes, offset, encoding)} (byte offset ${offset})`,
    line,
    column,
  });
}

function describeInvalid(bytes: Uint8Array, offset: number, encoding: Encoding): string {
  if (encoding === "utf-8") return `the byte 0x${hex(bytes[offset], 2)}, which is not valid UTF-8`;
  if (offset + 1 >= bytes.length) return "a last byte that is half a UTF-16 code unit";
  return `the code unit 0x${hex(codeUnit(bytes, offset, encoding), 4)}, an unpaired UTF-16 surrogate`;
}

/**
 * Offset of the first byte that does not start a valid UTF-8 sequence. A lenient decode maps each valid
 * character to itself and each invalid sequence to U+FFFD; the first U+FFFD that the bytes do not spell
 * (EF BF BD) is where they stop being valid.
 */
function firstInvalidUtf8(bytes: Uint8Array): number {
  const lenient = new TextDecoder("utf-8", { ignoreBOM: true }).decode(bytes);
  let offset = 0;
  for (const char of lenient) {
    const codePoint = char.codePointAt(0) ?? 0;
    if (
      codePoint === REPLACEMENT_CHARACTER &&
      !(bytes[offset] === 0xef && bytes[offset + 1] === 0xbf && bytes[offset + 2] === 0xbd)
    ) {
      return offset;
    }
    offset += codePoint < 0x80 ? 1 : codePoint < 0x800 ? 2 : codePoint < 0x10000 ? 3 : 4;
  }
  return offset;
}

/** Offset of the first unpaired surrogate, or of an odd last byte. */
function firstInvalidUtf16(bytes: Uint8Array, encoding: Encoding): number {
  let offset = 2; // after the byte order mark
  while (offset + 1 < bytes.length) {
    const unit = codeUnit(bytes, offset, encoding);
    if (unit >= 0xdc00 && unit <= 0xdfff) return offset;
    if (unit >= 0xd800 && unit <= 0xdbff) {
      const next = offset + 3 < bytes.length ? codeUnit(bytes, offset + 2, encoding) : undefined;
      if (next === undefined || next < 0xdc00 || next > 0xdfff) return offset;
      offset += 4;
    } else {
      offset += 2;
    }
  }
  return offset;
}

function codeUnit(bytes: Uint8Array, offset: number, encoding: Encoding): number {
  const first = bytes[offset] ?? 0;
  const second = bytes[offset + 1] ?? 0;
  return encoding === "utf-16le" ? first | (second << 8) : (first << 8) | second;
}

function hex(value: number | undefined, digits: number): string {
  return (value ?? 0).toString(16).padStart(digits, "0");
}
