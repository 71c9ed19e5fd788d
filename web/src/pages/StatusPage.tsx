import { Button, Result } from 'antd';
import { useNavigate } from 'react-router';
import { useDocumentTitle } from '../components/PageHeader.tsx';
import { useT } from '../i18n/index.tsx';

/** What a user sees at an address that does not exist (404) or that their role may not open (403). */
export default function StatusPage({ status }: { status: '403' | '404' }) {
  const t = useT();
  const navigate = useNavigate();
  const title = t(status === '403' ? 'status.forbidden' : 'status.notFound');
  useDocumentTitle(title);
  return (
    <Result
      status={status}
      title={title}
      subTitle={t(status === '403' ? 'status.forbiddenDetail' : 'status.notFoundDetail')}
      extra={
        <Button type="primary" onClick={() => navigate('/')}>
          {t('status.backHome')}
        </Button>
      }
    />
  );
}
