// Creates or edits an inspector. The ID-card field shows only to administrators of the chosen
// department, the only people the server lets record or read it.
import { App, DatePicker, Form, Input, Select, Switch, TreeSelect } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useEffect, useMemo } from 'react';
import { api } from '../../api/client.ts';
import { type OrgNode, orgTree, useOrgs } from '../../api/orgs.ts';
import { INSPECTOR_STATUSES, type InspectorDetail, type InspectorStatus } from '../../api/registers.ts';
import { useCurrentUser } from '../../auth/session.tsx';
import { FormModal } from '../../components/FormModal.tsx';
import { useT } from '../../i18n/index.tsx';
import { useQualifications } from './shared.ts';

interface Values {
  name: string;
  certNo: string;
  certExpiresOn?: Dayjs;
  orgId: string;
  officeId?: string;
  qualifications?: string[];
  isExpert?: boolean;
  isLeader?: boolean;
  status: InspectorStatus;
  idCard?: string;
  phone?: string;
}

interface Option {
  value: string;
  title: string;
  selectable: boolean;
  children?: Option[];
}

/** The tree of organisations with only departments selectable, offices left out. */
const departmentOptions = (nodes: OrgNode[]): Option[] =>
  nodes
    .filter((n) => n.kind !== 'office')
    .map((n) => ({
      value: n.id,
      title: n.name,
      selectable: n.kind === 'department',
      children: n.children && departmentOptions(n.children),
    }));

export function InspectorFormModal({
  open,
  inspector,
  onSaved,
  onClose,
}: {
  open: boolean;
  inspector?: InspectorDetail;
  onSaved: (id?: string) => void;
  onClose: () => void;
}) {
  const t = useT();
  const { message } = App.useApp();
  const user = useCurrentUser();
  const orgs = useOrgs();
  const [form] = Form.useForm<Values>();
  const orgId = Form.useWatch('orgId', form);
  const tree = useMemo(() => departmentOptions(orgTree(orgs.data ?? [])), [orgs.data]);
  const chosen = orgs.data?.find((o) => o.id === orgId);
  const offices = (orgs.data ?? []).filter((o) => o.kind === 'office' && o.parent_id === orgId);
  const mayRecordIdCard =
    (user.role === 'admin' || user.role === 'dept_admin') &&
    !!user.department &&
    chosen?.department === user.department;
  const qualifications = useQualifications();

  useEffect(() => {
    if (open && inspector) {
      form.setFieldsValue({
        name: inspector.name,
        certNo: inspector.cert_no,
        certExpiresOn: inspector.cert_expires_on ? dayjs(inspector.cert_expires_on) : undefined,
        orgId: inspector.org_id,
        officeId: inspector.office_id ?? undefined,
        qualifications: inspector.qualifications,
        isExpert: inspector.is_expert,
        isLeader: inspector.is_leader,
        status: inspector.status,
        idCard: inspector.id_card ?? undefined,
        phone: inspector.phone ?? undefined,
      });
    }
  }, [open, inspector, form]);

  const submit = async (v: Values) => {
    const body = {
      name: v.name.trim(),
      certNo: v.certNo.trim(),
      certExpiresOn: v.certExpiresOn ? v.certExpiresOn.format('YYYY-MM-DD') : null,
      orgId: v.orgId,
      officeId: v.officeId ?? null,
      qualifications: v.qualifications ?? [],
      isExpert: v.isExpert ?? false,
      isLeader: v.isLeader ?? false,
      status: v.status,
      ...(mayRecordIdCard ? { idCard: v.idCard?.trim() || null } : {}),
      phone: v.phone?.trim() || null,
    };
    if (inspector) {
      await api.put(`/api/inspectors/${inspector.id}`, body);
      message.success(t('inspector.saved'));
      onSaved();
    } else {
      const { id } = await api.post<{ id: string }>('/api/inspectors', body);
      message.success(t('inspector.created'));
      onSaved(id);
    }
  };

  return (
    <FormModal<Values>
      open={open}
      title={inspector ? t('inspector.editTitle', { name: inspector.name }) : t('inspector.create')}
      okText={t('common.save')}
      form={form}
      submit={submit}
      onSuccess={() => {}}
      onClose={onClose}
    >
      <Form.Item
        name="name"
        label={t('inspector.name')}
        rules={[{ required: true, whitespace: true }, { max: 50 }]}
      >
        <Input />
      </Form.Item>
      <Form.Item
        name="certNo"
        label={t('inspector.certNo')}
        rules={[
          { required: true, whitespace: true },
          { pattern: /^[0-9A-Za-z-]{4,30}$/, message: t('inspector.certNoPattern') },
        ]}
      >
        <Input className="tp-code" />
      </Form.Item>
      <Form.Item name="certExpiresOn" label={t('inspector.certExpiresOn')}>
        <DatePicker style={{ width: '100%' }} />
      </Form.Item>
      <Form.Item
        name="orgId"
        label={t('inspector.org')}
        rules={[{ required: true, message: t('form.choose', { label: t('inspector.org') }) }]}
      >
        <TreeSelect
          treeData={tree}
          loading={orgs.isPending}
          showSearch={{ treeNodeFilterProp: 'title' }}
          onChange={() => form.setFieldValue('officeId', undefined)}
        />
      </Form.Item>
      {offices.length > 0 && (
        <Form.Item name="officeId" label={t('inspector.office')}>
          <Select allowClear options={offices.map((o) => ({ value: o.id, label: o.name }))} />
        </Form.Item>
      )}
      <Form.Item
        name="qualifications"
        label={t('inspector.qualifications')}
        extra={t('inspector.qualificationsHint')}
      >
        <Select mode="tags" options={qualifications.map((q) => ({ value: q, label: q }))} />
      </Form.Item>
      <Form.Item
        name="status"
        label={t('inspector.status')}
        initialValue="on_duty"
        rules={[{ required: true }]}
      >
        <Select options={INSPECTOR_STATUSES.map((s) => ({ value: s, label: t(`inspector.status.${s}`) }))} />
      </Form.Item>
      <Form.Item name="isExpert" label={t('inspector.expert')} valuePropName="checked">
        <Switch />
      </Form.Item>
      <Form.Item name="isLeader" label={t('inspector.leader')} valuePropName="checked">
        <Switch />
      </Form.Item>
      {mayRecordIdCard && (
        <Form.Item
          name="idCard"
          label={t('inspector.idCard')}
          extra={t('inspector.idCardHint')}
          rules={[{ pattern: /^\d{17}[\dXx]$/, message: t('inspector.idCardPattern') }]}
        >
          <Input className="tp-code" maxLength={18} autoComplete="off" />
        </Form.Item>
      )}
      <Form.Item name="phone" label={t('inspector.phone')} rules={[{ max: 30 }]}>
        <Input />
      </Form.Item>
    </FormModal>
  );
}
