/** The News Lens language server: wiring only. Each request gets its document and delegates. */
import * as fs from 'node:fs';
import * as path from 'node:path';
import {
  createConnection,
  DidChangeWatchedFilesNotification,
  FileChangeType,
  LSPErrorCodes,
  ProposedFeatures,
  ResponseError,
  TextDocumentSyncKind,
  TextDocuments,
  type Hover,
  type InitializeParams,
  type InitializeResult,
} from 'vscode-languageserver/node';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { URI } from 'vscode-uri';
import { WorkspaceIndex } from './index/workspaceIndex';
import { DEFAULT_SCAN, isArticle, scanFolder, type ScanSettings } from './index/scan';
import { NewsFolders, type EnableMode } from './index/newsFolders';
import { CONFIG_FILE } from './core/meta/config';
import { writeFileAtomic } from './core/meta/write';
import { isVietnamese, t, useLocale } from './l10n/messages';
import { readArticleFile } from './core/collect';
import { openCache, openStateCache, saveState, settleInWorkers, summarizePending, type Cache, type StateCache } from './index/summarize';
import { hover } from './features/hover';
import { definition, highlights, references } from './features/navigation';
import { DEFAULT_DIAGNOSTICS, diagnostics, type DiagnosticSettings } from './features/diagnostics';
import { documentSymbols, workspaceSymbols } from './features/symbols';
import { inlayHints } from './features/dates';
import { editRegistry } from './features/registry';
import { textDocument } from './features/positions';
import { annDiagnostics, annPathOf, annotate, codeActions, settleAnnotations } from './features/annotate';
import { similarClaims } from './features/similar';
import { LEGEND, semanticTokens } from './features/semanticTokens';
import * as requests from './features/requests';
import { conflictsRequest } from './features/compare';
import * as protocol from './shared/protocol';
import { now, trace, traced, traceMemory } from './index/trace';

const connection = createConnection(ProposedFeatures.all);
const documents = new TextDocuments(TextDocument);
const index = new WorkspaceIndex();
let roots: string[] = [];
let scan: ScanSettings = DEFAULT_SCAN;
let diagnosticSettings: DiagnosticSettings = DEFAULT_DIAGNOSTICS;
let inlayHintsOn = true;
/** newsLens.debug.explainRules: the hover of a name says which rule found it. */
let explainRules = false;
let canConfigure = false;
let canProgress = false;
let canWatch = false;
let indexing = false;
let cacheDir: string | undefined;
/**
 * Whether the workspace is trusted. When it is not, everything is analysed and answered but nothing
 * is written into it (no .ann, no newslens.json): each write is refused with UNTRUSTED_MESSAGE.
 * The warm cache, in the extension's storage, is still written.
 */
let trusted = true;
const refused = (): { ok: boolean; message: string } => ({ ok: false, message: t(protocol.UNTRUSTED_MESSAGE) });
let cache: Cache | undefined;
let state: StateCache | undefined;
/** The collection changed since its state was last saved. */
let unsaved = false;
let indexRun: AbortController | undefined;
/** Ends the progress of the index run under way; a run that a newer one replaces never reaches its own end. */
let endIndexProgress: () => void = () => undefined;
/** Settles when the current indexing run is over; requests are answered meanwhile from what is indexed. */
let ready: Promise<void> = Promise.resolve();
/** A request waits a moment for an index being built, then is answered from what is indexed. */
const whenReady =
  <P, R>(fn: (p: P) => R) =>
  async (p: P): Promise<R> => {
    await Promise.race([ready, new Promise((r) => setTimeout(r, 300))]);
    return fn(p);
  };

/** A failure in a notification or a timer is logged; the server and the other requests go on. */
const logFailure = (what: string) => (e: unknown) =>
  connection.console.error(`News Lens: ${what} failed: ${e instanceof Error ? (e.stack ?? e.message) : String(e)}`);
function guarded<A extends unknown[]>(what: string, fn: (...args: A) => unknown): (...args: A) => void {
  return (...args: A) => {
    try {
      const r = fn(...args);
      if (r instanceof Promise) r.catch(logFailure(what));
    } catch (e) {
      logFailure(what)(e);
    }
  };
}

