// Creates or edits an item of the list, in the official columns. A joint item names its
// initiating and cooperating departments; a general item is drawn at most 10 % a year.
import { App, AutoComplete, Form, Input, InputNumber, Select, Switch } from 'antd';
import { useEffect } from 'react';
import { api } from '../../api/client.ts';
import {
  ITEM_LEVELS,
  ITEM_TYPES,
  type ItemDetail,
  type ItemLevel,
  type ItemType,
} from '../../api/registers.ts';
import { FormModal } from '../../components/FormModal.tsx';
import { useT } from '../../i18n/index.tsx';
import { ITEMS, useItemFacets } from './shared.ts';

interface Values {
  year: number;
  code?: string;
  ownerDepartment: string;
  seq?: number;
  category: string;
  name: string;
  target: string;
  itemType: ItemType;
  methods: string[];
  subject?: string;
  legalBasis?: string;
  ratioPercent?: number;
  frequency?: string;
  level?: ItemLevel;
  isJoint?: boolean;
  initiatingDepartment?: string;
  cooperatingDepartments?: string[];
  requiredQualification?: string;
}

export function ItemFormModal({
  open,
  item,
  defaultYear,
  onSaved,
  onClose,
}: {
  open: boolean;
  item?: ItemDetail;
  defaultYear?: number;
  onSaved: (id?: string) => void;
  onClose: () => void;
}) {
  const t = useT();
  const { message } = App.useApp();
  const facets = useItemFacets();
  const [form] = Form.useForm<Values>();
  const joint = Form.useWatch('isJoint', form);
  const itemType = Form.useWatch('itemType', form);
  const departments = (facets.data?.departments ?? []).map((d) => ({ value: d.name }));

  useEffect(() => {
    if (!open) return;
    if (item) {
      form.setFieldsValue({
        year: item.year,
        code: item.code,
        ownerDepartment: item.owner_department,
        seq: item.seq ?? undefined,
        category: item.category,
        name: item.name,
        target: item.target,
        itemType: item.item_type,
        methods: item.methods,
        subject: item.subject,
        legalBasis: item.legal_basis,
        ratioPercent: item.ratio_bp === null ? undefined : item.ratio_bp / 100,
        frequency: item.frequency ?? undefined,
        level: item.level ?? undefined,
        isJoint: item.is_joint,
        initiatingDepartment: item.initiating_department ?? undefined,
        cooperatingDepartments: item.cooperating_departments,
        requiredQualification: item.required_qualification ?? undefined,
      });
    } else
      form.setFieldsValue({
        year: defaultYear ?? new Date().getFullYear(),
        itemType: 'general',
        methods: ['现场检查'],
      });
  }, [open, item, defaultYear, form]);

  const submit = async (v: Values) => {
    const body = {
      year: v.year,
      code: v.code?.trim() || null,
      ownerDepartment: v.ownerDepartment.trim(),
      seq: v.seq ?? null,
      category: v.category.trim(),
      name: v.name.trim(),
      target: v.target.trim(),
      itemType: v.itemType,
      methods: v.methods ?? [],
      subject: v.subject?.trim() ?? '',
      legalBasis: v.legalBasis?.trim() ?? '',
      ratioBp:
        v.ratioPercent === undefined || v.ratioPercent === null ? null : Math.round(v.ratioPercent * 100),
      frequency: v.frequency?.trim() || null,
      level: v.level ?? null,
      isJoint: v.isJoint ?? false,
      // A joint item's 抽查领域 is its category.
      field: v.isJoint ? v.category.trim() : null,
      initiatingDepartment: v.initiatingDepartment?.trim() || null,
      cooperatingDepartments: v.cooperatingDepartments ?? [],
      requiredQualification: v.requiredQualification?.trim() || null,
    };
    if (item) {
      await api.put(`${ITEMS}/${item.id}`, body);
      message.success(t('item.saved'));
      onSaved();
    } else {
      const { id } = await api.post<{ id: string }>(ITEMS, body);
      message.success(t('item.created'));
      onSaved(id);
    }
  };

  const required = [{ required: true, whitespace: true }];
  return (
    <FormModal<Values>
      open={open}
      title={item ? t('item.editTitle', { name: item.name }) : t('item.create')}
      okText={t('common.save')}
      form={form}
      submit={submit}
      onSuccess={() => {}}
      onClose={onClose}
    >
      <Form.Item name="year" label={t('item.year')} rules={[{ required: true }]}>
        <InputNumber min={2000} max={2100} disabled={Boolean(item)} style={{ width: '100%' }} />
      </Form.Item>
      <Form.Item name="isJoint" label={t('item.joint')} valuePropName="checked">
        <Switch />
      </Form.Item>
      <Form.Item name="ownerDepartment" label={t('item.ownerDepartment')} rules={[...required, { max: 100 }]}>
        <AutoComplete options={departments} filterOption />
      </Form.Item>
      <Form.Item
        name="category"
        label={joint ? t('item.field') : t('item.category')}
        rules={[...required, { max: 200 }]}
      >
        <Input />
      </Form.Item>
      <Form.Item name="name" label={t('item.name')} rules={[...required, { max: 300 }]}>
        <Input />
      </Form.Item>
      <Form.Item name="target" label={t('item.target')} rules={[...required, { max: 300 }]}>
        <Input />
      </Form.Item>
      <Form.Item name="itemType" label={t('item.type')} rules={[{ required: true }]}>
        <Select options={ITEM_TYPES.map((v) => ({ value: v, label: t(`item.type.${v}`) }))} />
      </Form.Item>
      <Form.Item
        name="ratioPercent"
        label={t('item.ratio')}
        extra={itemType === 'key' ? t('item.ratioKeyHint') : t('item.ratioGeneralHint')}
        rules={[{ type: 'number', min: 0, max: itemType === 'general' ? 10 : 100 }]}
      >
        <InputNumber min={0} max={100} step={0.5} suffix="%" style={{ width: '100%' }} />
      </Form.Item>
      <Form.Item name="frequency" label={t('item.frequency')} rules={[{ max: 100 }]}>
        <Input />
      </Form.Item>
      {joint ? (
        <>
          <Form.Item
            name="initiatingDepartment"
            label={t('item.initiating')}
            rules={[...required, { max: 100 }]}
          >
            <AutoComplete options={departments} filterOption />
          </Form.Item>
          <Form.Item
            name="cooperatingDepartments"
            label={t('item.cooperating')}
            rules={[
              {
                required: true,
                type: 'array',
                min: 1,
                message: t('form.choose', { label: t('item.cooperating') }),
              },
            ]}
          >
            <Select mode="tags" options={departments} />
          </Form.Item>
        </>
      ) : (
        <>
          <Form.Item
            name="methods"
            label={t('item.methods')}
            rules={[
              {
                required: true,
                type: 'array',
                min: 1,
                message: t('form.choose', { label: t('item.methods') }),
              },
            ]}
          >
            <Select mode="tags" options={(facets.data?.methods ?? []).map((m) => ({ value: m }))} />
          </Form.Item>
          <Form.Item name="subject" label={t('item.subject')} rules={[...required, { max: 1000 }]}>
            <Input.TextArea rows={2} />
          </Form.Item>
          <Form.Item name="legalBasis" label={t('item.legalBasis')} rules={[...required, { max: 10_000 }]}>
            <Input.TextArea rows={4} />
          </Form.Item>
        </>
      )}
      <Form.Item name="level" label={t('item.level')}>
        <Select allowClear options={ITEM_LEVELS.map((v) => ({ value: v, label: t(`item.level.${v}`) }))} />
      </Form.Item>
      <Form.Item name="requiredQualification" label={t('item.qualification')} rules={[{ max: 50 }]}>
        <Input />
      </Form.Item>
      <Form.Item name="seq" label={t('item.seq')}>
        <InputNumber min={0} style={{ width: '100%' }} />
      </Form.Item>
      <Form.Item
        name="code"
        label={t('item.code')}
        extra={t('item.codeHint')}
        rules={[{ pattern: /^[0-9A-Za-z-]{2,40}$/, message: t('item.codePattern') }]}
      >
        <Input className="tp-code" />
      </Form.Item>
    </FormModal>
  );
}
