// The demo city's 2026 inspection-item list, derived from the official Hainan 2020 list
// (data/hainan-2020-items.json, extracted by scripts/extract-hainan-items.ts): each provincial
// department becomes the Shenzhen department of the same field; departments Shenzhen's demo tree
// does not have (人社, 海关, 税务, 统计) keep their items under the city government. Plus a few joint
// items and the checklists of the key market-supervision items.
import { readFileSync } from 'node:fs';
import type { ChecklistContent } from '../core/checklist/content.ts';
import type { ItemRecord } from '../core/import/index.ts';
import { checklistFor } from './checklists.ts';
import type { City, DepartmentCode, OrgRow } from './city.ts';
import { hashWords, uuid } from './prng.ts';

export const DEMO_ITEM_YEAR = 2026;

/** Row of table `inspection_item` (timestamps and `active` keep their defaults). */
export interface ItemRow {
  id: string;
  code: string;
  year: number;
  owner_department: string;
  owner_org_id: string | null;
  department: string | null;
  category: string;
  name: string;
  target: string;
  item_type: 'general' | 'key';
  methods: string[];
  subject: string;
  legal_basis: string;
  ratio_bp: number | null;
  frequency: string | null;
  level: 'city';
  is_joint: boolean;
  field: string | null;
  initiating_department: string | null;
  cooperating_departments: string[];
  required_qualification: string | null;
  seq: number | null;
  org_id: string;
}

export interface ChecklistRow {
  id: string;
  item_id: string;
  version: number;
  status: 'published';
  content: string;
  note: string;
  published_at: Date;
}

const HAINAN_DEPARTMENTS: Record<string, DepartmentCode | string> = {
  省市场监管局: 'SAMR',
  省卫健委: 'HEALTH',
  省应急管理厅: 'EMERGENCY',
  省公安厅: 'POLICE',
  省消防救援总队: 'FIRE',
  省旅文厅: 'CULTURE',
  省教育厅: 'EDUCATION',
  省生态环境厅: 'ECOLOGY',
  省住房和城乡建设厅: 'HOUSING',
  省交通运输厅: 'TRANSPORT',
  省农业农村厅: 'AGRICULTURE',
  省商务厅: 'COMMERCE',
  // Not in the demo's organisation tree: named as Shenzhen's bodies, kept under the city government.
  省人力资源和社会保障厅: '深圳市人力资源和社会保障局',
  海口海关: '深圳海关',
  国家税务总局海南省税务局: '国家税务总局深圳市税务局',
  省统计局: '深圳市统计局',
};

/** Provincial bodies named in 检查主体 become the city's. */
function citySubject(subject: string): string {
  return subject
    .replaceAll('海南省', '深圳市')
    .replaceAll('省级以下', '市级以下')
    .replaceAll('省级', '市级')
    .replaceAll('省、', '市、')
    .replace(/(^|[\s、\n])省(?=[^级、])/g, '$1市')
    .replace(/市农业农村厅/g, '市农业农村局');
}

/** The qualification an inspector needs for an item, by its field (see TAG_QUALIFICATION). */
function qualificationOf(department: string | null, category: string): string | null {
  if (department !== 'SAMR') return null;
  const rules: [RegExp, string][] = [
    [/食品|餐饮|食用农产品/, '食品安全'],
    [/特种设备/, '特种设备'],
    [/药品/, '药品'],
    [/医疗器械/, '医疗器械'],
    [/化妆品/, '化妆品'],
    [/计量/, '计量'],
    [/产品质量|工业产品|获证产品|认证/, '产品质量'],
    [/专利|商标|知识产权/, '知识产权'],
    [/广告/, '广告'],
    [/价格|收费/, '价格'],
    [/网络|电子商务/, '网络交易'],
  ];
  return rules.find(([pattern]) => pattern.test(category))?.[1] ?? null;
}

function hainanItems(): ItemRecord[] {
  return JSON.parse(readFileSync(new URL('./data/hainan-2020-items.json', import.meta.url), 'utf8'));
}

const code = (n: number) => `JC-${String(n).padStart(6, '0')}`;
const itemId = (seed: string, itemCode: string) => uuid(hashWords(`${seed}\u0000item\u0000${itemCode}`), 8);

/** General items are drawn at 3, 5 or 10 % (capped at 10 %), key items without cap. */
function ratioOf(key: string, type: 'general' | 'key'): number | null {
  if (type === 'key') return null;
  return [300, 500, 500, 1000][hashWords(key)[0] % 4];
}

