/**
 * Which rule made each of an article's mentions (`news-lens analyze --explain`): the article is
 * recognised again with the rules recording themselves (entities/rules.ts), and each mention is
 * matched to the candidate of the same span. A mention with no such candidate is a name the
 * collection knew and found again here; a kind other than the candidate's was settled by the
 * collection (kind votes across articles, or its default for a name nothing typed).
 */
import type { EntityMention } from './types';
import type { PrepareInput } from './summary';
import type { Lookup } from './entities/recognize';
import { makeLookup, prepareDocument } from './analyze';
import { t } from '../l10n/messages';

export interface MentionExplanation {
  /** The rule that found the span: a token or candidate rule's name, "found again" or "annotation". */
  rule: string;
  /** What the rule went by: the gazetteer, a cue ("after \"ông\""), a family name, … */
  evidence: string;
  /** Who decided the kind: the article's own evidence, the collection, or the user's annotation. */
  kindFrom: 'article' | 'collection' | 'user';
}

/** One lookup per registry (the articles under one newslens.json share theirs), as the index keeps it. */
const lookups = new WeakMap<object, Lookup>();
const plainLookup = makeLookup();
function lookupOf(registry: PrepareInput['registry']): Lookup {
  if (!registry) return plainLookup;
  let l = lookups.get(registry);
  if (!l) lookups.set(registry, (l = makeLookup(registry)));
  return l;
}

export function explainMentions(input: PrepareInput, mentions: readonly EntityMention[]): MentionExplanation[] {
  const doc = prepareDocument(input.path, input.text, input.meta, lookupOf(input.registry), input.file, input.decisions, { explain: true });
  const bySpan = new Map<string, (typeof doc.recognized.candidates)[number]>();
  for (const c of doc.recognized.candidates) bySpan.set(`${doc.norm.toOriginal(c.start)}:${doc.norm.toOriginalEnd(c.end)}`, c);
  return mentions.map((m) => {
    if (m.origin === 'user') return { rule: 'annotation', evidence: 'your annotation', kindFrom: 'user' };
    const c = bySpan.get(`${m.start}:${m.end}`);
    if (!c) return { rule: 'found again', evidence: m.origin === 'collection' ? 'a name the collection knows' : m.origin, kindFrom: 'collection' };
    return { rule: c.rule ?? c.origin, evidence: c.origin === 'rule' ? 'capitals alone' : c.origin, kindFrom: c.kind === m.kind ? 'article' : 'collection' };
  });
}

/** The explanation as a line for the reader (the CLI's report, the hover), in their language. */
export function explanationText(why: MentionExplanation): string {
  const from = why.kindFrom === 'article' ? t('the article') : why.kindFrom === 'user' ? t('your annotation') : t('the collection');
  return t('rule "{0}" ({1}); kind from {2}', why.rule, why.evidence, from);
}
