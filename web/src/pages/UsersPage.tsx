// Accounts in the administrator's organisation and below: find, create, edit, switch on and off,
// reset a forgotten password.
import { PlusOutlined } from '@ant-design/icons';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { App, Button, Popconfirm, Space, type TableColumnsType, Tag, Tooltip } from 'antd';
import dayjs from 'dayjs';
import { useState } from 'react';
import { api, errorText } from '../api/client.ts';
import { ROLES, type Role, type UserRow } from '../api/types.ts';
import { useCurrentUser } from '../auth/session.tsx';
import { PagedTable, usePageQuery, useTableState } from '../components/PagedTable.tsx';
import { PageHeader } from '../components/PageHeader.tsx';
import { usePhone } from '../components/usePhone.ts';
import { useLocale } from '../i18n/index.tsx';
import { ResetPasswordModal } from './ResetPasswordModal.tsx';
import { UserFormModal } from './UserFormModal.tsx';

/** Which dialog is open, for whom; the user is kept while the dialog fades out. */
interface Dialog {
  kind: 'form' | 'password' | null;
  user?: UserRow;
}

const clipped = (text: string) => (
  <span className="tp-clip" title={text}>
    {text}
  </span>
);

const isLocked = (user: UserRow) => user.locked_until !== null && dayjs(user.locked_until).isAfter(dayjs());

const USERS = '/api/users';

export default function UsersPage() {
  const { locale, t } = useLocale();
  const { message } = App.useApp();
  const me = useCurrentUser();
  const phone = usePhone();
  const queryClient = useQueryClient();
  const table = useTableState(['q', 'role'] as const);
  const { q } = table.filters;
  // Only a known role: an edited address must not become a failing request.
  const role = ROLES.find((r) => r === table.filters.role);
  const [dialog, setDialog] = useState<Dialog>({ kind: null });
  const closeDialog = () => setDialog((d) => ({ ...d, kind: null }));

  const users = usePageQuery<UserRow>(USERS, table, { q, role });
  const reload = () => queryClient.invalidateQueries({ queryKey: [USERS] });

  const setActive = useMutation({
    mutationFn: ({ user, active }: { user: UserRow; active: boolean }) =>
      api.patch(`${USERS}/${user.id}`, { active }),
    onSuccess: (_, { active }) => {
      message.success(t(active ? 'users.activated' : 'users.deactivated'));
      reload();
    },
    onError: (error) => message.error(errorText(error, locale)),
  });

  const statusTag = (user: UserRow) => {
    if (!user.active) return <Tag>{t('users.inactive')}</Tag>;
    if (isLocked(user))
      return (
        <Tooltip title={t('users.lockedUntil', { time: dayjs(user.locked_until).format('HH:mm') })}>
          <Tag color="warning">{t('users.locked')}</Tag>
        </Tooltip>
      );
    return <Tag color="success">{t('users.active')}</Tag>;
  };

  const columns: TableColumnsType<UserRow> = [
    // On a phone two columns fit: the account (name, role and status under the user name) and
    // the actions.
    {
      title: t('users.username'),
      dataIndex: 'username',
      render: (username: string, user) =>
        phone ? (
          <>
            <div>{username}</div>
            <div className="tp-secondary">
              {user.display_name} · {t(`role.${user.role}`)}
            </div>
            {statusTag(user)}
          </>
        ) : (
          username
        ),
    },
    // A business account is named after its business: long names are cut short, whole on hover.
    { title: t('users.displayName'), dataIndex: 'display_name', responsive: ['md'], render: clipped },
    {
      title: t('users.role'),
      dataIndex: 'role',
      responsive: ['md'],
      render: (value: Role) => t(`role.${value}`),
    },
    { title: t('users.org'), dataIndex: 'org_name', responsive: ['lg'] },
    { title: t('users.status'), key: 'status', responsive: ['md'], render: (_, user) => statusTag(user) },
    {
      title: t('users.lastLogin'),
      dataIndex: 'last_login_at',
      responsive: ['lg'],
      render: (value: string | null) =>
        value ? dayjs(value).format('YYYY-MM-DD HH:mm') : t('users.neverLoggedIn'),
    },
    {
      title: t('common.actions'),
      key: 'actions',
      fixed: phone ? undefined : 'right',
      render: (_, user) => (
        <Space size={4} orientation={phone ? 'vertical' : 'horizontal'} align="start">
          <Button type="link" size="small" onClick={() => setDialog({ kind: 'form', user })}>
            {t('common.edit')}
          </Button>
          <Button type="link" size="small" onClick={() => setDialog({ kind: 'password', user })}>
            {t('users.resetPassword')}
          </Button>
          {user.active ? (
            <Popconfirm
              title={t('users.deactivateConfirm', { name: user.display_name })}
              description={t('users.deactivateNote')}
              okText={t('users.deactivate')}
              okButtonProps={{ danger: true }}
              onConfirm={() => setActive.mutate({ user, active: false })}
              disabled={user.id === me.id}
            >
              <Tooltip title={user.id === me.id ? t('users.cannotDeactivateSelf') : undefined}>
                <Button type="link" size="small" danger disabled={user.id === me.id}>
                  {t('users.deactivate')}
                </Button>
              </Tooltip>
            </Popconfirm>
          ) : (
            <Button type="link" size="small" onClick={() => setActive.mutate({ user, active: true })}>
              {t('users.activate')}
            </Button>
          )}
        </Space>
      ),
    },
  ];

  return (
    <>
      <PageHeader
        title={t('nav.users')}
        extra={
          <Button type="primary" icon={<PlusOutlined />} onClick={() => setDialog({ kind: 'form' })}>
            {t('users.create')}
          </Button>
        }
      />
      <PagedTable
        table={table}
        result={users}
        columns={columns}
        rowKey="id"
        search={{ filter: 'q', placeholder: t('users.searchPlaceholder') }}
        selects={[
          {
            filter: 'role',
            placeholder: t('users.allRoles'),
            options: ROLES.map((r) => ({ value: r, label: t(`role.${r}`) })),
          },
        ]}
      />
      <UserFormModal
        open={dialog.kind === 'form'}
        user={dialog.user}
        onSaved={reload}
        onClose={closeDialog}
      />
      <ResetPasswordModal
        open={dialog.kind === 'password'}
        user={dialog.user}
        onSaved={reload}
        onClose={closeDialog}
      />
    </>
  );
}
