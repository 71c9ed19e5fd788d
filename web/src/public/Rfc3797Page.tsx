// RFC 3797 (DRAW-SPEC §7) for small pools — experts, a committee: the published numbers in groups,
// the pool and how many to select; the selected positions, and names when a list is given.
import { Alert, Card, Col, Form, Input, InputNumber, Row, Table, Typography } from 'antd';
import { useMemo, useState } from 'react';
import { rfc3797KeyString, rfc3797Select } from '../../../src/core/draw/index.ts';
import { PageHeader } from '../components/PageHeader.tsx';
import { HEX } from '../drawview/DrawView.tsx';
import { useLocale } from '../i18n/index.tsx';

function groupsOf(text: string): number[][] | null {
  const groups = text
    .split('\n')
    .map((line) => line.trim())
    .filter(Boolean)
    .map((line) => line.split(/[\s,，、]+/).filter(Boolean));
  if (groups.length === 0 || groups.some((g) => g.some((n) => !/^\d+$/.test(n)))) return null;
  return groups.map((g) => g.map(Number));
}

export default function Rfc3797Page() {
  const { t } = useLocale();
  const [pool, setPool] = useState<number | null>(25);
  const [count, setCount] = useState<number | null>(10);
  const [values, setValues] = useState('9319\n2 5 12 8 10');
  const [names, setNames] = useState('');
  const list = names
    .split('\n')
    .map((n) => n.trim())
    .filter(Boolean);
  const size = list.length > 0 ? list.length : (pool ?? 0);
  const result = useMemo(() => {
    const groups = groupsOf(values);
    if (!groups) return { error: t('rfc3797.badValues') };
    try {
      return { key: rfc3797KeyString(groups), picks: rfc3797Select(size, count ?? 0, groups) };
    } catch (error) {
      return { error: (error as Error).message };
    }
  }, [values, size, count, t]);

  return (
    <>
      <PageHeader title={t('rfc3797.title')} subtitle={t('rfc3797.intro')} />
      <Row gutter={16}>
        <Col xs={24} md={10}>
          <Card className="tp-panel">
            <Form layout="vertical">
              <Form.Item
                label={t('rfc3797.pool')}
                extra={list.length > 0 ? t('rfc3797.poolFromNames', { n: list.length }) : undefined}
              >
                <InputNumber
                  min={1}
                  max={65535}
                  value={size}
                  disabled={list.length > 0}
                  onChange={setPool}
                  style={{ width: '100%' }}
                  data-testid="rfc-pool"
                />
              </Form.Item>
              <Form.Item label={t('rfc3797.count')}>
                <InputNumber
                  min={0}
                  max={size}
                  value={count}
                  onChange={setCount}
                  style={{ width: '100%' }}
                  data-testid="rfc-count"
                />
              </Form.Item>
              <Form.Item label={t('rfc3797.values')} extra={t('rfc3797.valuesHint')}>
                <Input.TextArea
                  rows={4}
                  value={values}
                  onChange={(e) => setValues(e.target.value)}
                  data-testid="rfc-values"
                />
              </Form.Item>
              <Form.Item label={t('rfc3797.names')} extra={t('rfc3797.namesHint')}>
                <Input.TextArea rows={6} value={names} onChange={(e) => setNames(e.target.value)} />
              </Form.Item>
            </Form>
          </Card>
        </Col>
        <Col xs={24} md={14}>
          <Card className="tp-panel" title={t('rfc3797.result')}>
            {'error' in result ? (
              <Alert type="error" showIcon title={result.error} />
            ) : (
              <>
                <Typography.Paragraph>
                  {t('rfc3797.key')}：<span style={HEX}>{result.key}</span>
                </Typography.Paragraph>
                <Typography.Paragraph strong data-testid="rfc-positions">
                  {result.picks.join(' ')}
                </Typography.Paragraph>
                <Table
                  size="small"
                  rowKey="order"
                  pagination={false}
                  dataSource={result.picks.map((position, i) => ({
                    order: i + 1,
                    position,
                    name: list[position - 1],
                  }))}
                  columns={[
                    { title: t('rfc3797.order'), dataIndex: 'order' },
                    { title: t('rfc3797.position'), dataIndex: 'position' },
                    ...(list.length ? [{ title: t('rfc3797.name'), dataIndex: 'name' }] : []),
                  ]}
                />
              </>
            )}
          </Card>
        </Col>
      </Row>
    </>
  );
}
