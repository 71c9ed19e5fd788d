// Pieces shared by the portal's pages: a published result's codes as coloured tags, the columns of a
// list of results, one result as a card, and values of the server's two-language dictionaries.
import { Card, Descriptions, Space, type TableColumnsType, Tag } from 'antd';
import dayjs from 'dayjs';
import { Link } from 'react-router';
import { resultCode } from '../../../src/core/results/codes.ts';
import { businessPath, type PublicResult, type Worded } from '../api/publicity.ts';
import { type Locale, type Translate, useLocale } from '../i18n/index.tsx';

/** A date or a moment as its day. */
export const day = (value: string | null | undefined) => (value ? dayjs(value).format('YYYY-MM-DD') : '—');

/** A dictionary word in the interface language. */
export const worded = (locale: Locale, w: { zh: string; en: string }) => (locale === 'en' ? w.en : w.zh);

const GROUP_COLOR: Record<string, string> = {
  clear: 'success',
  problem: 'error',
  corrected: 'processing',
  not_operating: 'default',
  uncooperative: 'warning',
  gone: 'default',
};

/** The colour of a result code's tag: green for no problem, red for problems found, … */
export const codeColor = (code: string) => GROUP_COLOR[resultCode(code)?.group ?? ''] ?? 'default';

/** A result's codes in words, each a tag in its group's colour. */
export function ResultCodeTags({ codes }: { codes: Worded[] }) {
  const { locale } = useLocale();
  return (
    <Space size={[4, 4]} wrap>
      {codes.map((c) => (
        <Tag key={c.code} color={codeColor(c.code)} style={{ whiteSpace: 'normal' }} data-code={c.code}>
          {c.code} {worded(locale, c)}
        </Tag>
      ))}
    </Space>
  );
}

/** What follows the inspection: the disposition, and the correction deadline when there is one. */
export function dispositionText(t: Translate, locale: Locale, r: PublicResult): string {
  if (!r.disposition) return '—';
  const text = worded(locale, r.disposition);
  return r.correctionDueOn
    ? `${text}（${t('public.result.correctionDue', { date: r.correctionDueOn })}）`
    : text;
}

/** Items of a result: many, with long names, so two lines at most (all of them on hover). */
const ItemNames = ({ items }: { items: string[] }) => {
  const text = items.join('、') || '—';
  return (
    <div className="tp-public-clamp" title={text}>
      {text}
    </div>
  );
};

/** A link to the draw a result's task came from, or why there is none. */
const DrawLink = ({ result: r }: { result: PublicResult }) => {
  const { t } = useLocale();
  return r.drawCode ? (
    <Link to={`/draws/${r.drawCode}`} data-testid="result-draw">
      {r.drawCode}
    </Link>
  ) : (
    <span className="tp-secondary">{t('public.result.noDraw')}</span>
  );
};

/** A result in one cell, for a phone: business, date and department, codes, items, draw. */
function compactColumn(t: Translate): TableColumnsType<PublicResult>[number] {
  return {
    title: t('public.results.title'),
    key: 'result',
    render: (_, r) => (
      <div className="tp-public-compact">
        <Link to={businessPath(r.identifier)} data-testid="result-business">
          {r.entityName}
        </Link>
        <div className="tp-secondary">
          {r.endedOn ?? '—'} · {r.department}
        </div>
        <ResultCodeTags codes={r.codes} />
        <ItemNames items={r.items} />
        <div className="tp-secondary">
          {t('public.result.draw')}：<DrawLink result={r} /> · <span className="tp-code">{r.taskCode}</span>
        </div>
      </div>
    ),
  };
}

/**
 * The columns of a list of published results; `business` adds the business's name and code. On a
 * phone, one column holds it all.
 */
export function resultColumns(
  t: Translate,
  locale: Locale,
  { business, phone = false }: { business: boolean; phone?: boolean },
): TableColumnsType<PublicResult> {
  if (phone) return [compactColumn(t)];
  return [
    ...(business
      ? [
          {
            title: t('public.result.business'),
            key: 'business',
            width: 220,
            render: (_: unknown, r: PublicResult) => (
              <>
                <Link to={businessPath(r.identifier)} data-testid="result-business">
                  {r.entityName}
                </Link>
                <div className="tp-secondary tp-code">{r.identifier}</div>
              </>
            ),
          },
        ]
      : []),
    { title: t('public.result.endedOn'), dataIndex: 'endedOn', width: 110 },
    {
      title: t('public.result.items'),
      dataIndex: 'items',
      width: 220,
      render: (items: string[]) => <ItemNames items={items} />,
    },
    {
      title: t('public.result.codes'),
      dataIndex: 'codes',
      width: 200,
      render: (codes: Worded[]) => <ResultCodeTags codes={codes} />,
    },
    {
      title: t('public.result.disposition'),
      key: 'disposition',
      width: 160,
      render: (_, r) => dispositionText(t, locale, r),
    },
    { title: t('public.result.department'), dataIndex: 'department', width: 160 },
    {
      title: t('public.result.draw'),
      key: 'draw',
      render: (_, r) => (
        <>
          <DrawLink result={r} />
          <div className="tp-secondary tp-code">{r.taskCode}</div>
        </>
      ),
    },
  ];
}

/** One published result as a card: date, department, codes, items, follow-up, draw. */
export function ResultCard({ result: r }: { result: PublicResult }) {
  const { locale, t } = useLocale();
  return (
    <Card
      size="small"
      className="tp-public-result"
      data-testid="public-inspection"
      title={
        <Space size={[8, 0]} wrap>
          <span>{r.endedOn}</span>
          <span className="tp-secondary">{r.department}</span>
        </Space>
      }
    >
      <div style={{ marginBottom: 8 }}>
        <ResultCodeTags codes={r.codes} />
      </div>
      <Descriptions column={1} size="small">
        <Descriptions.Item label={t('public.result.items')}>{r.items.join('、') || '—'}</Descriptions.Item>
        <Descriptions.Item label={t('public.result.disposition')}>
          {dispositionText(t, locale, r)}
        </Descriptions.Item>
        <Descriptions.Item label={t('public.result.publishedAt')}>{day(r.publishedAt)}</Descriptions.Item>
        <Descriptions.Item label={t('public.result.task')}>
          <span className="tp-code">{r.taskCode}</span>
          {r.drawCode && (
            <>
              {' · '}
              <Link to={`/draws/${r.drawCode}`}>{t('public.result.drawN', { code: r.drawCode })}</Link>
            </>
          )}
        </Descriptions.Item>
      </Descriptions>
    </Card>
  );
}
