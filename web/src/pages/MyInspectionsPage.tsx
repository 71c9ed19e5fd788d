// 我的检查: the business's own completed inspections.
import { PageHeader } from '../components/PageHeader.tsx';
import { useT } from '../i18n/index.tsx';
import { BusinessInspections } from '../inspections/BusinessInspections.tsx';

export default function MyInspectionsPage() {
  const t = useT();
  return (
    <>
      <PageHeader title={t('nav.myInspections')} subtitle={t('business.inspectionsSubtitle')} />
      <BusinessInspections />
    </>
  );
}
