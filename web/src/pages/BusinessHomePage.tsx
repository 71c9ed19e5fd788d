// A business's own page. Its inspections, commitments and credit repair will appear here as those
// modules arrive; until then it names the business and who supervises it.
import { ShopOutlined } from '@ant-design/icons';
import { Card, Descriptions, Empty, Space, Typography } from 'antd';
import { useCurrentUser } from '../auth/session.tsx';
import { PageHeader } from '../components/PageHeader.tsx';
import { useT } from '../i18n/index.tsx';
import { PRIMARY_COLOR } from '../theme.ts';

export default function BusinessHomePage() {
  const t = useT();
  const user = useCurrentUser();
  return (
    <>
      <PageHeader title={t('nav.myBusiness')} />
      <Space orientation="vertical" size={16} style={{ width: '100%' }}>
        <Card>
          <Space align="start" size={16}>
            <ShopOutlined style={{ fontSize: 32, color: PRIMARY_COLOR }} />
            <div>
              <Typography.Title level={4} style={{ marginTop: 0 }} data-testid="business-name">
                {user.displayName}
              </Typography.Title>
              <Descriptions
                size="small"
                column={1}
                items={[
                  { key: 'org', label: t('business.supervisor'), children: user.orgName },
                  { key: 'account', label: t('business.account'), children: user.username },
                ]}
              />
            </div>
          </Space>
        </Card>
        <Card title={t('business.inspections')}>
          <Empty description={t('business.inspectionsEmpty')} />
        </Card>
        <Card title={t('business.about')}>
          <Typography.Paragraph style={{ marginBottom: 0 }}>{t('business.aboutText')}</Typography.Paragraph>
        </Card>
      </Space>
    </>
  );
}
