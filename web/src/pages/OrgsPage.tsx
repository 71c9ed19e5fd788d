// The organisation tree the user works in: their own organisation and everything below it.
import { Card, Input, Table, type TableColumnsType, Tag } from 'antd';
import { type Key, useMemo, useState } from 'react';
import { type OrgNode, orgTree, useOrgs } from '../api/orgs.ts';
import type { OrgKind, OrgLevel } from '../api/types.ts';
import { PageHeader } from '../components/PageHeader.tsx';
import { QueryError } from '../components/QueryError.tsx';
import { useT } from '../i18n/index.tsx';

const LEVEL_COLORS: Record<OrgLevel, string> = { city: 'blue', district: 'cyan', street: 'default' };

/** The nodes whose name or code contains the text, with the branches that lead to them. */
function filterTree(nodes: OrgNode[], text: string): OrgNode[] {
  const result: OrgNode[] = [];
  for (const node of nodes) {
    const children = node.children ? filterTree(node.children, text) : [];
    if (node.name.includes(text) || node.code.toLowerCase().includes(text.toLowerCase()) || children.length) {
      result.push({ ...node, children: children.length ? children : undefined });
    }
  }
  return result;
}

const allKeys = (nodes: OrgNode[]): string[] => nodes.flatMap((n) => [n.id, ...allKeys(n.children ?? [])]);

export default function OrgsPage() {
  const t = useT();
  const orgs = useOrgs();
  const [search, setSearch] = useState('');
  const [expanded, setExpanded] = useState<readonly Key[] | undefined>(undefined);

  const tree = useMemo(() => orgTree(orgs.data ?? []), [orgs.data]);
  const text = search.trim();
  const shown = useMemo(() => (text ? filterTree(tree, text) : tree), [tree, text]);
  // Searching opens every branch that holds a match; otherwise the user's own organisation starts open.
  const expandedKeys = text ? allKeys(shown) : (expanded ?? tree.map((n) => n.id));

  const columns: TableColumnsType<OrgNode> = [
    { title: t('org.name'), dataIndex: 'name', width: 320 },
    {
      title: t('org.level'),
      dataIndex: 'level',
      render: (level: OrgLevel) => <Tag color={LEVEL_COLORS[level]}>{t(`org.level.${level}`)}</Tag>,
    },
    { title: t('org.kind'), dataIndex: 'kind', render: (kind: OrgKind) => t(`org.kind.${kind}`) },
    { title: t('org.code'), dataIndex: 'code' },
    { title: t('org.regionCode'), dataIndex: 'region_code' },
    {
      title: t('org.status'),
      dataIndex: 'active',
      render: (active: boolean) =>
        active ? <Tag color="success">{t('org.active')}</Tag> : <Tag>{t('org.inactive')}</Tag>,
    },
  ];

  return (
    <>
      <PageHeader title={t('nav.orgs')} subtitle={orgs.data && t('org.count', { count: orgs.data.length })} />
      <Card className="tp-panel">
        <div className="tp-toolbar">
          <Input.Search
            placeholder={t('org.searchPlaceholder')}
            allowClear
            onChange={(e) => setSearch(e.target.value)}
            className="tp-toolbar-wide"
          />
        </div>
        {orgs.isError && <QueryError error={orgs.error} retry={() => orgs.refetch()} />}
        <Table<OrgNode>
          rowKey="id"
          size="middle"
          columns={columns}
          dataSource={shown}
          loading={orgs.isPending}
          pagination={false}
          expandable={{
            expandedRowKeys: expandedKeys,
            onExpandedRowsChange: (keys) => !text && setExpanded(keys),
            indentSize: 20,
          }}
          scroll={{ x: 'max-content' }}
        />
      </Card>
    </>
  );
}
