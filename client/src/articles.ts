/** Gives the workspace's article files the news-article language (highlighting), and only those. */
import * as vscode from 'vscode';
import { minimatch } from 'minimatch';

export function isWorkspaceArticle(doc: vscode.TextDocument): boolean {
  if (doc.uri.scheme !== 'file' || !doc.fileName.toLowerCase().endsWith('.txt')) return false;
  const folder = vscode.workspace.getWorkspaceFolder(doc.uri);
  if (!folder) return false;
  const config = vscode.workspace.getConfiguration('newsLens', doc.uri);
  const rel = vscode.workspace.asRelativePath(doc.uri, false);
  const include = config.get<string>('include', '**/*.txt');
  const exclude = config.get<string>('exclude', '**/node_modules/**');
  return minimatch(rel, include) && !(exclude && minimatch(rel, exclude, { dot: true }));
}

export function adoptArticles(): vscode.Disposable {
  const adopt = (doc: vscode.TextDocument) => {
    if (doc.languageId === 'plaintext' && isWorkspaceArticle(doc)) void vscode.languages.setTextDocumentLanguage(doc, 'news-article');
  };
  vscode.workspace.textDocuments.forEach(adopt);
  return vscode.workspace.onDidOpenTextDocument(adopt);
}
