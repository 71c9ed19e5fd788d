// Cell values as the readers hand them over, and the normalisation every field goes through.
// Government spreadsheets carry full-width characters, non-breaking spaces, line breaks typed to
// wrap text, and numbers where text was meant; everything here is pure and cheap per call, because
// the validators run it on millions of rows.

/**
 * One cell: text, a number exactly as the spreadsheet stored it (so a code that Excel turned into a
 * number stays recognisable), or null when empty. Date cells arrive as ISO dates ('2019-03-05').
 */
export type Cell = string | number | null;

/** CJK ideographs and CJK/full-width punctuation: a space or line break beside them is layout, not content. */
const CJK = '\\u2e80-\\u9fff\\uf900-\\ufaff\\u3000-\\u303f\\uff00-\\uffef';
const SPACE_RUN = /[\s\u200b]+/g;
/** Most cells have no inner space at all and skip the replacements. */
const INNER_SPACE = /[\s\u200b]/;
const SPACE_BESIDE_CJK = new RegExp(` (?=[${CJK}])|(?<=[${CJK}]) `, 'g');
const NON_ASCII = /[^\u0020-\u007e]/;

/** A number as Excel shows it: integers up to 15 digits in full, larger ones in scientific notation. */
export function numberText(n: number): string {
  if (Number.isInteger(n) && Math.abs(n) < 1e15) return String(n);
  if (Math.abs(n) >= 1e15) {
    // Excel keeps 15 significant digits; an 18-digit code stored as a number is shown this way.
    const [mantissa, exponent] = n.toExponential(14).split('e');
    return `${mantissa.replace(/\.?0+$/, '')}E${exponent}`.toUpperCase();
  }
  // 15 significant digits also hide binary artefacts such as 0.30000000000000004.
  return String(Number(n.toPrecision(15)));
}

export function isBlank(cell: Cell | undefined): boolean {
  return cell === null || cell === undefined || (typeof cell === 'string' && cell.trim() === '');
}

/** The cell as the user saw it, for messages. */
export function displayText(cell: Cell | undefined): string {
  if (cell === null || cell === undefined) return '';
  return typeof cell === 'number' ? numberText(cell) : cell.trim();
}

/** Single-line text: every run of spaces and line breaks becomes one space, dropped next to Chinese. */
export function oneLine(cell: Cell | undefined): string {
  const text = displayText(cell);
  if (!INNER_SPACE.test(text)) return text;
  return text.replace(SPACE_RUN, ' ').trim().replace(SPACE_BESIDE_CJK, '');
}

/**
 * Multi-line text (legal basis, subject): line breaks are kept as \n, spaces inside a line are
 * collapsed, empty lines dropped. A lone CR is dropped: Excel shows no break for it, and lists use it
 * in the middle of a phrase (第二十三条\r第一款).
 */
export function multiLine(cell: Cell | undefined): string {
  return displayText(cell)
    .replace(/\r\n/g, '\n')
    .replace(/\r/g, '')
    .split('\n')
    .map((line) => line.replace(SPACE_RUN, ' ').trim())
    .filter(Boolean)
    .join('\n');
}

/** Codes: full-width digits and letters to ASCII, no spaces at all, upper case. */
export function codeText(cell: Cell | undefined): string {
  const text = displayText(cell);
  const ascii = NON_ASCII.test(text) ? text.normalize('NFKC') : text;
  return ascii.replace(SPACE_RUN, '').toUpperCase();
}

/**
 * A code cell that a spreadsheet stored as a number with more digits than Excel keeps (15): the
 * last digits are lost, so the value must never be stored.
 */
export function isDamagedNumber(cell: Cell | undefined): boolean {
  return typeof cell === 'number' && Math.abs(cell) >= 1e15;
}

/** Lists: split on 、，,；;/ and line breaks (and runs of two or more spaces, a common visual separator). */
export function splitList(cell: Cell | undefined): string[] {
  return displayText(cell)
    .split(/[、,，;；/／\r\n]+|\s{2,}/)
    .map((part) => oneLine(part))
    .filter(Boolean);
}

