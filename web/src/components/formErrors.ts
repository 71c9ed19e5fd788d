import type { FormInstance } from 'antd';
import { ApiError, errorText } from '../api/client.ts';
import type { Locale } from '../i18n/index.tsx';

/**
 * Shows a server error where it belongs: under the form field it names when the form has that
 * field, otherwise returns its text for the caller to show above the form.
 */
export function showServerError(form: FormInstance, error: unknown, locale: Locale): string | null {
  const text = errorText(error, locale);
  if (error instanceof ApiError && error.field && error.field in form.getFieldsValue()) {
    form.setFields([{ name: error.field, errors: [text] }]);
    form.scrollToField(error.field);
    return null;
  }
  return text;
}
