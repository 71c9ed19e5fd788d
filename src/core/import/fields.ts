// Field dictionaries: for each kind of register, the API field (the database column), its standard
// Chinese header and the variants that real files use for it. Credit events (penalties,
// complaints) have theirs in credit-fields.ts; header detection and row checks serve both.
import { EVENT_FIELDS, EVENT_KIND_LABELS, EVENT_REQUIRED, type EventImportKind } from './credit-fields.ts';

export type ImportKind = 'entities' | 'inspectors' | 'items' | 'joint_items';
/** Every kind of file the import core reads: the registers and the credit events. */
export type FieldKind = ImportKind | EventImportKind;

export interface FieldSpec {
  field: string;
  /** The standard Chinese header, also the field's name in messages. */
  label: string;
  synonyms: readonly string[];
  /** A list field may be fed by several columns (e.g. 执法资质 and 业务专长); others take the first. */
  list?: true;
}

export const KIND_LABELS: Record<FieldKind, string> = {
  ...EVENT_KIND_LABELS,
  entities: '检查对象名录',
  inspectors: '检查人员名录',
  items: '随机抽查事项清单',
  joint_items: '联合抽查事项清单',
};

export const FIELDS: Record<FieldKind, readonly FieldSpec[]> = {
  ...EVENT_FIELDS,
  entities: [
    {
      field: 'uscc',
      label: '统一社会信用代码',
      synonyms: [
        '社会信用代码',
        '信用代码',
        '统一代码',
        'USCC',
        '统一社会信用代码/注册号',
        '信用代码/注册号',
      ],
    },
    {
      field: 'reg_no',
      label: '注册号',
      synonyms: ['工商注册号', '营业执照注册号', '注册登记号', '原注册号'],
    },
    {
      field: 'name',
      label: '企业名称',
      synonyms: [
        '市场主体名称',
        '名称',
        '单位名称',
        '主体名称',
        '机构名称',
        '对象名称',
        '检查对象名称',
        '字号名称',
      ],
    },
    {
      field: 'kind',
      label: '市场主体类型',
      synonyms: ['主体类型', '企业类型', '市场主体类别', '企业类别', '类型', '组织形式'],
    },
    {
      field: 'legal_rep',
      label: '法定代表人',
      synonyms: [
        '法人代表',
        '法定代表人姓名',
        '法定代表人/负责人',
        '负责人',
        '经营者',
        '经营者姓名',
        '投资人',
      ],
    },
    {
      field: 'reg_address',
      label: '住所',
      synonyms: ['注册地址', '注册地', '登记住所', '住所地址', '企业住所', '地址'],
    },
    {
      field: 'biz_address',
      label: '经营场所',
      synonyms: ['经营地址', '实际经营地址', '生产经营地址', '经营场所地址', '实际经营场所'],
    },
    {
      field: 'region_code',
      label: '行政区划代码',
      synonyms: ['区划代码', '区域代码', '地区代码', '所在地行政区划代码', '行政区划编码'],
    },
    {
      field: 'industry_code',
      label: '行业代码',
      synonyms: [
        '国民经济行业代码',
        '行业分类代码',
        '国民经济行业分类代码',
        '国民经济行业分类',
        '行业门类',
        '行业类别',
        '所属行业',
        '行业',
      ],
    },
    {
      field: 'registered_on',
      label: '成立日期',
      synonyms: ['注册日期', '登记日期', '设立日期', '成立时间', '注册时间', '开业日期'],
    },
    {
      field: 'status',
      label: '登记状态',
      synonyms: ['经营状态', '企业状态', '状态', '存续状态', '主体状态'],
    },
    { field: 'capital_wan', label: '注册资本', synonyms: ['注册资金', '出资额', '资金数额'] },
    { field: 'phone', label: '联系电话', synonyms: ['电话', '联系方式', '电话号码', '手机', '手机号码'] },
    { field: 'tags', label: '标签', synonyms: ['专项库', '所属专项库', '专项标签', '对象标签'], list: true },
  ],
  inspectors: [
    { field: 'name', label: '姓名', synonyms: ['检查人员姓名', '执法人员姓名', '人员姓名'] },
    {
      field: 'cert_no',
      label: '执法证号',
      synonyms: ['执法证件号', '执法证编号', '执法证件号码', '执法证号码', '行政执法证号', '执法证件编号'],
    },
    {
      field: 'cert_expires_on',
      label: '执法证有效期',
      synonyms: ['有效期', '有效期至', '执法证有效期至', '证件有效期', '到期日期'],
    },
    {
      field: 'department',
      label: '所属部门',
      synonyms: ['部门', '单位', '所在单位', '工作单位', '执法部门', '所属单位'],
    },
    {
      field: 'office',
      label: '所属所',
      synonyms: ['所/片区', '片区', '所属片区', '科室', '所属科室', '执法所', '辖区'],
    },
    {
      field: 'qualifications',
      label: '执法资质',
      synonyms: ['资质', '业务专长', '专业特长', '专长', '执法领域', '执法类别', '执法资格'],
      list: true,
    },
    { field: 'is_expert', label: '是否专家', synonyms: ['专家', '是否为专家'] },
    { field: 'is_leader', label: '是否组长', synonyms: ['组长', '是否为组长'] },
    { field: 'status', label: '人员状态', synonyms: ['状态', '在岗状态', '在岗情况'] },
    { field: 'id_card', label: '身份证号', synonyms: ['身份证号码', '公民身份号码', '身份证'] },
    { field: 'phone', label: '联系电话', synonyms: ['电话', '手机', '手机号码', '联系方式'] },
  ],
  items: [
    {
      field: 'owner_department',
      label: '编制单位',
      synonyms: ['编制单位名称', '部门', '部门名称', '责任部门', '实施部门', '主管部门', '所属部门'],
    },
    { field: 'seq', label: '序号', synonyms: ['编号'] },
    { field: 'category', label: '抽查类别', synonyms: ['检查类别', '抽查项目', '检查项目'] },
    { field: 'name', label: '抽查事项', synonyms: ['抽查事项名称', '事项名称', '检查事项', '随机抽查事项'] },
    { field: 'target', label: '检查对象', synonyms: ['抽查对象', '检查对象范围'] },
    { field: 'item_type', label: '事项类别', synonyms: ['事项类型', '检查事项类别'] },
    { field: 'methods', label: '检查方式', synonyms: ['抽查方式', '检查方法'], list: true },
    { field: 'subject', label: '检查主体', synonyms: ['实施主体', '执法主体', '抽查主体'] },
    {
      field: 'legal_basis',
      label: '检查依据',
      synonyms: ['抽查依据', '法律依据', '依据', '设定依据', '实施依据'],
    },
    { field: 'ratio_bp', label: '抽查比例', synonyms: ['检查比例', '比例'] },
    { field: 'frequency', label: '抽查频次', synonyms: ['检查频次', '频次', '抽查频率'] },
    { field: 'level', label: '层级', synonyms: ['实施层级', '事项层级', '行政层级'] },
    { field: 'code', label: '事项编码', synonyms: ['事项代码', '事项编号', '编码'] },
  ],
  joint_items: [
    { field: 'seq', label: '序号', synonyms: ['编号'] },
    { field: 'field', label: '抽查领域', synonyms: ['领域', '检查领域'] },
    { field: 'name', label: '抽查事项', synonyms: ['抽查事项名称', '事项名称', '检查事项'] },
    { field: 'target', label: '检查对象', synonyms: ['抽查对象'] },
    { field: 'initiating_department', label: '发起部门', synonyms: ['牵头部门', '发起单位', '牵头单位'] },
    {
      field: 'cooperating_departments',
      label: '配合部门',
      synonyms: ['配合单位', '参与部门', '联合部门'],
      list: true,
    },
  ],
};

