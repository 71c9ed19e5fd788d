import { GlobalOutlined } from '@ant-design/icons';
import { Button } from 'antd';
import { useLocale } from '../i18n/index.tsx';

/** One click to the other language; the button names the language it switches to, in that language. */
export function LanguageSwitch({ className }: { className?: string }) {
  const { locale, setLocale } = useLocale();
  const next = locale === 'en' ? 'zh-CN' : 'en';
  return (
    <Button
      type="text"
      className={className}
      icon={<GlobalOutlined />}
      lang={next}
      onClick={() => setLocale(next)}
      data-testid="language-switch"
    >
      {next === 'en' ? 'English' : '中文'}
    </Button>
  );
}
