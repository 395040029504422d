/**
 * The benchmark's articles: real news read from a zip or a folder, and N articles generated from
 * them deterministically (article k of N is always the same text, whatever N), written to a temp folder.
 */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import yauzl from 'yauzl';

export interface BaseArticle {
  /** Zip entry or file path, for messages. */
  name: string;
  /** The event cluster (ViMs: Cluster_NNN), or the folder. Articles of one cluster share names. */
  cluster: string;
  title: string;
  /** Body paragraphs (one line each in the corpus), each split into sentences. */
  paragraphs: string[][];
}

/** The .txt articles of a zip (entries under a data/ folder, or at its top) or of a folder, in a stable order. */
export async function readCorpus(file: string): Promise<{ name: string; text: string }[]> {
  const out = file.toLowerCase().endsWith('.zip') ? await readZip(file) : readFolder(file);
  return out.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
}

function readFolder(root: string): { name: string; text: string }[] {
  const out: { name: string; text: string }[] = [];
  const walk = (dir: string) => {
    for (const e of fs.readdirSync(dir, { withFileTypes: true })) {
      const p = path.join(dir, e.name);
      if (e.isDirectory()) {
        if (e.name !== 'node_modules' && !e.name.startsWith('.')) walk(p);
      } else if (e.isFile() && e.name.toLowerCase().endsWith('.txt')) {
        out.push({ name: path.relative(root, p).split(path.sep).join('/'), text: fs.readFileSync(p, 'utf8').replace(/^\uFEFF/, '') });
      }
    }
  };
  walk(root);
  return out;
}

function readZip(file: string): Promise<{ name: string; text: string }[]> {
  return new Promise((resolve, reject) => {
    const out: { name: string; text: string }[] = [];
    yauzl.open(file, { lazyEntries: true }, (err, zip) => {
      if (err || !zip) return reject(err ?? new Error(`cannot open ${file}`));
      zip.on('error', reject);
      zip.on('entry', (entry: yauzl.Entry) => {
        if (!/(^|\/)data\/.*\.txt$/i.test(entry.fileName) && !/^[^/]*\.txt$/i.test(entry.fileName)) return zip.readEntry();
        zip.openReadStream(entry, (e, stream) => {
          if (e || !stream) return reject(e ?? new Error(`cannot read ${entry.fileName}`));
          const chunks: Buffer[] = [];
          stream.on('data', (c: Buffer) => chunks.push(c));
          stream.on('error', reject);
          stream.on('end', () => {
            out.push({
              name: entry.fileName,
              text: Buffer.concat(chunks)
                .toString('utf8')
                .replace(/^\uFEFF/, ''),
            });
            zip.readEntry();
          });
        });
      });
      zip.on('end', () => resolve(out));
      zip.readEntry();
    });
  });
}

