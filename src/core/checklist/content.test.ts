import { describe, expect, it } from 'vitest';
import { type ChecklistContent, checklistProblem, normalisedChecklist, numberedContents } from './content.ts';

const content: ChecklistContent = {
  mains: [
    {
      title: '许可资质',
      subs: [
        {
          title: '食品经营许可证',
          contents: [
            { text: '是否取得有效的食品经营许可证', method: '查阅资料', compliant: '许可证在有效期内' },
            { text: '经营项目与许可范围是否一致', method: '现场检查', compliant: '未超范围经营' },
          ],
        },
      ],
    },
    {
      title: '从业人员',
      subs: [
        {
          title: '健康证明',
          contents: [{ text: '从业人员健康证明', method: '查阅资料', compliant: '均持有效健康证明' }],
        },
      ],
    },
  ],
};

describe('checklists', () => {
  it('accepts a complete checklist and numbers its contents by position', () => {
    expect(checklistProblem(content)).toBeUndefined();
    expect(numberedContents(content).map((c) => `${c.number} ${c.main}/${c.sub}`)).toEqual([
      '1.1.1 许可资质/食品经营许可证',
      '1.1.2 许可资质/食品经营许可证',
      '2.1.1 从业人员/健康证明',
    ]);
  });

  it('names the first missing piece with its path', () => {
    expect(checklistProblem({ mains: [] })?.message).toBe('检查表单至少需要一个主项');
    const noCompliant = structuredClone(content);
    noCompliant.mains[1].subs[0].contents[0].compliant = '  ';
    expect(checklistProblem(noCompliant)).toMatchObject({
      path: 'mains.1.subs.0.contents.0.compliant',
      message: '第 2.1.1 条的合格标准不能为空',
    });
    const noSubs = structuredClone(content);
    noSubs.mains[0].subs = [];
    expect(checklistProblem(noSubs)?.message).toBe('第1个主项至少需要一个子项');
  });

  it('trims what it stores', () => {
    const spaced = structuredClone(content);
    spaced.mains[0].title = ' 许可资质 ';
    expect(normalisedChecklist(spaced)).toEqual(content);
  });
});
