/** Plain data shared by the analysis core. Offsets are UTF-16 code units into the original text. */

export type EntityKind = 'person' | 'organization' | 'location';
export type MentionKind = EntityKind | 'date';
export type ClaimStatus = 'sourced' | 'vague' | 'unsourced';

export interface Span {
  start: number;
  end: number;
}

export interface EntityMention extends Span {
  text: string;
  kind: EntityKind;
  /** Collection-wide entity id, filled by resolution. */
  entity?: string;
  /** Title or honorific seen right before the name ("Chủ tịch"), lower-case. */
  title?: string;
  /** Gazetteer or registry id of the name, when it is a known one. */
  ref?: string;
  /** Where the mention came from: gazetteer, registry, rule, collection, user. */
  origin: string;
  /** A Wikidata id the user linked this mention to. */
  wikidata?: string;
}

export interface DateMention extends Span {
  text: string;
  kind: 'date';
  /** TIMEX3 value, e.g. 2019-04-24, 2019-W16, XXXX-04-24, 2019-04-24TMO. */
  value: string;
  /** Which parts came from the anchor (the article date) rather than the text. */
  anchored: boolean;
  /** True for expressions relative to the article date ("hôm qua"). */
  relative: boolean;
  mod?: 'START' | 'MID' | 'END';
}

export interface Sentence extends Span {
  /** Set when the sentence is a caption, heading or byline: not a claim. */
  nonClaim?: 'caption' | 'heading' | 'byline' | 'credit';
}

export interface Claim extends Span {
  status: ClaimStatus;
  cue?: string;
  /** Offsets of the cue in the text, when there is one. */
  cueSpan?: Span;
  /** Entity id of the source, when it is named. */
  source?: string;
  /** Text of the source phrase ("các chuyên gia", "ông Ushakov"). */
  sourceText?: string;
  /** True when the source was taken from the sentence before (pronoun, continued quote). */
  inherited?: boolean;
  /** The user dismissed it: not a claim, or common knowledge (kept for the Claims view). */
  dismissed?: 'not-a-claim' | 'common-knowledge';
  /** The status or source was set by the user. */
  user?: boolean;
}

export interface ArticleMeta {
  /** Article date as YYYY-MM-DD, if known. */
  date?: string;
  /** Where the date came from: newslens.json, file name, or nothing. */
  dateSource?: 'newslens.json' | 'file name';
  outlet?: string;
  url?: string;
  title?: string;
}

export interface RegistryEntity {
  id: string;
  name: string;
  kind: EntityKind;
  aliases: string[];
  wikidata?: string;
  /** Mentions the user split off this entity: absolute file, offset and text. */
  exclude?: { file: string; start: number; text: string }[];
}

export interface Entity {
  id: string;
  kind: EntityKind;
  name: string;
  aliases: string[];
  mentions: number;
  documents: number;
  /** Id in the user's registry or the built-in gazetteer, when known. */
  key?: string;
  wikidata?: string;
}

export interface DocumentResult {
  path: string;
  /** Spans of the article's .ann of types News Lens does not know, and problems reading it. */
  annotations?: { other: { id: string; type: string; start: number; end: number; text: string }[]; problems: { line?: number; message: string }[] };
  date?: string;
  dateSource?: string;
  mentions: (EntityMention | DateMention)[];
  claims: Claim[];
  sentences: Sentence[];
  /** Article-level credit such as "(Theo Reuters, Japan Times)". */
  credit?: { span: Span; sources: string[] };
}

export interface CollectionResult {
  documents: DocumentResult[];
  entities: Entity[];
}
