import { describe, expect, it } from 'vitest';
import type { Cell } from './cells.ts';
import { detectHeader } from './header.ts';
import { importRows, makeRowValidator } from './validate.ts';

const USCC = '91512081MA62K0260E';
const TODAY = '2026-11-23';

describe('penalties (行政处罚)', () => {
  const header = [
    '序号',
    '当事人名称',
    '统一社会信用代码',
    '行政处罚决定书文号',
    '处罚类别',
    '罚款金额（万元）',
    '处罚决定日期',
    '处罚机关',
  ];
  const validate = makeRowValidator('penalties', detectHeader([['行政处罚信息公示'], header], 'penalties'), {
    today: TODAY,
  });
  const check = (values: Record<string, Cell>) =>
    validate(
      header.map((h) => values[h] ?? null),
      3,
    );

  it('finds the header under a title and reads a complete row, the fine in 万元 turned into yuan', () => {
    const result = check({
      序号: 1,
      当事人名称: '深圳市某某食品有限公司',
      统一社会信用代码: USCC.toLowerCase(),
      行政处罚决定书文号: '深市监罚〔2026〕12号',
      处罚类别: '罚款',
      '罚款金额（万元）': 1.5,
      处罚决定日期: '2026年3月5日',
      处罚机关: '深圳市市场监督管理局',
    });
    expect(result.errors).toEqual([]);
    expect(result.record).toEqual({
      uscc: USCC,
      reg_no: undefined,
      name: '深圳市某某食品有限公司',
      ref: '深市监罚〔2026〕12号',
      subject: '罚款',
      occurred_on: '2026-03-05',
      amount_yuan: '15000',
      severity: 2,
      details: { authority: '深圳市市场监督管理局' },
    });
  });

  it('judges the severity from the penalty when the file gives none', () => {
    const revoked = check({ 统一社会信用代码: USCC, 处罚类别: '吊销营业执照', 处罚决定日期: '2026-01-02' });
    expect(revoked.record?.severity).toBe(3);
    const warning = check({ 统一社会信用代码: USCC, 处罚类别: '警告', 处罚决定日期: '2026-01-02' });
    expect(warning.record?.severity).toBe(1);
  });

  it('rejects a row without a business, with a bad or future date, naming line, column and value', () => {
    const noBusiness = check({ 处罚决定日期: '2026-01-02' });
    expect(noBusiness.record).toBeUndefined();
    expect(noBusiness.errors[0]).toMatchObject({ line: 3, field: 'uscc' });
    const badDate = check({ 统一社会信用代码: USCC, 处罚决定日期: '2026-02-30' });
    expect(badDate.errors).toEqual([
      {
        line: 3,
        column: '处罚决定日期',
        field: 'occurred_on',
        value: '2026-02-30',
        reason: '处罚决定日期“2026-02-30”不是有效日期',
      },
    ]);
    const future = check({ 统一社会信用代码: USCC, 处罚决定日期: '2027-01-01' });
    expect(future.errors[0].reason).toBe('处罚决定日期晚于今天');
  });

  it('keeps an unreadable fine out with a warning, never the row', () => {
    const result = check({ 统一社会信用代码: USCC, 处罚决定日期: '2026-01-02', '罚款金额（万元）': '若干' });
    expect(result.record?.amount_yuan).toBeUndefined();
    expect(result.warnings[0]).toMatchObject({ field: 'amount_yuan', value: '若干' });
  });
});

describe('complaints (投诉举报)', () => {
  it('imports the good rows of a sheet and reports the bad ones', () => {
    const rows: Cell[][] = [
      ['工单编号', '被投诉人名称', '统一社会信用代码', '登记日期', '投诉类别', '来源渠道', '投诉内容'],
      ['T-1', '甲', USCC, '2026-05-01', '食品安全', '12315', '过期食品'],
      ['T-2', '乙', '', '2026-05-02', '价格', '12345', ''],
      [null, null, null, null, null, null, null],
      ['T-3', '丙', '440305600123457', 46000, '服务', '', ''],
    ];
    const sheet = importRows('complaints', rows, {}, { today: TODAY });
    expect(sheet.rows).toBe(3);
    expect(sheet.records.map((r) => r.line)).toEqual([2, 5]);
    expect(sheet.records[0].record).toMatchObject({
      uscc: USCC,
      ref: 'T-1',
      subject: '食品安全',
      occurred_on: '2026-05-01',
      details: { channel: '12315', summary: '过期食品' },
    });
    expect(sheet.records[1].record.occurred_on).toBe('2025-12-09');
    expect(sheet.errors.map((e) => e.line)).toEqual([3]);
  });
});