/**
 * Required fields per kind; an inner list means "one of these". A register entity needs a USCC or,
 * for old records, a registration number.
 */
export const REQUIRED: Record<FieldKind, readonly (readonly string[])[]> = {
  ...EVENT_REQUIRED,
  entities: [['uscc', 'reg_no'], ['name']],
  inspectors: [['name'], ['cert_no']],
  items: [
    ['owner_department'],
    ['category'],
    ['name'],
    ['target'],
    ['item_type'],
    ['methods'],
    ['subject'],
    ['legal_basis'],
  ],
  joint_items: [['field'], ['name'], ['target'], ['initiating_department'], ['cooperating_departments']],
};

/**
 * Header text in a comparable form: full-width to half-width (brackets, colons, letters), no
 * spaces or line breaks, no required-field stars, no trailing colon, ASCII upper case.
 */
export function normaliseHeader(text: string): string {
  return text
    .normalize('NFKC')
    .replace(/[\s\u200b]+/g, '')
    .replace(/^[*※]+|[*※:]+$/g, '')
    .toUpperCase();
}

/** The header without a trailing bracketed note: 注册资本(万元) → 注册资本. */
export function withoutNote(normalisedHeader: string): string {
  return normalisedHeader.replace(/\([^()]*\)$/, '');
}

const lookups = new Map<FieldKind, Map<string, FieldSpec>>();

/** Normalised header → field, for one kind. */
export function fieldLookup(kind: FieldKind): Map<string, FieldSpec> {
  let lookup = lookups.get(kind);
  if (!lookup) {
    lookup = new Map();
    for (const spec of FIELDS[kind]) {
      for (const text of [spec.field, spec.label, ...spec.synonyms]) lookup.set(normaliseHeader(text), spec);
    }
    lookups.set(kind, lookup);
  }
  return lookup;
}

export function fieldSpec(kind: FieldKind, field: string): FieldSpec {
  const spec = FIELDS[kind].find((s) => s.field === field);
  if (!spec) throw new RangeError(`unknown ${kind} field: ${field}`);
  return spec;
}
