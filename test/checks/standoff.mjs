// Check sets as standoff: gold files (../shared/gold/GUIDELINES.md markup) over ViMs articles are kept
// in the repository as the article's zip entry, the sha1 of its text, offsets and labels, never the text.
//
//   node test/checks/standoff.mjs pack GOLD_DIR OUT.json
//   node test/checks/standoff.mjs unpack SET.json DIR
//
// Names: GOLD_DIR/NAME.gold.txt belongs to the zip entry `Data_and_summary/` + NAME with `__` read as `/`
// + `.txt` (data__Cluster_001__1.gold.txt is Data_and_summary/data/Cluster_001/1.txt). An optional
// GOLD_DIR/newslens.json gives article dates ({"articles": {"NAME.txt": {"date": ...}}}); they are kept
// in the set and written back by unpack, since the date values are resolved against them.
// Offsets are UTF-16 code units, as JavaScript strings and to_json.py count them.
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { basename, dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import yauzl from 'yauzl';

const here = dirname(fileURLToPath(import.meta.url));
export const ZIP = resolve(here, '..', '..', '..', 'shared', 'corpus', 'vims-early.zip');
const PREFIX = 'Data_and_summary/';
const MENTION = /\[([^[\]]+)\]\{(PER|ORG|LOC|DATE|IGNORE)(?::([^{}]+))?\}/y;
const MARKER = /⟪([SVUN])⟫/y;
const MARKUP = /[[\]{}⟪⟫]/;

export const entryOf = (name) => PREFIX + name.split('__').join('/') + '.txt';
export const nameOf = (entry) => entry.slice(PREFIX.length, -'.txt'.length).split('/').join('__');
export const sha1 = (text) => createHash('sha1').update(text, 'utf8').digest('hex');

/** Strips the markup as to_json.py does: the plain text, mentions [start, end, kind, value] and sentences [start, label]. */
export function parseGold(marked) {
  let text = '';
  const mentions = [];
  const sentences = [];
  let i = 0;
  while (i < marked.length) {
    MENTION.lastIndex = i;
    const m = MENTION.exec(marked);
    if (m) {
      if (/[⟪⟫{}]/.test(m[1])) throw new Error(`markup inside a mention at ${i}: ${m[0]}`);
      mentions.push([text.length, text.length + m[1].length, m[2], m[3] ?? null]);
      text += m[1];
      i = MENTION.lastIndex;
      continue;
    }
    MARKER.lastIndex = i;
    const s = MARKER.exec(marked);
    if (s) {
      sentences.push([text.length, s[1]]);
      i = MARKER.lastIndex;
      continue;
    }
    if (MARKUP.test(marked[i])) throw new Error(`stray markup character ${marked[i]} at ${i}: ${marked.slice(Math.max(0, i - 40), i + 40)}`);
    text += marked[i];
    i++;
  }
  return { text, mentions, sentences };
}

/** Puts the markup back: at one offset, mentions ending there close first, then the sentence marker, then mentions open. */
export function renderGold(text, mentions, sentences) {
  const closes = new Map();
  const opens = new Map();
  const marks = new Map();
  const add = (map, k, v) => (map.has(k) ? map.get(k).push(v) : map.set(k, [v]));
  for (const m of mentions) {
    const [start, end, kind, value] = m;
    add(opens, start, '[');
    add(closes, end, `]{${kind}${value == null ? '' : ':' + value}}`);
  }
  for (const [start, label] of sentences) add(marks, start, `⟪${label}⟫`);
  let out = '';
  for (let i = 0; i <= text.length; i++) {
    out += (closes.get(i) ?? []).join('') + (marks.get(i) ?? []).join('') + (opens.get(i) ?? []).join('');
    if (i < text.length) out += text[i];
  }
  return out;
}

/** Reads the given entries of the ViMs zip as UTF-8 text: Map entry -> text. */
export function readEntries(entries, zipPath = ZIP) {
  const wanted = new Set(entries);
  const got = new Map();
  return new Promise((ok, fail) => {
    yauzl.open(zipPath, { lazyEntries: true }, (err, zip) => {
      if (err) return fail(err);
      zip.on('error', fail);
      zip.on('end', () => ok(got));
      zip.on('entry', (e) => {
        if (!wanted.has(e.fileName)) return zip.readEntry();
        zip.openReadStream(e, (err2, stream) => {
          if (err2) return fail(err2);
          const parts = [];
          stream.on('data', (c) => parts.push(c));
          stream.on('end', () => {
            got.set(e.fileName, Buffer.concat(parts).toString('utf8'));
            zip.readEntry();
          });
        });
      });
      zip.readEntry();
    });
  });
}

export async function pack(goldDir, outPath) {
  const names = readdirSync(goldDir)
    .filter((f) => f.endsWith('.gold.txt'))
    .map((f) => f.slice(0, -'.gold.txt'.length))
    .sort();
  const dates = existsSync(join(goldDir, 'newslens.json')) ? (JSON.parse(readFileSync(join(goldDir, 'newslens.json'), 'utf8')).articles ?? {}) : {};
  const texts = await readEntries(names.map(entryOf));
  const set = [];
  for (const name of names) {
    const entry = entryOf(name);
    const article = texts.get(entry);
    if (article === undefined) {
      console.error(`skip ${name}: no zip entry ${entry}`);
      continue;
    }
    if (MARKUP.test(article)) {
      console.error(`skip ${name}: its text has markup characters []{}⟪⟫, so it cannot be a gold file`);
      continue;
    }
    const { text, mentions, sentences } = parseGold(readFileSync(join(goldDir, name + '.gold.txt'), 'utf8'));
    if (text !== article) {
      let k = 0;
      while (k < text.length && text[k] === article[k]) k++;
      throw new Error(
        `${name}: the gold text differs from ${entry} at ${k}: ${JSON.stringify(article.slice(k - 30, k + 30))} vs ${JSON.stringify(text.slice(k - 30, k + 30))}`,
      );
    }
    const item = { zip: entry, sha1: sha1(text), mentions, sentences };
    const date = dates[name + '.txt']?.date;
    if (date) item.date = date;
    set.push(item);
  }
  // One article a line keeps diffs of the set readable.
  writeFileSync(outPath, '[\n' + set.map((x) => JSON.stringify(x)).join(',\n') + '\n]\n');
  console.error(`packed ${set.length} articles into ${outPath}`);
  return set.length;
}

/** Writes DIR/NAME.txt, GOLD_DIR/NAME.gold.txt (GOLD_DIR is DIR unless given) and DIR/newslens.json; returns the names written. */
export async function unpack(setPath, dir, goldDir = dir) {
  const set = JSON.parse(readFileSync(setPath, 'utf8'));
  const texts = await readEntries(set.map((x) => x.zip));
  mkdirSync(dir, { recursive: true });
  mkdirSync(goldDir, { recursive: true });
  const written = [];
  const articles = {};
  for (const item of set) {
    const name = nameOf(item.zip);
    const text = texts.get(item.zip);
    if (text === undefined) throw new Error(`${item.zip} is not in ${ZIP}`);
    if (sha1(text) !== item.sha1) throw new Error(`${item.zip}: its text has changed (sha1 ${sha1(text)}, the set has ${item.sha1})`);
    if (MARKUP.test(text)) {
      console.error(`skip ${name}: its text has markup characters []{}⟪⟫, so it cannot be a gold file`);
      continue;
    }
    writeFileSync(join(dir, name + '.txt'), text);
    writeFileSync(join(goldDir, name + '.gold.txt'), renderGold(text, item.mentions, item.sentences));
    if (item.date) articles[name + '.txt'] = { date: item.date };
    written.push(name);
  }
  writeFileSync(join(dir, 'newslens.json'), JSON.stringify({ articles }, null, 1) + '\n');
  return written;
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const [cmd, a, b] = process.argv.slice(2);
  if (cmd === 'pack' && a && b) await pack(a, b);
  else if (cmd === 'unpack' && a && b) console.error(`unpacked ${(await unpack(a, b)).length} articles into ${b}`);
  else {
    console.error(`usage: node ${basename(process.argv[1])} pack GOLD_DIR OUT.json | unpack SET.json DIR`);
    process.exit(2);
  }
}
