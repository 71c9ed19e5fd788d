// The dictionary of inspection result codes (抽查检查结果) and dispositions (后续处置措施) of
// DOMAIN.md §3, with the rules for combining them. Several codes may apply to one inspection.

export type ResultCode =
  | '1'
  | 'A'
  | '2'
  | '3'
  | '4'
  | '5'
  | 'B'
  | 'C'
  | '6'
  | 'D'
  | 'G'
  | 'E'
  | 'F'
  | '7'
  | '8'
  | '9'
  | '10'
  | '11'
  | '12';

/** What a code asks for after the inspection. */
export type FollowUpKind =
  | 'none'
  | 'order_then_abnormal_list'
  | 'abnormal_list'
  | 'case_or_order'
  | 'transfer_or_notify'
  | 'alternate';

export interface ResultCodeInfo {
  code: ResultCode;
  zh: string;
  en: string;
  /** Children of A are the problems "found and awaiting follow-up". */
  parent?: 'A';
  group: 'clear' | 'problem' | 'corrected' | 'not_operating' | 'uncooperative' | 'gone';
  followUp: FollowUpKind;
}

export const RESULT_CODES_VERSION = 1;

export const RESULT_CODES: readonly ResultCodeInfo[] = [
  { code: '1', zh: '未发现问题', en: 'No problem found', group: 'clear', followUp: 'none' },
  {
    code: 'A',
    zh: '发现问题待后续处理',
    en: 'Problem found, follow-up pending',
    group: 'problem',
    followUp: 'none',
  },
  {
    code: '2',
    zh: '违反工商行政管理相关规定',
    en: 'Violates former industry-and-commerce rules',
    parent: 'A',
    group: 'problem',
    followUp: 'case_or_order',
  },
  {
    code: '3',
    zh: '违反食品药品相关规定',
    en: 'Violates food and drug rules',
    parent: 'A',
    group: 'problem',
    followUp: 'transfer_or_notify',
  },
  {
    code: '4',
    zh: '违反质量技术监督相关规定',
    en: 'Violates quality and technical supervision rules',
    parent: 'A',
    group: 'problem',
    followUp: 'transfer_or_notify',
  },
  {
    code: '5',
    zh: '违反其他部门相关规定',
    en: "Violates another department's rules",
    parent: 'A',
    group: 'problem',
    followUp: 'transfer_or_notify',
  },
  {
    code: 'B',
    zh: '未按规定公示应当公示的信息',
    en: 'Did not publish information it must publish',
    parent: 'A',
    group: 'problem',
    followUp: 'order_then_abnormal_list',
  },
  {
    code: 'C',
    zh: '公示信息隐瞒真实情况、弄虚作假',
    en: 'Published information hides the truth or is falsified',
    parent: 'A',
    group: 'problem',
    followUp: 'abnormal_list',
  },
  {
    code: '6',
    zh: '通过登记的住所（经营场所）无法联系',
    en: 'Cannot be reached at the registered address',
    parent: 'A',
    group: 'problem',
    followUp: 'abnormal_list',
  },
  {
    code: 'D',
    zh: '违反其他市场监管规定',
    en: 'Violates other market-supervision rules',
    parent: 'A',
    group: 'problem',
    followUp: 'case_or_order',
  },
  {
    code: 'G',
    zh: '违反公安部门相关规定',
    en: 'Violates public-security rules',
    parent: 'A',
    group: 'problem',
    followUp: 'transfer_or_notify',
  },
  {
    code: 'E',
    zh: '发现问题经责令已改正',
    en: 'Problem found and corrected on order',
    group: 'corrected',
    followUp: 'none',
  },
  {
    code: 'F',
    zh: '未发现开展本次抽查涉及的经营活动',
    en: 'The activity inspected was not being carried on',
    group: 'not_operating',
    followUp: 'none',
  },
  {
    code: '7',
    zh: '已关闭停业或正在组织清算',
    en: 'Closed or in liquidation',
    group: 'not_operating',
    followUp: 'none',
  },
  {
    code: '8',
    zh: '不配合检查情节严重',
    en: 'Seriously refused to cooperate',
    group: 'uncooperative',
    followUp: 'none',
  },
  { code: '9', zh: '已注销', en: 'Deregistered', group: 'gone', followUp: 'alternate' },
  { code: '10', zh: '被吊销', en: 'Licence revoked', group: 'gone', followUp: 'alternate' },
  { code: '11', zh: '被撤销', en: 'Registration cancelled', group: 'gone', followUp: 'alternate' },
  { code: '12', zh: '迁出', en: 'Moved out', group: 'gone', followUp: 'alternate' },
];

const BY_CODE = new Map(RESULT_CODES.map((c) => [c.code, c]));

