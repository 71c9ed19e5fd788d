// A checklist read-only: main items, sub-items, and each check content with its number (1.2.3),
// method and what counts as compliant.
import { Table, Typography } from 'antd';
import type { ChecklistContent } from '../../api/registers.ts';
import { useT } from '../../i18n/index.tsx';

export function ChecklistView({ content }: { content: ChecklistContent }) {
  const t = useT();
  return (
    <div data-testid="checklist-view">
      {content.mains.map((main, m) => (
        // biome-ignore lint/suspicious/noArrayIndexKey: a read-only version; the position is the number (1.2.3)
        <div key={m} className="tp-checklist-main">
          <Typography.Title level={5}>
            {m + 1}. {main.title}
          </Typography.Title>
          {main.subs.map((sub, s) => (
            // biome-ignore lint/suspicious/noArrayIndexKey: a read-only version; the position is the number (1.2.3)
            <div key={s} className="tp-checklist-sub">
              <Typography.Text strong>
                {m + 1}.{s + 1} {sub.title}
              </Typography.Text>
              <Table
                size="small"
                pagination={false}
                rowKey={(_, i) => String(i)}
                dataSource={sub.contents.map((c, i) => ({ ...c, number: `${m + 1}.${s + 1}.${i + 1}` }))}
                columns={[
                  { title: '#', dataIndex: 'number', width: 64 },
                  { title: t('checklist.content'), dataIndex: 'text' },
                  { title: t('checklist.method'), dataIndex: 'method', width: 110 },
                  { title: t('checklist.compliant'), dataIndex: 'compliant' },
                ]}
              />
            </div>
          ))}
        </div>
      ))}
    </div>
  );
}
