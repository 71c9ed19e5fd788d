// Ant Design theme shared by every entry (staff app, later the public portal).
import type { ThemeConfig } from 'antd';

// A deeper blue than Ant Design's default, closer to government sites; AA contrast on white.
// styles.css repeats it for the header.
export const PRIMARY_COLOR = '#1554ad';

export const theme: ThemeConfig = {
  token: {
    colorPrimary: PRIMARY_COLOR,
    borderRadius: 6,
    fontFamily:
      "-apple-system, BlinkMacSystemFont, 'Segoe UI', 'PingFang SC', 'Hiragino Sans GB', 'Microsoft YaHei', 'Noto Sans CJK SC', 'Helvetica Neue', Arial, sans-serif",
  },
};

/** Credit-risk class colours, used by tags and charts alike so a class looks the same everywhere. */
export const CREDIT_CLASS_COLORS = { A: '#389e0d', B: '#1677ff', C: '#fa8c16', D: '#cf1322' } as const;
