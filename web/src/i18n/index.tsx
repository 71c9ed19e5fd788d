// The language of the interface: Chinese first, English available. The choice is remembered in
// localStorage and switches three things together: our dictionary, Ant Design's component texts
// and dayjs (dates in pickers and tables).
import { ConfigProvider } from 'antd';
import enUS from 'antd/es/locale/en_US.js';
import zhCN from 'antd/es/locale/zh_CN.js';
import dayjs from 'dayjs';
import 'dayjs/locale/zh-cn.js';
import { createContext, type ReactNode, useCallback, useContext, useEffect, useMemo, useState } from 'react';
import { theme } from '../theme.ts';
import { en } from './en.ts';
import { type MessageKey, zh } from './zh.ts';

export type { MessageKey };
export type Locale = 'zh-CN' | 'en';

const STORAGE_KEY = 'tianping.locale';

const settings: Record<Locale, { messages: Record<MessageKey, string>; antd: typeof zhCN; dayjs: string }> = {
  'zh-CN': { messages: zh, antd: zhCN, dayjs: 'zh-cn' },
  en: { messages: en, antd: enUS, dayjs: 'en' },
};

function storedLocale(): Locale {
  try {
    return localStorage.getItem(STORAGE_KEY) === 'en' ? 'en' : 'zh-CN';
  } catch {
    // Storage can be blocked (private mode, strict settings): fall back to Chinese.
    return 'zh-CN';
  }
}

export type Translate = (key: MessageKey, vars?: Record<string, string | number>) => string;

interface LocaleState {
  locale: Locale;
  setLocale(locale: Locale): void;
  t: Translate;
}

const LocaleContext = createContext<LocaleState | null>(null);

/** Provides the language, and Ant Design's ConfigProvider with the matching locale and our theme. */
export function LocaleProvider({ children }: { children: ReactNode }) {
  const [locale, setLocaleState] = useState<Locale>(storedLocale);
  const { messages, antd, dayjs: dayjsLocale } = settings[locale];

  // dayjs keeps its locale globally; set it during render so the first paint already uses it.
  dayjs.locale(dayjsLocale);

  useEffect(() => {
    document.documentElement.lang = locale;
    document.title = `${messages['app.name']} · ${messages['app.title']}`;
  }, [locale, messages]);

  const setLocale = useCallback((next: Locale) => {
    try {
      localStorage.setItem(STORAGE_KEY, next);
    } catch {
      // Not remembered, but still switched for this visit.
    }
    setLocaleState(next);
  }, []);

  const t = useCallback<Translate>(
    (key, vars) => {
      const text = messages[key];
      return vars ? text.replace(/\{(\w+)\}/g, (whole, name: string) => String(vars[name] ?? whole)) : text;
    },
    [messages],
  );

  const value = useMemo(() => ({ locale, setLocale, t }), [locale, setLocale, t]);
  return (
    <LocaleContext value={value}>
      <ConfigProvider locale={antd} theme={theme}>
        {children}
      </ConfigProvider>
    </LocaleContext>
  );
}

export function useLocale(): LocaleState {
  const state = useContext(LocaleContext);
  if (!state) throw new Error('useLocale outside LocaleProvider');
  return state;
}

/** `const t = useT(); t('nav.users')`; `{name}` placeholders are filled from `vars`. */
export const useT = (): Translate => useLocale().t;

const isMessageKey = (key: string): key is MessageKey => key in zh;

/**
 * The name of a server code under a dictionary prefix (`codeName(t, 'department.', 'SAMR')`), or
 * the code itself while it has no name yet, so a new code shows up rather than breaking the page.
 */
export function codeName(t: Translate, prefix: string, code: string): string {
  const key = `${prefix}${code}`;
  return isMessageKey(key) ? t(key) : code;
}

/** The codes that have a name under a prefix, in dictionary order (for filters). */
export const namedCodes = (prefix: string): string[] =>
  Object.keys(zh)
    .filter((key) => key.startsWith(prefix))
    .map((key) => key.slice(prefix.length));
