/**
 * End to end in a real VS Code workbench (code-server) driven by Debian's Chromium through
 * playwright-core: hover, F12, the Problems panel and every palette command, with a screenshot
 * of each step in test-results/. Prints "N passed, N failed" and exits non-zero on a failure.
 */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { chromium, type Page } from 'playwright-core';
import { ROOT, ensureCodeServer, installExtension, startCodeServer, workspaceCopy, type Running } from './codeServer';
import { quotedReport } from '../plantedQuote';

const RESULTS = path.join(ROOT, 'test-results');
const A002 = '002_5cb9b134e5cf0392.txt';
/** The Debian chromium, looked for once install-code-server.sh has installed it. */
const chromiumPath = () => process.env.CHROMIUM_PATH ?? ['/usr/bin/chromium', '/usr/bin/chromium-browser'].find((p) => fs.existsSync(p));

let passed = 0;
let failed = 0;

async function step(page: Page, name: string, fn: () => Promise<void>): Promise<void> {
  const started = Date.now();
  try {
    // Close what the step before left open (its screenshot shows it).
    await page.keyboard.press('Escape');
    await page.keyboard.press('Escape');
    await fn();
    passed++;
    console.log(`ok   ${name} (${Date.now() - started} ms)`);
  } catch (e) {
    failed++;
    console.log(`FAIL ${name}: ${(e as Error).message.split('\n')[0]}`);
  } finally {
    await page
      .screenshot({
        path: path.join(RESULTS, `${String(passed + failed).padStart(2, '0')}-${name.replace(/[^a-z0-9]+/gi, '-').toLowerCase()}.jpg`),
        type: 'jpeg',
        quality: 70,
      })
      .catch(() => undefined);
  }
}

/** With NEWSLENS_MEDIA=1, a cropped picture of one part of the workbench for the README (media/). */
async function mediaShot(page: Page, selector: string, name: string, pad = 120): Promise<void> {
  if (!process.env.NEWSLENS_MEDIA) return;
  const box = await page.locator(`${selector} >> visible=true`).first().boundingBox();
  if (!box) return;
  const vp = page.viewportSize()!;
  const x = Math.max(0, box.x - pad);
  const y = Math.max(0, box.y - pad);
  const clip = { x, y, width: Math.min(vp.width - x, box.width + 2 * pad), height: Math.min(vp.height - y, box.height + 2 * pad) };
  fs.mkdirSync(path.join(ROOT, 'media'), { recursive: true });
  await page.screenshot({ path: path.join(ROOT, 'media', `${name}.jpg`), type: 'jpeg', quality: 80, clip });
}

/** With NEWSLENS_MEDIA=1, the whole workbench for the README (media/). */
async function workbenchShot(page: Page, name: string): Promise<void> {
  if (!process.env.NEWSLENS_MEDIA) return;
  fs.mkdirSync(path.join(ROOT, 'media'), { recursive: true });
  await page.screenshot({ path: path.join(ROOT, 'media', `${name}.jpg`), type: 'jpeg', quality: 75 });
}

/**
 * The Problems panel and the Entities view open, and the hover of a name in the article: the whole
 * workbench as the README shows it. Returns the hover's text.
 */
async function workbench(page: Page, folder: string, entitiesView: RegExp, name: string): Promise<string> {
  await page.locator('.monaco-editor .view-lines').first().click();
  await page.keyboard.press('Control+Shift+M');
  await page.locator('.markers-panel').first().waitFor({ state: 'visible' });
  await palette(page, 'Explorer: Focus on Entities View');
  const header = page.locator('.pane-header', { hasText: entitiesView }).first();
  await header.waitFor({ state: 'visible' });
  if ((await header.getAttribute('aria-expanded')) === 'false') await header.click();
  await page.locator('.monaco-editor .view-lines').first().click();
  await gotoPosition(page, where(path.join(folder, A002), 'Putin', 1));
  await page.keyboard.press('Control+K');
  await page.keyboard.press('Control+I');
  const text = await poll(async () => (await page.locator('.monaco-hover-content').allInnerTexts()).find((t) => t.trim()), 'the hover');
  // The hover's box is laid out a moment after its text arrives; a picture taken at once shows it empty.
  await page.waitForTimeout(600);
  await workbenchShot(page, name);
  return text;
}