const pathOf = (uri: string) => URI.parse(uri).fsPath;
const uriOf = (p: string) => URI.file(p).toString();
const labelOf = (p: string) => {
  const root = roots.find((r) => p.startsWith(r + path.sep));
  return root ? path.relative(root, p).split(path.sep).join('/') : p;
};
/** newsLens.enable, and which folders it lets in. */
let enableMode: EnableMode = 'auto';
const newsFolders = new NewsFolders();
/** An article of the workspace, named by its own path (not "sub/../a.txt", which would be a second copy), in a folder of news. */
const inWorkspace = (p: string) => path.normalize(p) === p && roots.some((r) => isArticle(r, p, scan)) && insideForReal(p) && newsFolders.isNews(p);

/**
 * A file's real path is in a workspace folder: a link out of the workspace (which the scan never
 * follows) is not followed when the watcher or the editor reports it either. A file that is gone
 * is judged by its path.
 */
function insideForReal(p: string): boolean {
  let real: string;
  try {
    real = fs.realpathSync(p);
  } catch {
    return true;
  }
  return realRoots().some((root) => real.startsWith(root + path.sep));
}

/** The workspace folders' real paths, resolved once per set of folders. */
let realRootsOf: { roots: string[]; real: string[] } | undefined;
function realRoots(): string[] {
  if (realRootsOf?.roots !== roots) {
    const real = roots.map((r) => {
      try {
        return fs.realpathSync(r);
      } catch {
        // A workspace folder that cannot be resolved is compared as it is.
        return r;
      }
    });
    realRootsOf = { roots, real };
  }
  return realRootsOf.real;
}
let maxFileSize = 10 * 1024 * 1024;
/** Articles whose bytes were not exactly text: the warning is shown on their first line. */
const decodeWarnings = new Map<string, string>();

/**
 * Reads an article from disk into the index, or leaves it out (and says so once in the output)
 * when it is too large or not text. Returns whether it is in the index.
 */
function loadArticle(p: string): boolean {
  const uri = uriOf(p);
  try {
    const size = fs.statSync(p).size;
    if (size > maxFileSize) {
      connection.console.info(`News Lens: ${p} is skipped: ${(size / 1e6).toFixed(1)} MB is over newsLens.maxFileSize (${(maxFileSize / 1e6).toFixed(1)} MB)`);
      index.removeDocument(uri);
      return false;
    }
    const f = readArticleFile(p);
    if (f.binary) {
      connection.console.info(`News Lens: ${p} is skipped: ${f.warning ?? 'not a text file'}`);
      index.removeDocument(uri);
      return false;
    }
    if (f.warning) decodeWarnings.set(uri, f.warning);
    else decodeWarnings.delete(uri);
    index.setDocument(uri, p, f.text, labelOf(p));
    return true;
  } catch (e) {
    connection.console.warn(`News Lens: cannot read ${p}: ${(e as Error).message}`);
    index.removeDocument(uri);
    return false;
  }
}

/** The client's locale: messages, and the digits' grouping in figures ("10.000" in Vietnamese). */
let locale: string | undefined;
const numberLocale = () => (isVietnamese(locale) ? 'vi' : 'en');

connection.onInitialize((params: InitializeParams): InitializeResult => {
  locale = params.locale;
  useLocale(locale);
  roots = (params.workspaceFolders ?? []).map((f) => pathOf(f.uri));
  if (!roots.length && params.rootUri) roots = [pathOf(params.rootUri)];
  canConfigure = !!params.capabilities.workspace?.configuration;
  canProgress = !!params.capabilities.window?.workDoneProgress;
  canWatch = !!params.capabilities.workspace?.didChangeWatchedFiles?.dynamicRegistration;
  const options = (params.initializationOptions ?? {}) as { [K in keyof protocol.InitializationOptions]?: unknown };
  cacheDir = typeof options.cacheDir === 'string' && options.cacheDir ? options.cacheDir : undefined;
  trusted = options.trusted !== false;
  return {
    capabilities: {
      textDocumentSync: TextDocumentSyncKind.Incremental,
      hoverProvider: true,
      definitionProvider: true,
      referencesProvider: true,
      documentHighlightProvider: true,
      documentSymbolProvider: true,
      workspaceSymbolProvider: true,
      inlayHintProvider: true,
      renameProvider: { prepareProvider: true },
      codeActionProvider: { codeActionKinds: ['quickfix'] },
      semanticTokensProvider: { legend: LEGEND, full: true },
      workspace: { workspaceFolders: { supported: true } },
    },
    serverInfo: { name: 'news-lens', version: '0.1.0' },
  };
});

