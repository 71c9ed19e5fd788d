// An action that needs a reason on record (remove from a directory, suspend, take out of a list):
// a button opening a dialog for the reason, sent with the request and kept in the audit log.
import { App, Button, type ButtonProps, Form, Input } from 'antd';
import { useState } from 'react';
import { useT } from '../i18n/index.tsx';
import { FormModal } from './FormModal.tsx';

export interface ReasonActionProps {
  label: string;
  title: string;
  note?: string;
  danger?: boolean;
  size?: ButtonProps['size'];
  run: (reason: string) => Promise<unknown>;
  /** Shown after success. */
  done: string;
}

export function ReasonAction({ label, title, note, danger, size, run, done }: ReasonActionProps) {
  const t = useT();
  const { message } = App.useApp();
  const [open, setOpen] = useState(false);
  const [form] = Form.useForm<{ reason: string }>();
  return (
    <>
      <Button danger={danger} size={size} onClick={() => setOpen(true)}>
        {label}
      </Button>
      <FormModal<{ reason: string }>
        open={open}
        title={title}
        okText={label}
        form={form}
        submit={({ reason }) => run(reason.trim())}
        onSuccess={() => message.success(done)}
        onClose={() => setOpen(false)}
        intro={note && <p>{note}</p>}
      >
        <Form.Item
          name="reason"
          label={t('common.reason')}
          rules={[{ required: true, whitespace: true }, { max: 500 }]}
        >
          <Input.TextArea rows={3} />
        </Form.Item>
      </FormModal>
    </>
  );
}

/**
 * Taking a record out of use and back (never deleting it): the one of the two actions that applies.
 * `url` is the record's address; the server answers POST url/deactivate and url/reactivate.
 */
export function ActiveToggle({
  active,
  url,
  post,
  off,
  on,
}: {
  active: boolean;
  url: string;
  post: (path: string, body: unknown) => Promise<unknown>;
  off: Omit<ReasonActionProps, 'run' | 'danger'>;
  on: Omit<ReasonActionProps, 'run' | 'danger'>;
}) {
  return active ? (
    <ReasonAction {...off} danger run={(reason) => post(`${url}/deactivate`, { reason })} />
  ) : (
    <ReasonAction {...on} run={(reason) => post(`${url}/reactivate`, { reason })} />
  );
}
