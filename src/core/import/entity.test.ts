import * as XLSX from '@e965/xlsx';
import iconv from 'iconv-lite';
import { describe, expect, it } from 'vitest';
import { completeRegistrationNumber, completeUscc, orgCodeCheckChar } from '../codes/index.ts';
import type { Cell } from './cells.ts';
import { parseIndustryCode } from './entity.ts';
import { detectHeader } from './header.ts';
import { readWorkbook } from './read.ts';
import { importRows, makeRowValidator, naturalKey } from './validate.ts';

/** A valid USCC: authority 9, the kind digit, the registering authority's region, an organisation code. */
function uscc(kindDigit: string, region: string, orgBody: string): string {
  return completeUscc(`9${kindDigit}${region}${orgBody}${orgCodeCheckChar(orgBody)}`);
}

const ENTERPRISE = uscc('1', '460100', 'MA5T0001'); // 91460100MA5T00010J
const INDIVIDUAL = uscc('2', '460100', 'MA5T0002');
const COOPERATIVE = uscc('3', '460100', 'MA5T0003');
const NATIONAL = uscc('1', '100000', 'MA5T0004'); // registered by an authority outside GB/T 2260
const REG_NO = completeRegistrationNumber('46010000012345');

/** The messy register of the brief, built the way a clerk's Excel would store it. */
function messyWorkbook(): Uint8Array {
  const title = '海口市市场主体名录（2023年第一季度）';
  const sheet = XLSX.utils.aoa_to_sheet([
    [title],
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
    ],
    [null, null, null, '住所', '经营场所'],
    [
      ENTERPRISE,
      null,
      '海口市某某科技有限公司\r\n',
      '海口市龙华区滨海大道1号',
      null,
      'I6513',
      43529,
      '存续（在营、开业、在册）',
      '100万元',
      '食品经营、特种设备',
    ],
    [914601000000000000, null, '数字代码有限公司', null, null, '6513', 43530, '存续'],
    [
      `${ENTERPRISE.slice(0, 17)}K`,
      REG_NO,
      '海口市老字号商店',
      null,
      '海口市美兰区1号',
      null,
      null,
      '吊销，未注销',
    ],
    [INDIVIDUAL, null, '海口市秀英区张三小吃店', null, null, '9999'],
    [
      COOPERATIVE,
      null,
      '海口某某农民专业合作社',
      null,
      null,
      '餐饮业(6210)',
      '2019年3月5日',
      '注销',
      '1,000,000元',
    ],
    [NATIONAL, null, '国家级某某有限公司', null, null, null, null, '迁出'],
    [],
    [null, null, '无代码商店'],
  ]);
  sheet['!merges'] = [
    'A1:J1',
    'A2:A3',
    'B2:B3',
    'C2:C3',
    'D2:E2',
    'F2:F3',
    'G2:G3',
    'H2:H3',
    'I2:I3',
    'J2:J3',
    'H6:H7',
  ].map((range) => XLSX.utils.decode_range(range));
  sheet.G5.z = 'yyyy-mm-dd';
  const wb = XLSX.utils.book_new();
  XLSX.utils.book_append_sheet(wb, sheet, '名录');
  return new Uint8Array(XLSX.write(wb, { type: 'array', bookType: 'xlsx' }));
}