connection.onInitialized(() => {
  trace('start-up: initialized, since the process started', 0);
  ready = (async () => {
    if (canWatch) {
      await connection.client.register(DidChangeWatchedFilesNotification.type, {
        watchers: [{ globPattern: '**/*.txt' }, { globPattern: '**/*.ann' }, { globPattern: `**/${CONFIG_FILE}` }],
      });
    }
    await reindex();
  })().catch(logFailure('indexing'));
});

connection.onNotification(protocol.WorkspaceTrustedNotification, () => {
  trusted = true;
});

async function readSettings(): Promise<void> {
  if (!canConfigure) return;
  try {
    const s = (await connection.workspace.getConfiguration('newsLens')) ?? {};
    scan = { include: s.include || DEFAULT_SCAN.include, exclude: s.exclude ?? DEFAULT_SCAN.exclude };
    diagnosticSettings = { ...DEFAULT_DIAGNOSTICS, ...(s.diagnostics ?? {}) };
    inlayHintsOn = s.inlayHints?.dates !== false;
    explainRules = s.debug?.explainRules === true;
    enableMode = s.enable === 'on' || s.enable === 'off' ? s.enable : 'auto';
    if (typeof s.maxFileSize === 'number' && s.maxFileSize > 0) maxFileSize = s.maxFileSize * 1024 * 1024;
  } catch {
    // A client that answers nothing keeps the defaults.
  }
}

/**
 * Reads the workspace folders into the index. `full` (the Reindex command) starts from nothing; otherwise
 * (a change of settings) the index keeps answering from what it has while articles are added, re-read or
 * dropped, and articles whose text and settings did not change are not analysed again.
 */