async function openArticle(page: Page, name: string): Promise<void> {
  await page.keyboard.press('F1');
  const input = page.locator('.quick-input-widget input');
  await input.waitFor({ state: 'visible' });
  await input.fill(name.slice(0, 7));
  await page.locator('.quick-input-list .monaco-list-row').first().waitFor({ state: 'visible' });
  await page.keyboard.press('Enter');
  await poll(async () => (await page.locator('.tab.active').innerText()).includes(name.slice(0, 7)), 'the article tab');
  await page.locator('.monaco-editor .view-lines').first().waitFor({ state: 'visible' });
}

async function poll<T>(what: () => Promise<T | undefined | null | false>, message: string, timeoutMs = 20000): Promise<T> {
  const until = Date.now() + timeoutMs;
  for (;;) {
    const v = await what().catch(() => undefined);
    if (v) return v;
    if (Date.now() > until) throw new Error(`timed out: ${message}`);
    await new Promise((r) => setTimeout(r, 150));
  }
}

/** Line and column (1-based) of the n-th occurrence of a word in an article. */
function where(file: string, needle: string, nth = 0): string {
  const text = fs.readFileSync(file, 'utf8');
  let at = -1;
  for (let i = 0; i <= nth; i++) at = text.indexOf(needle, at + 1);
  const before = text.slice(0, at);
  return `${before.split('\n').length}:${at - (before.lastIndexOf('\n') + 1) + 1}`;
}

async function palette(page: Page, command: string): Promise<void> {
  await page.keyboard.press('F1');
  const input = page.locator('.quick-input-widget input');
  await input.waitFor({ state: 'visible' });
  await input.fill(`>${command}`);
  await page.locator('.quick-input-list .monaco-list-row').first().waitFor({ state: 'visible' });
  await page.waitForTimeout(200);
  await page.keyboard.press('Enter');
}

async function gotoPosition(page: Page, lineCol: string): Promise<void> {
  await page.keyboard.press('Control+G');
  const input = page.locator('.quick-input-widget input');
  await input.waitFor({ state: 'visible' });
  await input.fill(`:${lineCol}`);
  await page.keyboard.press('Enter');
  await page.waitForTimeout(300);
}

async function quickPickRows(page: Page): Promise<string[]> {
  await page.locator('.quick-input-widget').waitFor({ state: 'visible' });
  await poll(async () => (await page.locator('.quick-input-list .monaco-list-row').count()) > 0, 'quick pick rows');
  return page.locator('.quick-input-list .monaco-list-row').allInnerTexts();
}

