// A business's own page: the business, who supervises it, and its inspections. Commitments and credit
// repair will appear here as those modules arrive.
import { ShopOutlined } from '@ant-design/icons';
import { Card, Descriptions, Space, Typography } from 'antd';
import { useCurrentUser } from '../auth/session.tsx';
import { PageHeader } from '../components/PageHeader.tsx';
import { useT } from '../i18n/index.tsx';
import { BusinessInspections } from '../inspections/BusinessInspections.tsx';
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
          <BusinessInspections />
        </Card>
        <Card title={t('business.about')}>
          <Typography.Paragraph style={{ marginBottom: 0 }}>{t('business.aboutText')}</Typography.Paragraph>
        </Card>
      </Space>
    </>
  );
}
