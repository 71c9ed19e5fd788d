import { LockOutlined, UserOutlined } from '@ant-design/icons';
import { Alert, Button, Form, Input } from 'antd';
import { Navigate, useSearchParams } from 'react-router';
import { errorText } from '../api/client.ts';
import logo from '../assets/favicon.svg';
import { useLogin, useSession } from '../auth/session.tsx';
import { Loading } from '../components/Loading.tsx';
import { useDocumentTitle } from '../components/PageHeader.tsx';
import { useLocale } from '../i18n/index.tsx';
import { LanguageSwitch } from '../layout/LanguageSwitch.tsx';
import { landingPath } from '../nav.tsx';

/**
 * Only a path on this site: `?next=//evil.example` (or `/\evil.example`, which browsers read the
 * same way) must not send anyone elsewhere.
 */
function safeNext(next: string | null): string | null {
  return next && /^\/(?![/\\])/.test(next) ? next : null;
}

export default function LoginPage() {
  const { locale, t } = useLocale();
  const session = useSession();
  const login = useLogin();
  const [params] = useSearchParams();
  const next = safeNext(params.get('next'));
  useDocumentTitle(t('auth.login'));

  if (session.isPending) return <Loading screen />;
  // Signed in, just now or earlier (another tab, the back button): on to the page asked for, or to
  // the role's first page (an inspector's tasks).
  if (session.data) return <Navigate to={next ?? landingPath(session.data.user.role)} replace />;

  return (
    <div className="tp-login">
      <div className="tp-login-top">
        <LanguageSwitch />
      </div>
      <main className="tp-login-main">
        {/* A plain box rather than antd's Card, which brings its tabs along: this page is the
            first load of every new visitor. */}
        <div className="tp-login-card">
          <div className="tp-login-brand">
            <img src={logo} alt="" width={48} height={48} />
            <h1>{t('app.name')}</h1>
            <p>{t('app.title')}</p>
          </div>
          <Form
            layout="vertical"
            requiredMark={false}
            size="large"
            disabled={login.isPending}
            onValuesChange={() => login.isError && login.reset()}
            onFinish={(values: { username: string; password: string }) => login.mutate(values)}
          >
            <Form.Item
              name="username"
              label={t('auth.username')}
              rules={[{ required: true, whitespace: true, message: t('auth.usernameRequired') }]}
            >
              <Input
                prefix={<UserOutlined />}
                autoComplete="username"
                autoFocus
                data-testid="login-username"
              />
            </Form.Item>
            <Form.Item
              name="password"
              label={t('auth.password')}
              rules={[{ required: true, message: t('auth.passwordRequired') }]}
            >
              <Input.Password
                prefix={<LockOutlined />}
                autoComplete="current-password"
                data-testid="login-password"
              />
            </Form.Item>
            {login.isError && (
              <Alert
                type="error"
                showIcon
                title={errorText(login.error, locale)}
                style={{ marginBottom: 24 }}
                data-testid="login-error"
                role="alert"
              />
            )}
            <Button
              type="primary"
              htmlType="submit"
              block
              loading={login.isPending}
              data-testid="login-submit"
            >
              {t('auth.login')}
            </Button>
          </Form>
        </div>
      </main>
      <footer className="tp-login-footer">{t('auth.footer')}</footer>
    </div>
  );
}
