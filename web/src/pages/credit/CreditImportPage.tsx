// 信用事件导入: penalties (行政处罚) or complaints (投诉举报) from .xlsx, .xls or .csv. Every row is
// kept, reported as already recorded, or rejected with its line, column, value and reason.
import { InboxOutlined } from '@ant-design/icons';
import { useMutation } from '@tanstack/react-query';
import { Alert, Card, Col, Radio, Row, Space, Statistic, Table, Tag, Typography, Upload } from 'antd';
import { useState } from 'react';
import {
  EVENT_FIELDS,
  EVENT_REQUIRED,
  type EventImportKind,
} from '../../../../src/core/import/credit-fields.ts';
import { api, errorText } from '../../api/client.ts';
import { CREDIT_API } from '../../api/credit.ts';
import { PageHeader } from '../../components/PageHeader.tsx';
import { useLocale } from '../../i18n/index.tsx';

interface Issue {
  line: number;
  column: string;
  field: string;
  value: string;
  reason: string;
  severity: 'error' | 'warning';
}

interface Report {
  fileName: string;
  rows: number;
  accepted: number;
  duplicates: number;
  rejected: number;
  issues: Issue[];
}

export default function CreditImportPage() {
  const { locale, t } = useLocale();
  const [kind, setKind] = useState<EventImportKind>('penalties');
  const upload = useMutation({
    mutationFn: (file: File) => api.upload<Report>(`${CREDIT_API}/imports/${kind}`, file),
  });
  const report = upload.data;
  const required = new Set(EVENT_REQUIRED[kind].flat());

  return (
    <>
      <PageHeader title={t('nav.creditImport')} subtitle={t('credit.import.subtitle')} />
      <Space orientation="vertical" size={16} style={{ width: '100%' }}>
        <Card size="small">
          <Space orientation="vertical" size={12} style={{ width: '100%' }}>
            <Radio.Group
              value={kind}
              onChange={(e) => {
                setKind(e.target.value);
                upload.reset();
              }}
              optionType="button"
              options={[
                { value: 'penalties', label: t('credit.event.kind.penalty') },
                { value: 'complaints', label: t('credit.event.kind.complaint') },
              ]}
            />
            <Typography.Text type="secondary">
              {t('credit.import.columns')}
              {EVENT_FIELDS[kind].map((f) => (
                <Tag
                  key={f.field}
                  color={required.has(f.field) ? 'blue' : undefined}
                  style={{ marginInlineStart: 6 }}
                >
                  {f.label}
                </Tag>
              ))}
            </Typography.Text>
            <Upload.Dragger
              accept=".xlsx,.xls,.csv"
              showUploadList={false}
              disabled={upload.isPending}
              beforeUpload={(file) => {
                upload.mutate(file);
                return false;
              }}
              data-testid="credit-import-file"
            >
              <p className="ant-upload-drag-icon">
                <InboxOutlined />
              </p>
              <p>{upload.isPending ? t('credit.import.reading') : t('credit.import.drop')}</p>
            </Upload.Dragger>
          </Space>
        </Card>
        {upload.isError && <Alert type="error" showIcon title={errorText(upload.error, locale)} />}
        {report && (
          <Card size="small" title={report.fileName}>
            <Row gutter={16} style={{ marginBottom: 12 }}>
              {(['rows', 'accepted', 'duplicates', 'rejected'] as const).map((k) => (
                <Col key={k} xs={12} md={6}>
                  <Statistic
                    title={t(`credit.import.${k}`)}
                    value={report[k]}
                    formatter={() => (
                      <span data-testid={`import-${k}`} data-value={report[k]}>
                        {report[k].toLocaleString(locale)}
                      </span>
                    )}
                  />
                </Col>
              ))}
            </Row>
            <Table
              size="small"
              rowKey={(i) => `${i.line}:${i.field}:${i.reason}`}
              dataSource={report.issues}
              pagination={{ pageSize: 20 }}
              scroll={{ x: 'max-content' }}
              columns={[
                { title: t('credit.import.line'), dataIndex: 'line', width: 70 },
                {
                  title: t('credit.import.severity'),
                  dataIndex: 'severity',
                  render: (s: Issue['severity']) => (
                    <Tag color={s === 'error' ? 'error' : 'warning'}>{t(`credit.import.${s}`)}</Tag>
                  ),
                },
                { title: t('credit.import.column'), dataIndex: 'column' },
                {
                  title: t('credit.import.value'),
                  dataIndex: 'value',
                  render: (v: string) => <span className="tp-code">{v}</span>,
                },
                { title: t('credit.import.reason'), dataIndex: 'reason' },
              ]}
            />
          </Card>
        )}
      </Space>
    </>
  );
}