async function main(): Promise<number> {
  fs.mkdirSync(RESULTS, { recursive: true });
  const t0 = Date.now();
  ensureCodeServer();
  const CHROMIUM = chromiumPath();
  if (!CHROMIUM) throw new Error('Debian chromium is not installed (apt-get install chromium)');
  const extensions = fs.mkdtempSync(path.join(os.tmpdir(), 'newslens-ext-'));
  installExtension(extensions);
  const folder = workspaceCopy();
  const exportDirs: string[] = [];
  const folders: string[] = [];
  console.log(`code-server ready and extension installed in ${((Date.now() - t0) / 1000).toFixed(1)} s`);
  let server: Running | undefined;
  const browser = await chromium.launch({
    executablePath: CHROMIUM,
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--no-first-run',
      '--disable-quic',
    ],
  });
  try {
    server = await startCodeServer(folder, extensions);
    const page = await browser.newPage({ viewport: { width: 1400, height: 900 } });
    await page.goto(server.url);
    await page.locator('.monaco-workbench').waitFor({ state: 'visible', timeout: 60000 });

    await step(page, 'open article 002', async () => {
      await page.keyboard.press('F1');
      const input = page.locator('.quick-input-widget input');
      await input.waitFor({ state: 'visible' });
      await input.fill('002_5cb');
      await page.locator('.quick-input-list .monaco-list-row').first().waitFor({ state: 'visible' });
      await page.keyboard.press('Enter');
      await poll(async () => (await page.locator('.tab.active').innerText()).includes('002_5cb'), 'the article tab');
      await page.locator('.monaco-editor .view-lines').first().waitFor({ state: 'visible' });
    });

    await step(page, 'status bar shows the figures', async () => {
      await poll(async () => /5 articles · \d+ entities · \d+ unsourced/.test(await page.locator('.statusbar').innerText()), 'status bar item', 60000);
    });

    await step(page, 'hover on Putin names Vladimir Putin', async () => {
      await page.locator('.monaco-editor .view-lines').first().click();
      await gotoPosition(page, where(path.join(folder, A002), 'Putin', 1));
      await page.keyboard.press('Control+K');
      await page.keyboard.press('Control+I');
      const text = await poll(async () => (await page.locator('.monaco-hover-content').allInnerTexts()).find((t) => t.trim()), 'the hover');
      await mediaShot(page, '.monaco-hover', 'hover', 160);
      if (!/Vladimir Putin/.test(text)) throw new Error(`hover says: ${text}`);
      if (!/in 5 articles/.test(text)) throw new Error(`hover has no article count: ${text}`);
    });

    await step(page, 'F12 on Kim Jong Un shows other articles', async () => {
      await gotoPosition(page, where(path.join(folder, A002), 'Kim Jong Un'));
      await page.keyboard.press('F12');
      const seen = await poll(async () => {
        const peek = page.locator('.peekview-widget');
        if (await peek.count()) return (await peek.first().innerText()).match(/00[0134]_[0-9a-f]+\.txt/g)?.join(' ');
        const tab = await page.locator('.tab.active').innerText();
        return /00[0134]_/.test(tab) ? tab : undefined;
      }, 'a peek list or another article');
      console.log(`     F12 shows: ${seen.slice(0, 120)}`);
      await mediaShot(page, '.peekview-widget', 'peek', 30);
    });

    await step(page, 'Problems panel lists News Lens diagnostics', async () => {
      await page.locator('.monaco-editor .view-lines').first().click();
      await page.keyboard.press('Control+Shift+M');
      const count = await poll(async () => {
        const rows = await page.locator('.markers-panel .monaco-list-row').allInnerTexts();
        const ours = rows.filter((r) => /unsourced|vague|News Lens/i.test(r));
        return ours.length > 3 ? ours.length : undefined;
      }, 'News Lens diagnostics in the Problems panel');
      console.log(`     Problems panel rows from News Lens: ${count}`);
      await mediaShot(page, '.markers-panel', 'problems', 10);
    });

    await step(page, 'command: Show Entities of This Article', async () => {
      await page.locator('.monaco-editor .view-lines').first().click();
      await palette(page, 'News Lens: Show Entities of This Article');
      const rows = await quickPickRows(page);
      if (!rows.some((r) => r.includes('Vladimir Putin'))) throw new Error(`rows: ${rows.slice(0, 5).join(' | ')}`);
    });

    await step(page, 'command: Find Entity Across Articles', async () => {
      await palette(page, 'News Lens: Find Entity Across Articles');
      await quickPickRows(page);
      await page.locator('.quick-input-widget input').fill('Kim Jong');
      await page.waitForTimeout(300);
      await page.keyboard.press('Enter');
      const rows = await poll(async () => {
        const r = await page.locator('.quick-input-list .monaco-list-row').allInnerTexts();
        // The list fills in as the answer arrives: wait for the rows, not for the first one.
        return r.filter((x) => /\.txt:\d+/.test(x)).length >= 5 ? r : undefined;
      }, 'five mentions of the entity');
      if (rows.length < 5) throw new Error(`only ${rows.length} mentions`);
    });

    await step(page, 'command: List Unsourced Claims', async () => {
      await palette(page, 'News Lens: List Unsourced Claims');
      const rows = await quickPickRows(page);
      if (!rows.some((r) => /no source named|vague source/.test(r))) throw new Error(`rows: ${rows.slice(0, 3).join(' | ')}`);
    });

    await step(page, 'command: Set Article Date', async () => {
      await page.locator('.monaco-editor .view-lines').first().click();
      await palette(page, 'News Lens: Set Article Date');
      const input = page.locator('.quick-input-widget input');
      await input.waitFor({ state: 'visible' });
      await input.fill('2019-04-30');
      await page.keyboard.press('Enter');
      await poll(async () => /article date set to 2019-04-30/.test(await page.locator('.notifications-toasts').innerText()), 'the confirmation');
      const cfg = JSON.parse(fs.readFileSync(path.join(folder, 'newslens.json'), 'utf8'));
      if (cfg.articles[A002].date !== '2019-04-30') throw new Error('newslens.json was not updated');
    });

    await step(page, 'command: Show Timeline', async () => {
      await palette(page, 'News Lens: Show Timeline');
      const view = page.locator('.pane', { hasText: 'News Timeline' });
      await poll(async () => /the year 2008[\s\S]*vào năm 2008/.test(await view.innerText()), 'the timeline grouped by day');
    });

    await step(page, 'Entities view lists persons, organisations and places', async () => {
      await palette(page, 'Explorer: Focus on Entities View');
      const view = page.locator('.pane', { has: page.locator('.pane-header', { hasText: /^Entities/i }) }).first();
      await poll(async () => /Persons\s*\d+[\s\S]*Kim Jong-un\s*\d+ · 5 articles/.test(await view.innerText()), 'the Entities view');
    });

    await step(page, 'Entities view: an entity opens on its articles', async () => {
      const view = page.locator('.pane', { has: page.locator('.pane-header', { hasText: /^Entities/i }) }).first();
      await view.locator('.monaco-list-row', { hasText: 'Kim Jong-un' }).first().click();
      await poll(async () => /Kim Jong-un[^\n]*\n[\s\S]*00\d_[0-9a-f]+\.txt/.test(await view.innerText()), 'the articles of Kim Jong-un');
    });

    await step(page, 'workbench: hover, Entities view and Problems together', async () => {
      const text = await workbench(page, folder, /^Entities/i, 'workbench');
      if (!/Vladimir Putin/.test(text)) throw new Error(`hover says: ${text}`);
    });

    await step(page, 'command: Filter Entities', async () => {
      const view = page.locator('.pane', { has: page.locator('.pane-header', { hasText: /^Entities/i }) }).first();
      const filter = async (value: string) => {
        await palette(page, 'News Lens: Filter Entities');
        const input = page.locator('.quick-input-widget input');
        await input.waitFor({ state: 'visible' });
        await input.fill(value);
        await page.keyboard.press('Enter');
      };
      await filter('putin');
      await poll(async () => {
        const text = await view.innerText();
        return /Vladimir Putin/.test(text) && !/Kim Jong-un/.test(text);
      }, 'only Putin in the Entities view');
      await filter('');
      await poll(async () => /Kim Jong-un/.test(await view.innerText()), 'every entity again');
    });

    await step(page, 'command: Rename Entity', async () => {
      await page.locator('.monaco-editor .view-lines').first().click();
      await gotoPosition(page, where(path.join(folder, A002), 'Putin', 1));
      await palette(page, 'News Lens: Rename Entity');
      const input = page.locator('.quick-input-widget input');
      await poll(async () => (await input.inputValue()) === 'Vladimir Putin', 'the current name in the input');
      await input.fill('Vladimir V. Putin');
      await page.keyboard.press('Enter');
      await poll(async () => /renamed to "Vladimir V. Putin"/.test(await page.locator('.notifications-toasts').innerText()), 'the confirmation');
      const cfg = JSON.parse(fs.readFileSync(path.join(folder, 'newslens.json'), 'utf8'));
      if (!Object.values(cfg.entities ?? {}).some((e: any) => e.name === 'Vladimir V. Putin')) throw new Error('not in newslens.json');
    });

    await step(page, 'command: Annotate Selection as Organization', async () => {
      await page.locator('.monaco-editor .view-lines').first().click();
      await gotoPosition(page, where(path.join(folder, A002), 'tàu bọc thép'));
      for (let i = 0; i < 'tàu bọc thép'.length; i++) await page.keyboard.press('Shift+ArrowRight');
      await palette(page, 'News Lens: Annotate Selection as Organization');
      const ann = path.join(folder, A002.replace('.txt', '.ann'));
      await poll(async () => fs.existsSync(ann) && /Organization \d+ \d+\ttàu bọc thép/.test(fs.readFileSync(ann, 'utf8')), 'the annotation in the .ann file');
    });

    await step(page, 'quick fix: Reject Suggestion', async () => {
      await page.locator('.monaco-editor .view-lines').first().click();
      await gotoPosition(page, where(path.join(folder, A002), 'Vladivostok'));
      await page.keyboard.press('Control+.');
      const rows = page.locator('.action-widget .monaco-list-row');
      await rows.first().waitFor({ state: 'visible' });
      const texts = await rows.allInnerTexts();
      const k = texts.findIndex((t) => t.includes('Reject suggestion'));
      if (k < 0) throw new Error(`quick fixes: ${texts.join(' | ')}`);
      // The first action is focused; move down to the one wanted (section headers are skipped).
      const actions = texts.filter((t) => /suggestion/.test(t));
      for (let i = 0; i < actions.indexOf(texts[k]); i++) await page.keyboard.press('ArrowDown');
      await page.keyboard.press('Enter');
      const ann = path.join(folder, A002.replace('.txt', '.ann'));
      await poll(async () => /Rejected T\d+/.test(fs.readFileSync(ann, 'utf8')), 'the rejection in the .ann file');
    });

    const ann002 = () => fs.readFileSync(path.join(folder, A002.replace('.txt', '.ann')), 'utf8');

    await step(page, 'command: Accept Suggestion', async () => {
      await page.locator('.monaco-editor .view-lines').first().click();
      await gotoPosition(page, where(path.join(folder, A002), 'Moscow'));
      await palette(page, 'News Lens: Accept Suggestion');
      await poll(async () => /Location \d+ \d+\tMoscow\n(?:.*\n)*?A\d+\tConfirmed T\d+/.test(ann002()), 'the confirmation in the .ann file');
    });

    await step(page, 'command: Remove Annotation', async () => {
      await gotoPosition(page, where(path.join(folder, A002), 'bọc thép'));
      await palette(page, 'News Lens: Remove Annotation');
      await poll(async () => !/tàu bọc thép/.test(ann002()), 'the annotation gone from the .ann file');
    });

    await step(page, 'command: Link Mention to Entity', async () => {
      await gotoPosition(page, where(path.join(folder, A002), 'Kim Jong Un'));
      await palette(page, 'News Lens: Link Mention to Entity');
      await quickPickRows(page);
      await page.locator('.quick-input-widget input').fill('Kim Jong-un');
      await page.waitForTimeout(300);
      await page.keyboard.press('Enter');
      await poll(async () => /Reference T\d+ newslens:kim_jong_un/.test(ann002()), 'the link in the .ann file');
    });

    await step(page, 'quick fix: Dismiss claim as common knowledge', async () => {
      const before = (await page.locator('.statusbar').innerText()).match(/(\d+) unsourced/)![1];
      await gotoPosition(page, where(path.join(folder, A002), 'Điều đáng chú ý'));
      await page.keyboard.press('Control+.');
      const rows = page.locator('.action-widget .monaco-list-row');
      await rows.first().waitFor({ state: 'visible' });
      const texts = (await rows.allInnerTexts()).filter((t) => !/^Quick Fix/i.test(t.trim()) && t.trim());
      const k = texts.findIndex((t) => t.includes('Dismiss: common knowledge'));
      if (k < 0) throw new Error(`quick fixes: ${texts.join(' | ')}`);
      for (let i = 0; i < k; i++) await page.keyboard.press('ArrowDown');
      await page.keyboard.press('Enter');
      await poll(async () => /Dismissed T\d+ common-knowledge/.test(ann002()), 'the dismissal in the .ann file');
      await poll(
        async () => Number((await page.locator('.statusbar').innerText()).match(/(\d+) unsourced/)![1]) === Number(before) - 1,
        'one unsourced claim less',
      );
    });

    await step(page, 'command: Find This Claim in Other Articles', async () => {
      await gotoPosition(page, where(path.join(folder, A002), 'Chủ tịch Kim Jong-un đang tìm'));
      await palette(page, 'News Lens: Find This Claim in Other Articles');
      const rows = await quickPickRows(page);
      if (!rows.some((r) => /\d+% · 00[0134]_/.test(r))) throw new Error(`rows: ${rows.slice(0, 3).join(' | ')}`);
    });

    await step(page, 'command: Mark Claim as Sourced by', async () => {
      await page.locator('.monaco-editor .view-lines').first().click();
      await gotoPosition(page, where(path.join(folder, A002), 'Chủ tịch Kim Jong-un đang tìm'));
      await palette(page, 'News Lens: Mark Claim as Sourced by');
      await quickPickRows(page);
      await page.locator('.quick-input-widget input').fill('Reuters');
      await page.waitForTimeout(300);
      await page.keyboard.press('Enter');
      await poll(async () => /Status T\d+ sourced[\s\S]*Source T\d+ Reuters/.test(ann002()), 'the claim decision in the .ann file');
    });

    await step(page, 'command: Accept All Suggestions in Article', async () => {
      await page.locator('.monaco-editor .view-lines').first().click();
      await palette(page, 'News Lens: Accept All Suggestions in Article');
      await poll(async () => (ann002().match(/Confirmed/g) ?? []).length > 50, 'every suggestion confirmed');
    });

    await step(page, 'command: Merge Entities', async () => {
      await page.locator('.monaco-editor .view-lines').first().click();
      await gotoPosition(page, where(path.join(folder, A002), 'Interfax'));
      await palette(page, 'News Lens: Merge Entities');
      await quickPickRows(page);
      await page.locator('.quick-input-widget input').fill('TASS');
      await page.waitForTimeout(300);
      // In a many-pick list Space ticks the focused row; the focus must be in the list first.
      await page.keyboard.press('ArrowDown');
      await page.keyboard.press('Space');
      await page.keyboard.press('Enter');
      await poll(async () => /"Interfax"[\s\S]*"TASS"/.test(fs.readFileSync(path.join(folder, 'newslens.json'), 'utf8')), 'the merge in newslens.json');
    });

    const registry = () => fs.readFileSync(path.join(folder, 'newslens.json'), 'utf8');
    const inputStep = async (command: string, needle: string, value: string, check: RegExp) => {
      await page.locator('.monaco-editor .view-lines').first().click();
      await gotoPosition(page, where(path.join(folder, A002), needle));
      await palette(page, command);
      const input = page.locator('.quick-input-widget input');
      await input.waitFor({ state: 'visible' });
      await page.waitForTimeout(200);
      await input.fill(value);
      await page.waitForTimeout(300);
      await page.keyboard.press('Enter');
      await poll(async () => check.test(registry()), `${command} saved in newslens.json`);
    };

    await step(page, 'command: Set Entity Kind', () => inputStep('News Lens: Set Entity Kind', 'NHK', 'organization', /"NHK"[\s\S]*"kind": "organization"/));
    await step(page, 'command: Add Alias', () => inputStep('News Lens: Add Alias', 'NHK', 'Đài NHK', /"Đài NHK"/));
    await step(page, 'command: Link Entity to Wikidata', () => inputStep('News Lens: Link Entity to Wikidata', 'NHK', 'Q217340', /"wikidata": "Q217340"/));

    await step(page, 'command: Split Mention From Entity', async () => {
      await page.locator('.monaco-editor .view-lines').first().click();
      await gotoPosition(
        page,
        where(path.join(folder, A002), 'Chủ tịch Kim là').replace(/:(\d+)$/, (_m, c) => `:${Number(c) + 9}`),
      );
      await palette(page, 'News Lens: Split Mention From Entity');
      await poll(async () => /"exclude": \[/.test(registry()), 'the split in newslens.json');
    });

    let exported = '';
    await step(page, 'command: Export Annotations (brat)', async () => {
      const out = fs.mkdtempSync(path.join(os.tmpdir(), 'newslens-export-'));
      exported = out;
      exportDirs.push(out);
      await palette(page, 'News Lens: Export Annotations');
      await quickPickRows(page);
      await page.locator('.quick-input-widget input').fill('brat');
      await page.keyboard.press('Enter');
      // code-server's simple file dialog: a path in the quick input.
      const input = page.locator('.quick-input-widget input');
      await poll(async () => (await input.inputValue()).startsWith('/'), 'the folder dialog');
      await input.fill(out + '/');
      await page.waitForTimeout(500);
      await page.keyboard.press('Enter');
      await poll(
        async () => fs.existsSync(path.join(out, 'annotation.conf')) && fs.existsSync(path.join(out, A002.replace('.txt', '.ann'))),
        'the exported brat folder',
      );
    });

    await step(page, 'command: Import brat Annotations', async () => {
      await palette(page, 'News Lens: Import brat Annotations');
      const input = page.locator('.quick-input-widget input');
      await poll(async () => (await input.inputValue()).startsWith('/'), 'the folder dialog');
      await input.fill(exported + '/');
      await page.waitForTimeout(500);
      await page.keyboard.press('Enter');
      const dest = path.join(folder, `brat-${path.basename(exported)}`);
      await poll(async () => fs.existsSync(path.join(dest, A002.replace('.txt', '.ann'))), 'the imported folder in the workspace');
      await poll(async () => /imported \d+ file/.test(await page.locator('.notifications-toasts').innerText()), 'the confirmation');
    });

    await step(page, 'Claims view lists claims by status', async () => {
      await palette(page, 'Explorer: Focus on Claims View');
      const view = page.locator('.pane', { has: page.locator('.pane-header', { hasText: /^Claims/i }) }).first();
      await poll(async () => /Unsourced\s*\d+/.test(await view.innerText()), 'the Claims view');
    });

    await step(page, 'command: Reindex Workspace', async () => {
      await palette(page, 'News Lens: Reindex Workspace');
      await poll(
        async () => /indexed 10 articles/.test(await page.locator('.notifications-toasts').innerText()),
        'the reindex message (the imported copy included)',
      );
    });

    await step(page, 'conflicting attribution: a planted pair shows the diagnostic with the other article', async () => {
      // Two reports of one event that give the same quote to different persons, added to the workspace.
      fs.writeFileSync(path.join(folder, 'cau-1.txt'), quotedReport('Nguyễn Văn An'));
      fs.writeFileSync(path.join(folder, 'cau-2.txt'), quotedReport('Trần Văn Bình'));
      // Quick open's file list does not know files made after it was built: open it from the Explorer.
      const row = page.locator('.explorer-folders-view .monaco-list-row', { hasText: 'cau-1.txt' }).first();
      await row.waitFor({ state: 'visible', timeout: 20000 });
      await row.click();
      await poll(async () => (await page.locator('.tab.active').innerText()).includes('cau-1.txt'), 'the article tab');
      await page.locator('.monaco-editor .view-lines').first().click();
      await page.keyboard.press('Control+Shift+M');
      const filter = page.locator('.markers-panel-container .viewpane-filter input, .panel .viewpane-filter input').first();
      await filter.fill('who said');
      const rows = await poll(
        async () => {
          const r = await page.locator('.markers-panel .monaco-list-row').allInnerTexts();
          return r.some((x) => /Other articles disagree on who said .*Nguyễn Văn An here, Trần Văn Bình in cau-2\.txt/.test(x)) &&
            r.some((x) => /cau-2\.txt/.test(x) && /Trần Văn Bình/.test(x))
            ? r
            : undefined;
        },
        'the conflicting-attribution diagnostic and its related location',
        60000,
      );
      console.log(
        `     Problems: ${rows
          .map((r) => r.replace(/\s+/g, ' '))
          .join(' | ')
          .slice(0, 240)}`,
      );
      await filter.fill('');
    });

    await step(page, 'Compare Articles view and command: Compare This Article With', async () => {
      await palette(page, 'Explorer: Focus on Compare Articles View');
      const header = page.locator('.pane-header', { hasText: /^Compare Articles/i }).first();
      if ((await header.getAttribute('aria-expanded')) === 'false') await header.click();
      const pane = page.locator('.pane', { has: header }).first();
      await poll(async () => /cau-1\.txt, cau-2\.txt[\s\S]*who said/.test(await pane.innerText()), 'the planted pair in the Compare Articles view');
      await page.locator('.monaco-editor .view-lines').first().click();
      await palette(page, 'News Lens: Compare This Article With');
      const input = page.locator('.quick-input-widget input');
      await input.fill('cau-2');
      await poll(
        async () => (await quickPickRows(page)).some((r) => /cau-2\.txt/.test(r) && /1 disagreements/.test(r)),
        'cau-2.txt first, with its disagreement',
      );
      await page.keyboard.press('Enter');
      const rows = await poll(async () => {
        const r = await quickPickRows(page).catch(() => []);
        return r.some((x) => /who said .*"Nguyễn Văn An" ≠ "Trần Văn Bình"/.test(x)) ? r : undefined;
      }, 'where the two disagree');
      console.log(`     disagreement: ${rows[0].split('\n')[0]}`);
      await page.keyboard.press('Enter');
      // Each editor group has an active tab: the other article's is the one beside.
      await poll(async () => (await page.locator('.tab.active').allInnerTexts()).some((x) => x.includes('cau-2.txt')), 'the other article beside');
    });

    server.stop();
    server = undefined;

    // The Vietnamese UI: code-server in locale vi, with a stub language pack (see startCodeServer).
    const folderVi = workspaceCopy();
    folders.push(folderVi);
    server = await startCodeServer(folderVi, extensions, undefined, { locale: 'vi' });
    const vi = await browser.newPage({ viewport: { width: 1400, height: 900 } });
    await vi.goto(server.url);
    await vi.locator('.monaco-workbench').waitFor({ state: 'visible', timeout: 60000 });

    await step(vi, 'Vietnamese UI: command titles from package.nls.vi.json', async () => {
      // The palette lists only the commands known when it opens: wait for the extension to be up.
      await poll(async () => /\d+ bài/.test(await vi.locator('.statusbar').innerText()), 'the News Lens status bar item', 60000);
      await vi.keyboard.press('F1');
      const input = vi.locator('.quick-input-widget input');
      await input.waitFor({ state: 'visible' });
      await input.fill('>Đặt ngày đăng bài');
      const rows = await poll(async () => {
        const r = await vi.locator('.quick-input-list .monaco-list-row').allInnerTexts();
        return r.some((x) => x.includes('News Lens: Đặt ngày đăng bài')) ? r : undefined;
      }, 'the Vietnamese title of Set Article Date');
      console.log(`     palette: ${rows[0].split('\n')[0]}`);
    });

    await step(vi, 'Vietnamese UI: the walkthrough and its steps', async () => {
      await palette(vi, 'Welcome: Open Walkthrough');
      const input = vi.locator('.quick-input-widget input');
      await input.fill('Bắt đầu với News Lens');
      await poll(
        async () => (await vi.locator('.quick-input-list .monaco-list-row').allInnerTexts()).some((r) => r.includes('Bắt đầu với News Lens')),
        'the walkthrough',
      );
      await vi.keyboard.press('Enter');
      const page = vi.locator('.gettingStartedContainer');
      await poll(async () => /Mở một thư mục bài báo[\s\S]*Di chuột lên một cái tên/.test(await page.innerText()), 'the Vietnamese steps');
    });

    await step(vi, 'Vietnamese UI: hover, Entities view and Problems in Vietnamese', async () => {
      await openArticle(vi, A002);
      await poll(async () => /5 bài/.test(await vi.locator('.statusbar').innerText()), 'the status bar in Vietnamese', 60000);
      const text = await workbench(vi, folderVi, /^Thực thể/i, 'workbench-vi');
      if (!/Vladimir Putin · người/.test(text) || !/trong 5 bài/.test(text)) throw new Error(`hover says: ${text}`);
      const rows = await vi.locator('.markers-panel .monaco-list-row').allInnerTexts();
      if (!rows.some((r) => /không nêu nguồn|chưa có nguồn/.test(r))) throw new Error(`Problems: ${rows.slice(0, 3).join(' | ')}`);
    });
  } finally {
    await browser.close();
    server?.stop();
    for (const f of [folder, ...folders]) fs.rmSync(f, { recursive: true, force: true });
    fs.rmSync(extensions, { recursive: true, force: true });
    for (const d of exportDirs) fs.rmSync(d, { recursive: true, force: true });
  }
  console.log(`e2e took ${((Date.now() - t0) / 1000).toFixed(1)} s; screenshots in test-results/`);
  console.log(`${passed} passed, ${failed} failed`);
  return failed ? 1 : 0;
}

main().then(
  (code) => process.exit(code),
  (e) => {
    console.error(`e2e: ${(e as Error).message}`);
    process.exit(1);
  },
);
