// 开放数据: the published results as two feeds anyone may fetch without signing in, for the national
// publicity system (国家企业信用信息公示系统) and for journalists: JSON read page by page with a
// cursor, and CSV in one download.
import { Button, Card, DatePicker, Descriptions, Space, Typography } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useState } from 'react';
import { feedUrl } from '../api/publicity.ts';
import { PageHeader } from '../components/PageHeader.tsx';
import { useLocale } from '../i18n/index.tsx';

const DAY = 'YYYY-MM-DD';

/** An address shown whole and copyable, broken anywhere rather than widening a phone's page. */
const Address = ({ path }: { path: string }) => (
  <Typography.Text
    code
    copyable={{ text: `${window.location.origin}${path}` }}
    className="tp-public-feed-url"
  >
    {path}
  </Typography.Text>
);

export default function FeedsPage() {
  const { t } = useLocale();
  const [since, setSince] = useState<Dayjs>(() => dayjs().startOf('year'));
  const day = since.format(DAY);
  const json = feedUrl('json', day);
  const csv = feedUrl('csv', day);
  return (
    <>
      <PageHeader title={t('public.feeds.title')} subtitle={t('public.feeds.intro')} />
      <Card className="tp-panel" title={t('public.feeds.download')}>
        <Space orientation="vertical" size={12} style={{ width: '100%' }}>
          <Space wrap>
            <span>{t('public.feeds.since')}</span>
            <DatePicker
              value={since}
              allowClear={false}
              disabledDate={(d) => d.isAfter(dayjs(), 'day')}
              onChange={(d) => d && setSince(d)}
              data-testid="feeds-since"
            />
          </Space>
          <Space wrap>
            <Button type="primary" href={csv} download data-testid="feeds-csv">
              {t('public.feeds.csvButton')}
            </Button>
            <Button href={json} target="_blank" rel="noopener" data-testid="feeds-json">
              {t('public.feeds.jsonButton')}
            </Button>
          </Space>
        </Space>
      </Card>
      <Card className="tp-panel" title={t('public.feeds.jsonTitle')}>
        <Typography.Paragraph>{t('public.feeds.jsonAbout')}</Typography.Paragraph>
        <Descriptions column={1} size="small" bordered>
          <Descriptions.Item label={t('public.feeds.firstPage')}>
            <Address path={feedUrl('json', day, { limit: '500' })} />
          </Descriptions.Item>
          <Descriptions.Item label={t('public.feeds.nextPage')}>
            <Address path={feedUrl('json', day, { after: '<next>', limit: '500' })} />
          </Descriptions.Item>
          <Descriptions.Item label={t('public.feeds.params')}>
            <div>
              <code>since</code> {t('public.feeds.paramSince')}
            </div>
            <div>
              <code>after</code> {t('public.feeds.paramAfter')}
            </div>
            <div>
              <code>limit</code> {t('public.feeds.paramLimit')}
            </div>
          </Descriptions.Item>
          <Descriptions.Item label={t('public.feeds.fields')}>
            {t('public.feeds.fieldsList')}
          </Descriptions.Item>
        </Descriptions>
      </Card>
      <Card className="tp-panel" title={t('public.feeds.csvTitle')}>
        <Typography.Paragraph>{t('public.feeds.csvAbout')}</Typography.Paragraph>
        <Address path={csv} />
      </Card>
      <Card className="tp-panel" title={t('public.feeds.termsTitle')}>
        <Typography.Paragraph style={{ marginBottom: 0 }}>{t('public.feeds.terms')}</Typography.Paragraph>
      </Card>
    </>
  );
}
