/**
 * The pieces of the LSP fuzz test (fuzz.test.ts): the texts and operations fast-check draws, and
 * the checks on what the server answers (every range and position inside the text of its document).
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import fc from 'fast-check';

// ---- Text geometry, as LSP counts it: lines end at \r\n, \r or \n; characters are UTF-16 units --

export interface Lines {
  /** Offset of each line's first character. */
  starts: number[];
  /** Length of each line without its line break. */
  lengths: number[];
}

const linesCache = new Map<string, Lines>();

export function linesOf(text: string): Lines {
  const cached = linesCache.get(text);
  if (cached) return cached;
  const starts = [0];
  const lengths: number[] = [];
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 13 || c === 10) {
      lengths.push(i - starts[starts.length - 1]);
      if (c === 13 && text.charCodeAt(i + 1) === 10) i++;
      starts.push(i + 1);
    }
  }
  lengths.push(text.length - starts[starts.length - 1]);
  if (linesCache.size > 200) linesCache.clear();
  linesCache.set(text, { starts, lengths });
  return { starts, lengths };
}

export interface Position {
  line: number;
  character: number;
}
export interface Range {
  start: Position;
  end: Position;
}

export const isPosition = (x: any): x is Position => !!x && typeof x === 'object' && typeof x.line === 'number' && typeof x.character === 'number';
export const isRange = (x: any): x is Range => !!x && typeof x === 'object' && isPosition(x.start) && isPosition(x.end);

/** Why a position is not inside the text, or undefined when it is. */
export function positionProblem(text: string, p: Position): string | undefined {
  const { lengths } = linesOf(text);
  if (!Number.isInteger(p.line) || !Number.isInteger(p.character)) return `not integers (${p.line}:${p.character})`;
  if (p.line < 0 || p.line >= lengths.length) return `line ${p.line} of a text of ${lengths.length} lines`;
  if (p.character < 0 || p.character > lengths[p.line]) return `character ${p.character} of line ${p.line}, which has ${lengths[p.line]}`;
  return undefined;
}

export function offsetOf(text: string, p: Position): number {
  return linesOf(text).starts[p.line] + p.character;
}

/** Why a range is not inside the text, or undefined when it is. */
export function rangeProblem(text: string, r: Range): string | undefined {
  const a = positionProblem(text, r.start);
  if (a) return `start: ${a}`;
  const b = positionProblem(text, r.end);
  if (b) return `end: ${b}`;
  if (offsetOf(text, r.start) > offsetOf(text, r.end)) return 'start after end';
  return undefined;
}

/** Whether a position falls between the two halves of a surrogate pair (inside the text, but inside a character). */
export function splitsPair(text: string, p: Position): boolean {
  const o = offsetOf(text, p);
  const hi = text.charCodeAt(o - 1);
  const lo = text.charCodeAt(o);
  return hi >= 0xd800 && hi <= 0xdbff && lo >= 0xdc00 && lo <= 0xdfff;
}

export function positionAt(text: string, offset: number): Position {
  const { starts } = linesOf(text);
  const o = Math.max(0, Math.min(text.length, offset));
  let lo = 0;
  let hi = starts.length - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if (starts[mid] <= o) lo = mid;
    else hi = mid - 1;
  }
  // An offset between \r and \n belongs to the line the \r ends.
  return { line: lo, character: o - starts[lo] };
}

// ---- Finding the ranges and positions of an answer -------------------------------------------

export interface Found {
  /** The document the range is in: the nearest `uri` around it, else the request's document. */
  uri: string | undefined;
  /** Where in the answer, for the report ("[3].range.start"). */
  where: string;
  range?: Range;
  position?: Position;
}

/**
 * Every range and bare position of a JSON answer, with its document. `skip` names keys whose
 * values are the client's own data sent back (a code action's diagnostics).
 */
