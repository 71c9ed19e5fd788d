import { Grid } from 'antd';

/**
 * True below Ant Design's md breakpoint (768 px): phones and small tablets, where the menu is a
 * drawer and tables show fewer columns.
 */
export function usePhone(): boolean {
  return !Grid.useBreakpoint().md;
}
