import { Alert, Button } from 'antd';
import { errorText } from '../api/client.ts';
import { useLocale } from '../i18n/index.tsx';

/** A failed read, in the interface language, with a way to try again. */
export function QueryError({ error, retry }: { error: unknown; retry?: () => void }) {
  const { locale, t } = useLocale();
  return (
    <Alert
      type="error"
      showIcon
      title={errorText(error, locale)}
      style={{ marginBottom: 16 }}
      action={
        retry && (
          <Button size="small" onClick={retry}>
            {t('common.retry')}
          </Button>
        )
      }
    />
  );
}