export function collect(answer: unknown, uri: string | undefined, skip: Set<string> = new Set()): Found[] {
  const out: Found[] = [];
  const walk = (x: any, u: string | undefined, where: string) => {
    if (Array.isArray(x)) {
      x.forEach((v, i) => walk(v, u, `${where}[${i}]`));
      return;
    }
    if (!x || typeof x !== 'object') return;
    if (isRange(x)) {
      out.push({ uri: u, where, range: x });
      return;
    }
    if (isPosition(x)) {
      out.push({ uri: u, where, position: x });
      return;
    }
    let here = u;
    if (typeof x.uri === 'string') here = x.uri;
    else if (typeof x.targetUri === 'string') here = x.targetUri;
    else if (typeof x.textDocument?.uri === 'string') here = x.textDocument.uri;
    for (const [k, v] of Object.entries(x)) {
      if (skip.has(k)) continue;
      if (k === 'changes' && v && typeof v === 'object' && !Array.isArray(v)) {
        // A WorkspaceEdit: edits by document.
        for (const [cu, edits] of Object.entries(v)) walk(edits, cu, `${where}.changes[${cu}]`);
        continue;
      }
      walk(v, k === 'originSelectionRange' ? u : here, `${where}.${k}`);
    }
  };
  walk(answer, uri, '');
  return out;
}

/** Problems of semantic tokens (relative encoding, 5 numbers a token) against the text. */
export function tokenProblems(text: string, data: unknown): string[] {
  if (!Array.isArray(data)) return ['data is not an array'];
  if (data.length % 5) return [`${data.length} numbers, not a multiple of 5`];
  const { lengths } = linesOf(text);
  const out: string[] = [];
  let line = 0;
  let char = 0;
  for (let i = 0; i < data.length; i += 5) {
    const [dl, dc, len] = data.slice(i, i + 3) as number[];
    if (dl < 0 || (dl === 0 && dc < 0) || len < 0) out.push(`token ${i / 5}: deltas ${dl},${dc} length ${len}`);
    line += dl;
    char = dl === 0 ? char + dc : dc;
    if (line >= lengths.length) out.push(`token ${i / 5} on line ${line} of a text of ${lengths.length} lines`);
    else if (char + len > lengths[line]) out.push(`token ${i / 5} at ${line}:${char} length ${len} ends past its line (${lengths[line]} characters)`);
    if (out.length > 3) break;
  }
  return out;
}

// ---- What fast-check draws -------------------------------------------------------------------

const SAMPLES = 'samples';
const sampleTexts = fs.existsSync(SAMPLES)
  ? fs
      .readdirSync(SAMPLES)
      .filter((f) => f.endsWith('.txt'))
      .sort()
      .map((f) => fs.readFileSync(path.join(SAMPLES, f), 'utf8'))
  : ['Tổng thống Nga Vladimir Putin gặp Chủ tịch Kim Jong-un tại Vladivostok vào ngày 25/4.'];

/** Sentences of the sample articles. */
export const SENTENCES: string[] = sampleTexts
  .flatMap((t) => t.split(/(?<=[.!?])\s+|\n/))
  .map((s) => s.trim())
  .filter((s) => s.length > 10);

/** Words the analysis finds (names, dates, cues), to put positions on mentions. */
export const NEEDLES = [
  'Putin',
  'Vladimir Putin',
  'Kim Jong-un',
  'Kim',
  'Triều Tiên',
  'Nga',
  'Mỹ',
  'Vladivostok',
  'Moscow',
  'Washington',
  'Yonhap',
  'Reuters',
  'KCNA',
  'Yuri Ushakov',
  'Hà Nội',
  'ngày 24/4',
  'ngày 25/4',
  'hôm qua',
  'tuần trước',
  'năm 2019',
  '2019',
  'tháng 4',
  'cho biết',
  'cho rằng',
  'nói',
  'theo',
  'các chuyên gia',
  'các nhà phân tích',
  'Tổng thống',
  'Chủ tịch',
  'ông',
  'bà',
];