describe('entities: the messy register', () => {
  const [sheet] = readWorkbook(messyWorkbook(), '海口市市场主体名录.xlsx');
  const result = importRows('entities', sheet.rows);

  it('finds the header under the title and over the second header row', () => {
    expect(result.mapping.headerLines).toEqual([3]);
    expect(result.mapping.dataStart).toBe(3);
    expect(result.mapping.columns.find((c) => c.index === 7)?.field).toBe('status');
    expect(result.mapping.unmatched).toEqual([]);
    expect(result.mapping.missing).toEqual([]);
  });

  it('accepts the good rows with every field normalised', () => {
    expect(result.records.map((r) => r.line)).toEqual([4, 6, 8, 9]);
    expect(result.records[0].record).toEqual({
      uscc: ENTERPRISE,
      name: '海口市某某科技有限公司',
      kind: 'enterprise',
      reg_address: '海口市龙华区滨海大道1号',
      region_code: '460100',
      industry_code: '6513',
      registered_on: '2019-03-05',
      status: 'active',
      capital_wan: '100',
      tags: ['食品经营', '特种设备'],
    });
    expect(result.records[2].record).toMatchObject({
      kind: 'cooperative',
      industry_code: '6210',
      registered_on: '2019-03-05',
      status: 'deregistered',
      capital_wan: '100',
    });
    expect(result.records[3].record).toMatchObject({ region_code: '100000', status: 'moved_out' });
    expect(result.rows).toBe(7);
  });

  it('rejects a USCC stored as a number, an unknown industry and a row without identifier', () => {
    expect(result.errors).toEqual([
      {
        line: 5,
        column: '统一社会信用代码',
        field: 'uscc',
        value: '9.14601E+17',
        reason:
          '统一社会信用代码已被表格软件转成数字而损坏（末尾变为0或科学计数法），请将该列设为文本后重新导出',
      },
      {
        line: 7,
        column: '行业代码',
        field: 'industry_code',
        value: '9999',
        reason: '行业代码“9999”不是 GB/T 4754-2017 中的代码',
      },
      {
        line: 11,
        column: '统一社会信用代码',
        field: 'uscc',
        value: '',
        reason: '统一社会信用代码和注册号均为空，无法识别市场主体',
      },
    ]);
  });

  it('keeps a row with an invalid USCC under its valid 注册号, with a warning', () => {
    expect(result.records[1]).toEqual({
      line: 6,
      record: {
        reg_no: REG_NO,
        name: '海口市老字号商店',
        kind: 'other',
        biz_address: '海口市美兰区1号',
        region_code: '460100',
        status: 'revoked',
      },
    });
    expect(result.warnings).toEqual([
      {
        line: 6,
        column: '统一社会信用代码',
        field: 'uscc',
        value: `${ENTERPRISE.slice(0, 17)}K`,
        reason: '统一社会信用代码校验位错误（应为 J），已按注册号导入',
      },
      {
        line: 9,
        column: '行政区划代码',
        field: 'region_code',
        value: '100000',
        reason: '代码中的登记机关行政区划代码“100000”不在 GB/T 2260 中，已按原值导入',
      },
    ]);
  });

  it('applies a merged status to every row under it', () => {
    const validate = makeRowValidator('entities', result.mapping);
    expect(validate(sheet.rows[6], 7).errors.map((e) => e.field)).toEqual(['industry_code']);
    expect(sheet.rows[6][7]).toBe('吊销，未注销');
  });
});