/** Sentence ends: a full stop, ! ? or … (maybe inside quotes) before a space and a capital or a quote. */
const SENTENCE_END = /(?<=[.!?…]["”»)]?)\s+(?=["“«(]?\p{Lu})/u;

export function toBase(a: { name: string; text: string }): BaseArticle | undefined {
  const lines = a.text
    .split(/\r?\n/)
    .map((l) => l.trim())
    .filter((l) => l.length > 0);
  if (lines.length < 2) return undefined;
  const dir = path.posix.dirname(a.name);
  return {
    name: a.name,
    cluster: dir === '.' ? '' : dir,
    title: lines[0],
    paragraphs: lines.slice(1).map((l) => l.split(SENTENCE_END).filter((s) => s.length > 0)),
  };
}

/** mulberry32: a small seeded PRNG, the same numbers on every machine. */
export function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const OUTLETS = [
  'VnExpress',
  'Tuổi Trẻ',
  'Thanh Niên',
  'Dân trí',
  'VTV',
  'TTXVN',
  'VietnamPlus',
  'Người Lao Động',
  'Tiền Phong',
  'Lao Động',
  'Zing',
  'Reuters',
  'AFP',
  'BBC',
  'CNN',
  'AP',
];
const WRITERS = [
  'Minh Anh',
  'Thu Hà',
  'Quốc Việt',
  'Hoàng Long',
  'Ngọc Mai',
  'Đức Trung',
  'Thanh Tùng',
  'Bảo Châu',
  'Hải Yến',
  'Phương Linh',
  'Trọng Nghĩa',
  'Khánh Vy',
];

/** The varying last line: a byline, a credit, or both; names and outlets recur as in a real collection. */
function closingLine(rnd: () => number): string {
  const o = OUTLETS[Math.floor(rnd() * OUTLETS.length)];
  const w = WRITERS[Math.floor(rnd() * WRITERS.length)];
  const w2 = WRITERS[Math.floor(rnd() * WRITERS.length)];
  switch (Math.floor(rnd() * 6)) {
    case 0:
      return `${w} (theo ${o})`;
    case 1:
      return `Theo ${o}`;
    case 2:
      return w;
    case 3:
      return `Nguồn: ${o}`;
    case 4:
      return `${w} - ${w2}`;
    default:
      return `(${o})`;
  }
}

export class Generator {
  private readonly byCluster = new Map<string, BaseArticle[]>();

  constructor(readonly bases: BaseArticle[]) {
    if (!bases.length) throw new Error('the corpus has no article with a title and a body');
    for (const b of bases) {
      const list = this.byCluster.get(b.cluster) ?? [];
      list.push(b);
      this.byCluster.set(b.cluster, list);
    }
  }

  /**
   * Article k: base article k mod B; its first copy keeps the paragraph order, later copies rotate
   * the paragraphs, rotate sentences inside some, take a sentence or two from another article of the
   * same cluster; every copy gets its own closing line.
   */
  article(k: number): string {
    const base = this.bases[k % this.bases.length];
    const copy = Math.floor(k / this.bases.length);
    const rnd = prng(Math.imul(k + 1, 0x9e3779b1) ^ 0x85ebca6b);
    let paragraphs = base.paragraphs.map((p) => [...p]);
    if (copy > 0) {
      const r = 1 + Math.floor(rnd() * Math.max(1, paragraphs.length - 1));
      paragraphs = [...paragraphs.slice(r), ...paragraphs.slice(0, r)];
      for (const p of paragraphs) {
        if (p.length > 1 && rnd() < 0.35) {
          const s = 1 + Math.floor(rnd() * (p.length - 1));
          p.push(...p.splice(0, s));
        }
      }
      const siblings = (this.byCluster.get(base.cluster) ?? []).filter((b) => b !== base);
      if (siblings.length && rnd() < 0.6) {
        const other = siblings[Math.floor(rnd() * siblings.length)];
        const sentences = other.paragraphs.flat();
        const take = 1 + Math.floor(rnd() * 2);
        for (let i = 0; i < take && sentences.length; i++) {
          const s = sentences[Math.floor(rnd() * sentences.length)];
          paragraphs.splice(Math.floor(rnd() * (paragraphs.length + 1)), 0, [s]);
        }
      }
    }
    return [base.title, ...paragraphs.map((p) => p.join(' ')), closingLine(rnd)].join('\n') + '\n';
  }
}

export interface GeneratedFolder {
  root: string;
  files: string[];
  bytes: number;
  chars: number;
}

/** Relative path of article k: sub-folders of 1,000 articles. */
export const articlePath = (k: number) => path.join(String(Math.floor(k / 1000)).padStart(3, '0'), `${String(k).padStart(6, '0')}.txt`);

/** Writes articles 0..n-1 into a fresh folder under the system temp folder. */
export function writeArticles(gen: Generator, n: number): GeneratedFolder {
  const root = fs.mkdtempSync(path.join(os.tmpdir(), `newslens-bench-${n}-`));
  const files: string[] = [];
  let bytes = 0;
  let chars = 0;
  for (let k = 0; k < n; k++) {
    const rel = articlePath(k);
    const file = path.join(root, rel);
    if (k % 1000 === 0) fs.mkdirSync(path.dirname(file), { recursive: true });
    const text = gen.article(k);
    const buf = Buffer.from(text, 'utf8');
    fs.writeFileSync(file, buf);
    files.push(file);
    bytes += buf.length;
    chars += text.length;
  }
  return { root, files, bytes, chars };
}
