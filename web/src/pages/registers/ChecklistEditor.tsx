// The checklist editor: 主项 → 子项 → 检查内容 (with method and compliance test), saved as a draft of
// the next version and published when ready. Publishing retires the previous version; results keep
// the version they used, so nothing already recorded changes meaning.
import { ArrowLeftOutlined, DeleteOutlined, PlusOutlined } from '@ant-design/icons';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { Alert, App, AutoComplete, Button, Card, Form, Input, Popconfirm } from 'antd';
import { useEffect, useState } from 'react';
import { Link, useParams } from 'react-router';
import { api, errorText } from '../../api/client.ts';
import type { ChecklistContent, ChecklistRecord, ItemDetail } from '../../api/registers.ts';
import { showServerError } from '../../components/formErrors.ts';
import { Loading } from '../../components/Loading.tsx';
import { PageHeader } from '../../components/PageHeader.tsx';
import { QueryError } from '../../components/QueryError.tsx';
import { useLocale } from '../../i18n/index.tsx';
import { ITEMS, useItemFacets } from './shared.ts';

interface Values extends ChecklistContent {
  note?: string;
}

const EMPTY: ChecklistContent = {
  mains: [{ title: '', subs: [{ title: '', contents: [{ text: '', method: '现场检查', compliant: '' }] }] }],
};

/** Server paths (content.mains.0.subs.1.title) as form paths. */
const formPath = (field: string) =>
  field
    .replace(/^content\./, '')
    .split('.')
    .map((part) => (/^\d+$/.test(part) ? Number(part) : part));

