// 检查对象名录: market entities keyed by USCC or, for old records, the 15-digit 注册号.
import {
  checkRegistrationNumber,
  checkUscc,
  industries,
  industry,
  isKnownRegion,
  USCC_KINDS,
} from '../codes/index.ts';
import {
  type Cell,
  codeText,
  displayText,
  isBlank,
  numberText,
  oneLine,
  parseDate,
  parseDecimal,
  parsePhone,
  shiftDecimal,
  splitList,
} from './cells.ts';
import { enumValue, type FieldColumns, optionalParsed, type Row } from './row.ts';

export type EntityKind = 'enterprise' | 'individual' | 'cooperative' | 'other';
export type EntityStatus = 'active' | 'deregistered' | 'revoked' | 'cancelled' | 'moved_out';

export interface EntityRecord {
  uscc?: string;
  reg_no?: string;
  name: string;
  kind: EntityKind;
  legal_rep?: string;
  reg_address?: string;
  biz_address?: string;
  /** GB/T 2260, 6 or 9 digits. */
  region_code: string;
  /** GB/T 4754-2017. */
  industry_code?: string;
  /** ISO date. */
  registered_on?: string;
  status: EntityStatus;
  /** Registered capital in 万元 as an exact decimal string. */
  capital_wan?: string;
  phone?: string;
  tags?: string[];
}

const KINDS: readonly [RegExp, EntityKind][] = [
  [/个体/, 'individual'],
  [/合作社/, 'cooperative'],
  [/企业|公司|全民所有制|集体所有制/, 'enterprise'],
  [/^其[他它]$/, 'other'],
];

const STATUSES: readonly [RegExp, EntityStatus][] = [
  [/^(存续|在业|开业|在营|在册|正常)/, 'active'],
  // 吊销，未注销 is revoked: the prefix decides.
  [/^已?吊销/, 'revoked'],
  [/^已?注销/, 'deregistered'],
  [/^已?撤销/, 'cancelled'],
  [/^已?迁出/, 'moved_out'],
];

interface Identity {
  uscc?: string;
  reg_no?: string;
  /** The registering authority's GB/T 2260 code inside the identifier. */
  authorityRegion: string;
  kindFromCode?: EntityKind;
}

/**
 * USCC or 注册号. A damaged or invalid USCC rejects the row unless a valid 注册号 is also present,
 * in which case the row is kept under the 注册号 with a warning.
 */
export function identity(row: Row): Identity | undefined {
  let usccText = codeText(row.cell('uscc'));
  let regText = codeText(row.cell('reg_no'));
  let regField = 'reg_no';
  // A combined 统一社会信用代码/注册号 column holds 注册号 for old records.
  if (/^\d{15}$/.test(usccText) && !regText) {
    regText = usccText;
    usccText = '';
    regField = 'uscc';
  }
  const uscc = usccText ? checkUscc(usccText) : undefined;
  const reg = regText ? checkRegistrationNumber(regText) : undefined;
  if (!uscc && !reg) {
    row.error('uscc', '统一社会信用代码和注册号均为空，无法识别市场主体');
    return undefined;
  }
  if (uscc?.ok) {
    if (reg && !reg.ok) row.warn(regField, `${reg.message}，已忽略注册号`);
    const kindFromCode = uscc.code[0] === '9' ? USCC_KINDS[uscc.kindDigit] : undefined;
    return {
      uscc: uscc.code,
      reg_no: reg?.ok ? reg.code : undefined,
      authorityRegion: uscc.authorityRegion,
      kindFromCode,
    };
  }
  if (reg?.ok) {
    if (uscc && !uscc.ok) row.warn('uscc', `${uscc.message}，已按注册号导入`);
    return { reg_no: reg.code, authorityRegion: reg.authorityRegion };
  }
  if (uscc && !uscc.ok) row.error('uscc', uscc.message);
  if (reg && !reg.ok) row.error(regField, reg.message);
  return undefined;
}

function regionCode(row: Row, id: Identity): string | undefined {
  const cell = row.cell('region_code');
  if (isBlank(cell)) {
    // No region column (or an empty cell): the registering authority's code is the best we know.
    if (!isKnownRegion(id.authorityRegion)) {
      row.warn(
        'region_code',
        `代码中的登记机关行政区划代码“${id.authorityRegion}”不在 GB/T 2260 中，已按原值导入`,
        id.authorityRegion,
      );
    }
    return id.authorityRegion;
  }
  const code = codeText(cell);
  if (!/^\d{6}(\d{3})?$/.test(code)) {
    row.error('region_code', '行政区划代码应为6位或9位数字');
    return undefined;
  }
  if (!isKnownRegion(code)) {
    row.error('region_code', `行政区划代码“${code}”不在 GB/T 2260 中`);
    return undefined;
  }
  return code;
}

let codesByName: Map<string, string> | undefined;

/**
 * The code of an industry name, when the name means one activity: either one code has it, or the
 * codes that share it are one chain (a group with a single class, 621 and 6210 正餐服务), where the
 * class is the most precise.
 */