/** Telephone numbers: digits with the usual punctuation, at least 7 digits. */
export function parsePhone(cell: Cell | undefined): string | undefined {
  const text = codeText(cell);
  const digits = text.replace(/\D/g, '').length;
  return /^[\d\-+()/,;、#转]+$/.test(text) && digits >= 7 ? text : undefined;
}

const YES = new Set(['是', 'Y', 'YES', '1', 'TRUE', '√', '✓', '✔']);
const NO = new Set(['否', 'N', 'NO', '0', 'FALSE', '×', '✗']);

/** 是/否, Y/N, 1/0, TRUE/FALSE; undefined when the text is none of these. */
export function parseYesNo(cell: Cell | undefined): boolean | undefined {
  const text = codeText(cell);
  if (YES.has(text)) return true;
  if (NO.has(text)) return false;
  return undefined;
}

// --- Dates -------------------------------------------------------------------------------------

const DAY_MS = 86_400_000;
/** The largest serial Excel accepts (9999-12-31); every 8-digit yyyymmdd number lies above it. */
const MAX_SERIAL = 2_958_465;

/**
 * ISO date of an Excel date serial. The 1900 system counts the nonexistent 1900-02-29 as day 60,
 * so serials from 61 on are counted from 1899-12-30; the 1904 system (old Mac files) from 1904-01-01.
 */
export function excelSerialToIso(serial: number, date1904 = false): string {
  const days = Math.floor(serial);
  const epoch = date1904 ? Date.UTC(1904, 0, 1) : Date.UTC(1899, 11, days < 61 ? 31 : 30);
  return new Date(epoch + days * DAY_MS).toISOString().slice(0, 10);
}

/** 'YYYY-MM-DD' of a real calendar date (without Date objects, which are slow on millions of rows). */
function isoDate(year: number, month: number, day: number): string | undefined {
  const leap = year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0);
  const days = month === 2 ? (leap ? 29 : 28) : [4, 6, 9, 11].includes(month) ? 30 : 31;
  if (year < 1 || month < 1 || month > 12 || day < 1 || day > days) return undefined;
  return `${String(year).padStart(4, '0')}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
}

const YMD = /^(\d{4})\s*[-/.]\s*(\d{1,2})\s*[-/.]\s*(\d{1,2})(?:[\sT]+\d{1,2}:\d{2}(?::\d{2}(?:\.\d+)?)?)?$/;
const COMPACT = /^(\d{4})(\d{2})(\d{2})$/;

/**
 * A date from a serial (43529), an 8-digit number or text (20190305), 2019/3/5, 2019-03-05,
 * 2019.3.5 or 2019年3月5日, with or without a time; undefined when it is not a real calendar date.
 */
export function parseDate(cell: Cell | undefined): string | undefined {
  let text = typeof cell === 'number' ? numberText(cell) : oneLine(cell);
  if (NON_ASCII.test(text))
    text = text
      .normalize('NFKC')
      .replace(/\s*[年月]\s*/g, '-')
      .replace(/\s*日\s*/, ' ')
      .trim();
  const compact = COMPACT.exec(text);
  if (compact) return isoDate(Number(compact[1]), Number(compact[2]), Number(compact[3]));
  if (/^\d+(\.\d+)?$/.test(text)) {
    const serial = Number(text);
    return serial >= 1 && serial <= MAX_SERIAL ? excelSerialToIso(serial) : undefined;
  }
  const ymd = YMD.exec(text);
  return ymd ? isoDate(Number(ymd[1]), Number(ymd[2]), Number(ymd[3])) : undefined;
}

// --- Exact decimals ----------------------------------------------------------------------------

/** Canonical form of a non-negative decimal: no leading zeros, no trailing fractional zeros. */
function canonicalDecimal(integer: string, fraction: string): string {
  const int = integer.replace(/^0+(?=\d)/, '') || '0';
  const frac = fraction.replace(/0+$/, '');
  return frac ? `${int}.${frac}` : int;
}

/** A non-negative decimal written in text ('1,000,000', '12.50'); undefined when it is not one. */
export function parseDecimal(text: string): string | undefined {
  const m = /^(\d+)(?:\.(\d+))?$/.exec(text.replace(/,/g, ''));
  return m ? canonicalDecimal(m[1], m[2] ?? '') : undefined;
}

/** Moves the decimal point: shiftDecimal('1000000', -4) = '100', shiftDecimal('0.05', 4) = '500'. */
export function shiftDecimal(decimal: string, places: number): string {
  const [integer, fraction = ''] = decimal.split('.');
  const digits = integer + fraction;
  let point = integer.length + places;
  const padded = point < 0 ? '0'.repeat(-point) + digits : digits.padEnd(point, '0');
  if (point < 0) point = 0;
  return canonicalDecimal(padded.slice(0, point), padded.slice(point));
}
