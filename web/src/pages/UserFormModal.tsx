import { App, Form, Input, Select, TreeSelect } from 'antd';
import { useEffect, useMemo } from 'react';
import { api } from '../api/client.ts';
import { type OrgNode, orgTree, useOrgs } from '../api/orgs.ts';
import { ROLES, type Role, type UserRow } from '../api/types.ts';
import { NewPasswordFields } from '../auth/NewPasswordFields.tsx';
import { FormModal } from '../components/FormModal.tsx';
import { useT } from '../i18n/index.tsx';

interface Values {
  username: string;
  displayName: string;
  role: Role;
  orgId: string;
  password: string;
}

interface OrgOption {
  value: string;
  title: string;
  children?: OrgOption[];
}

const orgOption = (node: OrgNode): OrgOption => ({
  value: node.id,
  title: node.name,
  children: node.children?.map(orgOption),
});

/** Creates an account (no `user`) or edits one's name, role and organisation. */
export function UserFormModal({
  open,
  user,
  onSaved,
  onClose,
}: {
  open: boolean;
  user?: UserRow;
  /** After a successful save: the list reloads. */
  onSaved: () => void;
  onClose: () => void;
}) {
  const t = useT();
  const { message } = App.useApp();
  const orgs = useOrgs();
  const [form] = Form.useForm<Values>();
  const treeData = useMemo(() => orgTree(orgs.data ?? []).map(orgOption), [orgs.data]);

  useEffect(() => {
    if (open && user)
      form.setFieldsValue({ displayName: user.display_name, role: user.role, orgId: user.org_id });
  }, [open, user, form]);

  const submit = (values: Values) =>
    user
      ? api.patch(`/api/users/${user.id}`, {
          displayName: values.displayName.trim(),
          role: values.role,
          orgId: values.orgId,
        })
      : api.post('/api/users', {
          username: values.username.trim(),
          displayName: values.displayName.trim(),
          role: values.role,
          orgId: values.orgId,
          password: values.password,
        });

  return (
    <FormModal
      open={open}
      title={user ? t('users.editTitle', { name: user.username }) : t('users.create')}
      okText={t('common.save')}
      form={form}
      submit={submit}
      onSuccess={() => {
        message.success(t(user ? 'users.saved' : 'users.created'));
        onSaved();
      }}
      onClose={onClose}
    >
      {!user && (
        <Form.Item
          name="username"
          label={t('users.username')}
          extra={t('users.usernameHint')}
          rules={[
            { required: true, whitespace: true },
            { min: 2, max: 50 },
            { pattern: /^[A-Za-z0-9_.-]+$/, message: t('users.usernamePattern') },
          ]}
        >
          <Input autoComplete="off" />
        </Form.Item>
      )}
      <Form.Item
        name="displayName"
        label={t('users.displayName')}
        rules={[{ required: true, whitespace: true }, { max: 50 }]}
      >
        <Input />
      </Form.Item>
      <Form.Item
        name="role"
        label={t('users.role')}
        rules={[{ required: true, message: t('form.choose', { label: t('users.role') }) }]}
      >
        <Select options={ROLES.map((role) => ({ value: role, label: t(`role.${role}`) }))} />
      </Form.Item>
      <Form.Item
        name="orgId"
        label={t('users.org')}
        rules={[{ required: true, message: t('form.choose', { label: t('users.org') }) }]}
      >
        <TreeSelect
          treeData={treeData}
          loading={orgs.isPending}
          showSearch={{ treeNodeFilterProp: 'title' }}
          treeDefaultExpandedKeys={treeData.map((node) => node.value)}
        />
      </Form.Item>
      {!user && <NewPasswordFields name="password" label="users.initialPassword" />}
    </FormModal>
  );
}
