/**
 * Export of an analysed collection (the user's decisions merged in) to brat standoff, CoNLL BIO
 * columns, doccano JSONL and W3C Web Annotation JSON-LD, and import of a brat corpus.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { CollectionResult, DateMention, DocumentResult, EntityMention, MentionKind } from '../types';
import { tokenize } from '../text/tokens';
import { normalize } from '../text/normalize';
import { splitSentences } from '../text/sentences';
import { codePointIndex, spanFields, TYPE_OF } from './brat';
import { readArticleFile } from '../collect';
import { readDecisions, type Decisions } from './decisions';
import { writeFileAtomic } from '../meta/write';

export type Format = 'brat' | 'conll' | 'jsonl' | 'webanno';
export const FORMATS: Format[] = ['brat', 'conll', 'jsonl', 'webanno'];

const SHORT: Record<MentionKind, string> = { person: 'PER', organization: 'ORG', location: 'LOC', date: 'DATE' };

export interface ExportInput {
  result: CollectionResult;
  /** Original text of each document, by its path in the result. */
  texts: Map<string, string>;
}

/** A registry or gazetteer key as a brat reference id (no spaces or colons). */
function refOf(e: { key?: string; id: string }): string {
  return (e.key ?? e.id).replace(/[\s:]+/g, '_');
}

/** The .ann text of one analysed article: mentions, entity links, date values, claims. */
export function toBrat(d: DocumentResult, text: string, result: CollectionResult): string {
  const lines: string[] = [];
  const cps = codePointIndex(text);
  // A span over line breaks is written as brat writes it: fragments, their texts joined by a space.
  const span = (start: number, end: number) => {
    const f = spanFields(text, start, end, cps);
    return `${f.spans.map(([s, e]) => `${s} ${e}`).join(';')}\t${f.text}`;
  };
  let t = 0;
  let n = 0;
  let a = 0;
  let note = 0;
  const entities = new Map(result.entities.map((e) => [e.id, e]));
  for (const m of d.mentions) {
    const id = `T${++t}`;
    lines.push(`${id}\t${TYPE_OF[m.kind]} ${span(m.start, m.end)}`);
    if (m.kind === 'date') lines.push(`#${++note}\tAnnotatorNotes ${id}\t${(m as DateMention).value}`);
    else if ((m as EntityMention).entity) {
      const e = entities.get((m as EntityMention).entity!);
      if (e) lines.push(`N${++n}\tReference ${id} newslens:${refOf(e)}\t${e.name}`);
      if ((m as EntityMention).wikidata) lines.push(`N${++n}\tReference ${id} Wikidata:${(m as EntityMention).wikidata}\t${e?.name ?? m.text}`);
    }
  }
  for (const c of d.claims) {
    const id = `T${++t}`;
    lines.push(`${id}\tClaim ${span(c.start, c.end)}`);
    lines.push(`A${++a}\tStatus ${id} ${c.status}`);
    if (c.dismissed) lines.push(`A${++a}\tDismissed ${id} ${c.dismissed}`);
  }
  return lines.join('\n') + '\n';
}

export const ANNOTATION_CONF = `# News Lens export: entity, date and claim annotations of news articles.
[entities]
Person
Organization
Location
Date
Claim

[relations]

[events]

[attributes]
Status\tArg:Claim, Value:sourced|vague|unsourced
Dismissed\tArg:Claim, Value:not-a-claim|common-knowledge
Confirmed\tArg:<ENTITY>
Rejected\tArg:<ENTITY>
`;

/** CoNLL-2003 style columns: one syllable token per line with its BIO tag, a blank line between sentences. */
export function toConll(d: DocumentResult, text: string): string {
  const norm = normalize(text);
  const tokens = tokenize(norm.text);
  const sentences = splitSentences(norm.text);
  const spans = d.mentions.map((m, i) => ({ start: norm.fromOriginal(m.start), end: norm.fromOriginal(m.end), tag: SHORT[m.kind], i }));
  // Tokens come in text order: mentions are taken up as the tokens reach their start and let go
  // once a token ends past them; a token's mention is the first listed of those that contain it.
  const byStart = [...spans].sort((a, b) => a.start - b.start);
  let next = 0;
  let open: typeof spans = [];
  const out = ['-DOCSTART- O', ''];
  let s = 0;
  let prev: (typeof spans)[number] | undefined;
  for (const tok of tokens) {
    while (s < sentences.length - 1 && tok.start >= sentences[s].end) {
      s++;
      if (out[out.length - 1] !== '') out.push('');
    }
    while (next < byStart.length && byStart[next].start <= tok.start) open.push(byStart[next++]);
    open = open.filter((x) => tok.end <= x.end);
    let m: (typeof spans)[number] | undefined;
    for (const x of open) if (!m || x.i < m.i) m = x;
    const tag = m ? `${m === prev ? 'I' : 'B'}-${m.tag}` : 'O';
    prev = m;
    out.push(`${tok.text} ${tag}`);
  }
  return out.join('\n') + '\n\n';
}

