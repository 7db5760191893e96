import { Alert, Badge, Button, Card, Checkbox, Group, List, Loader, NumberInput, SegmentedControl, Select, Stack, Table, Text, Textarea, TextInput, Title } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { IconDownload, IconPencil, IconPlayerPlay, IconPlus, IconRosetteDiscountCheck, IconTrash } from '@tabler/icons-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { errorMessage } from '../../i18n';
import { ConfirmDelete } from '../../shared/ui/ConfirmDelete';
import { saveFile } from '../../shared/api/files';
import {
  exportGuide,
  useDeletePlaybook,
  useDuePlaybooks,
  useMarkReviewed,
  usePlaybooks,
  useRunPlaybook,
  useCheckRunItem,
  useRunTask,
  useSavePlaybook,
  useSeedBuiltIns,
  type Playbook,
  type PlaybookInput,
} from '../../shared/api/playbooks';
import { useMembers, useRoles } from '../../shared/api/team';
import { useDates } from '../../shared/lib/datetime';
import { groupedRoleOptions, roleName } from '../../shared/lib/labels';

function toInput(p: Playbook): PlaybookInput {
  return {
    title: p.title,
    lang: p.lang,
    body: p.body,
    checklist: p.checklist ?? [],
    roles: p.roles ?? [],
    ownerRole: p.ownerRole,
    ownerId: p.ownerId,
    reviewDays: p.reviewDays,
    guideline: p.guideline,
  };
}

/**
 * PlaybooksPage holds the team's process playbooks: how to handle a
 * campaign, the monthly report, inquiries, a crisis, a new network or tool,
 * and the guidelines for anyone who speaks for the company. Each can be
 * read, edited, marked reviewed and run (a task with its checklist for the
 * member holding its role), and all can be exported as a training guide.
 */