async function reindex(full = true): Promise<void> {
  indexRun?.abort();
  const run = new AbortController();
  indexRun = run;
  indexing = true;
  await readSettings();
  const progress = canProgress ? await connection.window.createWorkDoneProgress() : undefined;
  endIndexProgress();
  let ended = false;
  const endProgress = () => {
    if (!ended) progress?.done();
    ended = true;
  };
  endIndexProgress = endProgress;
  progress?.begin('News Lens', 0, t('Indexing articles…'), true);
  progress?.token.onCancellationRequested(() => run.abort());
  newsFolders.reset(enableMode, roots);
  index.defer(true);
  if (full) {
    for (const uri of index.uris()) index.removeDocument(uri);
    for (const c of index.configList()) index.setConfig(c.file, undefined);
  }
  const seen = new Set<string>();
  const seenConfigs = new Set<string>();
  let read = 0;
  const readStarted = now();
  trace('start-up: reading begins, since the process started', 0);
  for (const root of roots) {
    const found = scanFolder(root, scan);
    for (const c of found.configs) {
      seenConfigs.add(c);
      loadConfig(c);
    }
    const leftAlone = new Map<string, string>();
    for (const p of found.articles) {
      if (run.signal.aborted) break;
      if (!newsFolders.isNews(p)) {
        leftAlone.set(path.dirname(p), newsFolders.verdict(path.dirname(p)).why);
        continue;
      }
      seen.add(uriOf(p));
      if (loadArticle(p)) loadAnn(uriOf(p));
      // Reading thousands of files should not keep requests waiting.
      if (++read % 500 === 0) {
        progress?.report(0, t('reading {0} articles…', read.toLocaleString(numberLocale())));
        await new Promise((r) => setImmediate(r));
      }
    }
    for (const [dir, why] of leftAlone) {
      connection.console.info(
        `News Lens: ${dir} is not read as news: ${why}. A newslens.json there, or the setting newsLens.enable set to "on", makes its .txt files articles.`,
      );
    }
  }
  for (const d of documents.all())
    if (inWorkspace(pathOf(d.uri))) {
      seen.add(d.uri);
      index.setDocument(d.uri, pathOf(d.uri), d.getText(), labelOf(pathOf(d.uri)), true);
      index.prepare(d.uri);
    }
  if (!run.signal.aborted) {
    for (const uri of index.uris()) if (!seen.has(uri)) index.removeDocument(uri);
    for (const c of index.configList()) if (!seenConfigs.has(c.file)) index.setConfig(c.file, undefined);
  }
  trace('start-up: read the articles', readStarted, `${read} files`);
  const namespace = [...roots, scan.include, scan.exclude].join('\n');
  cache ??= openCache(cacheDir, namespace, (m) => connection.console.warn(`News Lens: ${m}`));
  state ??= openStateCache(cacheDir, namespace, (m) => connection.console.warn(`News Lens: ${m}`));
  let shown = 0;
  let restored = false;
  let rebuilt: Promise<Set<string>> | undefined;
  const started = Date.now();
  try {
    let fromCache = 0;
    let computed = 0;
    ({
      restored = false,
      fromCache,
      computed,
      rebuilt,
    } = await summarizePending(index, {
      cache,
      state,
      signal: run.signal,
      warn: (m) => connection.console.warn(m),
      onProgress: (done, total) => {
        if (done - shown < 100 && done < total) return;
        shown = done;
        progress?.report(
          Math.round((100 * done) / Math.max(1, total)),
          t('{0}/{1} articles', done.toLocaleString(numberLocale()), total.toLocaleString(numberLocale())),
        );
      },
      onPartial: () => void publishFlushed(run.signal),
    }));
    connection.console.info(
      `News Lens: ${(computed + fromCache).toLocaleString('en')} articles summarised in ${((Date.now() - started) / 1000).toFixed(1)} s: ${computed.toLocaleString('en')} analysed, ${fromCache.toLocaleString('en')} from the warm cache${restored ? ', the collection restored from its saved state' : ''}`,
    );
  } catch (e) {
    if (!run.signal.aborted) throw e;
    // Cancelled: what is indexed stays; the rest waits for "Reindex Workspace".
    for (const { uri } of index.pendingInputs()) index.removeDocument(uri);
    if (indexRun === run)
      void connection.window.showInformationMessage(t('News Lens: indexing cancelled; run "News Lens: Reindex Workspace" to index the remaining articles.'));
  }
  if (indexRun !== run) return;
  index.defer(false);
  const publishStarted = now();
  // The figures and the end of the progress go out before the diagnostics of thousands of articles:
  // the connection writes one message a turn, after those already written, and the diagnostics are
  // worked out a slice a turn, so they would wait behind most of them.
  const ready = () => {
    indexing = false;
    endProgress();
    publishStats();
  };
  if (!restored) await publishFlushed(run.signal, () => indexRun === run && ready());
  if (indexRun !== run) return;
  if (restored) {
    // A collection restored from its saved state answers at once, but the editor has no diagnostics
    // of it yet. Edits meanwhile have their update scheduled, which waits for the rebuild.
    ready();
    publish(index.uris());
  }
  trace('start-up: publish', publishStarted);
  if (!rebuilt) rehearseSoon();
  // Restored from its saved state, the collection is rebuilt in the background; its facts bring the conflicts.
  void rebuilt?.then(
    (uris) => {
      if (indexRun !== run) return;
      publish(uris);
      rehearseSoon();
    },
    (e: Error) => {
      connection.console.error(`News Lens: the collection could not be rebuilt from its saved state (${e.message}); the articles are analysed again`);
      scheduleRefresh();
    },
  );
  // A workspace restored from its saved state has nothing new to save.
  unsaved = !restored;
  // The state is taken once the figures are out (before any edit can have arrived, so it is the
  // state of the files on disk), so that a reopened workspace starts from it.
  setTimeout(() => void persist(), 50);
}

