/**
 * Edits newslens.json without losing what is in it: JSON edits through jsonc-parser keep the
 * user's formatting and unknown fields; a file that does not parse is never overwritten; writes
 * go to a temporary file first and are renamed into place.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { applyEdits, modify, parse, type ParseError, type JSONPath } from 'jsonc-parser';

export class ConfigWriteError extends Error {}

/** Writes a file atomically: a temporary file in the same folder, then a rename. */
export function writeFileAtomic(file: string, data: string): void {
  const tmp = path.join(path.dirname(file), `.${path.basename(file)}.${process.pid}.${Date.now()}.tmp`);
  fs.writeFileSync(tmp, data, 'utf8');
  try {
    fs.renameSync(tmp, file);
  } catch (e) {
    fs.rmSync(tmp, { force: true });
    throw e;
  }
}

/** Sets a value at a JSON path in a config file's text, creating the file's text if it is empty. */
export function editConfigText(file: string, text: string | undefined, at: JSONPath, value: unknown): string {
  const source = text ?? '{}\n';
  const errors: ParseError[] = [];
  parse(source, errors, { allowTrailingComma: true });
  if (errors.length) throw new ConfigWriteError(`${file} could not be parsed (${errors.length} error(s)); fix it by hand, News Lens will not overwrite it`);
  const edits = modify(source, at, value, { formattingOptions: { insertSpaces: true, tabSize: 2, eol: '\n' } });
  return applyEdits(source, edits);
}

/** Sets one value in a newslens.json on disk; returns the new text. */
export function editConfigFile(file: string, at: JSONPath, value: unknown): string {
  const text = fs.existsSync(file) ? fs.readFileSync(file, 'utf8') : undefined;
  const next = editConfigText(file, text, at, value);
  writeFileAtomic(file, next);
  return next;
}