describe('entities: rules per field', () => {
  const header = [
    '统一社会信用代码',
    '注册号',
    '企业名称',
    '市场主体类型',
    '行政区划代码',
    '行业代码',
    '登记状态',
    '注册资本',
    '联系电话',
  ];
  const validate = makeRowValidator('entities', detectHeader([header], 'entities'));
  const row = (values: Record<string, Cell>) => header.map((h) => values[h] ?? null);
  const check = (values: Record<string, Cell>) => validate(row({ 企业名称: '某某公司', ...values }), 2);

  it('needs nothing but an identifier and a name; missing optional fields never reject', () => {
    const result = check({ 统一社会信用代码: ENTERPRISE });
    expect(result).toEqual({
      record: {
        uscc: ENTERPRISE,
        name: '某某公司',
        kind: 'enterprise',
        region_code: '460100',
        status: 'active',
      },
      errors: [],
      warnings: [],
    });
    expect(check({ 注册号: REG_NO }).record).toMatchObject({ reg_no: REG_NO, kind: 'other' });
    expect(check({ 统一社会信用代码: ENTERPRISE, 企业名称: null }).errors[0].reason).toBe('企业名称不能为空');
  });

  it('explains an invalid USCC with the expected check character, and an invalid 注册号', () => {
    const bad = '91350100M000100Y4Z';
    expect(check({ 统一社会信用代码: bad }).errors[0].reason).toBe('统一社会信用代码校验位错误（应为 3）');
    expect(check({ 统一社会信用代码: '914690062012665000' }).errors[0].reason).toMatch(/转成数字而损坏/);
    expect(check({ 注册号: `${REG_NO.slice(0, 14)}9` }).errors[0].reason).toMatch(
      /^注册号校验位错误（应为 \d）$/,
    );
    const both = check({ 统一社会信用代码: ENTERPRISE, 注册号: '123' });
    expect(both.record?.reg_no).toBeUndefined();
    expect(both.warnings[0].reason).toBe('注册号应为15位数字，已忽略注册号');
  });

  it('reads a 注册号 from a combined 统一社会信用代码/注册号 column', () => {
    expect(check({ 统一社会信用代码: Number(REG_NO) }).record).toMatchObject({
      reg_no: REG_NO,
      region_code: '460100',
    });
  });

  it('takes the region from its column when given, and rejects an unknown one', () => {
    expect(check({ 统一社会信用代码: ENTERPRISE, 行政区划代码: '460105' }).record?.region_code).toBe(
      '460105',
    );
    expect(check({ 统一社会信用代码: ENTERPRISE, 行政区划代码: 440305007 }).record?.region_code).toBe(
      '440305007',
    );
    expect(check({ 统一社会信用代码: ENTERPRISE, 行政区划代码: '469999' }).errors[0].reason).toBe(
      '行政区划代码“469999”不在 GB/T 2260 中',
    );
    expect(check({ 统一社会信用代码: ENTERPRISE, 行政区划代码: '海口' }).errors[0].reason).toBe(
      '行政区划代码应为6位或9位数字',
    );
  });

  it('infers the kind from the USCC, lets the column decide, and warns on an unknown kind', () => {
    expect(check({ 统一社会信用代码: INDIVIDUAL }).record?.kind).toBe('individual');
    expect(check({ 统一社会信用代码: COOPERATIVE }).record?.kind).toBe('cooperative');
    expect(check({ 统一社会信用代码: ENTERPRISE, 市场主体类型: '个体工商户' }).record?.kind).toBe(
      'individual',
    );
    expect(check({ 注册号: REG_NO, 市场主体类型: '有限责任公司（自然人投资或控股）' }).record?.kind).toBe(
      'enterprise',
    );
    const unknown = check({ 统一社会信用代码: INDIVIDUAL, 市场主体类型: '事业单位' });
    expect(unknown.record?.kind).toBe('individual');
    expect(unknown.warnings[0].reason).toBe('市场主体类型“事业单位”无法识别，已按“个体工商户”导入');
  });

  it('maps every registration status and rejects an unknown one', () => {
    const statuses: Record<string, string> = {
      在业: 'active',
      开业: 'active',
      注销: 'deregistered',
      已注销: 'deregistered',
      吊销: 'revoked',
      撤销: 'cancelled',
      迁出: 'moved_out',
      revoked: 'revoked',
    };
    for (const [text, status] of Object.entries(statuses)) {
      expect(check({ 统一社会信用代码: ENTERPRISE, 登记状态: text }).record?.status, text).toBe(status);
    }
    expect(check({ 统一社会信用代码: ENTERPRISE, 登记状态: '停业' }).errors[0].reason).toBe(
      '登记状态“停业”无法识别（应为存续、注销、吊销、撤销或迁出）',
    );
  });

  it('keeps registered capital as an exact decimal in 万元 and drops what is not an amount in 人民币', () => {
    const capital = (value: Cell) => check({ 统一社会信用代码: ENTERPRISE, 注册资本: value });
    for (const value of ['100万元', '100万', '１００万元', '1,000,000元', '人民币100万元', '100', 100]) {
      expect(capital(value).record?.capital_wan, String(value)).toBe('100');
    }
    expect(capital('12.3456789元').record?.capital_wan).toBe('0.00123456789');
    const dollars = capital('100万美元');
    expect(dollars.record?.capital_wan).toBeUndefined();
    expect(dollars.warnings[0].reason).toBe('注册资本“100万美元”无法识别为人民币金额，已忽略');
  });

  it('reads bare amounts in 元 when the header says so', () => {
    const yuan = makeRowValidator(
      'entities',
      detectHeader([['统一社会信用代码', '企业名称', '注册资本(元)']], 'entities'),
    );
    expect(yuan([ENTERPRISE, '某某公司', 1_000_000], 2).record?.capital_wan).toBe('100');
  });

  it('drops a malformed phone with a warning', () => {
    const result = check({ 统一社会信用代码: ENTERPRISE, 联系电话: '见备注' });
    expect(result.record?.phone).toBeUndefined();
    expect(result.warnings[0]).toMatchObject({
      column: '联系电话',
      reason: '联系电话“见备注”格式不正确，已忽略',
    });
  });
});

