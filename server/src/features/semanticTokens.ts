/** Mentions coloured by kind through semantic tokens; the user's own ones carry a modifier. */
import type { SemanticTokens, SemanticTokensLegend } from 'vscode-languageserver';
import type { WorkspaceIndex } from '../index/workspaceIndex';
import { textDocument } from './positions';

export const LEGEND: SemanticTokensLegend = {
  tokenTypes: ['newsPerson', 'newsOrganization', 'newsLocation', 'newsDate'],
  tokenModifiers: ['userMade'],
};
const TYPE = { person: 0, organization: 1, location: 2, date: 3 } as const;

export function semanticTokens(index: WorkspaceIndex, uri: string): SemanticTokens {
  const d = index.document(uri);
  const doc = textDocument(index, uri);
  if (!d || !doc) return { data: [] };
  const data: number[] = [];
  let line = 0;
  let char = 0;
  for (const m of d.mentions) {
    const start = doc.positionAt(m.start);
    const end = doc.positionAt(m.end);
    // A token may not span lines; a wrapped name is coloured on its first line.
    const length = start.line === end.line ? end.character - start.character : doc.getText({ start, end: { line: start.line, character: 1e6 } }).length;
    data.push(
      start.line - line,
      start.line === line ? start.character - char : start.character,
      length,
      TYPE[m.kind],
      'origin' in m && m.origin === 'user' ? 1 : 0,
    );
    line = start.line;
    char = start.character;
  }
  return { data };
}
