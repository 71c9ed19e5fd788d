// A checklist (检查表单): main items (主项) → sub-items (子项) → check contents (检查内容), each
// content with the way it is checked and what counts as compliant. Contents are numbered by position
// (1.2.3) within a version; a result records the version, so the numbers it cites never move.

export interface CheckContent {
  /** 检查内容 */
  text: string;
  /** 检查方法, e.g. 查阅资料、现场检查 */
  method: string;
  /** 合格标准: what counts as compliant */
  compliant: string;
}

export interface CheckSub {
  title: string;
  contents: CheckContent[];
}

export interface CheckMain {
  title: string;
  subs: CheckSub[];
}

export interface ChecklistContent {
  mains: CheckMain[];
}

/** Methods offered in the editor; others may be typed. */
export const CHECK_METHODS = [
  '查阅资料',
  '现场检查',
  '现场询问',
  '书面检查',
  '网络检查',
  '抽样检测',
  '专业机构核查',
] as const;

export const LIMITS = { mains: 50, subs: 50, contents: 100, text: 500 } as const;

export interface ChecklistProblem {
  /** Where: mains.0.subs.1.contents.2.text */
  path: string;
  message: string;
  messageEn: string;
}

function text(value: unknown): string {
  return typeof value === 'string' ? value.trim() : '';
}

/** The first thing wrong with a checklist, or undefined when it can be saved. */
export function checklistProblem(content: ChecklistContent): ChecklistProblem | undefined {
  const mains = content.mains ?? [];
  if (!mains.length)
    return { path: 'mains', message: '检查表单至少需要一个主项', messageEn: 'Add at least one main item' };
  if (mains.length > LIMITS.mains) {
    return {
      path: 'mains',
      message: `主项最多 ${LIMITS.mains} 个`,
      messageEn: `At most ${LIMITS.mains} main items`,
    };
  }
  for (const [m, main] of mains.entries()) {
    const at = `mains.${m}`;
    const label = `第${m + 1}个主项`;
    if (!text(main.title))
      return {
        path: `${at}.title`,
        message: `${label}的名称不能为空`,
        messageEn: `Main item ${m + 1} needs a title`,
      };
    if (!main.subs?.length)
      return {
        path: `${at}.subs`,
        message: `${label}至少需要一个子项`,
        messageEn: `Main item ${m + 1} needs a sub-item`,
      };
    if (main.subs.length > LIMITS.subs) {
      return {
        path: `${at}.subs`,
        message: `${label}的子项最多 ${LIMITS.subs} 个`,
        messageEn: 'Too many sub-items',
      };
    }
    for (const [s, sub] of main.subs.entries()) {
      const subAt = `${at}.subs.${s}`;
      const subLabel = `${label}第${s + 1}个子项`;
      if (!text(sub.title))
        return {
          path: `${subAt}.title`,
          message: `${subLabel}的名称不能为空`,
          messageEn: `Sub-item ${m + 1}.${s + 1} needs a title`,
        };
      if (!sub.contents?.length) {
        return {
          path: `${subAt}.contents`,
          message: `${subLabel}至少需要一条检查内容`,
          messageEn: `Sub-item ${m + 1}.${s + 1} needs a check`,
        };
      }
      if (sub.contents.length > LIMITS.contents) {
        return {
          path: `${subAt}.contents`,
          message: `${subLabel}的检查内容最多 ${LIMITS.contents} 条`,
          messageEn: 'Too many checks',
        };
      }
      for (const [c, content] of sub.contents.entries()) {
        const contentAt = `${subAt}.contents.${c}`;
        const n = `${m + 1}.${s + 1}.${c + 1}`;
        for (const [field, zh] of [
          ['text', '检查内容'],
          ['method', '检查方法'],
          ['compliant', '合格标准'],
        ] as const) {
          const value = text(content[field]);
          if (!value)
            return {
              path: `${contentAt}.${field}`,
              message: `第 ${n} 条的${zh}不能为空`,
              messageEn: `Check ${n} needs its ${field}`,
            };
          if (value.length > LIMITS.text) {
            return {
              path: `${contentAt}.${field}`,
              message: `第 ${n} 条的${zh}最多 ${LIMITS.text} 字`,
              messageEn: `Check ${n}: ${field} too long`,
            };
          }
        }
      }
    }
  }
  return undefined;
}

/** The content with surrounding spaces trimmed, as stored. */
export function normalisedChecklist(content: ChecklistContent): ChecklistContent {
  return {
    mains: content.mains.map((main) => ({
      title: main.title.trim(),
      subs: main.subs.map((sub) => ({
        title: sub.title.trim(),
        contents: sub.contents.map((c) => ({
          text: c.text.trim(),
          method: c.method.trim(),
          compliant: c.compliant.trim(),
        })),
      })),
    })),
  };
}

/** Every check content with its number (1.2.3) and the titles above it. */
export function numberedContents(content: ChecklistContent) {
  return content.mains.flatMap((main, m) =>
    main.subs.flatMap((sub, s) =>
      sub.contents.map((c, i) => ({
        number: `${m + 1}.${s + 1}.${i + 1}`,
        main: main.title,
        sub: sub.title,
        ...c,
      })),
    ),
  );
}
