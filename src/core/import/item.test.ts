import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { Cell } from './cells.ts';
import { detectHeader } from './header.ts';
import { type ItemRecord, mergeItemRows, parseRatio } from './item.ts';
import { readWorkbook } from './read.ts';
import { importRows, makeRowValidator, naturalKey } from './validate.ts';

const HAINAN = new URL('../../../test/fixtures/hainan-2020-random-inspection-items.xlsx', import.meta.url);

/*
 * Expected figures, derived from the file without this parser: Python with openpyxl 3.0.9 read the
 * sheet, filled each merged range with its top-left value and read rows 4–390 (row 391 holds no value
 * of its own, only the lower half of row 390's merged cells). Consecutive rows that repeat the
 * department, category, item, target, type and methods (ignoring whitespace) continue one item:
 * 387 data rows → 293 items, 263 一般检查事项 and 30 重点检查事项, 16 departments, 116 categories,
 * 283 distinct department+category+item keys.
 */
const DEPARTMENTS: Record<string, number> = {
  省人力资源和社会保障厅: 108,
  省市场监管局: 82,
  省交通运输厅: 22,
  省农业农村厅: 16,
  省公安厅: 11,
  省旅文厅: 11,
  省商务厅: 10,
  省教育厅: 7,
  省住房和城乡建设厅: 6,
  省卫健委: 5,
  省生态环境厅: 4,
  省消防救援总队: 4,
  省应急管理厅: 2,
  海口海关: 2,
  国家税务总局海南省税务局: 2,
  省统计局: 1,
};

describe('items: the Hainan 2020 list', () => {
  const [sheet] = readWorkbook(readFileSync(HAINAN), 'hainan-2020-random-inspection-items.xlsx');
  const result = importRows('items', sheet.rows);
  const items = result.records.map((r) => r.record);
  const at = (line: number) => result.records.find((r) => r.line === line)?.record as ItemRecord;

  it('maps all nine columns under the title and the two-row header', () => {
    expect(result.mapping.columns.map((c) => c.field)).toEqual([
      'owner_department',
      'seq',
      'category',
      'name',
      'target',
      'item_type',
      'methods',
      'subject',
      'legal_basis',
    ]);
    expect(result.mapping.dataStart).toBe(3);
    expect(result.mapping.missing).toEqual([]);
  });

  it('imports every row, with 293 items, 263 general and 30 key', () => {
    expect(result.errors).toEqual([]);
    expect(result.rows).toBe(387);
    expect(items).toHaveLength(293);
    expect(items.filter((i) => i.item_type === 'general')).toHaveLength(263);
    expect(items.filter((i) => i.item_type === 'key')).toHaveLength(30);
  });

  it('counts 16 departments, their items and 116 categories', () => {
    const counts: Record<string, number> = {};
    for (const item of items) counts[item.owner_department] = (counts[item.owner_department] ?? 0) + 1;
    expect(counts).toEqual(DEPARTMENTS);
    expect(new Set(items.map((i) => `${i.owner_department}/${i.category}`)).size).toBe(116);
  });

  it('fills department, category, type, methods, subject and legal basis of every item, cleanly', () => {
    for (const item of items) {
      for (const text of [
        item.owner_department,
        item.category,
        item.name,
        item.target,
        item.subject,
        item.legal_basis,
      ]) {
        expect(text).toMatch(/^\S(.*\S)?$/s);
        expect(text).not.toMatch(/\r/);
      }
      expect(['general', 'key']).toContain(item.item_type);
      expect(item.methods.length).toBeGreaterThan(0);
    }
    expect(at(4).methods).toEqual(['现场检查', '书面检查', '网络检查', '专业机构核查']);
    expect(at(68).category).toBe('社会保险');
    expect(at(192).target).toBe('拍卖企业');
    expect(at(256).item_type).toBe('general');
  });

  it('joins the rows that continue one item: legal bases and subjects line by line', () => {
    expect(at(6).legal_basis.split('\n')).toEqual([
      '《教育部工商总局质检总局国家标准委关于进一步加强中小学生校服管理工作的意见》（教基一〔2015〕3号）第七条',
      '《海南省教育厅海南省工商行政管理局海南省质量技术监督局关于加强我省中小学校服管理工作的意见》（琼教勤助〔2016〕12号）第五条',
    ]);
    expect(result.records.some((r) => r.line === 7)).toBe(false);
    expect(at(11).legal_basis.split('\n')).toHaveLength(4);
    expect(at(169).subject).toBe('省农业农村厅种业管理处\n省种子总站');
    expect(at(229).legal_basis.split('\n')).toHaveLength(8);
    expect(at(229).legal_basis).toContain('《个体工商户条例》第二十三条第一款\n');
  });

  it('keeps the general and key variants of one item apart, and warns that their key merges them', () => {
    expect([at(314), at(315)].map((i) => [i.target, i.item_type])).toEqual([
      ['餐饮服务经营者', 'general'],
      ['学校、托幼机构、养老机构等食堂', 'key'],
    ]);
    expect(naturalKey('items', at(314))).toBe(naturalKey('items', at(315)));
    expect(new Set(items.map((i) => naturalKey('items', i))).size).toBe(283);
    expect(result.warnings.map((w) => w.line)).toEqual([222, 304, 315, 317, 319, 321, 323, 325, 327, 329]);
    expect(result.warnings[2].reason).toBe(
      '与第 314 行的编制单位、抽查类别和抽查事项相同，入库时将与之合并为一项',
    );
  });
});

