// 我的任务: the inspector's tasks on a phone — today, upcoming, overdue, done — each with one tap to
// call the business or navigate there. The list is kept on the phone for when the network is gone.
// /my-tasks/<task id> is the task itself (InspectTaskPage).
import { EnvironmentOutlined, PhoneOutlined, RightOutlined } from '@ant-design/icons';
import { useQuery } from '@tanstack/react-query';
import { Alert, Button, Card, Empty, Segmented, Space, Tag } from 'antd';
import { lazy, Suspense, useEffect, useState } from 'react';
import { Link, useNavigate, useParams } from 'react-router';
import { api } from '../api/client.ts';
import type { MyTask } from '../api/inspections.ts';
import { useCurrentUser } from '../auth/session.tsx';
import { Loading } from '../components/Loading.tsx';
import { PageHeader } from '../components/PageHeader.tsx';
import { QueryError } from '../components/QueryError.tsx';
import { useT } from '../i18n/index.tsx';
import { mapUrl } from '../inspections/labels.ts';
import { DeadlineTag, StatusTag, SyncIndicator } from '../inspections/parts.tsx';
import { store } from '../offline/store.ts';
import { startSync } from '../offline/sync.ts';

const InspectTaskPage = lazy(() => import('./InspectTaskPage.tsx'));
const VIEWS = ['today', 'upcoming', 'overdue', 'done'] as const;

/** The list from the server, or the copy kept on the phone when the server cannot be reached. */
function useMyTasks(userId: string) {
  const key = `my-tasks:${userId}`;
  return useQuery({
    queryKey: ['/api/my/tasks'],
    queryFn: async () => {
      try {
        const data = await api.get<{ today: string; rows: MyTask[] }>('/api/my/tasks');
        await store.put('lists', { key, data });
        return { ...data, cached: false };
      } catch (error) {
        const kept = await store.get('lists', key);
        if (kept) return { ...kept.data, cached: true };
        throw error;
      }
    },
    retry: false,
  });
}

function TaskCard({ task }: { task: MyTask }) {
  const t = useT();
  const navigate = useNavigate();
  const open = () => navigate(`/my-tasks/${task.taskId}`);
  return (
    <Card className="tp-task-card" data-testid="task-card" data-task={task.taskId}>
      <Link to={`/my-tasks/${task.taskId}`} className="tp-task-name">
        {task.entityName}
      </Link>
      <Space size={[4, 4]} wrap style={{ marginTop: 4 }}>
        <StatusTag status={task.status} />
        {task.lead && <Tag color="gold">{t('insp.team.lead')}</Tag>}
        {task.recheck && <Tag color="purple">{t('insp.task.recheck')}</Tag>}
        <DeadlineTag deadline={task.deadline} />
        {task.plannedOn && <Tag>{t('insp.task.planned', { date: task.plannedOn })}</Tag>}
      </Space>
      {task.returnReason && (
        <Alert
          type="error"
          showIcon
          style={{ marginTop: 8 }}
          title={t('insp.returned', { reason: task.returnReason })}
        />
      )}
      <div className="tp-task-address">
        <span className="tp-code">{task.code}</span> · {task.address ?? '—'}
      </div>
      <div className="tp-task-actions">
        {task.phone && (
          <Button href={`tel:${task.phone}`} icon={<PhoneOutlined />}>
            {t('insp.task.call')}
          </Button>
        )}
        {task.address && (
          <Button href={mapUrl(task.address)} target="_blank" rel="noreferrer" icon={<EnvironmentOutlined />}>
            {t('insp.task.navigate')}
          </Button>
        )}
        <Button
          type="primary"
          onClick={open}
          icon={<RightOutlined />}
          iconPlacement="end"
          data-testid="open-task"
        >
          {t('insp.task.open')}
        </Button>
      </div>
    </Card>
  );
}

function TaskList() {
  const t = useT();
  const user = useCurrentUser();
  useEffect(() => startSync(user.id), [user.id]);
  const tasks = useMyTasks(user.id);
  const rows = tasks.data?.rows ?? [];
  const counts = Object.fromEntries(VIEWS.map((v) => [v, rows.filter((r) => r.view === v).length]));
  const [view, setView] = useState<(typeof VIEWS)[number] | null>(null);
  // Open on the first list that has something to do.
  const shown = view ?? VIEWS.find((v) => counts[v] > 0) ?? 'today';
  return (
    <>
      <PageHeader title={t('nav.myTasks')} extra={<SyncIndicator />} />
      {tasks.data?.cached && (
        <Alert type="info" showIcon title={t('insp.task.cachedList')} style={{ marginBottom: 12 }} />
      )}
      {tasks.isError && <QueryError error={tasks.error} retry={() => tasks.refetch()} />}
      <Segmented
        block
        value={shown}
        onChange={(v) => setView(v as (typeof VIEWS)[number])}
        options={VIEWS.map((v) => ({ value: v, label: `${t(`insp.view.${v}`)} ${counts[v]}` }))}
        style={{ marginBottom: 12 }}
        data-testid="task-views"
      />
      {tasks.isLoading ? (
        <Loading />
      ) : rows.filter((r) => r.view === shown).length === 0 ? (
        <Empty description={t('insp.task.none')} />
      ) : (
        rows.filter((r) => r.view === shown).map((task) => <TaskCard key={task.taskId} task={task} />)
      )}
    </>
  );
}

export default function MyTasksPage() {
  const taskId = useParams()['*'];
  if (taskId)
    return (
      <Suspense fallback={<Loading />}>
        <InspectTaskPage taskId={taskId} />
      </Suspense>
    );
  return <TaskList />;
}