describe('industry codes', () => {
  it('accepts the usual written forms and checks the section letter', () => {
    const forms: [Cell, string | undefined][] = [
      ['6210', '6210'],
      ['H6210', '6210'],
      ['h 6210', '6210'],
      ['餐饮业(6210)', '6210'],
      ['餐饮业（6210）', '6210'],
      ['6210正餐服务', '6210'],
      ['正餐服务', '6210'],
      ['H', 'H'],
      ['62', '62'],
      [6210, '6210'],
      // A number loses the leading zero of 0190 (其他农业); 190 is no code, so the zero is restored,
      // but 111 is a code of its own (a group), which the number keeps.
      [190, '0190'],
      [111, '111'],
      [9999, undefined],
      ['房地产业', '70'],
      ['I6210', undefined],
      ['9999', undefined],
      ['其他', undefined],
    ];
    for (const [input, code] of forms) expect(parseIndustryCode(input), String(input)).toBe(code);
  });
});

describe('entities from CSV', () => {
  const csv = [
    '统一社会信用代码,企业名称,成立日期,行业代码',
    `${ENTERPRISE},海口市某某科技有限公司,2019/3/5,H6210`,
    '9.14690062012665E+17,坏代码公司,2019/3/5,6210',
    `${INDIVIDUAL},张三小吃店,20190305,`,
  ].join('\r\n');

  it('gives the same records from UTF-8 with BOM and from GBK', () => {
    const bom = new Uint8Array([0xef, 0xbb, 0xbf, ...new TextEncoder().encode(csv)]);
    const gbk = new Uint8Array(iconv.encode(csv, 'gbk'));
    const results = [bom, gbk].map((bytes) =>
      importRows('entities', readWorkbook(bytes, '名录.csv')[0].rows),
    );
    expect(results[1]).toEqual(results[0]);
    expect(results[0].records.map((r) => [r.line, r.record.name, r.record.registered_on])).toEqual([
      [2, '海口市某某科技有限公司', '2019-03-05'],
      [4, '张三小吃店', '2019-03-05'],
    ]);
    expect(results[0].errors.map((e) => [e.line, e.value])).toEqual([[3, '9.14690062012665E+17']]);
  });

  it('applies header overrides', () => {
    const rows = [
      ['TYXYDM', 'QYMC'],
      [ENTERPRISE, '某某公司'],
    ];
    expect(() => importRows('entities', rows)).toThrow(/未找到表头/);
    const result = importRows('entities', rows, { TYXYDM: '统一社会信用代码', QYMC: 'name' });
    expect(result.records[0].record).toMatchObject({ uscc: ENTERPRISE, name: '某某公司' });
  });
});

describe('naturalKey', () => {
  it('keys entities by USCC, or by 注册号 for old records', () => {
    const base = { name: 'x', kind: 'other', region_code: '460100', status: 'active' } as const;
    expect(naturalKey('entities', { ...base, uscc: ENTERPRISE, reg_no: REG_NO })).toBe(ENTERPRISE);
    expect(naturalKey('entities', { ...base, reg_no: REG_NO })).toBe(REG_NO);
  });
});