/** Rehearses an edit while idle, so that the first real one does not wait for code to be compiled. */
function rehearseSoon(): void {
  setTimeout(
    guarded('rehearsing an edit', () => {
      if (indexing) return;
      const uri = documents.all().find((d) => index.has(d.uri))?.uri ?? index.uris()[0];
      if (uri) traced('rehearse an edit', () => index.rehearse(uri));
      traceMemory('indexed');
    }),
    20,
  );
}

/** The saves begun so far: shutdown waits for them, so that exiting does not cut a state file short. */
let saved: Promise<void> = Promise.resolve();

/** Saves the collection's state, unless an article has unsaved edits (a reopened workspace would not match it). */
async function persist(): Promise<void> {
  if (!unsaved || indexing) return;
  for (const d of documents.all()) {
    const p = pathOf(d.uri);
    if (!index.has(d.uri)) continue;
    try {
      if (readArticleFile(p).text !== d.getText()) return;
    } catch {
      return;
    }
  }
  unsaved = false;
  const saving = saveState(index, state);
  saved = saved.then(() => saving);
  await saving;
}

connection.onShutdown(async () => {
  await persist();
  await saved;
});

/** Reads an article's .ann (brat standoff) into the index, and shows what cannot be read. */
function loadAnn(uri: string): void {
  const file = annPathOf(uri);
  let text: string | undefined;
  try {
    text = fs.existsSync(file) ? fs.readFileSync(file, 'utf8') : undefined;
  } catch {
    text = undefined;
  }
  index.setAnnotations(uri, text);
}

function loadConfig(file: string): void {
  let text: string | undefined;
  try {
    text = fs.existsSync(file) ? fs.readFileSync(file, 'utf8') : undefined;
  } catch {
    text = undefined;
  }
  const cfg = index.setConfig(file, text);
  const uri = uriOf(file);
  connection.sendDiagnostics({
    uri,
    diagnostics: (cfg?.problems ?? []).map((p) => ({
      range: { start: { line: p.line - 1, character: p.column - 1 }, end: { line: p.line - 1, character: p.column } },
      severity: 1,
      source: 'News Lens',
      code: 'newslens-json',
      message: t("{0}; this file's settings are ignored until it is fixed", p.message),
    })),
  });
}

/** The diagnostics last sent per article: only what changed is sent again. */
const sent = new Map<string, string>();
const annProblemsShown = new Set<string>();

const wantsDiagnostics = (uri: string) => diagnosticSettings.scope !== 'openFiles' || !!documents.get(uri);

/** Brings the index up to date (large updates settled on worker threads) and publishes what changed; `before` runs first, once the index is up to date. */
async function publishFlushed(signal?: AbortSignal, before?: () => void): Promise<void> {
  const changed = await index.flushWith(settleInWorkers({ signal }));
  for (const uri of republish) changed.add(uri);
  republish.clear();
  before?.();
  const t = now();
  publish(changed);
  trace('publish', t, `${changed.size} articles`);
}

function publish(uris: Iterable<string>): void {
  const list = [...uris];
  const open = list.filter((u) => documents.get(u));
  const rest = list.filter((u) => !documents.get(u));
  for (const uri of open) publishOne(uri);
  // Thousands of articles are sent in slices, so that a request can be answered between two.
  const slice = guarded('publishing diagnostics', (from: number) => {
    const end = Math.min(rest.length, from + 500);
    for (let i = from; i < end; i++) publishOne(rest[i]);
    if (end < rest.length) setImmediate(() => slice(end));
  });
  slice(0);
  scheduleStats();
}

function publishOne(uri: string): void {
  const list = index.has(uri) && wantsDiagnostics(uri) ? diagnostics(index, uri, diagnosticSettings) : [];
  const warning = decodeWarnings.get(uri);
  if (warning && index.has(uri)) {
    const first = (index.text(uri) ?? '').search(/\r|\n|$/);
    list.unshift({
      range: { start: { line: 0, character: 0 }, end: { line: 0, character: Math.min(1, first) } },
      severity: 2,
      source: 'News Lens',
      code: 'encoding',
      message: warning,
    });
  }
  // An open document's diagnostics go out again for each version, even unchanged: a client may wait
  // for the diagnostics of the version it has (an edit that changes none of them must not look unanswered).
  const version = documents.get(uri)?.version;
  const key = JSON.stringify(list) + (version !== undefined ? `\u0000${version}` : '');
  if ((sent.get(uri) ?? '[]') !== key) {
    if (list.length || version !== undefined) sent.set(uri, key);
    else sent.delete(uri);
    connection.sendDiagnostics({ uri, version, diagnostics: list });
  }
  const annFile = annPathOf(uri);
  const annUri = uriOf(annFile);
  if (annProblemsShown.has(annUri) || (index.has(uri) && fs.existsSync(annFile))) {
    const problems = index.has(uri) ? annDiagnostics(index, uri) : [];
    connection.sendDiagnostics({ uri: annUri, diagnostics: problems });
    if (problems.length) annProblemsShown.add(annUri);
    else annProblemsShown.delete(annUri);
  }
}