export function PlaybooksPage({ language }: { language: string }) {
  const { t } = useTranslation();
  useSeedBuiltIns();
  const list = usePlaybooks();
  const due = useDuePlaybooks();
  const [selected, setSelected] = useState<string | null>(null);
  const [editing, setEditing] = useState<{ id: string | null; input: PlaybookInput } | null>(null);
  const [format, setFormat] = useState<'md' | 'html'>('html');
  const [lang, setLang] = useState<'en' | 'id'>(language === 'id' ? 'id' : 'en');
  const current = list.data?.find((p) => p.id === selected) ?? null;
  const dates = useDates();

  async function doExport() {
    try {
      const path = await saveFile(t('playbooks.exportTitle'), `${t('playbooks.exportFileName')}.${format}`, format.toUpperCase(), `*.${format}`);
      if (!path) return;
      await exportGuide(format, lang, path);
      notifications.show({ message: t('playbooks.exported', { file: path }) });
    } catch (err) {
      notifications.show({ color: 'red', message: errorMessage(err) });
    }
  }

  return (
    <Stack gap="lg" maw={1100}>
      <div>
        <Title order={2}>{t('playbooks.title')}</Title>
        <Text c="dimmed" maw={720}>
          {t('playbooks.intro')}
        </Text>
      </div>

      {(due.data ?? []).length > 0 && (
        <Alert color="yellow" title={t('playbooks.dueTitle')} data-testid="playbooks-due">
          <List size="sm">
            {(due.data ?? []).map((p) => (
              <List.Item key={p.id}>
                <Button variant="subtle" size="compact-sm" onClick={() => setSelected(p.id)}>
                  {p.title}
                </Button>{' '}
                {t('playbooks.dueSince', { date: dates.day(p.dueOn) })}
              </List.Item>
            ))}
          </List>
        </Alert>
      )}

      <Card withBorder>
        <Group justify="space-between" mb="sm">
          <Title order={4}>{t('playbooks.listTitle')}</Title>
          <Group gap="xs">
            <SegmentedControl size="xs" value={format} onChange={(v) => setFormat(v as 'md' | 'html')} data={[
              { value: 'html', label: 'HTML' },
              { value: 'md', label: 'Markdown' },
            ]} aria-label={t('playbooks.exportFormat')} />
            <SegmentedControl size="xs" value={lang} onChange={(v) => setLang(v as 'en' | 'id')} data={[
              { value: 'en', label: t('languages.en') },
              { value: 'id', label: t('languages.id') },
            ]} aria-label={t('playbooks.exportLanguage')} />
            <Button variant="default" leftSection={<IconDownload size={16} />} onClick={() => void doExport()}>
              {t('playbooks.export')}
            </Button>
            <Button
              leftSection={<IconPlus size={16} />}
              onClick={() =>
                setEditing({
                  id: null,
                  input: { title: '', lang: language === 'id' ? 'id' : 'en', body: '', checklist: [], roles: [], ownerRole: '', ownerId: '', reviewDays: 180, guideline: false },
                })
              }
            >
              {t('playbooks.add')}
            </Button>
          </Group>
        </Group>
        {list.isPending ? (
          <Loader size="sm" aria-label={t('common.loading')} />
        ) : (list.data ?? []).length === 0 ? (
          <Text c="dimmed" data-testid="playbooks-empty">
            {t('playbooks.empty')}
          </Text>
        ) : (
          <Table highlightOnHover data-testid="playbooks-list">
            <Table.Thead>
              <Table.Tr>
                <Table.Th>{t('playbooks.name')}</Table.Th>
                <Table.Th>{t('playbooks.ownerRole')}</Table.Th>
                <Table.Th>{t('playbooks.nextReview')}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {(list.data ?? []).map((p) => (
                <Table.Tr key={p.id} onClick={() => setSelected(p.id)} style={{ cursor: 'pointer' }} bg={p.id === selected ? 'var(--mantine-color-blue-light)' : undefined}>
                  <Table.Td>
                    <Group gap={6}>
                      <Text size="sm">{p.title}</Text>
                      {p.guideline && <Badge size="xs" variant="light">{t('playbooks.guideline')}</Badge>}
                      {p.lang !== language && <Badge size="xs" variant="outline">{p.lang}</Badge>}
                    </Group>
                  </Table.Td>
                  <Table.Td>
                    <RoleLabel id={p.ownerRole} />
                  </Table.Td>
                  <Table.Td>{p.dueOn ? dates.day(p.dueOn) : ''}</Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        )}
      </Card>

      {editing ? (
        <PlaybookEditor key={editing.id ?? 'new'} id={editing.id} initial={editing.input} onDone={(id) => { setEditing(null); if (id) setSelected(id); }} />
      ) : (
        current && <PlaybookView playbook={current} onEdit={() => setEditing({ id: current.id, input: toInput(current) })} onDeleted={() => setSelected(null)} />
      )}
    </Stack>
  );
}

function RoleLabel({ id }: { id: string }) {
  const { t } = useTranslation();
  const roles = useRoles();
  const role = roles.data?.find((r) => r.id === id);
  return <>{role ? roleName(t, role) : id}</>;
}

function PlaybookView({ playbook: p, onEdit, onDeleted }: { playbook: Playbook; onEdit: () => void; onDeleted: () => void }) {
  const { t } = useTranslation();
  const members = useMembers();
  const run = useRunPlaybook();
  const reviewed = useMarkReviewed();
  const del = useDeletePlaybook();
  const dates = useDates();
  const owner = members.data?.find((m) => m.id === p.ownerId);
  const [ranTask, setRanTask] = useState('');
  return (
    <Card withBorder data-testid="playbook-view">
      <Stack gap="sm">
        <Group justify="space-between" align="flex-start">
          <div>
            <Title order={3}>{p.title}</Title>
            <Text size="sm" c="dimmed">
              {t('playbooks.owner')}: {owner ? owner.name : <RoleLabel id={p.ownerRole} />} · {t('playbooks.reviewEvery', { count: p.reviewDays })} ·{' '}
              {t('playbooks.reviewedOn', { date: p.reviewedOn ? dates.day(p.reviewedOn) : '—' })}
            </Text>
          </div>
          <Group gap="xs">
            <Button
              leftSection={<IconPlayerPlay size={16} />}
              loading={run.isPending}
              onClick={async () => {
                try {
                  const r = await run.mutateAsync(p.id);
                  setRanTask(r.taskId);
                  const who = members.data?.find((m) => m.id === r.assigneeId)?.name ?? '';
                  notifications.show({ message: t('playbooks.ran', { name: who, count: r.checklist.length }) });
                } catch (err) {
                  notifications.show({ color: 'red', message: errorMessage(err) });
                }
              }}
            >
              {t('playbooks.run')}
            </Button>
            <Button
              variant="default"
              leftSection={<IconRosetteDiscountCheck size={16} />}
              onClick={() => reviewed.mutateAsync(p.id).catch((err) => notifications.show({ color: 'red', message: errorMessage(err) }))}
            >
              {t('playbooks.markReviewed')}
            </Button>
            <Button variant="default" leftSection={<IconPencil size={16} />} onClick={onEdit}>
              {t('common.edit')}
            </Button>
            <ConfirmDelete
              leftSection={<IconTrash size={16} />}
              question={t('playbooks.confirmDelete', { name: p.title })}
              onConfirm={async () => {
                try {
                  await del.mutateAsync(p.id);
                  onDeleted();
                } catch (err) {
                  notifications.show({ color: 'red', message: errorMessage(err) });
                }
              }}
            >
              {t('common.delete')}
            </ConfirmDelete>
          </Group>
        </Group>
        {ranTask && <RunTaskPanel taskId={ranTask} />}
        {/* A teammate's text is shown as text, never as markup. */}
        <Text size="sm" style={{ whiteSpace: 'pre-wrap' }} data-testid="playbook-body">
          {p.body}
        </Text>
        <Title order={5}>{t('playbooks.checklist')}</Title>
        <List size="sm" data-testid="playbook-checklist">
          {(p.checklist ?? []).map((it, i) => (
            <List.Item key={i}>{it}</List.Item>
          ))}
        </List>
      </Stack>
    </Card>
  );
}

function PlaybookEditor({ id, initial, onDone }: { id: string | null; initial: PlaybookInput; onDone: (id: string | null) => void }) {
  const { t } = useTranslation();
  const roles = useRoles();
  const members = useMembers();
  const save = useSavePlaybook();
  const [input, setInput] = useState(initial);
  const [checklist, setChecklist] = useState(initial.checklist.join('\n'));
  const [reviewed, setReviewed] = useState(false);
  const [error, setError] = useState('');
  const set = (patch: Partial<PlaybookInput>) => setInput((i) => ({ ...i, ...patch }));
  return (
    <Card withBorder data-testid="playbook-editor">
      <Stack gap="sm">
        <Title order={4}>{id ? t('playbooks.edit') : t('playbooks.add')}</Title>
        <TextInput label={t('playbooks.name')} value={input.title} onChange={(e) => set({ title: e.currentTarget.value })} required />
        <Group grow>
          <Select
            label={t('playbooks.ownerRole')}
            data={groupedRoleOptions(t, roles.data ?? [])}
            value={input.ownerRole || null}
            onChange={(v) => set({ ownerRole: v ?? '' })}
            clearable
            searchable
          />
          <Select
            label={t('playbooks.ownerMember')}
            description={t('playbooks.ownerMemberHint')}
            data={(members.data ?? []).map((m) => ({ value: m.id, label: m.name }))}
            value={input.ownerId || null}
            onChange={(v) => set({ ownerId: v ?? '' })}
            clearable
          />
          <NumberInput label={t('playbooks.reviewDays')} min={1} max={3650} value={input.reviewDays} onChange={(v) => set({ reviewDays: Number(v) || 0 })} />
          <Select
            label={t('playbooks.language')}
            data={[
              { value: 'en', label: t('languages.en') },
              { value: 'id', label: t('languages.id') },
            ]}
            value={input.lang}
            onChange={(v) => set({ lang: v ?? 'en' })}
            allowDeselect={false}
          />
        </Group>
        <Textarea label={t('playbooks.text')} description={t('playbooks.textHint')} autosize minRows={8} maxRows={24} value={input.body} onChange={(e) => set({ body: e.currentTarget.value })} />
        <Textarea label={t('playbooks.checklist')} description={t('playbooks.checklistHint')} autosize minRows={4} value={checklist} onChange={(e) => setChecklist(e.currentTarget.value)} />
        <Group>
          <Checkbox label={t('playbooks.guideline')} checked={input.guideline} onChange={(e) => set({ guideline: e.currentTarget.checked })} />
          {id && <Checkbox label={t('playbooks.alsoReviewed')} checked={reviewed} onChange={(e) => setReviewed(e.currentTarget.checked)} />}
        </Group>
        {error && <Alert color="red">{error}</Alert>}
        <Group justify="flex-end">
          <Button variant="default" onClick={() => onDone(null)}>
            {t('common.cancel')}
          </Button>
          <Button
            loading={save.isPending}
            onClick={async () => {
              try {
                const items = checklist.split('\n').map((s) => s.trim()).filter(Boolean);
                const p = await save.mutateAsync({ id, input: { ...input, checklist: items }, reviewed });
                onDone(p.id);
              } catch (err) {
                setError(errorMessage(err));
              }
            }}
          >
            {t('common.save')}
          </Button>
        </Group>
      </Stack>
    </Card>
  );
}

/** RunTaskPanel shows the task a run just created, with its checklist to tick. */
function RunTaskPanel({ taskId }: { taskId: string }) {
  const { t } = useTranslation();
  const task = useRunTask(taskId);
  const members = useMembers();
  const check = useCheckRunItem(taskId);
  const dates = useDates();
  if (!task.data) return <Loader size="sm" aria-label={t('common.loading')} />;
  const who = members.data?.find((m) => m.id === task.data.assigneeId)?.name ?? '';
  return (
    <Alert color="green" title={t('playbooks.runTaskTitle', { name: who, date: dates.day(task.data.due) })} data-testid="playbook-run-task">
      <Stack gap={4}>
        {(task.data.checklist ?? []).map((it) => (
          <Checkbox
            key={it.id}
            label={it.text}
            checked={it.done}
            onChange={(e) =>
              check.mutateAsync({ itemId: it.id, done: e.currentTarget.checked }).catch((err) => notifications.show({ color: 'red', message: errorMessage(err) }))
            }
          />
        ))}
      </Stack>
    </Alert>
  );
}
