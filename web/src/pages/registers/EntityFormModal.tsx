// Creates a business or edits one. The server checks every field (codes, region in scope,
// industry, tags) and its message lands under the field it names.
import { App, DatePicker, Form, Input, Select, TreeSelect } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useEffect, useMemo } from 'react';
import { api } from '../../api/client.ts';
import { ENTITY_KINDS, ENTITY_STATUSES, type EntityDetail } from '../../api/registers.ts';
import type { EntityKind, EntityStatus } from '../../api/types.ts';
import { FormModal } from '../../components/FormModal.tsx';
import { useT } from '../../i18n/index.tsx';
import { regionOptions, useEntityFacets } from './shared.ts';

interface Values {
  uscc?: string;
  regNo?: string;
  name: string;
  kind: EntityKind;
  legalRep?: string;
  regAddress?: string;
  bizAddress?: string;
  regionCode: string;
  industryCode?: string;
  registeredOn?: Dayjs;
  status: EntityStatus;
  capitalWan?: string;
  phone?: string;
  tags?: string[];
}

const USCC = /^[0-9A-HJ-NPQRTUWXY]{2}\d{6}[0-9A-HJ-NPQRTUWXY]{10}$/i;

export function EntityFormModal({
  open,
  entity,
  onSaved,
  onClose,
}: {
  open: boolean;
  entity?: EntityDetail;
  onSaved: (id?: string) => void;
  onClose: () => void;
}) {
  const t = useT();
  const { message } = App.useApp();
  const facets = useEntityFacets();
  const [form] = Form.useForm<Values>();
  const regions = useMemo(() => regionOptions(facets.data?.regions ?? [], true), [facets.data]);

  useEffect(() => {
    if (open && entity) {
      form.setFieldsValue({
        uscc: entity.uscc ?? undefined,
        regNo: entity.reg_no ?? undefined,
        name: entity.name,
        kind: entity.kind,
        legalRep: entity.legal_rep ?? undefined,
        regAddress: entity.reg_address ?? undefined,
        bizAddress: entity.biz_address ?? undefined,
        regionCode: entity.region_code,
        industryCode: entity.industry_code ?? undefined,
        registeredOn: entity.registered_on ? dayjs(entity.registered_on) : undefined,
        status: entity.status,
        capitalWan: entity.capital_wan?.replace(/\.?0+$/, '') ?? undefined,
        phone: entity.phone ?? undefined,
        tags: entity.tags,
      });
    }
  }, [open, entity, form]);

  const submit = async (v: Values) => {
    const body = {
      uscc: v.uscc?.trim() || null,
      regNo: v.regNo?.trim() || null,
      name: v.name.trim(),
      kind: v.kind,
      legalRep: v.legalRep?.trim() || null,
      regAddress: v.regAddress?.trim() || null,
      bizAddress: v.bizAddress?.trim() || null,
      regionCode: v.regionCode,
      industryCode: v.industryCode?.trim() || null,
      registeredOn: v.registeredOn ? v.registeredOn.format('YYYY-MM-DD') : null,
      status: v.status,
      capitalWan: v.capitalWan?.trim() || null,
      phone: v.phone?.trim() || null,
      tags: v.tags ?? [],
    };
    if (entity) {
      await api.put(`/api/entities/${entity.id}`, body);
      return entity.id;
    }
    return (await api.post<{ id: string }>('/api/entities', body)).id;
  };

  return (
    <FormModal<Values>
      open={open}
      title={entity ? t('entity.editTitle', { name: entity.name }) : t('entity.create')}
      okText={t('common.save')}
      form={form}
      submit={async (values) => {
        const id = await submit(values);
        message.success(t(entity ? 'entity.saved' : 'entity.created'));
        onSaved(entity ? undefined : id);
      }}
      onSuccess={() => {}}
      onClose={onClose}
      intro={<p className="tp-secondary">{t('entity.codeHint')}</p>}
    >
      <Form.Item
        name="uscc"
        label={t('entity.uscc')}
        rules={[{ pattern: USCC, message: t('entity.usccPattern') }]}
      >
        <Input className="tp-code" maxLength={18} disabled={Boolean(entity?.uscc)} autoComplete="off" />
      </Form.Item>
      <Form.Item
        name="regNo"
        label={t('entity.regNo')}
        rules={[{ pattern: /^\d{15}$/, message: t('entity.regNoPattern') }]}
      >
        <Input className="tp-code" maxLength={15} disabled={Boolean(entity?.reg_no)} autoComplete="off" />
      </Form.Item>
      <Form.Item
        name="name"
        label={t('entity.name')}
        rules={[{ required: true, whitespace: true }, { max: 200 }]}
      >
        <Input />
      </Form.Item>
      <Form.Item
        name="kind"
        label={t('entity.kind')}
        rules={[{ required: true, message: t('form.choose', { label: t('entity.kind') }) }]}
      >
        <Select options={ENTITY_KINDS.map((k) => ({ value: k, label: t(`entity.kind.${k}`) }))} />
      </Form.Item>
      <Form.Item name="status" label={t('entity.status')} initialValue="active" rules={[{ required: true }]}>
        <Select options={ENTITY_STATUSES.map((s) => ({ value: s, label: t(`entity.status.${s}`) }))} />
      </Form.Item>
      <Form.Item
        name="regionCode"
        label={t('entity.region')}
        rules={[{ required: true, message: t('form.choose', { label: t('entity.region') }) }]}
      >
        <TreeSelect
          treeData={regions}
          showSearch={{ treeNodeFilterProp: 'title' }}
          loading={facets.isPending}
        />
      </Form.Item>
      <Form.Item name="legalRep" label={t('entity.legalRep')} rules={[{ max: 100 }]}>
        <Input />
      </Form.Item>
      <Form.Item name="regAddress" label={t('entity.regAddress')} rules={[{ max: 300 }]}>
        <Input />
      </Form.Item>
      <Form.Item name="bizAddress" label={t('entity.bizAddress')} rules={[{ max: 300 }]}>
        <Input />
      </Form.Item>
      <Form.Item name="industryCode" label={t('entity.industryCode')} extra={t('entity.industryHint')}>
        <Input className="tp-code" maxLength={5} />
      </Form.Item>
      <Form.Item name="registeredOn" label={t('entity.registeredOn')}>
        <DatePicker style={{ width: '100%' }} disabledDate={(d) => d.isAfter(dayjs())} />
      </Form.Item>
      <Form.Item
        name="capitalWan"
        label={t('entity.capital')}
        rules={[{ pattern: /^\d{1,16}(\.\d{1,4})?$/, message: t('entity.capitalPattern') }]}
      >
        <Input suffix={t('entity.capitalUnit')} />
      </Form.Item>
      <Form.Item name="phone" label={t('entity.phone')} rules={[{ max: 50 }]}>
        <Input />
      </Form.Item>
      <Form.Item name="tags" label={t('entity.tags')}>
        <Select
          mode="multiple"
          options={(facets.data?.tags ?? []).map((tag) => ({ value: tag.name, label: tag.name }))}
        />
      </Form.Item>
    </FormModal>
  );
}
