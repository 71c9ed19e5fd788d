import { App, Form, Input } from 'antd';
import { api } from '../api/client.ts';
import { FormModal } from '../components/FormModal.tsx';
import { useT } from '../i18n/index.tsx';
import { NewPasswordFields } from './NewPasswordFields.tsx';

interface Values {
  currentPassword: string;
  newPassword: string;
}

/** The user changes their own password; the server signs out their other devices. */
export function ChangePasswordModal({ open, onClose }: { open: boolean; onClose: () => void }) {
  const t = useT();
  const { message } = App.useApp();
  const [form] = Form.useForm<Values>();
  return (
    <FormModal
      open={open}
      title={t('password.changeTitle')}
      okText={t('common.save')}
      form={form}
      submit={(values) =>
        api.post('/api/auth/password', {
          currentPassword: values.currentPassword,
          newPassword: values.newPassword,
        })
      }
      onSuccess={() => message.success(t('password.changed'))}
      onClose={onClose}
    >
      <Form.Item name="currentPassword" label={t('password.current')} rules={[{ required: true }]}>
        <Input.Password autoComplete="current-password" />
      </Form.Item>
      <NewPasswordFields name="newPassword" label="password.new" />
    </FormModal>
  );
}