let statsTimer: NodeJS.Timeout | undefined;
/** The figures, the semantic tokens and the inlay hints are refreshed at most a few times a second. */
function scheduleStats(): void {
  statsTimer ??= setTimeout(
    guarded('publishing the figures', () => {
      statsTimer = undefined;
      publishStats();
    }),
    200,
  );
}

function publishStats(): void {
  void connection.languages.semanticTokens.refresh().catch(() => undefined);
  void connection.languages.inlayHint.refresh().catch(() => undefined);
  void connection.sendNotification(protocol.StatsNotification, requests.stats(index, indexing));
}

let pending: NodeJS.Immediate | undefined;
/** Articles whose diagnostics go out at the next update even if their result stays the same (a save changes what their .ann is checked against). */
const republish = new Set<string>();
/**
 * Updates the collection once the changes already received are in: the edits of one burst are
 * read together, and the first keystroke after a pause is not kept waiting by a timer.
 */
function scheduleRefresh(also?: string): void {
  if (also) republish.add(also);
  pending ??= setImmediate(
    guarded('updating the collection', () => {
      pending = undefined;
      return update();
    }),
  );
}

async function update(): Promise<void> {
  unsaved = true;
  // Many articles to summarise (a changed registry, a folder pasted in) go to the workers.
  if (!indexing && index.pendingInputs().length > 64) {
    indexing = true;
    index.defer(true);
    try {
      await summarizePending(index, { cache, warn: (m) => connection.console.warn(m), onPartial: () => void publishFlushed() });
    } finally {
      index.defer(false);
      indexing = false;
    }
  }
  await publishFlushed();
}

documents.onDidChangeContent(
  guarded('an edit', (e) => {
    const p = pathOf(e.document.uri);
    if (!inWorkspace(p)) return;
    index.setDocument(e.document.uri, p, e.document.getText(), labelOf(p), true);
    // While the workers index the workspace, an article open in the editor is summarised here.
    if (indexing) index.prepare(e.document.uri);
    scheduleRefresh();
  }),
);

documents.onDidClose(
  guarded('closing an article', (e) => {
    // The editor's copy is gone; the file on disk is the article again.
    const p = pathOf(e.document.uri);
    if (!inWorkspace(p)) return;
    if (!fs.existsSync(p) || !loadArticle(p)) index.removeDocument(e.document.uri);
    if (diagnosticSettings.scope === 'openFiles') {
      sent.delete(e.document.uri);
      connection.sendDiagnostics({ uri: e.document.uri, diagnostics: [] });
    }
    scheduleRefresh();
  }),
);

documents.onDidSave(
  guarded('saving an article', (e) => {
    // Annotations whose words moved are written at their new place; lost ones are reported.
    // Not in a workspace that is not trusted: the annotations are shown where their words are, and written once it is.
    if (!trusted) return;
    // Saved, the text is the file's: a .ann that runs past its end is reported again, and left alone.
    const saved =
      fs.existsSync(pathOf(e.document.uri)) && readArticleFile(pathOf(e.document.uri)).text === e.document.getText() && index.markSaved(e.document.uri);
    const lost = settleAnnotations(index, e.document.uri);
    for (const m of lost) void connection.window.showWarningMessage(`News Lens: ${m}`);
    if (saved || lost.length) scheduleRefresh(e.document.uri);
  }),
);

