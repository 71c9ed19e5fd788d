import * as XLSX from '@e965/xlsx';
import iconv from 'iconv-lite';
import { describe, expect, it } from 'vitest';
import { CSV_STREAM_LIMITS, csvRows, ImportError, readWorkbook, WORKBOOK_LIMITS } from './read.ts';

const utf8 = (text: string) => new TextEncoder().encode(text);

/** Bytes in chunks of `size`, so that multi-byte characters are cut across chunks. */
async function* chunked(bytes: Uint8Array, size: number): AsyncGenerator<Uint8Array> {
  for (let i = 0; i < bytes.length; i += size) yield bytes.subarray(i, i + size);
}

async function collect(rows: AsyncIterable<string[]>): Promise<string[][]> {
  const out: string[][] = [];
  for await (const row of rows) out.push(row);
  return out;
}

function workbook(sheet: XLSX.WorkSheet, bookType: XLSX.BookType = 'xlsx'): Uint8Array {
  const wb = XLSX.utils.book_new();
  XLSX.utils.book_append_sheet(wb, sheet, '名录');
  return new Uint8Array(XLSX.write(wb, { type: 'array', bookType }));
}

const CSV =
  '统一社会信用代码,企业名称,住所\r\n91460100MA5T0000X1,"海口市某某有限公司","海口市龙华区,滨海大道1号"\r\n\r\n,末行,\r\n';
const EXPECTED = [
  ['统一社会信用代码', '企业名称', '住所'],
  ['91460100MA5T0000X1', '海口市某某有限公司', '海口市龙华区,滨海大道1号'],
  [''],
  ['', '末行', ''],
];

describe('readWorkbook: spreadsheets', () => {
  it('fills merged cells, keeps numbers, turns date and percent formats into text', () => {
    const sheet = XLSX.utils.aoa_to_sheet([
      ['名录（标题）'],
      ['部门', '代码', '日期', '比例'],
      ['市场监管局', 914690062012665000, 43529, 0.05],
      [null, 440301103097861, 43530, 0.125],
    ]);
    sheet['!merges'] = [XLSX.utils.decode_range('A1:D1'), XLSX.utils.decode_range('A3:A4')];
    for (const ref of ['C3', 'C4']) sheet[ref].z = 'yyyy/m/d';
    for (const ref of ['D3', 'D4']) sheet[ref].z = '0.0%';
    for (const bookType of ['xlsx', 'biff8'] as const) {
      const [read] = readWorkbook(workbook(sheet, bookType), `名录.${bookType === 'xlsx' ? 'xlsx' : 'xls'}`);
      expect(read.name).toBe('名录');
      expect(read.rows).toEqual([
        ['名录（标题）', '名录（标题）', '名录（标题）', '名录（标题）'],
        ['部门', '代码', '日期', '比例'],
        ['市场监管局', 914690062012665000, '2019-03-05', '5%'],
        ['市场监管局', 440301103097861, '2019-03-06', '12.5%'],
      ]);
    }
  });

  it('ignores the empty rows and columns that a sheet range claims', () => {
    const sheet = XLSX.utils.aoa_to_sheet([['a', 'b']]);
    sheet['!ref'] = 'A1:Z500';
    expect(readWorkbook(workbook(sheet), 'x.xlsx')[0].rows).toEqual([['a', 'b']]);
  });

  it('clips merges to the cells with values, so a title merged across the sheet is no wide sheet', () => {
    const sheet = XLSX.utils.aoa_to_sheet([['标题'], ['h1', 'h2'], ['a', 'b']]);
    sheet['!merges'] = [XLSX.utils.decode_range('A1:XFD1'), XLSX.utils.decode_range('A3:A9')];
    expect(readWorkbook(workbook(sheet), 'x.xlsx')[0].rows).toEqual([
      ['标题', '标题'],
      ['h1', 'h2'],
      ['a', 'b'],
    ]);
  });

  it('refuses unknown file types and unreadable files in Chinese', () => {
    expect(() => readWorkbook(utf8('x'), '名录.pdf')).toThrow(/不支持的文件类型“名录.pdf”/);
    expect(() => readWorkbook(new Uint8Array([0x50, 0x4b, 3, 4, 1, 2, 3]), '坏.xlsx')).toThrow(
      /无法读取表格文件“坏.xlsx”/,
    );
  });
});

