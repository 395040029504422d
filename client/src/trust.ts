/**
 * Workspace trust: in a workspace that is not trusted News Lens analyses and answers but writes
 * nothing into it. The server refuses each write (for any client); the commands here ask first, so
 * that nobody picks an entity or types a name only to be told at the end.
 */
import * as vscode from 'vscode';
import { UNTRUSTED_MESSAGE } from '../../server/src/shared/protocol';

/** Whether the command may write; if not, says why (with a way to trust the workspace). */
export function canWrite(): boolean {
  if (vscode.workspace.isTrusted) return true;
  void vscode.window.showWarningMessage(vscode.l10n.t('News Lens: {0}', UNTRUSTED_MESSAGE), vscode.l10n.t('Manage Workspace Trust')).then((pick) => {
    if (pick) void vscode.commands.executeCommand('workbench.trust.manage');
  });
  return false;
}
