// An action that needs a reason on record (remove from a directory, suspend, take out of a list):
// a button opening a small dialog with the reason, sent with the request and kept in the audit log.
import { App, Button, type ButtonProps, Form, Input, Modal } from 'antd';
import { useState } from 'react';
import { errorText } from '../api/client.ts';
import { useLocale } from '../i18n/index.tsx';

export function ReasonAction({
  label,
  title,
  note,
  danger,
  size,
  type = 'default',
  run,
  done,
  testId,
}: {
  label: string;
  title: string;
  note?: string;
  danger?: boolean;
  size?: ButtonProps['size'];
  type?: ButtonProps['type'];
  run: (reason: string) => Promise<unknown>;
  /** Shown after success. */
  done: string;
  testId?: string;
}) {
  const { locale, t } = useLocale();
  const { message } = App.useApp();
  const [open, setOpen] = useState(false);
  const [busy, setBusy] = useState(false);
  const [form] = Form.useForm<{ reason: string }>();

  const submit = async ({ reason }: { reason: string }) => {
    setBusy(true);
    try {
      await run(reason.trim());
      message.success(done);
      setOpen(false);
    } catch (error) {
      message.error(errorText(error, locale));
    } finally {
      setBusy(false);
    }
  };

  return (
    <>
      <Button danger={danger} size={size} type={type} onClick={() => setOpen(true)} data-testid={testId}>
        {label}
      </Button>
      <Modal
        open={open}
        title={title}
        okText={label}
        okButtonProps={{ danger }}
        confirmLoading={busy}
        onOk={() => form.submit()}
        onCancel={() => setOpen(false)}
        afterClose={() => form.resetFields()}
        forceRender
      >
        {note && <p>{note}</p>}
        <Form form={form} layout="vertical" onFinish={submit}>
          <Form.Item
            name="reason"
            label={t('common.reason')}
            rules={[{ required: true, whitespace: true }, { max: 500 }]}
          >
            <Input.TextArea rows={3} />
          </Form.Item>
        </Form>
      </Modal>
    </>
  );
}
