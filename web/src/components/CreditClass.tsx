import { Tag } from 'antd';
import type { CreditClass } from '../api/types.ts';
import type { Translate } from '../i18n/index.tsx';
import { useT } from '../i18n/index.tsx';
import { CREDIT_CLASS_COLORS } from '../theme.ts';

/** "A 信用风险低"; businesses not classified yet get their own words. */
export const creditClassName = (t: Translate, creditClass: CreditClass | null) =>
  creditClass ? `${creditClass} ${t(`credit.${creditClass}`)}` : t('credit.none');

/** A credit-risk class as a tag in the class's colour (the same colours as the home charts). */
export function CreditClassTag({ value }: { value: CreditClass | null }) {
  const t = useT();
  return (
    <Tag color={value ? CREDIT_CLASS_COLORS[value] : undefined} variant="outlined">
      {creditClassName(t, value)}
    </Tag>
  );
}