/** Characters that trouble positions and tokenizers. */
export const ODD = [
  '😀',
  '👩‍👩‍👧',
  '🇻🇳',
  '𝔸',
  '𝔸𝔹ℂ',
  '𠀀',
  '\u{10FFFF}', // astral
  'a\u0301',
  'e\u0302\u0301',
  'Nguye\u0302\u0303n',
  'o\u031B\u0300',
  'x' + '\u0301'.repeat(30), // combining marks
  '\u202E',
  '\u202D',
  '\u202C',
  '\u2066',
  '\u2067',
  '\u2069',
  '\u200F',
  '\u200E',
  '\u061C',
  '\u200B',
  '\u200D', // bidi, zero-width
  '\r',
  '\r\n',
  '\n',
  '\n\n',
  '\r\r',
  '\u2028',
  '\u2029',
  '\u0085',
  '\v',
  '\f',
  '\t', // line breaks
  '\0',
  '\uFEFF',
  '\uFFFD',
  '\uD800',
  '\uDC00',
  '\uDBFF', // NUL, BOM, lone surrogates
  '"',
  '“',
  '”',
  '«',
  '»',
  '–',
  '—',
  '…',
  '.',
  '. ',
  ', ',
  ':',
  ' - ',
  '(',
  ')', // punctuation around claims
];

export const nfd = (s: string) => s.normalize('NFD');

const piece: fc.Arbitrary<string> = fc.oneof(
  { arbitrary: fc.nat().map((i) => SENTENCES[i % SENTENCES.length] + ' '), weight: 5 },
  { arbitrary: fc.nat().map((i) => nfd(SENTENCES[i % SENTENCES.length]) + ' '), weight: 1 },
  { arbitrary: fc.constantFrom(...NEEDLES), weight: 3 },
  { arbitrary: fc.constantFrom(...ODD), weight: 5 },
  { arbitrary: fc.constantFrom(' ', ''), weight: 1 },
  { arbitrary: fc.string({ unit: 'binary', maxLength: 6 }), weight: 1 },
  { arbitrary: fc.string({ unit: 'grapheme', maxLength: 6 }), weight: 1 },
  {
    // Very long words.
    arbitrary: fc.tuple(fc.constantFrom('a', 'Nguyễn', 'Kim', '𝔸', 'e\u0301', '1', '-'), fc.integer({ min: 50, max: 4000 })).map(([w, n]) => w.repeat(n)),
    weight: 1,
  },
);

/** A short text (an edit's insert). */
export const shortText = fc.array(piece, { maxLength: 5 }).map((a) => a.join(''));

/** A whole document's text, as described by what fast-check drew; made concrete by `makeText`. */
export type TextSpec =
  { t: 'same' } | { t: 'sample'; i: number; inserts: { f: number; s: string }[]; nfd: boolean } | { t: 'pieces'; s: string } | { t: 'empty' };

export const textSpec: fc.Arbitrary<TextSpec> = fc.oneof(
  { arbitrary: fc.constant<TextSpec>({ t: 'same' }), weight: 3 },
  {
    arbitrary: fc.record({
      t: fc.constant('sample' as const),
      i: fc.nat(),
      inserts: fc.array(fc.record({ f: fc.double({ min: 0, max: 1, noNaN: true }), s: shortText }), { maxLength: 4 }),
      nfd: fc.boolean(),
    }),
    weight: 3,
  },
  { arbitrary: fc.array(piece, { maxLength: 40 }).map((a): TextSpec => ({ t: 'pieces', s: a.join('') })), weight: 3 },
  { arbitrary: fc.constant<TextSpec>({ t: 'empty' }), weight: 1 },
);

export function makeText(spec: TextSpec, current: string | undefined): string {
  switch (spec.t) {
    case 'same':
      return current ?? sampleTexts[0];
    case 'empty':
      return '';
    case 'pieces':
      return spec.s;
    case 'sample': {
      let text = sampleTexts[spec.i % sampleTexts.length];
      if (spec.nfd) text = nfd(text);
      for (const ins of spec.inserts) {
        const at = Math.floor(ins.f * text.length);
        text = text.slice(0, at) + ins.s + text.slice(at);
      }
      return text;
    }
  }
}

/**
 * A position, made concrete against the current text by `makePosition`: a fraction of the text, a
 * word the analysis finds (shifted a little), a line's end (and past it), or raw numbers, out of
 * range, negative or not integers.
 */
export type PosSpec =
  | { p: 'f'; f: number }
  | { p: 'needle'; i: number; nth: number; d: number }
  | { p: 'eol'; line: number; d: number }
  | { p: 'raw'; line: number; character: number };

