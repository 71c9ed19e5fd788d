import { describe, expect, it } from 'vitest';
import type { Cell } from './cells.ts';
import { detectHeader } from './header.ts';
import { idCardProblem } from './inspector.ts';
import { makeRowValidator, naturalKey } from './validate.ts';

// The textbook example of GB 11643 (weights 7 9 10 5 8 4 2 1 6 3 7 9 10 5 8 4 2, check 10X98765432).
const ID_CARD = '11010519491231002X';

describe('inspectors', () => {
  const header = [
    '姓名',
    '执法证号',
    '执法证有效期',
    '所属部门',
    '片区',
    '执法资质',
    '业务专长',
    '是否专家',
    '是否组长',
    '状态',
    '身份证号',
    '手机',
  ];
  const validate = makeRowValidator('inspectors', detectHeader([header], 'inspectors'), {
    department: '市场监管局',
  });
  const check = (values: Record<string, Cell>) =>
    validate(
      header.map((h) => values[h] ?? null),
      2,
    );

  it('reads a complete row', () => {
    const result = check({
      姓名: ' 李 四 ',
      执法证号: 'ｈｎ４６０１００１２３',
      执法证有效期: '2020年1月1日至2025年12月31日',
      所属部门: '龙华区市场监管局',
      片区: '城西所',
      执法资质: '食品、特种设备',
      业务专长: '药品；食品',
      是否专家: '是',
      是否组长: 'N',
      状态: '休假',
      身份证号: ID_CARD.toLowerCase(),
      手机: '13800138000',
    });
    expect(result).toEqual({
      record: {
        name: '李四',
        cert_no: 'HN460100123',
        cert_expires_on: '2025-12-31',
        department: '龙华区市场监管局',
        office: '城西所',
        qualifications: ['食品', '特种设备', '药品'],
        is_expert: true,
        is_leader: false,
        status: 'on_leave',
        id_card: ID_CARD,
        phone: '13800138000',
      },
      errors: [],
      warnings: [],
    });
    expect(naturalKey('inspectors', result.record!)).toBe('HN460100123');
  });

  it('defaults flags, status and department, and accepts a certificate without expiry', () => {
    expect(check({ 姓名: '王五', 执法证号: 'A1', 执法证有效期: '长期有效' }).record).toMatchObject({
      department: '市场监管局',
      qualifications: [],
      is_expert: false,
      is_leader: false,
      status: 'on_duty',
      cert_expires_on: undefined,
    });
  });

  it('rejects a missing certificate, an unknown status and an invalid ID card', () => {
    expect(check({ 姓名: '王五' }).errors.map((e) => e.reason)).toEqual(['执法证号不能为空']);
    expect(check({ 姓名: '王五', 执法证号: 'A1', 状态: '退休' }).errors[0].reason).toBe(
      '人员状态“退休”无法识别（应为在岗、停用或休假）',
    );
    expect(check({ 姓名: '王五', 执法证号: 'A1', 身份证号: '110105194912310021' }).errors[0]).toMatchObject({
      column: '身份证号',
      reason: '身份证号校验位错误（应为 X）',
    });
    expect(check({ 姓名: '王五', 执法证号: 'A1', 身份证号: 110105194912310000 }).errors[0].reason).toMatch(
      /^身份证号已被表格软件转成数字而损坏/,
    );
    expect(check({ 姓名: '王五', 执法证号: 460100123456789000 }).errors[0].reason).toMatch(
      /^执法证号已被表格软件/,
    );
  });

  it('warns on an unreadable flag or date and imports the row', () => {
    const result = check({ 姓名: '王五', 执法证号: 'A1', 是否专家: '待定', 执法证有效期: '明年' });
    expect(result.record).toMatchObject({ is_expert: false, cert_expires_on: undefined });
    expect(result.warnings.map((w) => w.reason)).toEqual([
      '执法证有效期“明年”不是有效日期，已忽略',
      '是否专家应填“是”或“否”，已按“否”导入',
    ]);
  });
});

describe('GB 11643 identity numbers', () => {
  it('checks length, check character and birth date', () => {
    expect(idCardProblem(ID_CARD)).toBeUndefined();
    expect(idCardProblem('11010519491231002')).toBe('身份证号应为18位（末位可为X）');
    // Same body with a valid check character but the impossible birth date 1949-02-30.
    expect(idCardProblem('110105194902300020')).toBe('身份证号中的出生日期无效');
  });
});
