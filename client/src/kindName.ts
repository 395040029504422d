import * as vscode from 'vscode';

/** An entity kind as the UI names it (the kind itself stays an English identifier in requests and JSON). */
export function kindName(kind: string): string {
  return kind === 'person'
    ? vscode.l10n.t('person')
    : kind === 'organization'
      ? vscode.l10n.t('organization')
      : kind === 'location'
        ? vscode.l10n.t('location')
        : kind;
}
