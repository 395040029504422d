// Builds lang/vi/units-2025.json from ../shared/data/vn-admin (see its README for sources and licences):
// each district and commune of the three-tier list in force until 30 June 2025, with the units of
// 1 July 2025 it went into. Run: node server/scripts/units2025.mjs [VN_ADMIN_DIR]
import * as fs from 'node:fs';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';

const here = path.dirname(fileURLToPath(import.meta.url));
const dir = process.argv[2] ?? path.join(here, '../../../shared/data/vn-admin');
const rows = (f) =>
  fs
    .readFileSync(path.join(dir, f), 'utf8')
    .trim()
    .split('\n')
    .slice(1)
    .map((l) => l.split('\t'));
const before = rows('units-2025-03.tsv');
const after = rows('units-2025-07.tsv');

// Type words as news writes them before a name ("Thành phố Trung ương" is written "thành phố").
const typeWord = (t) => (t.startsWith('Thành phố') ? 'thành phố' : t.toLowerCase());
const provinces = [];
const provinceIndex = new Map();
const province = (code, name) => {
  if (!provinceIndex.has(code)) provinceIndex.set(code, provinces.push(name) - 1);
  return provinceIndex.get(code);
};
const oldByCode = new Map(before.map((r) => [r[0], r]));
for (const r of before) if (r[1] === '1') province(`o${r[0]}`, r[3]);
for (const r of after) if (r[1] === '1') province(`n${r[0]}`, r[3]);

// The units of 1 July 2025: [type, name, province].
const units = [];
const unitIndex = new Map();
const into = new Map();
for (const r of after) {
  if (r[1] !== '2') continue;
  unitIndex.set(r[0], units.push([typeWord(r[2]), r[3], provinceIndex.get(`n${r[5]}`)]) - 1);
  for (const f of (r[6] ?? '').split(';')) {
    const [code, share] = f.split(':');
    if (!oldByCode.has(code)) continue;
    if (!into.has(code)) into.set(code, []);
    // A negative index: the old unit went only partly into this one.
    into.get(code).push(share === 'partial' ? -1 - unitIndex.get(r[0]) : unitIndex.get(r[0]));
  }
}
// Districts: [type, name, old province]; communes: [type, name, district, ...units of 2025 (negative: partly)].
const districts = [];
const districtIndex = new Map();
for (const r of before) if (r[1] === '2') districtIndex.set(r[0], districts.push([typeWord(r[2]), r[3], provinceIndex.get(`o${r[5]}`)]) - 1);
const communes = [];
for (const r of before) if (r[1] === '3') communes.push([typeWord(r[2]), r[3], districtIndex.get(r[5]), ...(into.get(r[0]) ?? [])]);

const out = {
  _comment:
    "Vietnam's districts and communes before the reform of 1 July 2025 and the units they went into, from ../shared/data/vn-admin (GSO lists; see its README for sources and licences), made by server/scripts/units2025.mjs. provinces: names, old and new; units: the communes and wards of 1 July 2025 [type, name, province]; districts: [type, name, province] of the list of 1 March 2025; communes: [type, name, district, units...] of that list, a negative unit -1-k meaning it went only partly into unit k.",
  provinces,
  units,
  districts,
  communes,
};
const file = path.join(here, '../src/core/lang/vi/units-2025.json');
fs.writeFileSync(file, JSON.stringify(out) + '\n');
console.log(`${file}: ${provinces.length} provinces, ${units.length} units of 2025, ${districts.length} districts, ${communes.length} communes`);
