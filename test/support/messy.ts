// A business register the way a district clerk's Excel stores it: a title row, a two-row header
// with a merged parent, merged cells that carry down, line breaks and spaces inside cells, date
// serials, a USCC that Excel turned into a number, and no region column.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import * as XLSX from '@e965/xlsx';
import { completeRegistrationNumber, completeUscc, orgCodeCheckChar } from '../../src/core/codes/index.ts';

export function uscc(kindDigit: string, region: string, orgBody: string): string {
  return completeUscc(`9${kindDigit}${region}${orgBody}${orgCodeCheckChar(orgBody)}`);
}

export const MESSY = {
  enterprise: uscc('1', '440305', 'MA5T0001'),
  individual: uscc('2', '440305', 'MA5T0002'),
  cooperative: uscc('3', '440305', 'MA5T0003'),
  national: uscc('1', '100000', 'MA5T0004'),
  futian: uscc('1', '440304', 'MA5T0005'),
  regNo: completeRegistrationNumber('44030510000001'),
  /** The example: an 18-digit USCC stored as a number, its last digits lost. */
  damaged: 914690062012665000,
};

export function messyEntityRows(): unknown[][] {
  const m = MESSY;
  return [
    ['深圳市南山区市场主体名录（2026年10月）'],
    [
      '统一社会信用代码',
      '注册号',
      '企业名称',
      '地址',
      null,
      '行业代码',
      '成立日期',
      '登记状态\r\n',
      '注册资本（万元）',
      '所属专项库',
      '联系电话',
    ],
    [null, null, null, '住所', '经营场所'],
    [
      m.enterprise,
      null,
      '深圳市某某科技有限公司\r\n',
      '深圳市南山区粤海街道科技园1号',
      null,
      'I6513',
      43529,
      '存续（在营、开业、在册）',
      '100万元',
      '食品经营、特种设备',
      '0755-26000001',
    ],
    [914403050000000000, null, '数字代码有限公司', null, null, '6513', 43530, '存续'],
    [
      m.damaged,
      m.regNo,
      '深圳市南山区老字号商店 ',
      null,
      '深圳市南山区南头街道1号',
      null,
      null,
      '吊销，未注销',
    ],
    [m.individual, null, '南山区张三小吃店', null, null, '9999'],
    [
      m.cooperative,
      null,
      '深圳市南山区某某农民专业合作社',
      null,
      null,
      '餐饮业(6210)',
      '2019年3月5日',
      '注销',
      '1,000,000元',
    ],
    [m.national, null, '国家级某某有限公司', null, null, null, null, '迁出'],
    [],
    [null, null, '无代码商店'],
    [
      m.enterprise,
      null,
      '深圳市某某科技有限公司（更名）',
      '深圳市南山区粤海街道科技园2号',
      null,
      'I6513',
      43529,
      '存续',
      null,
      null,
      '见备注',
    ],
    [m.futian, null, '深圳市福田某某贸易有限公司', '深圳市福田区福田街道1号', null, '5181', 44000, '存续'],
  ];
}

export function messyEntityWorkbook(): Uint8Array {
  const sheet = XLSX.utils.aoa_to_sheet(messyEntityRows());
  sheet['!merges'] = [
    'A1:K1',
    'A2:A3',
    'B2:B3',
    'C2:C3',
    'D2:E2',
    'F2:F3',
    'G2:G3',
    'H2:H3',
    'I2:I3',
    'J2:J3',
    'K2:K3',
    'H6:H7',
  ].map((range) => XLSX.utils.decode_range(range));
  for (const ref of ['G4', 'G5', 'G12', 'G13']) sheet[ref].z = 'yyyy-mm-dd';
  const wb = XLSX.utils.book_new();
  XLSX.utils.book_append_sheet(wb, sheet, '名录');
  return new Uint8Array(XLSX.write(wb, { type: 'array', bookType: 'xlsx' }));
}

/** Writes bytes to `dir/name` and returns the path. */
export function writeFixture(dir: string, name: string, bytes: Uint8Array | string): string {
  const path = join(dir, name);
  writeFileSync(path, bytes);
  return path;
}