/** Codes that count as a problem found (问题发现率): the problems, and those corrected on the spot. */
export const PROBLEM_FOUND_CODES: readonly ResultCode[] = RESULT_CODES.filter(
  (c) => c.group === 'problem' || c.group === 'corrected',
).map((c) => c.code);

export const resultCode = (code: string): ResultCodeInfo | undefined => BY_CODE.get(code as ResultCode);

export type Disposition =
  | 'none'
  | 'stop_feedback'
  | 'order_correct'
  | 'case_referral'
  | 'notify_other'
  | 'other';

export const DISPOSITIONS: readonly { code: Disposition; zh: string; en: string }[] = [
  { code: 'none', zh: '无需后续处置', en: 'No follow-up needed' },
  { code: 'stop_feedback', zh: '停止检查，反馈日常监管部门', en: 'Stop, report to the routine supervisor' },
  {
    code: 'order_correct',
    zh: '责令改正，日常监管部门跟踪',
    en: 'Order to correct, tracked by the routine supervisor',
  },
  { code: 'case_referral', zh: '发现案件线索，移送办案机构', en: 'Case lead referred to case handling' },
  {
    code: 'notify_other',
    zh: '违反其他部门规定，抄告相关部门',
    en: 'Notify the department whose rules apply',
  },
  { code: 'other', zh: '其他', en: 'Other' },
];

export interface SelectionProblem {
  field: 'codes' | 'disposition' | 'dispositionNote';
  zh: string;
  en: string;
}

/** The codes as they are stored: unknown codes removed by validation, A added for any of its children, sorted. */
export function normaliseCodes(codes: readonly string[]): ResultCode[] {
  const set = new Set(codes.filter((c) => BY_CODE.has(c as ResultCode)) as ResultCode[]);
  if ([...set].some((c) => BY_CODE.get(c)?.parent === 'A')) set.add('A');
  return RESULT_CODES.map((c) => c.code).filter((c) => set.has(c));
}

/** Every reason a selection of codes and a disposition cannot be recorded (empty when it can). */
export function checkSelection(
  codes: readonly string[],
  disposition: Disposition | null,
  dispositionNote?: string | null,
): SelectionProblem[] {
  const problems: SelectionProblem[] = [];
  const unknown = codes.filter((c) => !BY_CODE.has(c as ResultCode));
  if (unknown.length) {
    problems.push({
      field: 'codes',
      zh: `未知的结果代码：${unknown.join('、')}`,
      en: `Unknown result codes: ${unknown.join(', ')}`,
    });
  }
  const chosen = normaliseCodes(codes);
  if (chosen.length === 0) {
    problems.push({ field: 'codes', zh: '请至少选择一个检查结果', en: 'Choose at least one result' });
    return problems;
  }
  if (chosen.includes('1') && chosen.length > 1) {
    problems.push({
      field: 'codes',
      zh: '“未发现问题”不能与其他检查结果同时选择',
      en: '"No problem found" cannot be combined with other results',
    });
  }
  const gone = chosen.filter((c) => BY_CODE.get(c)?.group === 'gone');
  if (gone.length && chosen.length > 1) {
    problems.push({
      field: 'codes',
      zh: '已注销、被吊销、被撤销、迁出只能单独选择其中一项',
      en: 'Deregistered, revoked, cancelled and moved out stand alone, one of them',
    });
  }
  if (chosen.includes('A') && !codes.some((c) => BY_CODE.get(c as ResultCode)?.parent === 'A')) {
    problems.push({
      field: 'codes',
      zh: '“发现问题待后续处理”须选择具体问题（如 B、C、D、6 等）',
      en: '"Problem found" needs the specific problem (B, C, D, 6, …)',
    });
  }
  const hasProblem = chosen.includes('A');
  if (hasProblem && (disposition === null || disposition === 'none')) {
    problems.push({
      field: 'disposition',
      zh: '发现问题时必须选择后续处置措施',
      en: 'A problem found needs a follow-up disposition',
    });
  }
  if (!hasProblem && disposition !== null && disposition !== 'none' && disposition !== 'stop_feedback') {
    problems.push({
      field: 'disposition',
      zh: '未发现待处理问题时，后续处置应为“无需后续处置”或“停止检查”',
      en: 'Without a problem to follow up, the disposition is "none" or "stop"',
    });
  }
  if (disposition === 'other' && !dispositionNote?.trim()) {
    problems.push({
      field: 'dispositionNote',
      zh: '选择“其他”时请说明处置措施',
      en: 'Describe the disposition when choosing "other"',
    });
  }
  return problems;
}

/** The follow-ups the chosen codes call for, each once, in dictionary order. */
export function followUpsFor(codes: readonly string[]): FollowUpKind[] {
  const kinds = normaliseCodes(codes)
    .map((c) => BY_CODE.get(c)!.followUp)
    .filter((k) => k !== 'none');
  return [...new Set(kinds)];
}
