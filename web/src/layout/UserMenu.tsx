import { DownOutlined, KeyOutlined, LogoutOutlined, UserOutlined } from '@ant-design/icons';
import { Avatar, Dropdown, theme } from 'antd';
import { cloneElement, type ReactElement, useState } from 'react';
import { ChangePasswordModal } from '../auth/ChangePasswordModal.tsx';
import { useCurrentUser, useLogout } from '../auth/session.tsx';
import { useT } from '../i18n/index.tsx';

/** The signed-in user in the header: who, in what role and organisation; password; sign out. */
export function UserMenu({ compact }: { compact: boolean }) {
  const user = useCurrentUser();
  const t = useT();
  const { token } = theme.useToken();
  const logout = useLogout();
  const [changingPassword, setChangingPassword] = useState(false);
  const role = t(`role.${user.role}`);

  return (
    <>
      <Dropdown
        trigger={['click']}
        placement="bottomRight"
        menu={{
          items: [
            {
              key: 'password',
              icon: <KeyOutlined />,
              label: t('password.changeTitle'),
              onClick: () => setChangingPassword(true),
              'data-testid': 'change-password',
            },
            {
              key: 'logout',
              icon: <LogoutOutlined />,
              danger: true,
              label: t('auth.logout'),
              onClick: () => logout.mutate(),
              'data-testid': 'logout',
            },
          ],
        }}
        popupRender={(menu) => (
          <div
            className="tp-user-popup"
            style={{
              background: token.colorBgElevated,
              borderRadius: token.borderRadiusLG,
              boxShadow: token.boxShadowSecondary,
            }}
          >
            <div className="tp-user-card" data-testid="user-card">
              <strong>{user.displayName}</strong>
              <span>{role}</span>
              <span>{user.orgName}</span>
            </div>
            {cloneElement(menu as ReactElement<{ style?: object }>, { style: { boxShadow: 'none' } })}
          </div>
        )}
      >
        <button
          type="button"
          className="tp-user-button"
          data-testid="user-menu"
          aria-label={t('auth.userMenu')}
        >
          <Avatar size="small" icon={<UserOutlined />} className="tp-user-avatar" />
          {!compact && (
            <span className="tp-user-name">
              <span>{user.displayName}</span>
              <small>{role}</small>
            </span>
          )}
          <DownOutlined className="tp-user-caret" />
        </button>
      </Dropdown>
      <ChangePasswordModal open={changingPassword} onClose={() => setChangingPassword(false)} />
    </>
  );
}