const JOINT: [
  field: string,
  name: string,
  target: string,
  initiating: DepartmentCode,
  cooperating: DepartmentCode[],
][] = [
  [
    '网吧',
    '互联网上网服务营业场所经营活动联合检查',
    '互联网上网服务营业场所',
    'CULTURE',
    ['POLICE', 'FIRE', 'SAMR'],
  ],
  ['校外培训', '校外培训机构办学行为联合检查', '面向中小学生的校外培训机构', 'EDUCATION', ['SAMR', 'FIRE']],
  ['旅馆业', '旅馆业治安、卫生和消防安全联合检查', '旅馆、民宿', 'POLICE', ['HEALTH', 'FIRE']],
  [
    '危险化学品',
    '危险化学品经营单位联合检查',
    '危险化学品经营企业',
    'EMERGENCY',
    ['SAMR', 'ECOLOGY', 'FIRE'],
  ],
  ['加油站', '加油站安全生产、计量和成品油质量联合检查', '加油站', 'COMMERCE', ['EMERGENCY', 'SAMR', 'FIRE']],
  ['餐饮服务', '餐饮服务单位食品安全和油烟排放联合检查', '餐饮服务经营者', 'SAMR', ['ECOLOGY', 'FIRE']],
];

/** The 2026 list of the city: official items, then joint items, with codes JC-000001… */
export function demoItems(seed: string, city: City): ItemRow[] {
  const departmentOrg = (text: string): OrgRow | undefined =>
    text in city.departments ? city.departments[text as DepartmentCode] : undefined;
  const rows: ItemRow[] = hainanItems().map((item, i) => {
    const mapped = HAINAN_DEPARTMENTS[item.owner_department] ?? item.owner_department;
    const org = departmentOrg(mapped);
    const department = org?.department ?? null;
    const itemCode = code(i + 1);
    return {
      id: itemId(seed, itemCode),
      code: itemCode,
      year: DEMO_ITEM_YEAR,
      owner_department: org?.name ?? mapped,
      owner_org_id: org?.id ?? null,
      department,
      category: item.category,
      name: item.name,
      target: item.target,
      item_type: item.item_type,
      methods: item.methods,
      subject: citySubject(item.subject),
      legal_basis: item.legal_basis,
      ratio_bp: ratioOf(itemCode, item.item_type),
      frequency: item.item_type === 'key' ? '按风险确定，不设上限' : '每年不少于1次',
      level: 'city',
      is_joint: false,
      field: null,
      initiating_department: null,
      cooperating_departments: [],
      required_qualification: qualificationOf(department, item.category),
      seq: item.seq ?? i + 1,
      org_id: (org ?? city.government).id,
    };
  });
  JOINT.forEach(([field, name, target, initiating, cooperating], j) => {
    const itemCode = code(rows.length + 1);
    const owner = city.departments[initiating];
    rows.push({
      id: itemId(seed, itemCode),
      code: itemCode,
      year: DEMO_ITEM_YEAR,
      owner_department: owner.name,
      owner_org_id: owner.id,
      department: initiating,
      category: field,
      name,
      target,
      item_type: 'general',
      methods: ['现场检查'],
      subject: `${owner.short_name}会同${cooperating.map((c) => city.departments[c].short_name).join('、')}`,
      legal_basis: '',
      ratio_bp: 500,
      frequency: '每年不少于1次',
      level: 'city',
      is_joint: true,
      field,
      initiating_department: owner.name,
      cooperating_departments: cooperating.map((c) => city.departments[c].name),
      required_qualification: null,
      seq: j + 1,
      // The coordinator (联席办) of the city government keeps the joint list.
      org_id: city.government.id,
    });
  });
  return rows;
}

/** Published checklists (version 1) of the key market-supervision items. */
export function demoChecklists(seed: string, items: readonly ItemRow[]): ChecklistRow[] {
  return items
    .filter((item) => item.department === 'SAMR' && item.item_type === 'key' && !item.is_joint)
    .map((item) => {
      const content: ChecklistContent = checklistFor(item.category, item.name);
      return {
        id: uuid(hashWords(`${seed}\u0000checklist\u0000${item.code}`), 8),
        item_id: item.id,
        version: 1,
        status: 'published',
        content: JSON.stringify(content),
        note: '2026年度版',
        published_at: new Date(Date.UTC(2026, 0, 5)),
      };
    });
}
