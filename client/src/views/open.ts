/** Opening an article at a range, for commands and views. */
import * as vscode from 'vscode';
import type { RangeLike } from '../../../server/src/shared/protocol';

export function toRange(r: RangeLike): vscode.Range {
  return new vscode.Range(r.start.line, r.start.character, r.end.line, r.end.character);
}

export async function openLocation(uri: string, range: RangeLike, column?: vscode.ViewColumn): Promise<void> {
  const doc = await vscode.workspace.openTextDocument(vscode.Uri.parse(uri));
  const editor = await vscode.window.showTextDocument(doc, { preview: false, ...(column ? { viewColumn: column } : {}) });
  editor.selection = new vscode.Selection(toRange(range).start, toRange(range).end);
  editor.revealRange(toRange(range), vscode.TextEditorRevealType.InCenter);
}