function industryCodeByName(name: string): string | undefined {
  if (!codesByName) {
    const byName = new Map<string, string[]>();
    for (const i of industries().values()) byName.set(i.name, [...(byName.get(i.name) ?? []), i.code]);
    codesByName = new Map();
    for (const [n, codes] of byName) {
      const longest = codes.reduce((a, b) => (b.length > a.length ? b : a));
      const section = industry(longest)?.section;
      if (codes.every((c) => longest.startsWith(c) || c === section)) codesByName.set(n, longest);
    }
  }
  return codesByName.get(name);
}

/**
 * GB/T 4754-2017 code from '6210', 'H6210' (section letter checked), '餐饮业(6210)', '6210正餐服务'
 * or an industry name that belongs to one code only.
 */
export function parseIndustryCode(cell: Cell): string | undefined {
  if (typeof cell === 'number') {
    // A number loses leading zeros: 190 was 0190 (其他农业). When the digits are a code of their own
    // (111, a group), they are kept, though 0111 may have been meant.
    const digits = numberText(cell);
    return industry(digits) ? digits : industry(`0${digits}`) ? `0${digits}` : undefined;
  }
  const text = codeText(cell);
  const code =
    /^([A-T]?\d{2,4}|[A-T])$/.exec(text)?.[1] ??
    /\(([A-T]?\d{2,4})\)$/.exec(text)?.[1] ??
    /^([A-T]?\d{2,4})(?=[^\dA-Z])/.exec(text)?.[1];
  if (!code) return industryCodeByName(oneLine(cell));
  const digits = code.replace(/^[A-T](?=\d)/, '');
  const found = industry(digits);
  if (!found || (digits !== code && found.section !== code[0])) return undefined;
  return found.code;
}

/** 注册资本 in 万元: '100万元', '100万', '1,000,000元', or a bare number in the column's unit. */
function parseCapital(cell: Cell, columnInYuan: boolean): string | undefined {
  const text = codeText(cell).replace(/^人民币|\(?人民币\)?$/g, '');
  const m = /^([\d,]+(?:\.\d+)?)(万元|万|元)?$/.exec(text);
  const amount = m ? parseDecimal(m[1]) : undefined;
  if (!m || amount === undefined) return undefined;
  const inYuan = m[2] === '元' || (m[2] === undefined && columnInYuan);
  return inYuan ? shiftDecimal(amount, -4) : amount;
}

/** Builds the validator of entity rows for the columns of one file. */
export function entityBuilder(columns: FieldColumns): (row: Row) => EntityRecord | undefined {
  // A header such as 注册资本（元） gives bare numbers in 元 rather than 万元.
  const capitalHeader = columns.byField.get('capital_wan')?.[0]?.header ?? '';
  const capitalInYuan = /[(（]元[)）]/.test(capitalHeader);

  return (row) => {
    const name = row.required('name', oneLine);
    const id = identity(row);
    const region_code = id && regionCode(row, id);

    const industryCell = row.cell('industry_code');
    const industry_code = isBlank(industryCell) ? undefined : parseIndustryCode(industryCell);
    if (!isBlank(industryCell) && !industry_code) {
      row.error('industry_code', `行业代码“${displayText(industryCell)}”不是 GB/T 4754-2017 中的代码`);
    }

    const kindText = oneLine(row.cell('kind'));
    let kind = kindText ? enumValue(kindText, KINDS) : undefined;
    if (kindText && !kind) {
      kind = id?.kindFromCode ?? 'other';
      row.warn('kind', `市场主体类型“${kindText}”无法识别，已按“${KIND_NAMES[kind]}”导入`);
    }

    const statusText = oneLine(row.cell('status'));
    const status = statusText ? enumValue(statusText, STATUSES) : 'active';
    if (!status) row.error('status', `登记状态“${statusText}”无法识别（应为存续、注销、吊销、撤销或迁出）`);

    const registered_on = optionalParsed(row, 'registered_on', parseDate, '不是有效日期');
    const capital_wan = optionalParsed(
      row,
      'capital_wan',
      (c) => parseCapital(c, capitalInYuan),
      '无法识别为人民币金额',
    );
    const phone = optionalParsed(row, 'phone', parsePhone, '格式不正确');
    const tags = [...new Set(row.all('tags').flatMap(splitList))];

    if (row.errors.length || !id || !region_code || !status) return undefined;
    return {
      uscc: id.uscc,
      reg_no: id.reg_no,
      name,
      kind: kind ?? id.kindFromCode ?? 'other',
      legal_rep: row.optional('legal_rep', oneLine),
      reg_address: row.optional('reg_address', oneLine),
      biz_address: row.optional('biz_address', oneLine),
      region_code,
      industry_code,
      registered_on,
      status,
      capital_wan,
      phone,
      tags: tags.length ? tags : undefined,
    };
  };
}

const KIND_NAMES: Record<EntityKind, string> = {
  enterprise: '企业',
  individual: '个体工商户',
  cooperative: '农民专业合作社',
  other: '其他',
};
