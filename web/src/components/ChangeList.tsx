// What the audit chain recorded about one record: who changed which fields, when.
import { Empty, Timeline, Typography } from 'antd';
import dayjs from 'dayjs';
import type { Change } from '../api/registers.ts';
import { codeName, useT } from '../i18n/index.tsx';

const value = (v: unknown) =>
  v === null || v === undefined || v === '' ? '—' : Array.isArray(v) ? v.join('、') : String(v);

export function ChangeList({ changes }: { changes: Change[] }) {
  const t = useT();
  if (!changes.length) return <Empty description={t('changes.empty')} />;
  return (
    <Timeline
      items={changes.map((change) => ({
        key: change.seq,
        content: (
          <>
            <Typography.Text strong>{codeName(t, 'audit.action.', change.action)}</Typography.Text>
            <span className="tp-secondary">
              {' '}
              · {change.actor} · {dayjs(change.at).format('YYYY-MM-DD HH:mm')}
            </span>
            {change.after && (
              <ul className="tp-change-fields">
                {Object.entries(change.after).map(([field, after]) => (
                  <li key={field}>
                    <span className="tp-secondary">{field}</span>{' '}
                    {change.before && field in change.before ? `${value(change.before[field])} → ` : ''}
                    {value(after)}
                  </li>
                ))}
              </ul>
            )}
          </>
        ),
      }))}
    />
  );
}
