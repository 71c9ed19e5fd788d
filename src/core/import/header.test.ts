import { describe, expect, it } from 'vitest';
import type { Cell } from './cells.ts';
import { FIELDS, type ImportKind, normaliseHeader } from './fields.ts';
import { detectHeader } from './header.ts';

const fieldsOf = (rows: Cell[][], kind: ImportKind, overrides = {}) =>
  detectHeader(rows, kind, overrides).columns.map((c) => c.field ?? null);

describe('detectHeader', () => {
  it('skips title and note rows above the header and starts the data below it', () => {
    const rows: Cell[][] = [
      ['海口市市场主体名录', '海口市市场主体名录', '海口市市场主体名录'],
      ['制表单位：海口市市场监督管理局', null, null],
      [],
      ['统一社会信用代码', '企业名称', '备注'],
      ['91460100MA5T0000X1', '某某公司', ''],
    ];
    const mapping = detectHeader(rows, 'entities');
    expect(mapping.headerLines).toEqual([4]);
    expect(mapping.dataStart).toBe(4);
    expect(mapping.columns).toEqual([
      { index: 0, header: '统一社会信用代码', field: 'uscc' },
      { index: 1, header: '企业名称', field: 'name' },
      { index: 2, header: '备注' },
    ]);
    expect(mapping.unmatched).toEqual(['备注']);
    expect(mapping.missing).toEqual([]);
  });

  it('normalises spaces, line breaks, full-width brackets, stars and trailing colons', () => {
    const rows: Cell[][] = [
      ['统一社会\n信用代码', ' 企 业 名 称：', '*注册资本（万元）', '注册号:', '备 注'],
    ];
    expect(fieldsOf(rows, 'entities')).toEqual(['uscc', 'name', 'capital_wan', 'reg_no', null]);
    expect(normaliseHeader('　成立日期（YYYY-MM-DD）： ')).toBe('成立日期(YYYY-MM-DD)');
  });

  it('reads a two-row header whose parent was merged and filled (the Hainan layout)', () => {
    const rows: Cell[][] = [
      ['清单', '清单', '清单', '清单'],
      ['编制单位名称', '抽查项目', '抽查项目', '检查对象'],
      ['编制单位名称', '抽查类别', '抽查事项', '检查对象'],
    ];
    const mapping = detectHeader(rows, 'items');
    expect(mapping.columns.map((c) => [c.header, c.field])).toEqual([
      ['编制单位名称', 'owner_department'],
      ['抽查类别', 'category'],
      ['抽查事项', 'name'],
      ['检查对象', 'target'],
    ]);
    expect(mapping.dataStart).toBe(3);
  });

  it('reads a two-row header without merge filling, as CSV exports give it', () => {
    const rows: Cell[][] = [
      ['统一社会信用代码', '企业名称', '法定代表人', null, '地址', null],
      [null, null, '姓名', '电话', '住所', '经营场所'],
      ['91460100MA5T0000X1', '某某公司', '张三', '13800138000', '甲', '乙'],
    ];
    const mapping = detectHeader(rows, 'entities');
    expect(mapping.headerLines).toEqual([1, 2]);
    expect(mapping.dataStart).toBe(2);
    expect(mapping.columns.map((c) => [c.header, c.field])).toEqual([
      ['统一社会信用代码', 'uscc'],
      ['企业名称', 'name'],
      ['法定代表人姓名', 'legal_rep'],
      ['电话', 'phone'],
      ['住所', 'reg_address'],
      ['经营场所', 'biz_address'],
    ]);
  });

  it('maps a field once, except list fields that several columns may feed', () => {
    expect(
      fieldsOf([['姓名', '执法证号', '住所', '执法资质', '业务专长', '部门', '单位']], 'inspectors'),
    ).toEqual(['name', 'cert_no', null, 'qualifications', 'qualifications', 'department', null]);
  });

  it('applies overrides to standard headers or API field names, before the dictionaries', () => {
    const rows: Cell[][] = [['TYXYDM', 'QYMC', '名称', 'ZS']];
    expect(fieldsOf(rows, 'entities', { TYXYDM: '统一社会信用代码', qymc: 'name', ZS: '注册地址' })).toEqual([
      'uscc',
      'name',
      null,
      'reg_address',
    ]);
    expect(() => detectHeader(rows, 'entities', { TYXYDM: '信用等级' })).toThrow(
      '列映射“TYXYDM=信用等级”无效：“信用等级”不是检查对象名录的字段',
    );
  });

  it('leaves out a column mapped to “-”, and lets another column take its field', () => {
    const rows: Cell[][] = [['统一社会信用代码', '企业名称', '名称', '电话']];
    expect(fieldsOf(rows, 'entities', { 企业名称: '-', 电话: '不导入' })).toEqual([
      'uscc',
      null,
      'name',
      null,
    ]);
  });

  it('reports the required fields it could not find, in Chinese', () => {
    const mapping = detectHeader([['企业名称', '住所', '经营场所']], 'entities');
    expect(mapping.missing).toEqual([{ fields: ['uscc', 'reg_no'], label: '统一社会信用代码或注册号' }]);
    expect(detectHeader([['姓名', '部门']], 'inspectors').missing).toEqual([
      { fields: ['cert_no'], label: '执法证号' },
    ]);
  });

  it('refuses a sheet without a recognisable header', () => {
    const rows: Cell[][] = Array.from({ length: 25 }, (_, i) =>
      i === 22 ? ['企业名称', '住所'] : ['x', 'y'],
    );
    expect(() => detectHeader(rows, 'entities')).toThrow(
      '未找到表头：前 20 行中没有可识别的检查对象名录列名（如“统一社会信用代码”、“企业名称”）',
    );
  });
});

describe('field dictionaries', () => {
  it('give every header text to one field only, within each kind', () => {
    for (const [kind, specs] of Object.entries(FIELDS)) {
      const seen = new Map<string, string>();
      for (const spec of specs) {
        for (const text of [spec.field, spec.label, ...spec.synonyms]) {
          const key = normaliseHeader(text);
          expect(seen.get(key) ?? spec.field, `${kind}: ${text}`).toBe(spec.field);
          seen.set(key, spec.field);
        }
      }
    }
  });
});
