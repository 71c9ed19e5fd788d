// Records one credit event of a business (a penalty, a complaint, a list entry or removal, an
// inspection result, a registration change); the business is re-scored at once.
import { App, DatePicker, Form, Input, Select } from 'antd';
import type { Dayjs } from 'dayjs';
import { api } from '../../api/client.ts';
import { CREDIT_API } from '../../api/credit.ts';
import { FormModal } from '../../components/FormModal.tsx';
import { useT } from '../../i18n/index.tsx';

const KINDS = [
  'penalty',
  'complaint',
  'inspection_result',
  'registration_change',
  'abnormal_list_in',
  'abnormal_list_out',
  'serious_list_in',
  'serious_list_out',
] as const;
const CHANGES = ['address', 'legal_rep', 'name', 'capital', 'scope', 'other'] as const;

interface Values {
  kind: (typeof KINDS)[number];
  occurredOn: Dayjs;
  severity?: number;
  amountYuan?: string;
  subject?: string;
  ref?: string;
}

export function EventFormModal({
  entityId,
  open,
  onSaved,
  onClose,
}: {
  entityId: string;
  open: boolean;
  onSaved: () => void;
  onClose: () => void;
}) {
  const t = useT();
  const { message } = App.useApp();
  const [form] = Form.useForm<Values>();
  const kind = Form.useWatch('kind', form);
  const severities = kind === 'inspection_result' ? [0, 1, 2, 3] : [1, 2, 3];

  const submit = (v: Values) =>
    api.post(`${CREDIT_API}/events`, {
      entityId,
      kind: v.kind,
      occurredOn: v.occurredOn.format('YYYY-MM-DD'),
      severity: v.severity,
      amountYuan: v.amountYuan?.trim() || undefined,
      subject: v.subject?.trim() || undefined,
      ref: v.ref?.trim() || undefined,
    });

  return (
    <FormModal
      open={open}
      title={t('credit.recordEvent')}
      okText={t('common.save')}
      form={form}
      submit={submit}
      onSuccess={() => {
        message.success(t('credit.eventRecorded'));
        onSaved();
      }}
      onClose={onClose}
    >
      <Form.Item name="kind" label={t('credit.event.kind')} rules={[{ required: true }]}>
        <Select
          options={KINDS.map((k) => ({ value: k, label: t(`credit.event.kind.${k}`) }))}
          data-testid="event-kind"
        />
      </Form.Item>
      <Form.Item name="occurredOn" label={t('credit.event.date')} rules={[{ required: true }]}>
        <DatePicker style={{ width: '100%' }} />
      </Form.Item>
      {(kind === 'penalty' || kind === 'inspection_result') && (
        <Form.Item
          name="severity"
          label={t('credit.event.severityLabel')}
          rules={[{ required: kind === 'penalty' }]}
          extra={kind === 'inspection_result' ? t('credit.event.codesHint') : undefined}
        >
          <Select options={severities.map((n) => ({ value: n, label: t(`credit.severity.${n as 0}`) }))} />
        </Form.Item>
      )}
      {kind === 'penalty' && (
        <Form.Item
          name="amountYuan"
          label={t('credit.event.amountLabel')}
          rules={[{ pattern: /^\d+(\.\d{1,2})?$/ }]}
        >
          <Input inputMode="decimal" />
        </Form.Item>
      )}
      {kind === 'registration_change' ? (
        <Form.Item name="subject" label={t('credit.event.change')} rules={[{ required: true }]}>
          <Select options={CHANGES.map((c) => ({ value: c, label: t(`credit.event.subject.${c}`) }))} />
        </Form.Item>
      ) : (
        <Form.Item
          name="subject"
          label={t(kind === 'inspection_result' ? 'credit.event.codes' : 'credit.event.subjectLabel')}
        >
          <Input maxLength={100} />
        </Form.Item>
      )}
      <Form.Item name="ref" label={t('credit.event.ref')}>
        <Input maxLength={100} />
      </Form.Item>
    </FormModal>
  );
}
