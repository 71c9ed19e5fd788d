// 检查人员名录: inspectors keyed by their enforcement certificate number (执法证号).
import {
  type Cell,
  codeText,
  isBlank,
  isDamagedNumber,
  oneLine,
  parseDate,
  parsePhone,
  parseYesNo,
  splitList,
} from './cells.ts';
import { enumValue, optionalParsed, type Row, type ValidatorOptions } from './row.ts';

export type InspectorStatus = 'on_duty' | 'suspended' | 'on_leave';

export interface InspectorRecord {
  name: string;
  cert_no: string;
  /** ISO date. */
  cert_expires_on?: string;
  department?: string;
  office?: string;
  qualifications: string[];
  is_expert: boolean;
  is_leader: boolean;
  status: InspectorStatus;
  id_card?: string;
  phone?: string;
}

const STATUSES: readonly [RegExp, InspectorStatus][] = [
  [/^(在岗|在职|正常|启用)/, 'on_duty'],
  [/^(停用|禁用|暂停)/, 'suspended'],
  [/^(休假|请假)/, 'on_leave'],
];

const ID_WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
const ID_CHECK = '10X98765432';

/** GB 11643 citizen identity number: what is wrong with it, or undefined when it is valid. */
export function idCardProblem(code: string): string | undefined {
  if (!/^\d{17}[\dX]$/.test(code)) return '身份证号应为18位（末位可为X）';
  let sum = 0;
  for (let i = 0; i < 17; i++) sum += (code.charCodeAt(i) - 48) * ID_WEIGHTS[i];
  const expected = ID_CHECK[sum % 11];
  if (code[17] !== expected) return `身份证号校验位错误（应为 ${expected}）`;
  const birth = `${code.slice(6, 10)}-${code.slice(10, 12)}-${code.slice(12, 14)}`;
  if (parseDate(birth) !== birth) return '身份证号中的出生日期无效';
  return undefined;
}

/** The end of a validity period: '2025-12-31', or the last date of '2020-01-01至2025-12-31'. */
function parseExpiry(cell: Cell): string | undefined {
  const parts = oneLine(cell).split(/至|~|～|—|–/);
  return parseDate(parts[parts.length - 1]);
}

const DAMAGED = '已被表格软件转成数字而损坏，请将该列设为文本后重新导出';

function yesNo(row: Row, field: 'is_expert' | 'is_leader'): boolean {
  const cell = row.cell(field);
  if (isBlank(cell)) return false;
  const value = parseYesNo(cell);
  if (value === undefined) row.warn(field, `${row.label(field)}应填“是”或“否”，已按“否”导入`);
  return value ?? false;
}

export function inspectorBuilder(options: ValidatorOptions): (row: Row) => InspectorRecord | undefined {
  return (row) => {
    const name = row.required('name', oneLine);
    const cert_no = row.required('cert_no', codeText);
    if (isDamagedNumber(row.cell('cert_no'))) row.error('cert_no', `执法证号${DAMAGED}`);

    const idCell = row.cell('id_card');
    const id_card = isBlank(idCell) ? undefined : codeText(idCell);
    if (id_card) {
      const problem = isDamagedNumber(idCell) ? `身份证号${DAMAGED}` : idCardProblem(id_card);
      if (problem) row.error('id_card', problem);
    }

    const statusText = oneLine(row.cell('status'));
    const status = statusText ? enumValue(statusText, STATUSES) : 'on_duty';
    if (!status) row.error('status', `人员状态“${statusText}”无法识别（应为在岗、停用或休假）`);

    const cert_expires_on = /长期/.test(oneLine(row.cell('cert_expires_on')))
      ? undefined
      : optionalParsed(row, 'cert_expires_on', parseExpiry, '不是有效日期');

    const record: InspectorRecord = {
      name,
      cert_no,
      cert_expires_on,
      department: row.optional('department', oneLine) ?? options.department,
      office: row.optional('office', oneLine),
      qualifications: [...new Set(row.all('qualifications').flatMap(splitList))],
      is_expert: yesNo(row, 'is_expert'),
      is_leader: yesNo(row, 'is_leader'),
      status: status ?? 'on_duty',
      id_card,
      phone: optionalParsed(row, 'phone', parsePhone, '格式不正确'),
    };
    return row.errors.length ? undefined : record;
  };
}
