/** Hover: who or what an entity is and where else it appears; a date's normalised value; a claim's source. */
import type { Hover, Position } from 'vscode-languageserver';
import type { WorkspaceIndex } from '../index/workspaceIndex';
import { describeValue } from '../core/dates/calendar';
import type { Fact } from '../core/facts/extract';
import { rangeOf, textDocument } from './positions';
import { KIND_PHRASE, kindOf, type CheckKind } from '../core/claims/checkworthy';
import { conflictSubject, msg, t } from '../l10n/messages';
import { provinceMerger } from '../core/lang/reform';
import { unitChange, unitTypeBefore } from '../core/lang/reformUnits';
import { unitChangeText } from './reformText';
import { explainMentions, explanationText } from '../core/explain';

/** What an unsourced claim of each kind is missing, for the hover. */
const UNSOURCED_HOVER: Record<CheckKind, string> = {
  figure: msg('No source is named for this figure: numbers are what readers check first.'),
  accusation: msg('No source is named for this accusation: say who makes the charge.'),
  prediction: msg('No source is named for this prediction or plan: say whose it is.'),
  quote: msg('This quote has no speaker: say who said it.'),
  statement: msg('No source is named for this statement.'),
};

const KIND_LABEL = { person: msg('person'), organization: msg('organisation'), location: msg('place') };
/** Counts as words, in the reader's language. */
const times = (n: number, one: string, many: string) => (n === 1 ? t(one) : t(many, n));

export function hover(index: WorkspaceIndex, uri: string, position: Position, opts: { explainRules?: boolean } = {}): Hover | null {
  const doc = textDocument(index, uri);
  const result = index.document(uri);
  if (!doc || !result) return null;
  const offset = doc.offsetAt(position);
  const m = index.mentionAt(uri, offset);
  if (m && m.kind === 'date') {
    const source = result.date
      ? t('resolved against the article date {0} ({1})', result.date, result.dateSource ?? 'newslens.json')
      : t('the article date is unknown: set it with "News Lens: Set Article Date…" to resolve relative dates');
    const relative = m.relative || m.anchored ? source : t('an absolute date');
    const lines = [`**${describeValue(m.value)}** · \`${m.value}\``, '', `"${m.text}": ${relative}`];
    const same = index.datesWithValue(m.value).filter((x) => x.uri !== uri);
    if (same.length) lines.push('', t('The same day or period is mentioned in {0} other article(s).', new Set(same.map((x) => x.uri)).size));
    return { contents: { kind: 'markdown', value: lines.join('\n') }, range: rangeOf(index, uri, m) };
  }
  if (m && m.entity) {
    const s = index.get();
    const e = s.entities.get(m.entity);
    if (!e) return null;
    const lines = [`**${e.name}** · ${t(KIND_LABEL[e.kind])}`];
    if (e.aliases.length) lines.push('', t('Also written: {0}', e.aliases.map((a) => `"${a}"`).join(', ')));
    const args = encodeURIComponent(JSON.stringify([e.id]));
    lines.push(
      '',
      `${times(e.mentions, msg('1 mention'), msg('{0} mentions'))} ${times(e.documents, msg('in 1 article'), msg('in {0} articles'))} · [${t('Show all {0} mentions', e.mentions)}](command:newsLens.showEntityMentions?${args})`,
    );
    if (e.wikidata) lines.push('', `Wikidata: [${e.wikidata}](https://www.wikidata.org/wiki/${e.wikidata})`);
    if (m.title) lines.push('', t('Titled here: "{0}"', m.title));
    const input = opts.explainRules ? index.input(uri) : undefined;
    if (input) lines.push('', explanationText(explainMentions(input, [m])[0]));
    // A province merged in 2025: what its name means depends on the article's date.
    const merger = e.kind === 'location' ? (provinceMerger(m.text, result.date) ?? provinceMerger(e.name, result.date)) : undefined;
    if (merger)
      lines.push(
        '',
        merger.articleAfter === true
          ? t('The former province of {0}: since 1 July 2025 part of {1}.', merger.old, merger.now)
          : merger.articleAfter === false
            ? t("At this article's date ({0}) {1} was a province; since 1 July 2025 it is part of {2}.", result.date!, merger.old, merger.now)
            : t('{0} was a province until 30 June 2025; since 1 July 2025 it is part of {1}.', merger.old, merger.now),
      );
    // A district or commune: the reform of 2025 abolished the one and merged most of the others.
    const text = merger || e.kind !== 'location' ? undefined : index.text(uri);
    if (text !== undefined) {
      const places = result.mentions.filter((x) => x.kind === 'location' && x !== m).map((x) => x.text);
      const change = unitChange(m.text, unitTypeBefore(text, m.start), places, result.date);
      if (change) lines.push('', unitChangeText(change, result.date));
    }
    // A speaker's name: the quote other articles give to someone else.
    const disagreements = disagreementLines(index, uri, offset);
    if (disagreements) lines.push('', ...disagreements.lines);
    return { contents: { kind: 'markdown', value: lines.join('\n') }, range: rangeOf(index, uri, m) };
  }
  const disagreements = disagreementLines(index, uri, offset);
  if (disagreements) return { contents: { kind: 'markdown', value: disagreements.lines.join('\n') }, range: rangeOf(index, uri, disagreements.here) };
  const claim = result.claims.find((c) => c.start <= offset && offset < c.end);
  if (claim) {
    const source = claim.source ? index.get().entities.get(claim.source)?.name : undefined;
    const label = claim.status === 'sourced' ? t('Sourced claim') : claim.status === 'vague' ? t('Vaguely sourced claim') : t('Unsourced claim');
    const text = index.text(uri);
    const kind = text === undefined ? undefined : kindOf(text, claim);
    const lines = [kind ? `**${label}** · ${t(KIND_PHRASE[kind])}` : `**${label}**`];
    if (claim.cue) lines.push('', t('Cue: "{0}"', claim.cue));
    if (source || claim.sourceText)
      lines.push(
        '',
        t(
          'Source: {0}',
          `${source ?? ''}${source && claim.sourceText ? ` ("${claim.sourceText}")` : (claim.sourceText ?? '')}${claim.inherited ? ` ${t('(from the sentence before)')}` : ''}`,
        ),
      );
    if (claim.status === 'unsourced') lines.push('', t(UNSOURCED_HOVER[kind ?? 'statement']));
    if (result.credit) lines.push('', t('Article credit: {0} (does not source single sentences)', result.credit.sources.join(', ')));
    return { contents: { kind: 'markdown', value: lines.join('\n') }, range: rangeOf(index, uri, claim) };
  }
  return null;
}

/** What each other article says of the fact at an offset (a figure, a day, a quote's speaker), if they disagree. */
function disagreementLines(index: WorkspaceIndex, uri: string, offset: number): { lines: string[]; here: Fact } | undefined {
  const disagreements = index.conflictsOf(uri).filter((c) => c.a.fact.start <= offset && offset <= c.a.fact.end);
  if (!disagreements.length) return undefined;
  const here = disagreements[0].a.fact;
  const lines = [`**${t('Articles disagree')}** · ${conflictSubject(disagreements[0].kind, disagreements[0].about)}`, '', `- ${t('here: {0}', here.text)}`];
  for (const c of disagreements) {
    const d = index.document(c.b.uri);
    const where = [index.meta(c.b.uri)?.outlet, d?.date].filter(Boolean).join(', ');
    lines.push(`- ${d?.path ?? c.b.uri}${where ? ` (${where})` : ''}: ${c.b.fact.text}${c.update ? ` ${t('(an update)')}` : ''}`);
  }
  return { lines, here };
}
