// Export of a filtered list as Excel or CSV. The server stops at a cap and says so in a header;
// the button says it beforehand too.
import { DownloadOutlined } from '@ant-design/icons';
import { App, Button, Dropdown, Tooltip } from 'antd';
import { useState } from 'react';
import { api, errorText } from '../api/client.ts';
import { useLocale } from '../i18n/index.tsx';

/** The most rows one export holds (EXPORT_ROW_CAP on the server). */
export const EXPORT_CAP = 100_000;

export function ExportButton({
  path,
  query,
  fileName,
}: {
  path: string;
  /** The list's filters, as the list sends them. */
  query: Record<string, string | number | boolean | undefined>;
  /** Used when the server gives no name. */
  fileName: string;
}) {
  const { locale, t } = useLocale();
  const { message } = App.useApp();
  const [busy, setBusy] = useState(false);
  const cap = EXPORT_CAP.toLocaleString(locale);

  const run = async (format: 'xlsx' | 'csv') => {
    setBusy(true);
    try {
      const { truncated } = await api.download(path, { ...query, format }, `${fileName}.${format}`);
      if (truncated) message.warning(t('export.truncated', { cap }));
    } catch (error) {
      message.error(errorText(error, locale));
    } finally {
      setBusy(false);
    }
  };

  return (
    <Tooltip title={t('export.note', { cap })}>
      <Dropdown
        menu={{
          items: [
            { key: 'xlsx', label: t('export.xlsx') },
            { key: 'csv', label: t('export.csv') },
          ],
          onClick: ({ key }) => run(key as 'xlsx' | 'csv'),
        }}
      >
        <Button icon={<DownloadOutlined />} loading={busy} data-testid="export">
          {t('export.button')}
        </Button>
      </Dropdown>
    </Tooltip>
  );
}
