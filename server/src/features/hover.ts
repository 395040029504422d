/** Hover: who or what an entity is and where else it appears; a date's normalised value; a claim's source. */
import type { Hover, Position } from 'vscode-languageserver';
import type { WorkspaceIndex } from '../index/workspaceIndex';
import { describeValue } from '../core/dates/calendar';
import { rangeOf, textDocument } from './positions';
import { KIND_PHRASE, kindOf, type CheckKind } from '../core/claims/checkworthy';

/** What an unsourced claim of each kind is missing, for the hover. */
const UNSOURCED_HOVER: Record<CheckKind, string> = {
  figure: 'No source is named for this figure: numbers are what readers check first.',
  accusation: 'No source is named for this accusation: say who makes the charge.',
  prediction: 'No source is named for this prediction or plan: say whose it is.',
  quote: 'This quote has no speaker: say who said it.',
  statement: 'No source is named for this statement.',
};

const KIND_LABEL = { person: 'person', organization: 'organisation', location: 'place' } as const;

export function hover(index: WorkspaceIndex, uri: string, position: Position): Hover | null {
  const doc = textDocument(index, uri);
  const result = index.document(uri);
  if (!doc || !result) return null;
  const offset = doc.offsetAt(position);
  const m = index.mentionAt(uri, offset);
  if (m && m.kind === 'date') {
    const source = result.date
      ? `resolved against the article date ${result.date} (${result.dateSource ?? 'newslens.json'})`
      : 'the article date is unknown: set it with "News Lens: Set Article Date…" to resolve relative dates';
    const relative = m.relative || m.anchored ? source : 'an absolute date';
    const lines = [`**${describeValue(m.value)}** · \`${m.value}\``, '', `"${m.text}": ${relative}`];
    const same = index.datesWithValue(m.value).filter((x) => x.uri !== uri);
    if (same.length) lines.push('', `The same day or period is mentioned in ${new Set(same.map((x) => x.uri)).size} other article(s).`);
    return { contents: { kind: 'markdown', value: lines.join('\n') }, range: rangeOf(index, uri, m) };
  }
  if (m && m.entity) {
    const s = index.get();
    const e = s.entities.get(m.entity);
    if (!e) return null;
    const lines = [`**${e.name}** · ${KIND_LABEL[e.kind]}`];
    if (e.aliases.length) lines.push('', `Also written: ${e.aliases.map((a) => `"${a}"`).join(', ')}`);
    const args = encodeURIComponent(JSON.stringify([e.id]));
    lines.push('', `${e.mentions} mention${e.mentions === 1 ? '' : 's'} in ${e.documents} article${e.documents === 1 ? '' : 's'} · [Show all ${e.mentions} mentions](command:newsLens.showEntityMentions?${args})`);
    if (e.wikidata) lines.push('', `Wikidata: [${e.wikidata}](https://www.wikidata.org/wiki/${e.wikidata})`);
    if (m.title) lines.push('', `Titled here: "${m.title}"`);
    return { contents: { kind: 'markdown', value: lines.join('\n') }, range: rangeOf(index, uri, m) };
  }
  const claim = result.claims.find((c) => c.start <= offset && offset < c.end);
  if (claim) {
    const source = claim.source ? index.get().entities.get(claim.source)?.name : undefined;
    const label = claim.status === 'sourced' ? 'Sourced claim' : claim.status === 'vague' ? 'Vaguely sourced claim' : 'Unsourced claim';
    const text = index.text(uri);
    const kind = text === undefined ? undefined : kindOf(text, claim);
    const lines = [kind ? `**${label}** · ${KIND_PHRASE[kind]}` : `**${label}**`];
    if (claim.cue) lines.push('', `Cue: "${claim.cue}"`);
    if (source || claim.sourceText) lines.push('', `Source: ${source ?? ''}${source && claim.sourceText ? ` ("${claim.sourceText}")` : claim.sourceText ?? ''}${claim.inherited ? ' (from the sentence before)' : ''}`);
    if (claim.status === 'unsourced') lines.push('', UNSOURCED_HOVER[kind ?? 'statement']);
    if (result.credit) lines.push('', `Article credit: ${result.credit.sources.join(', ')} (does not source single sentences)`);
    return { contents: { kind: 'markdown', value: lines.join('\n') }, range: rangeOf(index, uri, claim) };
  }
  return null;
}
