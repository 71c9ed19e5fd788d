import { useMutation } from '@tanstack/react-query';
import { Alert, Form, type FormInstance, Modal } from 'antd';
import { type ReactNode, useState } from 'react';
import { useLocale } from '../i18n/index.tsx';
import { showServerError } from './formErrors.ts';

/**
 * A dialog with a form that sends one request. Validation runs first; a server error lands on the
 * field it names, or above the form; on success the dialog closes. The form is emptied once the
 * dialog has faded out, so it opens clean next time.
 */
export function FormModal<Values>({
  open,
  title,
  okText,
  form,
  submit,
  onSuccess,
  onClose,
  intro,
  children,
}: {
  open: boolean;
  title: string;
  okText: string;
  form: FormInstance<Values>;
  submit: (values: Values) => Promise<unknown>;
  onSuccess: () => void;
  onClose: () => void;
  /** Text above the form. */
  intro?: ReactNode;
  children: ReactNode;
}) {
  const { locale } = useLocale();
  const [formError, setFormError] = useState<string | null>(null);
  const send = useMutation({
    mutationFn: submit,
    onSuccess: () => {
      onSuccess();
      onClose();
    },
    onError: (error) => setFormError(showServerError(form, error, locale)),
  });

  return (
    <Modal
      open={open}
      title={title}
      okText={okText}
      onOk={() => form.submit()}
      onCancel={onClose}
      confirmLoading={send.isPending}
      afterClose={() => {
        form.resetFields();
        setFormError(null);
      }}
      // Rendered while hidden too, so the form instance is always connected to its fields.
      forceRender
    >
      {intro}
      {formError && <Alert type="error" showIcon title={formError} style={{ marginBottom: 16 }} />}
      <Form
        form={form}
        layout="vertical"
        onFinish={(values) => {
          setFormError(null);
          send.mutate(values);
        }}
      >
        {children}
      </Form>
    </Modal>
  );
}