const oddNumber = fc.oneof(
  { arbitrary: fc.integer({ min: -3, max: 120 }), weight: 6 },
  { arbitrary: fc.constantFrom(-1, -(2 ** 31), 2 ** 31 - 1, 2 ** 32, 1e9, Number.MAX_SAFE_INTEGER, 0.5, 1.5), weight: 1 },
);

export const posSpec: fc.Arbitrary<PosSpec> = fc.oneof(
  { arbitrary: fc.record({ p: fc.constant('f' as const), f: fc.double({ min: 0, max: 1, noNaN: true }) }), weight: 3 },
  { arbitrary: fc.record({ p: fc.constant('needle' as const), i: fc.nat(), nth: fc.nat(8), d: fc.integer({ min: -2, max: 4 }) }), weight: 5 },
  { arbitrary: fc.record({ p: fc.constant('eol' as const), line: fc.nat(), d: fc.integer({ min: -1, max: 3 }) }), weight: 1 },
  { arbitrary: fc.record({ p: fc.constant('raw' as const), line: oddNumber, character: oddNumber }), weight: 1 },
);

/** `extraNeedles` are names the server found (entities), added to NEEDLES. */
export function makePosition(spec: PosSpec, text: string, extraNeedles: readonly string[] = []): Position {
  switch (spec.p) {
    case 'raw':
      return { line: spec.line, character: spec.character };
    case 'f':
      return positionAt(text, Math.floor(spec.f * (text.length + 1)));
    case 'eol': {
      const { lengths } = linesOf(text);
      const line = spec.line % lengths.length;
      return { line, character: Math.max(0, lengths[line] + spec.d) };
    }
    case 'needle': {
      const all = [...NEEDLES, ...extraNeedles];
      const needle = all[spec.i % all.length];
      const hits: number[] = [];
      for (let at = text.indexOf(needle); at >= 0 && hits.length < 16; at = text.indexOf(needle, at + 1)) hits.push(at);
      const at = hits.length ? hits[spec.nth % hits.length] : Math.floor((spec.nth / 8) * text.length);
      return positionAt(text, at + spec.d);
    }
  }
}

/** Offsets for the custom requests that take one: from a position, or raw (negative, past the end). */
export type OffsetSpec = { o: 'pos'; pos: PosSpec } | { o: 'raw'; n: number };
export const offsetSpec: fc.Arbitrary<OffsetSpec> = fc.oneof(
  { arbitrary: posSpec.map((pos): OffsetSpec => ({ o: 'pos', pos })), weight: 5 },
  { arbitrary: oddNumber.map((n): OffsetSpec => ({ o: 'raw', n: n * 97 })), weight: 1 },
);
export function makeOffset(spec: OffsetSpec, text: string, extraNeedles: readonly string[] = []): number {
  if (spec.o === 'raw') return spec.n;
  const p = makePosition(spec.pos, text, extraNeedles);
  const { starts } = linesOf(text);
  return p.line >= 0 && p.line < starts.length ? starts[p.line] + p.character : p.character;
}

export const REQUESTS = [
  'textDocument/hover',
  'textDocument/definition',
  'textDocument/references',
  'textDocument/documentHighlight',
  'textDocument/documentSymbol',
  'workspace/symbol',
  'textDocument/inlayHint',
  'textDocument/semanticTokens/full',
  'textDocument/codeAction',
  'textDocument/prepareRename',
  'newsLens/documentEntities',
  'newsLens/entities',
  'newsLens/entityMentions',
  'newsLens/entityAt',
  'newsLens/claims',
  'newsLens/claimsView',
  'newsLens/timeline',
  'newsLens/similarClaims',
  'newsLens/stats',
] as const;

/** Requests that write (newslens.json, .ann files, an export) or reindex: drawn less often. */
export const WRITING_REQUESTS = [
  'newsLens/annotate',
  'newsLens/editRegistry',
  'newsLens/setArticleDate',
  'textDocument/rename',
  'newsLens/reindex',
  'newsLens/export',
] as const;

export interface RequestSpec {
  op: 'request';
  method: string;
  doc: number;
  a: PosSpec;
  b: PosSpec;
  offset: OffsetSpec;
  /** Drives the options of each request (paging, flags, kinds). */
  n: number;
  m: number;
  q: string;
  flag: boolean;
  cancel: boolean;
  /** Parameters of the wrong shape (0: none). */
  malformed: number;
}