describe('readWorkbook: CSV', () => {
  it('reads UTF-8 with and without BOM and GBK the same way', () => {
    const withBom = new Uint8Array([0xef, 0xbb, 0xbf, ...utf8(CSV)]);
    const gbk = new Uint8Array(iconv.encode(CSV, 'gbk'));
    expect(() => new TextDecoder('utf-8', { fatal: true }).decode(gbk)).toThrow();
    for (const bytes of [utf8(CSV), withBom, gbk]) {
      expect(readWorkbook(bytes, 'uploads/名录.CSV')[0]).toEqual({ name: '名录', rows: EXPECTED });
    }
  });

  it('refuses UTF-16 text instead of decoding it as garbage', () => {
    expect(() => readWorkbook(new Uint8Array([0xff, 0xfe, 0x41, 0]), 'x.csv')).toThrow(/UTF-16/);
  });

  it('reports a malformed CSV with its line', () => {
    const bytes = utf8(`a,b\n"${'x'.repeat(2 * 1024 * 1024)}`);
    expect(() => readWorkbook(bytes, 'x.csv')).toThrow(/CSV 格式错误（第 2 行附近）/);
  });
});

describe('limits for untrusted files', () => {
  const small = { maxBytes: 1000, maxRows: 3, maxColumns: 3 };

  it('caps bytes, rows and columns of workbooks and CSV', () => {
    expect(() => readWorkbook(new Uint8Array(2000), 'x.xlsx', small)).toThrow(/文件过大.*上限为 0.0 MB/);
    expect(() => readWorkbook(utf8('a\nb\nc\nd\n'), 'x.csv', small)).toThrow('文件行数超过上限 3 行');
    expect(() => readWorkbook(utf8('a\nb,c,d,e\n'), 'x.csv', small)).toThrow('第 2 行有 4 列，超过上限 3 列');
    const wide = XLSX.utils.aoa_to_sheet([['a', 'b', 'c', 'd']]);
    expect(() => readWorkbook(workbook(wide), 'x.xlsx', small)).toThrow(ImportError);
    expect(readWorkbook(utf8('a,b,c\nd\ne'), 'x.csv', small)[0].rows).toHaveLength(3);
  });

  it('caps streamed CSV while it streams', async () => {
    await expect(collect(csvRows(chunked(utf8('a\nb\nc\nd\n'), 2), small))).rejects.toThrow(
      '文件行数超过上限 3 行',
    );
    await expect(collect(csvRows(chunked(utf8('a,b,c,d\n'), 2), small))).rejects.toThrow('超过上限 3 列');
    await expect(collect(csvRows(chunked(new Uint8Array(1500).fill(0x61), 100), small))).rejects.toThrow(
      /文件过大/,
    );
  });

  it('has defaults that admit Excel-sized workbooks and city-sized CSV', () => {
    expect(WORKBOOK_LIMITS.maxRows).toBe(1_048_576);
    expect(CSV_STREAM_LIMITS.maxRows).toBeGreaterThan(6_430_000);
  });
});

describe('csvRows: streaming', () => {
  it('gives the same rows as the whole-file reader, whatever the chunking and encoding', async () => {
    for (const bytes of [utf8(`\ufeff${CSV}`), new Uint8Array(iconv.encode(CSV, 'gb18030'))]) {
      for (const size of [1, 3, 7, 64 * 1024]) {
        expect(await collect(csvRows(chunked(bytes, size)))).toEqual(EXPECTED);
      }
    }
  });

  it('reads only as far as the caller has asked, so a file is never held whole, and closes the source', async () => {
    let pulled = 0;
    let closed = false;
    async function* endless(): AsyncGenerator<Uint8Array> {
      try {
        yield utf8('统一社会信用代码,企业名称\n');
        for (;;) {
          pulled++;
          yield utf8('91460100MA5T0000X1,海口市某某有限公司\n'.repeat(100));
        }
      } finally {
        closed = true;
      }
    }
    let rows = 0;
    for await (const _ of csvRows(endless())) {
      if (++rows === 1000) break;
    }
    expect(rows).toBe(1000);
    expect(pulled).toBeLessThan(100);
    await new Promise((resolve) => setTimeout(resolve, 10));
    expect(closed).toBe(true);
  });

  it('reports text that stops being UTF-8 after 64 KiB of UTF-8', async () => {
    const start = utf8(`企业名称\n${'海口市某某有限公司\n'.repeat(3000)}`);
    const bytes = new Uint8Array([...start, ...iconv.encode('海口', 'gbk')]);
    await expect(collect(csvRows(chunked(bytes, 4096)))).rejects.toThrow(/非 UTF-8 内容/);
  });
});
