// Field dictionaries of the credit events that come as spreadsheets: administrative penalties
// (行政处罚) and complaints (投诉举报). Each row names its business by USCC or 注册号.
import type { FieldSpec } from './fields.ts';

export type EventImportKind = 'penalties' | 'complaints';

const USCC: FieldSpec = {
  field: 'uscc',
  label: '统一社会信用代码',
  synonyms: [
    '社会信用代码',
    '信用代码',
    '统一代码',
    'USCC',
    '统一社会信用代码/注册号',
    '信用代码/注册号',
    '当事人统一社会信用代码',
    '行政相对人代码',
    '被投诉人统一社会信用代码',
  ],
};
const REG_NO: FieldSpec = {
  field: 'reg_no',
  label: '注册号',
  synonyms: ['工商注册号', '营业执照注册号', '注册登记号', '原注册号'],
};

export const EVENT_FIELDS: Record<EventImportKind, readonly FieldSpec[]> = {
  penalties: [
    USCC,
    REG_NO,
    {
      field: 'name',
      label: '当事人名称',
      synonyms: ['企业名称', '市场主体名称', '行政相对人名称', '被处罚单位', '单位名称', '名称'],
    },
    {
      field: 'occurred_on',
      label: '处罚决定日期',
      synonyms: ['处罚日期', '决定日期', '作出处罚决定日期', '处罚决定书日期', '作出决定日期'],
    },
    {
      field: 'ref',
      label: '处罚决定书文号',
      synonyms: ['行政处罚决定书文号', '决定书文号', '决定文书号', '文书号', '文号', '处罚文号'],
    },
    {
      field: 'subject',
      label: '处罚种类',
      synonyms: ['处罚类别', '处罚类型', '处罚种类及内容', '处罚内容'],
    },
    {
      field: 'amount_yuan',
      label: '罚款金额',
      synonyms: ['罚款金额(元)', '罚没金额', '罚没款金额', '罚款数额', '罚款'],
    },
    { field: 'severity', label: '违法情节', synonyms: ['严重程度', '情节', '情节严重程度'] },
    {
      field: 'reason',
      label: '违法行为类型',
      synonyms: ['违法事实', '处罚事由', '案由', '主要违法事实', '违法行为'],
    },
    { field: 'authority', label: '处罚机关', synonyms: ['作出处罚决定的机关', '决定机关', '处罚单位'] },
  ],
  complaints: [
    USCC,
    REG_NO,
    {
      field: 'name',
      label: '被投诉人名称',
      synonyms: ['企业名称', '市场主体名称', '被举报人名称', '被投诉对象', '名称'],
    },
    {
      field: 'occurred_on',
      label: '登记日期',
      synonyms: ['投诉日期', '举报日期', '受理日期', '收到日期', '投诉时间', '登记时间'],
    },
    { field: 'ref', label: '投诉编号', synonyms: ['工单编号', '举报编号', '登记编号', '工单号', '编号'] },
    { field: 'subject', label: '投诉类别', synonyms: ['问题类型', '诉求类型', '类别', '投诉类型'] },
    { field: 'channel', label: '来源渠道', synonyms: ['渠道', '投诉渠道', '来源'] },
    { field: 'summary', label: '投诉内容', synonyms: ['问题描述', '诉求内容', '举报内容', '内容'] },
  ],
};

export const EVENT_REQUIRED: Record<EventImportKind, readonly (readonly string[])[]> = {
  penalties: [['uscc', 'reg_no'], ['occurred_on']],
  complaints: [['uscc', 'reg_no'], ['occurred_on']],
};

export const EVENT_KIND_LABELS: Record<EventImportKind, string> = {
  penalties: '行政处罚信息',
  complaints: '投诉举报信息',
};