export interface ChangeSpec {
  /** Undefined: the whole text is replaced. */
  range?: { a: PosSpec; b: PosSpec };
  text: string;
  full?: TextSpec;
}

export type Op =
  | { op: 'nop' }
  | { op: 'open'; doc: number; text: TextSpec }
  | { op: 'change'; doc: number; changes: ChangeSpec[] }
  | { op: 'close'; doc: number }
  | RequestSpec
  | { op: 'burst'; requests: RequestSpec[] };

const docIndex = fc.nat();

const requestSpec = (methods: fc.Arbitrary<string>): fc.Arbitrary<RequestSpec> =>
  fc.record({
    op: fc.constant('request' as const),
    method: methods,
    doc: docIndex,
    a: posSpec,
    b: posSpec,
    offset: offsetSpec,
    n: fc.oneof(fc.nat(40), fc.integer({ min: -5, max: 5 }), fc.constantFrom(2 ** 31, 1e12, 0.5)),
    m: fc.oneof(fc.nat(20), fc.integer({ min: -5, max: 0 }), fc.constantFrom(2 ** 31, 1e12, 0.5)),
    q: fc.oneof(
      fc.constantFrom('', 'putin', 'kim', 'Triều', 'trieu tien', 'nga', 'a', '😀', '\u202E', '\0', 'e\u0301', '.*', '(', '%'),
      fc.string({ maxLength: 6 }),
    ),
    flag: fc.boolean(),
    // One request in seven is cancelled right after it is sent.
    cancel: fc.nat(6).map((n) => n === 0),
    malformed: fc.oneof({ arbitrary: fc.constant(0), weight: 19 }, { arbitrary: fc.integer({ min: 1, max: 4 }), weight: 1 }),
  });

const changeSpec: fc.Arbitrary<ChangeSpec> = fc.oneof(
  { arbitrary: fc.record({ range: fc.record({ a: posSpec, b: posSpec }), text: shortText }), weight: 8 },
  { arbitrary: fc.record({ text: fc.constant(''), full: textSpec }), weight: 1 },
);

/**
 * One operation. The first choice (nothing) is where fast-check shrinks every operation that does
 * not matter to a failure, so that a shrunk sequence shows only what does.
 */
export const opArb: fc.Arbitrary<Op> = fc.oneof(
  { withCrossShrink: true },
  { arbitrary: fc.constant<Op>({ op: 'nop' }), weight: 1 },
  { arbitrary: fc.record({ op: fc.constant('open' as const), doc: docIndex, text: textSpec }), weight: 18 },
  { arbitrary: fc.record({ op: fc.constant('change' as const), doc: docIndex, changes: fc.array(changeSpec, { minLength: 1, maxLength: 3 }) }), weight: 42 },
  { arbitrary: fc.record({ op: fc.constant('close' as const), doc: docIndex }), weight: 9 },
  { arbitrary: requestSpec(fc.constantFrom(...REQUESTS)), weight: 90 },
  { arbitrary: requestSpec(fc.constantFrom(...WRITING_REQUESTS)), weight: 6 },
  {
    arbitrary: fc.record({ op: fc.constant('burst' as const), requests: fc.array(requestSpec(fc.constantFrom(...REQUESTS)), { minLength: 2, maxLength: 5 }) }),
    weight: 6,
  },
);

/** An operation in a line, for the report of a failing sequence. */
export function describeOp(op: Op, uriOf: (doc: number) => string): string {
  const name = (doc: number) => JSON.stringify(uriOf(doc).replace(/^file:\/\/\/tmp\/newslens-fuzz-[^/]*\//, ''));
  switch (op.op) {
    case 'nop':
      return 'nop';
    case 'open':
      return `open ${name(op.doc)} ${JSON.stringify(op.text).slice(0, 200)}`;
    case 'change':
      return `change ${name(op.doc)} ${JSON.stringify(op.changes).slice(0, 300)}`;
    case 'close':
      return `close ${name(op.doc)}`;
    case 'request':
      return `${op.method} ${name(op.doc)}${op.cancel ? ' (cancelled)' : ''}`;
    case 'burst':
      return `burst of ${op.requests.map((r) => r.method).join(', ')}`;
  }
}