describe('items: optional columns', () => {
  const header = [
    '编制单位',
    '抽查类别',
    '抽查事项',
    '检查对象',
    '事项类别',
    '检查方式',
    '检查主体',
    '检查依据',
    '抽查比例',
    '抽查频次',
    '层级',
    '事项编码',
  ];
  const validate = makeRowValidator('items', detectHeader([header], 'items'), { department: '市场监管局' });
  const base = [
    '市场监管局',
    '食品',
    '食品销售检查',
    '食品销售者',
    '一般检查事项',
    '现场检查等',
    '市场监管部门',
    '《食品安全法》',
  ];
  const check = (...more: Cell[]) => validate([...base, ...more], 2);

  it('reads ratio, frequency, level and code', () => {
    expect(check('不低于5%', '每年一次', '市级', 'ｓｃ-001').record).toMatchObject({
      methods: ['现场检查'],
      ratio_bp: 500,
      frequency: '每年一次',
      level: '市级',
      code: 'SC-001',
    });
    expect(check('不设上限').record?.ratio_bp).toBeUndefined();
    expect(check('不设上限').warnings).toEqual([]);
  });

  it('rejects an unknown item type and takes the department from the options when a row has none', () => {
    const row: Cell[] = [...base];
    row[4] = '特殊事项';
    expect(validate(row, 3).errors[0]).toMatchObject({
      line: 3,
      column: '事项类别',
      reason: '事项类别“特殊事项”无法识别（应为一般检查事项或重点检查事项）',
    });
    row[4] = '重点检查事项';
    row[0] = null;
    expect(validate(row, 3).record).toMatchObject({ owner_department: '市场监管局', item_type: 'key' });
  });

  it('names each missing required field', () => {
    const bare = makeRowValidator('items', detectHeader([header], 'items'));
    expect(bare(['', '食品', '', '', '', '', '', ''], 2).errors.map((e) => e.reason)).toEqual([
      '编制单位不能为空',
      '抽查事项不能为空',
      '检查对象不能为空',
      '事项类别不能为空',
      '检查方式不能为空',
      '检查主体不能为空',
      '检查依据不能为空',
    ]);
  });

  it('converts ratios to basis points', () => {
    const ratios: [Cell, number | undefined][] = [
      ['5%', 500],
      ['不低于5%', 500],
      ['0.05', 500],
      [0.05, 500],
      ['5', 500],
      ['12.5%', 1250],
      ['3‰', 30],
      ['100%', 10_000],
      ['0.005%', undefined],
      ['150%', undefined],
      ['按需', undefined],
    ];
    for (const [input, bp] of ratios) expect(parseRatio(input), String(input)).toBe(bp);
  });
});

describe('mergeItemRows', () => {
  const item: ItemRecord = {
    owner_department: '局',
    category: '类',
    name: '事项',
    target: '对象',
    item_type: 'general',
    methods: ['现场检查'],
    subject: '甲',
    legal_basis: '《法》第一条',
  };

  it('joins only consecutive rows of the same item and never repeats a line', () => {
    const { items, warnings } = mergeItemRows([
      { line: 2, record: item },
      { line: 3, record: { ...item, legal_basis: '《法》第一条\n《条例》第二条', subject: '乙' } },
      { line: 4, record: { ...item, name: '别的事项' } },
      { line: 5, record: item },
    ]);
    expect(items.map((i) => i.line)).toEqual([2, 4, 5]);
    expect(items[0].record).toMatchObject({ legal_basis: '《法》第一条\n《条例》第二条', subject: '甲\n乙' });
    expect(items[2].record).toEqual(item);
    expect(warnings.map((w) => [w.line, w.field])).toEqual([[5, 'name']]);
  });
});

describe('joint items', () => {
  const header = ['序号', '抽查领域', '抽查事项', '检查对象', '发起部门', '配合部门'];
  const validate = makeRowValidator('joint_items', detectHeader([header], 'joint_items'));

  it('splits the cooperating departments and needs at least one', () => {
    const row = [
      1,
      '网吧',
      '互联网上网服务营业场所检查',
      '网吧',
      '文广旅体局',
      '市场监管局、公安局\n消防救援支队',
    ];
    const result = validate(row, 2);
    expect(result.record).toEqual({
      seq: 1,
      field: '网吧',
      name: '互联网上网服务营业场所检查',
      target: '网吧',
      initiating_department: '文广旅体局',
      cooperating_departments: ['市场监管局', '公安局', '消防救援支队'],
    });
    expect(naturalKey('joint_items', result.record!)).toBe('互联网上网服务营业场所检查\u001f文广旅体局');
    expect(validate([2, '网吧', '检查', '网吧', '文广旅体局', ''], 3).errors[0].reason).toBe(
      '联合抽查事项至少需要一个配合部门',
    );
  });
});
