import { App, Form, Typography } from 'antd';
import { api } from '../api/client.ts';
import type { UserRow } from '../api/types.ts';
import { NewPasswordFields } from '../auth/NewPasswordFields.tsx';
import { FormModal } from '../components/FormModal.tsx';
import { useT } from '../i18n/index.tsx';

/** An administrator sets a new password for someone; this also unlocks the account and signs it out. */
export function ResetPasswordModal({
  open,
  user,
  onSaved,
  onClose,
}: {
  open: boolean;
  user: UserRow | undefined;
  /** After a successful save: the list reloads. */
  onSaved: () => void;
  onClose: () => void;
}) {
  const t = useT();
  const { message } = App.useApp();
  const [form] = Form.useForm<{ password: string }>();
  return (
    <FormModal
      open={open}
      title={t('users.resetPassword')}
      okText={t('users.resetPassword')}
      form={form}
      submit={(values) => api.post(`/api/users/${user?.id}/password`, { password: values.password })}
      onSuccess={() => {
        message.success(t('users.passwordReset'));
        onSaved();
      }}
      onClose={onClose}
      intro={
        user && (
          <Typography.Paragraph type="secondary">
            {t('users.resetPasswordNote', { name: `${user.display_name}（${user.username}）` })}
          </Typography.Paragraph>
        )
      }
    >
      <NewPasswordFields name="password" label="users.newPassword" />
    </FormModal>
  );
}
