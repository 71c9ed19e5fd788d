// Schema validation failures become a message that names the field and the reason, in Chinese
// first (the UI's language) and in English.

interface ValidationIssue {
  instancePath: string;
  keyword: string;
  params: Record<string, unknown>;
}

function reasons(issue: ValidationIssue): { zh: string; en: string } {
  const p = issue.params;
  switch (issue.keyword) {
    case 'required':
      return { zh: '必填', en: 'is required' };
    case 'minLength':
      return { zh: `至少${p.limit}个字符`, en: `needs at least ${p.limit} characters` };
    case 'maxLength':
      return { zh: `最多${p.limit}个字符`, en: `allows at most ${p.limit} characters` };
    case 'minimum':
      return { zh: `不能小于${p.limit}`, en: `must be at least ${p.limit}` };
    case 'maximum':
      return { zh: `不能大于${p.limit}`, en: `must be at most ${p.limit}` };
    case 'minItems':
      return { zh: `至少${p.limit}项`, en: `needs at least ${p.limit} items` };
    case 'maxItems':
      return { zh: `最多${p.limit}项`, en: `allows at most ${p.limit} items` };
    case 'pattern':
    case 'format':
      return { zh: '格式不正确', en: 'has the wrong format' };
    case 'enum':
    case 'const':
      return { zh: '取值不在允许范围内', en: 'is not one of the allowed values' };
    case 'type':
      return { zh: `类型应为${p.type}`, en: `must be of type ${p.type}` };
    case 'additionalProperties':
      return { zh: `不允许的字段「${p.additionalProperty}」`, en: `unknown field "${p.additionalProperty}"` };
    default:
      return { zh: '不符合要求', en: 'is not valid' };
  }
}

export function describeValidation(issues: ValidationIssue[], context: string) {
  const first = issues[0];
  const path = first.instancePath.replace(/^\//, '').replaceAll('/', '.');
  const field =
    first.keyword === 'required' ? [path, first.params.missingProperty].filter(Boolean).join('.') : path;
  const reason = reasons(first);
  const name = field || context;
  return { field, message: `字段「${name}」${reason.zh}`, messageEn: `Field "${name}" ${reason.en}` };
}