/** doccano's sequence-labelling JSONL: offsets in code points of the line's text. */
export function toJsonl(d: DocumentResult, text: string): string {
  const cps = codePointIndex(text);
  return JSON.stringify({ path: d.path, text, label: d.mentions.map((m) => [cps.toCodePoints(m.start), cps.toCodePoints(m.end), SHORT[m.kind]]) });
}

/** W3C Web Annotation JSON-LD: one annotation per mention and claim, code point selectors and the quoted text. */
export function toWebAnnotation(d: DocumentResult, text: string, result: CollectionResult): object[] {
  const entities = new Map(result.entities.map((e) => [e.id, e]));
  const cps = codePointIndex(text);
  const target = (start: number, end: number) => ({
    source: d.path,
    selector: [
      { type: 'TextPositionSelector', start: cps.toCodePoints(start), end: cps.toCodePoints(end) },
      { type: 'TextQuoteSelector', exact: text.slice(start, end) },
    ],
  });
  const items: object[] = [];
  d.mentions.forEach((m, i) => {
    const body: object[] = [{ type: 'TextualBody', purpose: 'tagging', value: SHORT[m.kind] }];
    if (m.kind === 'date') body.push({ type: 'TextualBody', purpose: 'describing', value: (m as DateMention).value, format: 'text/plain' });
    const e = m.kind !== 'date' && (m as EntityMention).entity ? entities.get((m as EntityMention).entity!) : undefined;
    if (e) body.push({ type: 'TextualBody', purpose: 'identifying', value: e.name, id: `newslens:${refOf(e)}` });
    items.push({ id: `urn:newslens:${encodeURIComponent(d.path)}#m${i + 1}`, type: 'Annotation', motivation: 'tagging', body, target: target(m.start, m.end) });
  });
  d.claims.forEach((c, i) => {
    items.push({
      id: `urn:newslens:${encodeURIComponent(d.path)}#c${i + 1}`,
      type: 'Annotation',
      motivation: 'assessing',
      body: [{ type: 'TextualBody', purpose: 'assessing', value: c.status }],
      target: target(c.start, c.end),
    });
  });
  return items;
}

/** Writes the collection in a format into a folder. Returns the files written. */
export function exportCollection(input: ExportInput, format: Format, outDir: string): string[] {
  fs.mkdirSync(outDir, { recursive: true });
  const written: string[] = [];
  const write = (file: string, data: string) => {
    writeFileAtomic(file, data);
    written.push(file);
  };
  const docs = input.result.documents;
  const textOf = (d: DocumentResult) => input.texts.get(d.path)!;
  const baseName = (d: DocumentResult) => d.path.replace(/^.*[\\/]/, '').replace(/\.txt$/i, '');
  if (format === 'brat') {
    for (const d of docs) {
      write(path.join(outDir, `${baseName(d)}.txt`), textOf(d));
      write(path.join(outDir, `${baseName(d)}.ann`), toBrat(d, textOf(d), input.result));
    }
    write(path.join(outDir, 'annotation.conf'), ANNOTATION_CONF);
  } else if (format === 'conll') {
    write(path.join(outDir, 'news-lens.conll'), docs.map((d) => toConll(d, textOf(d))).join(''));
  } else if (format === 'jsonl') {
    write(path.join(outDir, 'news-lens.jsonl'), docs.map((d) => toJsonl(d, textOf(d))).join('\n') + '\n');
  } else {
    const items = docs.flatMap((d) => toWebAnnotation(d, textOf(d), input.result));
    write(
      path.join(outDir, 'news-lens.jsonld'),
      JSON.stringify(
        {
          '@context': 'http://www.w3.org/ns/anno.jsonld',
          type: 'AnnotationCollection',
          label: 'News Lens',
          total: items.length,
          first: { type: 'AnnotationPage', items },
        },
        null,
        1,
      ) + '\n',
    );
  }
  return written;
}

export interface ImportedDocument {
  txt: string;
  ann?: string;
  /** The article decoded (UTF-8 or UTF-16, see decodeArticle); offsets are into this text. */
  text: string;
  decisions?: Decisions;
  /** The article's bytes were not all valid in its encoding (see decodeArticle). */
  warning?: string;
}

/**
 * Reads a brat corpus folder: each NAME.txt with its NAME.ann, as the user's decisions. Files that
 * are not text are left out and passed to `onSkip`.
 */
export function importBrat(dir: string, onSkip?: (file: string, reason: string) => void): ImportedDocument[] {
  const out: ImportedDocument[] = [];
  for (const f of fs
    .readdirSync(dir)
    .filter((x) => x.toLowerCase().endsWith('.txt'))
    .sort()) {
    const txt = path.join(dir, f);
    const ann = txt.replace(/\.txt$/i, '.ann');
    const decoded = readArticleFile(txt);
    if (decoded.binary) {
      onSkip?.(txt, decoded.warning ?? 'not a text file');
      continue;
    }
    const text = decoded.text;
    const annText = fs.existsSync(ann) ? fs.readFileSync(ann, 'utf8') : undefined;
    out.push({
      txt,
      ...(annText !== undefined ? { ann, decisions: readDecisions(annText, text) } : {}),
      text,
      ...(decoded.warning ? { warning: decoded.warning } : {}),
    });
  }
  return out;
}
