import { test } from 'node:test';
import assert from 'node:assert/strict';
import { provinceMerger } from '../../server/src/core/lang/reform';

test("a province merged on 1 July 2025 is read at the article's date: the province then, the former one after", () => {
  assert.deepEqual(provinceMerger('Hà Giang', '2019-04-24'), { old: 'Hà Giang', now: 'Tuyên Quang', articleAfter: false });
  assert.deepEqual(provinceMerger('Hà Giang', '2026-01-05'), { old: 'Hà Giang', now: 'Tuyên Quang', articleAfter: true });
  assert.equal(provinceMerger('Bình Dương', '2025-06-30')?.articleAfter, false);
  assert.equal(provinceMerger('Bình Dương', '2025-07-01')?.articleAfter, true);
  assert.equal(provinceMerger('Bình Dương', '2025-07')?.now, 'Thành phố Hồ Chí Minh');
  assert.equal(provinceMerger('Bình Dương', '2025-07')?.articleAfter, true);
  // A date too coarse to tell, or none.
  assert.equal(provinceMerger('Quảng Nam', '2025')?.articleAfter, undefined);
  assert.equal(provinceMerger('Quảng Nam')?.articleAfter, undefined);
  // Either tone placement; a province that kept its name, or no province.
  assert.equal(provinceMerger('Hoà Bình', '2024-01-01')?.now, 'Phú Thọ');
  assert.equal(provinceMerger('Hòa Bình', '2024-01-01')?.now, 'Phú Thọ');
  assert.equal(provinceMerger('Hà Nội', '2026-01-01'), undefined);
  assert.equal(provinceMerger('Tuyên Quang', '2026-01-01'), undefined);
});

test('a district or a commune across the reform: the name, its type word and the places around it tell which unit it is', async () => {
  const { unitChange, unitTypeBefore } = await import('../../server/src/core/lang/reformUnits');
  const phucXa = unitChange('Phúc Xá', 'phường', [], '2019-01-01');
  assert.deepEqual(phucXa, {
    level: 'commune',
    old: 'phường Phúc Xá',
    district: 'quận Ba Đình',
    province: 'Hà Nội',
    now: [{ name: 'phường Hồng Hà', province: 'Hà Nội', partly: false }],
    articleAfter: false,
  });
  // "Châu Thành" names ten districts: the province named in the article picks one, and its communes went to Cần Thơ.
  assert.equal(unitChange('Châu Thành', 'huyện', [], '2019-01-01'), undefined);
  const chauThanh = unitChange('Châu Thành', 'huyện', ['Sóc Trăng'], '2019-01-01');
  assert.equal(chauThanh?.level === 'district' && chauThanh.province, 'Sóc Trăng');
  assert.ok(chauThanh?.level === 'district' && chauThanh.now.every((u) => u.province === 'Cần Thơ'));
  // A commune only after a commune's type word; a province's name alone is the province, not its city.
  assert.equal(unitChange('Phúc Xá', undefined, []), undefined);
  assert.equal(unitChange('Thái Nguyên', undefined, []), undefined);
  assert.equal(unitChange('Thái Nguyên', 'thành phố', [])?.level, 'district');
  // A ward named by its number carries its type word; the province tells which "phường 9".
  const ward9 = unitChange('phường 9', undefined, ['Cà Mau'], '2016-05-01');
  assert.equal(ward9?.level === 'commune' && ward9.now[0].name, 'phường An Xuyên');
  // After the reform a commune's name is first the new unit's.
  const baDinh = unitChange('Ba Đình', 'phường', ['Hà Nội'], '2026-01-01');
  assert.ok(baDinh?.level === 'new' && baDinh.from.some((u) => u.name === 'phường Đồng Xuân' && u.partly));
  // The type word before a name, written out or abbreviated; none inside another word.
  assert.equal(unitTypeBefore('tại xã Cổ Lũng', 7), 'xã');
  assert.equal(unitTypeBefore('ngụ Q.Bình Thạnh', 6), 'quận');
  assert.equal(unitTypeBefore('TP. Buôn Ma Thuột', 4), 'thành phố');
  assert.equal(unitTypeBefore('ông Thạch Thất', 4), undefined);
  assert.equal(unitTypeBefore('UBNDxã Hòa', 7), undefined);
});
