import * as XLSX from '@e965/xlsx';
import { describe, expect, it } from 'vitest';
import { csvLine, workbookBytes } from './table.ts';

describe('CSV lines', () => {
  it('quotes what needs quoting and keeps formulas inert', () => {
    expect(csvLine(['a', 'b,c', 'say "hi"', 'two\nlines', null, 3, true])).toBe(
      'a,"b,c","say ""hi""","two\nlines",,3,是\r\n',
    );
    expect(csvLine(['=HYPERLINK("x")', '@SUM(A1)', '-12.5', '+86'])).toBe(
      `"'=HYPERLINK(""x"")",'@SUM(A1),-12.5,+86\r\n`,
    );
  });
});

describe('workbooks', () => {
  it('keeps an 18-character code and a leading-zero code as text, numbers as numbers', () => {
    const bytes = workbookBytes([
      {
        name: '名录',
        header: ['统一社会信用代码', '行业代码', '数量'],
        rows: [['91512081MA62K0260E', '0190', 3]],
      },
    ]);
    const sheet = XLSX.read(bytes, { type: 'array' }).Sheets.名录;
    expect(sheet.A2).toMatchObject({ t: 's', v: '91512081MA62K0260E' });
    expect(sheet.B2).toMatchObject({ t: 's', v: '0190' });
    expect(sheet.C2).toMatchObject({ t: 'n', v: 3 });
    expect(sheet.A1.v).toBe('统一社会信用代码');
  });
});
