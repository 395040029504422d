/**
 * The bytes of an article file as text. UTF-8 with or without a byte order mark, UTF-16 LE or BE
 * with a BOM, or without one when the NUL bytes say so. Bytes that are not valid in the encoding
 * are replaced with U+FFFD and counted in `warning`, never silently; files that look binary are
 * reported as such and not decoded. Offsets everywhere else are UTF-16 code units of `text`.
 */

export type ArticleEncoding = 'utf-8' | 'utf-8-bom' | 'utf-16le' | 'utf-16be';

export interface DecodedArticle {
  /** The article without its byte order mark; '' for a binary file. */
  text: string;
  encoding: ArticleEncoding;
  /** Why the text is not exactly the file (replaced bytes), or why the file is not text ("not a text file (a NUL byte at byte 8)"). */
  warning?: string;
  /** The file is not text (NUL bytes, control characters); `text` is ''. */
  binary?: boolean;
}

/** Bytes looked at to tell UTF-16 without a BOM. */
const UTF16_SAMPLE = 4096;
/** Bytes (or characters) looked at for control characters. */
const BINARY_SAMPLE = 8192;
/** More than this fraction of control characters in the sample is a binary file. */
const BINARY_FRACTION = 0.01;

/** C0 control characters that text files have: \t \n \v \f \r and ESC. */
function isTextControl(c: number): boolean {
  return (c >= 0x09 && c <= 0x0d) || c === 0x1b;
}

/** UTF-16 without a BOM: in the first few KB, one half of the bytes is mostly NUL (the high bytes of ASCII), the other half mostly not. */
function sniffUtf16(bytes: Uint8Array): 'utf-16le' | 'utf-16be' | undefined {
  const n = Math.min(bytes.length, UTF16_SAMPLE) & ~1;
  if (n < 2) return undefined;
  let evenNul = 0;
  let oddNul = 0;
  for (let i = 0; i < n; i += 2) {
    if (bytes[i] === 0) evenNul++;
    if (bytes[i + 1] === 0) oddNul++;
  }
  const pairs = n / 2;
  if (oddNul >= 0.4 * pairs && evenNul <= 0.05 * pairs) return 'utf-16le';
  if (evenNul >= 0.4 * pairs && oddNul <= 0.05 * pairs) return 'utf-16be';
  return undefined;
}

/** Why decoded text is not text, if it is not: a NUL, or too many control characters near the start. */
function binaryReason(text: string): string | undefined {
  const nul = text.indexOf('\0');
  if (nul >= 0) return `a NUL character at offset ${nul}`;
  const n = Math.min(text.length, BINARY_SAMPLE);
  let controls = 0;
  for (let i = 0; i < n; i++) {
    const c = text.charCodeAt(i);
    if (c < 0x20 && !isTextControl(c)) controls++;
  }
  return controls > BINARY_FRACTION * n ? `${controls} control characters in the first ${n}` : undefined;
}

function plural(n: number, one: string, many: string): string {
  return `${n} ${n === 1 ? one : many}`;
}

function countFffd(text: string): number {
  let n = 0;
  for (let i = text.indexOf('\uFFFD'); i >= 0; i = text.indexOf('\uFFFD', i + 1)) n++;
  return n;
}

/** UTF-8 (the BOM already cut off): the text, and how many byte sequences were replaced. */
function decodeUtf8(bytes: Uint8Array): { text: string; replaced: number } {
  try {
    return { text: new TextDecoder('utf-8', { fatal: true, ignoreBOM: true }).decode(bytes), replaced: 0 };
  } catch {
    const text = new TextDecoder('utf-8', { ignoreBOM: true }).decode(bytes);
    // U+FFFD that the file itself holds (EF BF BD) is not a replacement. EF is never a continuation
    // byte, so each such triple decodes on its own.
    let own = 0;
    for (let i = bytes.indexOf(0xef); i >= 0 && i + 2 < bytes.length; i = bytes.indexOf(0xef, i + 1)) {
      if (bytes[i + 1] === 0xbf && bytes[i + 2] === 0xbd) own++;
    }
    return { text, replaced: countFffd(text) - own };
  }
}

/** UTF-16 little endian (big endian bytes are swapped first; the BOM already cut off). */
function decodeUtf16(bytes: Uint8Array, bigEndian: boolean): { text: string; replaced: number } {
  let le = bytes;
  if (bigEndian) {
    le = new Uint8Array(bytes.length);
    for (let i = 0; i + 1 < bytes.length; i += 2) {
      le[i] = bytes[i + 1];
      le[i + 1] = bytes[i];
    }
    if (bytes.length & 1) le[bytes.length - 1] = bytes[bytes.length - 1];
  }
  try {
    return { text: new TextDecoder('utf-16le', { fatal: true, ignoreBOM: true }).decode(le), replaced: 0 };
  } catch {
    const text = new TextDecoder('utf-16le', { ignoreBOM: true }).decode(le);
    let own = 0;
    for (let i = 0; i + 1 < le.length; i += 2) if (le[i] === 0xfd && le[i + 1] === 0xff) own++;
    return { text, replaced: countFffd(text) - own };
  }
}

/** Decodes an article file's bytes: see the module comment. */
export function decodeArticle(bytes: Uint8Array): DecodedArticle {
  let encoding: ArticleEncoding;
  let body: Uint8Array;
  if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) {
    encoding = 'utf-8-bom';
    body = bytes.subarray(3);
  } else if (bytes[0] === 0xff && bytes[1] === 0xfe) {
    encoding = 'utf-16le';
    body = bytes.subarray(2);
  } else if (bytes[0] === 0xfe && bytes[1] === 0xff) {
    encoding = 'utf-16be';
    body = bytes.subarray(2);
  } else {
    encoding = sniffUtf16(bytes) ?? 'utf-8';
    body = bytes;
  }
  const utf16 = encoding === 'utf-16le' || encoding === 'utf-16be';
  if (!utf16) {
    // Binary before decoding: a NUL byte anywhere, or control bytes near the start.
    const nul = body.indexOf(0);
    if (nul >= 0) return { text: '', encoding, binary: true, warning: `not a text file (a NUL byte at byte ${nul + bytes.length - body.length})` };
  }
  const { text, replaced } = utf16 ? decodeUtf16(body, encoding === 'utf-16be') : decodeUtf8(body);
  const binary = binaryReason(text);
  if (binary) return { text: '', encoding, binary: true, warning: `not a text file (${binary})` };
  if (!replaced) return { text, encoding };
  const what = utf16 ? 'UTF-16' : 'UTF-8';
  const warning = `${plural(replaced, 'byte sequence is', 'byte sequences are')} not valid ${what} and ${replaced === 1 ? 'was' : 'were'} replaced with \uFFFD`;
  return { text, encoding, warning };
}
