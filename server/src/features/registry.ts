/**
 * The user's entity registry (newslens.json "entities"): merge, split, rename, set kind, add an
 * alias, link to Wikidata. Each edit is written to the registry, never to the articles, and the
 * analysis applies it to every article at once.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { URI } from 'vscode-uri';
import type { WorkspaceIndex } from '../index/workspaceIndex';
import type { Entity, EntityKind, EntityMention } from '../core/types';
import { CONFIG_FILE } from '../core/meta/config';
import { editConfigFile, ConfigWriteError } from '../core/meta/write';
import { foldKey } from '../core/text/normalize';
import type { RegistryEditParams, RegistryEditResult } from '../shared/protocol';

interface Entry {
  name: string;
  kind: EntityKind;
  aliases: string[];
  wikidata?: string;
  exclude?: { file: string; start: number; text: string }[];
}

/** The newslens.json that holds the registry: the one that has the entity, else the workspace folder's. */
function registryFile(index: WorkspaceIndex, roots: string[], key: string | undefined): string {
  if (key) {
    const owner = index.configList().find((c) => c.entities.some((e) => e.id === key));
    if (owner) return owner.file;
  }
  const root = roots[0] ?? process.cwd();
  return path.join(root, CONFIG_FILE);
}

function slug(name: string, taken: Set<string>): string {
  const base =
    foldKey(name)
      .replace(/[^a-z0-9]+/g, '_')
      .replace(/^_|_$/g, '') || 'entity';
  let id = base;
  for (let k = 2; taken.has(id); k++) id = `${base}_${k}`;
  return id;
}

function rawEntry(file: string, id: string): Entry | undefined {
  try {
    return JSON.parse(fs.readFileSync(file, 'utf8')).entities?.[id];
  } catch {
    return undefined;
  }
}

/** Spellings worth keeping as aliases: not the name itself, and not a bare short form ("Kim"). */
function aliasesOf(e: Entity, name: string): string[] {
  const nameWords = new Set(foldKey(name).split(' '));
  return [...new Set([e.name, ...e.aliases])].filter((a) => a !== name && !(foldKey(a).split(' ').length === 1 && nameWords.has(foldKey(a))));
}

export function editRegistry(index: WorkspaceIndex, roots: string[], p: RegistryEditParams): RegistryEditResult & { file?: string } {
  const s = index.get();
  const entity = p.entity ? s.entities.get(p.entity) : undefined;
  let mention: EntityMention | undefined;
  if (p.action === 'split') {
    const m = p.uri && p.offset !== undefined ? index.mentionAt(p.uri, p.offset) : undefined;
    if (!m || m.kind === 'date' || !m.entity) return { ok: false, message: 'no entity mention at the cursor' };
    mention = m;
  }
  const target = entity ?? (mention ? s.entities.get(mention.entity!) : undefined);
  if (!target) return { ok: false, message: 'no such entity' };
  const taken = new Set(index.configList().flatMap((c) => c.entities.map((e) => e.id)));
  const file = registryFile(index, roots, target.key);
  const id = target.key && taken.has(target.key) ? target.key : slug(p.action === 'rename' && p.value ? p.value : target.name, taken);
  const existing = rawEntry(file, id);
  const entry: Entry = existing ?? { name: target.name, kind: target.kind, aliases: aliasesOf(target, target.name) };
  const removed: string[] = [];
  switch (p.action) {
    case 'merge': {
      for (const otherId of p.others ?? []) {
        const other = s.entities.get(otherId);
        if (!other || other.id === target.id) continue;
        if (other.kind !== target.kind && !p.force)
          return {
            ok: false,
            message: `"${other.name}" is a ${other.kind}, "${target.name}" a ${target.kind}: persons, organisations and places are not merged`,
          };
        entry.aliases = [...new Set([...entry.aliases, ...aliasesOf(other, entry.name), other.name].filter((a) => a !== entry.name))];
        if (other.key && taken.has(other.key) && other.key !== id) removed.push(other.key);
      }
      break;
    }
    case 'split': {
      const uriFile = URI.parse(p.uri!).fsPath;
      const rel = path.relative(path.dirname(file), uriFile).split(path.sep).join('/');
      entry.exclude = [...(entry.exclude ?? []), { file: rel, start: mention!.start, text: mention!.text }];
      break;
    }
    case 'rename':
      if (!p.value?.trim()) return { ok: false, message: 'a name is needed' };
      if (entry.name !== p.value.trim()) entry.aliases = [...new Set([...entry.aliases, entry.name])].filter((a) => a !== p.value!.trim());
      entry.name = p.value.trim();
      break;
    case 'setKind':
      if (!['person', 'organization', 'location'].includes(p.value ?? '')) return { ok: false, message: 'the kind is person, organization or location' };
      entry.kind = p.value as EntityKind;
      break;
    case 'addAlias':
      if (!p.value?.trim()) return { ok: false, message: 'an alias is needed' };
      entry.aliases = [...new Set([...entry.aliases, p.value.trim()])];
      break;
    case 'linkWikidata':
      if (!/^Q\d+$/.test(p.value ?? '')) return { ok: false, message: 'a Wikidata id looks like Q1234' };
      entry.wikidata = p.value;
      break;
    default:
      return { ok: false, message: `unknown action ${String(p.action)}` };
  }
  try {
    editConfigFile(file, ['entities', id], entry);
    for (const r of removed) {
      const owner = index.configList().find((c) => c.entities.some((e) => e.id === r));
      if (owner) editConfigFile(owner.file, ['entities', r], undefined);
    }
  } catch (e) {
    return { ok: false, message: e instanceof ConfigWriteError ? e.message : `could not write ${file}: ${(e as Error).message}`, file };
  }
  return { ok: true, file, id };
}