connection.onDidChangeWatchedFiles(
  guarded('a change on disk', (params) => {
    let configsAppeared = false;
    for (const change of params.changes) {
      const p = pathOf(change.uri);
      if (path.basename(p) === CONFIG_FILE) {
        // A newslens.json that appears or goes may make its folders news or not: they are read again.
        if (change.type !== FileChangeType.Changed && enableMode === 'auto') configsAppeared = true;
        loadConfig(p);
        continue;
      }
      if (p.toLowerCase().endsWith('.ann')) {
        loadAnn(uriOf(p.replace(/\.ann$/i, '.txt')));
        continue;
      }
      if (!inWorkspace(p)) continue;
      if (change.type === FileChangeType.Deleted) {
        index.removeDocument(change.uri);
      } else if (!documents.get(change.uri)) {
        loadArticle(p);
      }
    }
    if (configsAppeared) {
      ready = reindex(false).catch(logFailure('indexing'));
      return;
    }
    scheduleRefresh();
  }),
);

connection.onDidChangeConfiguration(() => {
  ready = reindex(false).catch(logFailure('indexing'));
});

connection.onHover(whenReady((p) => withIndexState(hover(index, p.textDocument.uri, p.position, { explainRules }))));

/** While the index is being built, the hover says how much of the workspace it has seen. */
function withIndexState(h: Hover | null): Hover | null {
  if (!h || !indexing || typeof h.contents !== 'object' || !('kind' in h.contents)) return h;
  const { ready: done, total } = index.progress();
  return {
    ...h,
    contents: {
      kind: 'markdown',
      value: `${h.contents.value}\n\n_${t('Index still partial: {0} of {1} articles.', done.toLocaleString(numberLocale()), total.toLocaleString(numberLocale()))}_`,
    },
  };
}
connection.onDefinition(whenReady((p) => definition(index, p.textDocument.uri, p.position)));
connection.onReferences(whenReady((p) => references(index, p.textDocument.uri, p.position, p.context.includeDeclaration)));
connection.onDocumentHighlight(whenReady((p) => highlights(index, p.textDocument.uri, p.position)));
connection.onDocumentSymbol(whenReady((p) => documentSymbols(index, p.textDocument.uri)));
connection.onWorkspaceSymbol(whenReady((p) => workspaceSymbols(index, p.query)));
connection.languages.inlayHint.on(whenReady((p) => (inlayHintsOn ? inlayHints(index, p.textDocument.uri, p.range) : [])));

connection.onRequest(
  protocol.DocumentEntitiesRequest,
  whenReady((p: protocol.DocumentEntitiesParams) => requests.documentEntities(index, p.uri)),
);
connection.onRequest(
  protocol.EntityAtRequest,
  whenReady((p: protocol.EntityAtParams) => requests.entityAt(index, p.uri, p.offset)),
);
connection.onRequest(
  protocol.EntitiesRequest,
  whenReady((p: protocol.EntitiesParams) => requests.entitiesRequest(index, p)),
);
connection.onRequest(
  protocol.EntityMentionsRequest,
  whenReady((p: protocol.EntityMentionsParams) => requests.entityMentionsRequest(index, p)),
);
connection.onRequest(
  protocol.ClaimsRequest,
  whenReady((p: protocol.ClaimsParams) => requests.claims(index, p?.uri, p?.status)),
);
connection.onRequest(
  protocol.StatsRequest,
  whenReady(() => requests.stats(index, indexing)),
);
connection.onRequest(
  protocol.TimelineRequest,
  whenReady((p: protocol.TimelineParams) => requests.timelineRequest(index, p)),
);
connection.onRequest(
  protocol.ConflictsRequest,
  whenReady((p: protocol.ConflictsParams) => conflictsRequest(index, p)),
);
connection.onRequest(protocol.ReindexRequest, async () => {
  const run = reindex();
  // A failed run fails this request, not the requests that wait for the index.
  ready = run.catch(() => undefined);
  await run;
  return requests.stats(index, indexing);
});
connection.onCodeAction(whenReady((p) => codeActions(index, p.textDocument.uri, p.range, p.context.diagnostics)));
connection.languages.semanticTokens.on(whenReady((p) => semanticTokens(index, p.textDocument.uri)));
connection.onRequest(
  protocol.ExportRequest,
  whenReady((p: protocol.ExportParams) => (trusted ? requests.exportAnnotations(index, p) : refused())),
);
connection.onRequest(
  protocol.ClaimsViewRequest,
  whenReady((p: protocol.ClaimsViewParams) => requests.claimsViewRequest(index, p)),
);
connection.onRequest(
  protocol.SimilarClaimsRequest,
  whenReady((p: protocol.SimilarClaimsParams) => similarClaims(index, p.uri, p.offset)),
);
connection.onRequest(
  protocol.AnnotateRequest,
  whenReady((p: protocol.AnnotateParams) => {
    if (!trusted) return refused();
    const r = annotate(index, p);
    update().catch(logFailure('updating the collection'));
    return { ok: r.ok, message: r.message, file: r.file };
  }),
);
connection.onRequest(
  protocol.RegistryEditRequest,
  whenReady((p: protocol.RegistryEditParams) => registryEdit(p)),
);

