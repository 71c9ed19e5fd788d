import { Typography } from 'antd';
import { type ReactNode, useEffect } from 'react';
import { useT } from '../i18n/index.tsx';

/** Sets the browser tab's title: "page · 天平". */
export function useDocumentTitle(title: string) {
  const t = useT();
  useEffect(() => {
    document.title = `${title} · ${t('app.name')}`;
  }, [title, t]);
}

/** A page's title line, with its actions on the right (below the title on phones). */
export function PageHeader({
  title,
  subtitle,
  extra,
}: {
  title: string;
  subtitle?: ReactNode;
  extra?: ReactNode;
}) {
  useDocumentTitle(title);
  return (
    <div className="tp-page-header">
      <div>
        <Typography.Title level={4} style={{ margin: 0 }}>
          {title}
        </Typography.Title>
        {subtitle && <Typography.Text type="secondary">{subtitle}</Typography.Text>}
      </div>
      {extra && <div className="tp-page-header-extra">{extra}</div>}
    </div>
  );
}