export default function ChecklistEditor() {
  const { id } = useParams();
  const { locale, t } = useLocale();
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const [form] = Form.useForm<Values>();
  const [busy, setBusy] = useState(false);
  const facets = useItemFacets();
  const item = useQuery({
    queryKey: [ITEMS, 'detail', id],
    queryFn: () => api.get<ItemDetail>(`${ITEMS}/${id}`),
  });
  const draft = item.data?.checklists.find((c) => c.status === 'draft');
  const published = item.data?.checklists.find((c) => c.status === 'published');
  const start = draft ?? published;
  const source = useQuery({
    queryKey: [ITEMS, id, 'checklist', start?.version],
    queryFn: () => api.get<ChecklistRecord>(`${ITEMS}/${id}/checklists/${start?.version}`),
    enabled: Boolean(start),
  });

  useEffect(() => {
    if (!item.data) return;
    if (start && !source.data) return;
    form.setFieldsValue({ ...(source.data?.content ?? EMPTY), note: draft ? source.data?.note : '' });
  }, [item.data, start, source.data, draft, form]);

  const reload = () => queryClient.invalidateQueries({ queryKey: [ITEMS] });
  const saveDraft = async (): Promise<boolean> => {
    let values: Values;
    try {
      values = await form.validateFields();
    } catch {
      return false;
    }
    setBusy(true);
    try {
      const { version } = await api.put<{ version: number }>(`${ITEMS}/${id}/checklist-draft`, {
        content: { mains: values.mains },
        note: values.note?.trim() ?? '',
      });
      message.success(t('checklist.savedDraft', { version }));
      reload();
      return true;
    } catch (error) {
      const field = (error as { field?: string }).field;
      if (field?.startsWith('content.')) {
        // The server names the field by path (content.mains.0.subs.1.title): the form's own path.
        const name = formPath(field) as never;
        form.setFields([{ name, errors: [errorText(error, locale)] }]);
        form.scrollToField(name);
      } else {
        const text = showServerError(form, error, locale);
        if (text) message.error(text);
      }
      return false;
    } finally {
      setBusy(false);
    }
  };
  const publish = async () => {
    if (!(await saveDraft())) return;
    try {
      const { version } = await api.post<{ version: number }>(`${ITEMS}/${id}/checklist-draft/publish`);
      message.success(t('checklist.published', { version }));
      reload();
    } catch (error) {
      message.error(errorText(error, locale));
    }
  };
  const discard = async () => {
    try {
      await api.post(`${ITEMS}/${id}/checklist-draft/discard`);
      message.success(t('checklist.discarded'));
      await reload();
    } catch (error) {
      message.error(errorText(error, locale));
    }
  };

  if (item.isError) return <QueryError error={item.error} retry={() => item.refetch()} />;
  if (!item.data || (start && !source.data)) return <Loading />;
  const methods = (facets.data?.checkMethods ?? []).map((m) => ({ value: m }));
  const required = [{ required: true, whitespace: true }];

  return (
    <>
      <PageHeader
        title={t('checklist.editorTitle', { name: item.data.name })}
        subtitle={
          draft
            ? t('checklist.editingDraft', { version: draft.version })
            : t('checklist.newDraft', { version: (item.data.checklists[0]?.version ?? 0) + 1 })
        }
        extra={
          <div className="tp-detail-actions">
            <Link to={`/items/${id}`}>
              <Button icon={<ArrowLeftOutlined />}>{t('common.back')}</Button>
            </Link>
            {draft && (
              <Popconfirm title={t('checklist.discardConfirm')} onConfirm={discard}>
                <Button danger>{t('checklist.discard')}</Button>
              </Popconfirm>
            )}
            <Button onClick={saveDraft} loading={busy} data-testid="checklist-save">
              {t('checklist.saveDraft')}
            </Button>
            <Popconfirm title={t('checklist.publishConfirm')} onConfirm={publish}>
              <Button type="primary" loading={busy} data-testid="checklist-publish">
                {t('checklist.publish')}
              </Button>
            </Popconfirm>
          </div>
        }
      />
      {!item.data.writable && (
        <Alert type="warning" showIcon title={t('item.readOnly')} style={{ marginBottom: 16 }} />
      )}
      <Form form={form} layout="vertical">
        <Form.List name="mains">
          {(mains, mainOps) => (
            <>
              {mains.map((main, m) => (
                <Card
                  key={main.key}
                  className="tp-checklist-main"
                  size="small"
                  title={t('checklist.mainNumber', { n: m + 1 })}
                  extra={
                    mains.length > 1 && (
                      <Button
                        type="text"
                        danger
                        icon={<DeleteOutlined />}
                        onClick={() => mainOps.remove(main.name)}
                        aria-label={t('checklist.remove')}
                      />
                    )
                  }
                >
                  <Form.Item name={[main.name, 'title']} label={t('checklist.main')} rules={required}>
                    <Input />
                  </Form.Item>
                  <Form.List name={[main.name, 'subs']}>
                    {(subs, subOps) => (
                      <>
                        {subs.map((sub, s) => (
                          <div key={sub.key} className="tp-checklist-sub">
                            <div style={{ display: 'flex', gap: 8, alignItems: 'flex-start' }}>
                              <Form.Item
                                name={[sub.name, 'title']}
                                label={t('checklist.subNumber', { n: `${m + 1}.${s + 1}` })}
                                rules={required}
                                style={{ flex: 1, minWidth: 0 }}
                              >
                                <Input />
                              </Form.Item>
                              {subs.length > 1 && (
                                <Button
                                  type="text"
                                  danger
                                  icon={<DeleteOutlined />}
                                  onClick={() => subOps.remove(sub.name)}
                                  aria-label={t('checklist.remove')}
                                  style={{ marginTop: 30 }}
                                />
                              )}
                            </div>
                            <Form.List name={[sub.name, 'contents']}>
                              {(contents, contentOps) => (
                                <>
                                  {contents.map((content, c) => (
                                    <div key={content.key} className="tp-checklist-content">
                                      <Form.Item
                                        name={[content.name, 'text']}
                                        label={`${m + 1}.${s + 1}.${c + 1} ${t('checklist.content')}`}
                                        rules={[...required, { max: 500 }]}
                                      >
                                        <Input.TextArea autoSize={{ minRows: 1, maxRows: 4 }} />
                                      </Form.Item>
                                      <Form.Item
                                        name={[content.name, 'method']}
                                        label={t('checklist.method')}
                                        rules={[...required, { max: 100 }]}
                                      >
                                        <AutoComplete options={methods} />
                                      </Form.Item>
                                      <Form.Item
                                        name={[content.name, 'compliant']}
                                        label={t('checklist.compliant')}
                                        rules={[...required, { max: 500 }]}
                                      >
                                        <Input.TextArea autoSize={{ minRows: 1, maxRows: 4 }} />
                                      </Form.Item>
                                      <Button
                                        type="text"
                                        danger
                                        icon={<DeleteOutlined />}
                                        disabled={contents.length === 1}
                                        onClick={() => contentOps.remove(content.name)}
                                        aria-label={t('checklist.remove')}
                                        style={{ marginTop: 30 }}
                                      />
                                    </div>
                                  ))}
                                  <Button
                                    type="dashed"
                                    size="small"
                                    icon={<PlusOutlined />}
                                    onClick={() =>
                                      contentOps.add({ text: '', method: '现场检查', compliant: '' })
                                    }
                                  >
                                    {t('checklist.addContent')}
                                  </Button>
                                </>
                              )}
                            </Form.List>
                          </div>
                        ))}
                        <Button
                          type="dashed"
                          icon={<PlusOutlined />}
                          onClick={() =>
                            subOps.add({
                              title: '',
                              contents: [{ text: '', method: '现场检查', compliant: '' }],
                            })
                          }
                        >
                          {t('checklist.addSub')}
                        </Button>
                      </>
                    )}
                  </Form.List>
                </Card>
              ))}
              <Button
                type="dashed"
                block
                icon={<PlusOutlined />}
                onClick={() => mainOps.add(structuredClone(EMPTY.mains[0]))}
                style={{ marginBottom: 16 }}
              >
                {t('checklist.addMain')}
              </Button>
            </>
          )}
        </Form.List>
        <Form.Item name="note" label={t('checklist.note')} rules={[{ max: 500 }]}>
          <Input />
        </Form.Item>
      </Form>
    </>
  );
}
