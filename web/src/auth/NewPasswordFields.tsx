import { Form, Input } from 'antd';
import { type MessageKey, useT } from '../i18n/index.tsx';

/**
 * A new password and its confirmation, checked as the server checks it (at least 10 characters,
 * letters and digits), so most mistakes are caught before a round trip.
 */
export function NewPasswordFields({ name, label }: { name: string; label: MessageKey }) {
  const t = useT();
  const fieldLabel = t(label);
  return (
    <>
      <Form.Item
        name={name}
        label={fieldLabel}
        extra={t('password.hint')}
        // One message at a time: "too short" first, then "letters and digits".
        validateFirst
        rules={[
          { required: true },
          { min: 10, message: t('password.tooShort', { label: fieldLabel }) },
          {
            pattern: /^(?=.*[A-Za-z])(?=.*\d)/,
            message: t('password.lettersDigits', { label: fieldLabel }),
          },
        ]}
      >
        <Input.Password autoComplete="new-password" />
      </Form.Item>
      <Form.Item
        name={`${name}Confirm`}
        label={t('password.confirm')}
        dependencies={[name]}
        rules={[
          { required: true },
          ({ getFieldValue }) => ({
            validator: (_, value) =>
              !value || value === getFieldValue(name)
                ? Promise.resolve()
                : Promise.reject(new Error(t('password.mismatch'))),
          }),
        ]}
      >
        <Input.Password autoComplete="new-password" />
      </Form.Item>
    </>
  );
}
