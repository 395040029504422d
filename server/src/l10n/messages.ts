/**
 * The server's and the CLI's messages in the user's language: English as written in the code, or
 * Vietnamese from vi.json (keyed by the English message, as VS Code's l10n bundles are), through
 * @vscode/l10n. Diagnostic codes, JSON fields and command ids stay English identifiers.
 */
import * as l10n from '@vscode/l10n';
import vi from './vi.json';

/** Messages in `locale` from now on ("vi", "vi-VN"; anything else is English). */
export function useLocale(locale: string | undefined): void {
  l10n.config({ contents: isVietnamese(locale) ? (vi as Record<string, string>) : {} });
}

export function isVietnamese(locale: string | undefined): boolean {
  return /^vi(?:[-_]|$)/i.test(locale ?? '');
}

/** The locale of the environment, for the CLI: LC_ALL, LC_MESSAGES or LANG ("vi_VN.UTF-8"). */
export function environmentLocale(env: NodeJS.ProcessEnv = process.env): string | undefined {
  return env.LC_ALL || env.LC_MESSAGES || env.LANG || undefined;
}

export const t = l10n.t;

/** A message kept in a table and translated where it is shown (with t): marked so that the catalogue test finds it. */
export const msg = (message: string): string => message;

/** What two articles disagree on, as shown in a hover, a report or the Compare Articles view: a counted noun, "the day", or who said a quote. */
export function conflictSubject(kind: 'figure' | 'date' | 'attribution', about: string): string {
  return kind === 'attribution' ? t('who said "{0}"', about) : kind === 'date' ? t('the day') : about;
}