/** F2 on an entity renames it in the registry; the articles' text is never changed. */
connection.onPrepareRename(
  whenReady((p) => {
    const doc = textDocument(index, p.textDocument.uri);
    const m = doc ? index.mentionAt(p.textDocument.uri, doc.offsetAt(p.position)) : undefined;
    if (!doc || !m || m.kind === 'date' || !m.entity) return null;
    // F2 on an entity says at once why it cannot be renamed, rather than after the new name is typed.
    if (!trusted) throw new ResponseError(LSPErrorCodes.RequestFailed, t(protocol.UNTRUSTED_MESSAGE));
    return { range: { start: doc.positionAt(m.start), end: doc.positionAt(m.end) }, placeholder: index.get().entities.get(m.entity)?.name ?? m.text };
  }),
);
connection.onRenameRequest(
  whenReady((p) => {
    const doc = textDocument(index, p.textDocument.uri);
    const m = doc ? index.mentionAt(p.textDocument.uri, doc.offsetAt(p.position)) : undefined;
    if (!m || m.kind === 'date' || !m.entity) return null;
    const r = registryEdit({ action: 'rename', entity: m.entity, value: p.newName });
    if (!r.ok) throw new ResponseError(LSPErrorCodes.RequestFailed, r.message ?? 'the entity could not be renamed');
    return { changes: {} };
  }),
);

connection.onRequest(protocol.TreatAsNewsRequest, (p: protocol.TreatAsNewsParams): protocol.TreatAsNewsResult => {
  if (!trusted) return refused();
  let dir = pathOf(p.uri);
  try {
    if (!fs.statSync(dir).isDirectory()) dir = path.dirname(dir);
  } catch {
    return { ok: false, message: t('{0} does not exist', dir) };
  }
  if (!roots.some((r) => dir === r || dir.startsWith(r + path.sep))) return { ok: false, message: t('{0} is not in a workspace folder', dir) };
  const file = path.join(dir, CONFIG_FILE);
  if (fs.existsSync(file)) return { ok: true, file, message: t('{0} is there already', file) };
  try {
    writeFileAtomic(file, '{}\n');
  } catch (e) {
    return { ok: false, message: t('cannot write {0}: {1}', file, (e as Error).message) };
  }
  ready = reindex(false).catch(logFailure('indexing'));
  return { ok: true, file };
});

function registryEdit(p: protocol.RegistryEditParams): protocol.RegistryEditResult {
  if (!trusted) return refused();
  const r = editRegistry(index, roots, p);
  if (r.file) loadConfig(r.file);
  update().catch(logFailure('updating the collection'));
  return { ok: r.ok, message: r.message, file: r.file, id: r.id };
}

connection.onRequest(protocol.SetArticleDateRequest, (p: protocol.SetArticleDateParams): protocol.SetArticleDateResult => {
  if (!trusted) return refused();
  const r = requests.setArticleDate(p.uri, p.date, roots);
  if (r.ok && r.file) loadConfig(r.file);
  scheduleRefresh();
  return { ok: r.ok, file: r.file, message: r.message };
});

documents.listen(connection);
connection.listen();
