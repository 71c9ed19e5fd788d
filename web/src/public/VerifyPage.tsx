// Verify a draw in the browser: a kit file, or a draw's code or address. Every check of DRAW-SPEC §6
// is shown with its result and, when it fails, every mismatch.
import { CheckCircleFilled, CloseCircleFilled, InboxOutlined } from '@ant-design/icons';
import { useMutation } from '@tanstack/react-query';
import {
  Alert,
  Card,
  Collapse,
  Descriptions,
  Input,
  List,
  Result,
  Space,
  Spin,
  Typography,
  Upload,
} from 'antd';
import { useEffect, useState } from 'react';
import { Link, useSearchParams } from 'react-router';
import type { Kit } from '../../../src/core/draw/index.ts';
import { errorText } from '../api/client.ts';
import { PageHeader } from '../components/PageHeader.tsx';
import { HEX } from '../drawview/DrawView.tsx';
import { useLocale } from '../i18n/index.tsx';
import { drawRefOf, kitFromDraw, kitFromFile, type Outcome, verifyInBrowser } from './verify.ts';

type Source = { kind: 'file'; file: File } | { kind: 'draw'; ref: string };

export default function VerifyPage() {
  const { locale, t } = useLocale();
  const [params, setParams] = useSearchParams();
  const [address, setAddress] = useState(params.get('draw') ?? '');
  const [kit, setKit] = useState<Kit | null>(null);
  const run = useMutation({
    mutationFn: async (source: Source): Promise<Outcome> => {
      if (source.kind === 'file') {
        const loaded = await kitFromFile(source.file);
        setKit(loaded);
        return verifyInBrowser(loaded);
      }
      const { kit: loaded, draw } = await kitFromDraw(source.ref);
      setKit(loaded);
      return verifyInBrowser(loaded, draw);
    },
  });
  const fromAddress = (text: string) => {
    const ref = drawRefOf(text);
    if (!ref) return;
    setParams({ draw: ref }, { replace: true });
    run.mutate({ kind: 'draw', ref });
  };
  // A link such as /public/verify?draw=D2026-000001 verifies at once.
  // biome-ignore lint/correctness/useExhaustiveDependencies: once, for the address it was opened with
  useEffect(() => {
    const ref = params.get('draw');
    if (ref) run.mutate({ kind: 'draw', ref });
  }, []);

  const outcome = run.data;
  const lang = locale === 'en' ? 'en' : 'zh';
  const allOk = outcome?.verification.ok === true && (outcome.adjustments?.length ?? 0) === 0;

  return (
    <>
      <PageHeader title={t('public.verify.title')} subtitle={t('public.verify.intro')} />
      <Card className="tp-panel">
        <Space orientation="vertical" style={{ width: '100%' }} size="middle">
          <Input.Search
            value={address}
            onChange={(e) => setAddress(e.target.value)}
            placeholder={t('public.verify.addressPlaceholder')}
            enterButton={t('public.verify.run')}
            onSearch={fromAddress}
            data-testid="verify-address"
          />
          <Upload.Dragger
            accept=".json,.gz,application/json,application/gzip"
            showUploadList={false}
            beforeUpload={(file) => {
              run.mutate({ kind: 'file', file });
              return false;
            }}
            data-testid="verify-file"
          >
            <p className="ant-upload-drag-icon">
              <InboxOutlined />
            </p>
            <p>{t('public.verify.drop')}</p>
          </Upload.Dragger>
        </Space>
      </Card>

      {run.isPending && (
        <Card className="tp-panel">
          <Spin /> {t('public.verify.working')}
        </Card>
      )}
      {run.isError && (
        <Alert
          type="error"
          showIcon
          title={errorText(run.error, locale)}
          description={String((run.error as Error).message)}
        />
      )}
      {outcome && kit && (
        <>
          <Result
            status={allOk ? 'success' : 'error'}
            title={
              <span data-testid="verify-result">
                {t(allOk ? 'public.verify.ok' : 'public.verify.failed')}
              </span>
            }
            subTitle={t('public.verify.summary', { draw: kit.commitment?.draw_id ?? '?' })}
          />
          <Card className="tp-panel" title={t('public.verify.checks')}>
            <List
              dataSource={outcome.verification.checks}
              renderItem={(check) => (
                <List.Item data-testid={`check-${check.id}`} data-ok={check.ok}>
                  <List.Item.Meta
                    avatar={
                      check.ok ? (
                        <CheckCircleFilled style={{ color: '#389e0d', fontSize: 20 }} />
                      ) : (
                        <CloseCircleFilled style={{ color: '#cf1322', fontSize: 20 }} />
                      )
                    }
                    title={check.title[lang]}
                    description={
                      check.ok ? (
                        <span className="tp-secondary">{check.title[lang === 'en' ? 'zh' : 'en']}</span>
                      ) : (
                        <Collapse
                          size="small"
                          defaultActiveKey={['m']}
                          items={[
                            {
                              key: 'm',
                              label: t('public.verify.mismatches', { count: check.mismatches.length }),
                              children: (
                                <ul style={{ margin: 0, paddingLeft: 18 }}>
                                  {check.mismatches.map((m) => (
                                    <li key={m} style={HEX}>
                                      {m}
                                    </li>
                                  ))}
                                </ul>
                              ),
                            },
                          ]}
                        />
                      )
                    }
                  />
                </List.Item>
              )}
            />
            {outcome.adjustments !== null && (
              <List.Item data-testid="check-adjustments" data-ok={outcome.adjustments.length === 0}>
                <List.Item.Meta
                  avatar={
                    outcome.adjustments.length === 0 ? (
                      <CheckCircleFilled style={{ color: '#389e0d', fontSize: 20 }} />
                    ) : (
                      <CloseCircleFilled style={{ color: '#cf1322', fontSize: 20 }} />
                    )
                  }
                  title={t('public.verify.adjustments')}
                  description={outcome.adjustments.map((m) => <div key={m}>{m}</div>)}
                />
              </List.Item>
            )}
            {kit.commitment?.sources?.some((s) => s.kind === 'drand') && (
              <Alert type="info" showIcon title={t('public.verify.drandNote')} />
            )}
          </Card>
          {outcome.replay && (
            <Card className="tp-panel" title={t('public.verify.replay')}>
              <Descriptions size="small" column={1} bordered>
                <Descriptions.Item label={t('draw.seed')}>
                  <span style={HEX}>{outcome.replay.seed_hex}</span>
                </Descriptions.Item>
                {outcome.replay.strata.map((s, h) => (
                  <Descriptions.Item key={s.label} label={`${t('draw.stratum')} ${s.label}`}>
                    {t('public.verify.stratumLine', {
                      picks: s.picks.length,
                      size: kit.commitment.strata[h]?.size ?? 0,
                      alternates: s.alternates.length,
                    })}
                  </Descriptions.Item>
                ))}
                <Descriptions.Item label={t('draw.tasks')}>
                  {t('public.verify.teamsLine', {
                    teams: outcome.replay.teams.length,
                    unassigned: outcome.replay.teams.filter((x) => x.team.length === 0).length,
                  })}
                </Descriptions.Item>
              </Descriptions>
              {drawRefOf(address) && (
                <div style={{ marginTop: 12 }}>
                  <Link to={`/draws/${drawRefOf(address)}`}>{t('public.verify.toDraw')}</Link>
                </div>
              )}
            </Card>
          )}
          <Card className="tp-panel" title={t('public.verify.cliTitle')}>
            <Typography.Paragraph>{t('public.verify.cli')}</Typography.Paragraph>
            <Typography.Paragraph code copyable>
              npx tianping verify {kit.commitment?.draw_id ?? 'KIT'}.kit.json
            </Typography.Paragraph>
          </Card>
        </>
      )}
    </>
  );
}
