import { Spin } from 'antd';

/** A spinner in the middle of the window (session, first screen) or of the page area. */
export function Loading({ screen = false }: { screen?: boolean }) {
  return (
    <div className={screen ? 'tp-center-screen' : 'tp-center-page'}>
      <Spin size="large" />
    </div>
  );
}
