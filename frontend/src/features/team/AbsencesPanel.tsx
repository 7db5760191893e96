import { Alert, Badge, Button, Card, Group, Modal, Select, Stack, Switch, Table, Text, TextInput, Title } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { IconBeach, IconTrash, IconTransfer } from '@tabler/icons-react';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { errorMessage } from '../../i18n';
import type { Member } from '../../shared/api/team';
import {
  ABSENCE_KINDS,
  useAbsences,
  useAddAbsence,
  useDeleteAbsence,
  useHandOver,
  useHandoverPlan,
  useSetAutoHandover,
  type Absence,
  type AbsenceInput,
  type AbsenceKind,
  type HandoverItem,
} from '../../shared/api/teamhealth';
import { useWorkspaceInfo } from '../../shared/api/workspace';
import { AppError } from '../../shared/lib/bridge';
import { useDates, wallClockIn } from '../../shared/lib/datetime';

const empty: AbsenceInput = { memberId: '', kind: 'vacation', from: '', to: '', note: '' };

/** AbsencesPanel lists who is away and hands their work over to backups. */
export function AbsencesPanel({ members }: { members: Member[] }) {
  const { t } = useTranslation();
  const dates = useDates();
  const info = useWorkspaceInfo();
  const setAuto = useSetAutoHandover();
  const list = useAbsences();
  const add = useAddAbsence();
  const del = useDeleteAbsence();
  const [form, setForm] = useState<AbsenceInput>(empty);
  const [error, setError] = useState<AppError | null>(null);
  const [handing, setHanding] = useState<Absence | null>(null);
  const byId = useMemo(() => new Map(members.map((m) => [m.id, m])), [members]);
  const fieldError = (field: string) => (error?.field === field ? errorMessage(error) : undefined);

  const submit = async () => {
    setError(null);
    try {
      const a = await add.mutateAsync(form);
      notifications.show({ color: 'green', message: t('absence.added', { name: byId.get(a.memberId)?.name ?? '' }) });
      setForm(empty);
      setHanding(a);
    } catch (err) {
      setError(err instanceof AppError ? err : new AppError({ code: 'internal', message: String(err) }));
    }
  };

  return (
    <Card withBorder data-testid="absences-panel">
      <Stack gap="sm">
        <Group justify="space-between">
          <Title order={4}>
            <IconBeach size={18} /> {t('absence.title')}
          </Title>
          <Switch
            label={t('absence.autoHandover')}
            description={t('absence.autoHandoverHint')}
            checked={info.data?.autoHandover ?? false}
            onChange={(e) => setAuto.mutate(e.currentTarget.checked)}
          />
        </Group>
        <Text size="sm" c="dimmed">
          {t('absence.intro')}
        </Text>
        <Group align="flex-start" wrap="wrap">
          <Select
            label={t('absence.member')}
            data={members.map((m) => ({ value: m.id, label: m.name }))}
            value={form.memberId || null}
            onChange={(v) => setForm({ ...form, memberId: v ?? '' })}
            error={fieldError('memberId')}
            searchable
            w={200}
          />
          <Select
            label={t('absence.kind')}
            data={ABSENCE_KINDS.map((k) => ({ value: k, label: t(`absence.kinds.${k}`) }))}
            value={form.kind}
            onChange={(v) => setForm({ ...form, kind: (v ?? 'vacation') as AbsenceKind })}
            allowDeselect={false}
            w={160}
          />
          <TextInput type="date" label={t('absence.from')} value={form.from} onChange={(e) => setForm({ ...form, from: e.currentTarget.value })} error={fieldError('from')} />
          <TextInput type="date" label={t('absence.to')} value={form.to} onChange={(e) => setForm({ ...form, to: e.currentTarget.value })} error={fieldError('to')} />
          <Button mt={25} onClick={submit} loading={add.isPending}>
            {t('absence.add')}
          </Button>
        </Group>
        {error && !error.field && <Alert color="red">{errorMessage(error)}</Alert>}
        {(list.data ?? []).length === 0 ? (
          <Text size="sm" c="dimmed">
            {t('absence.none')}
          </Text>
        ) : (
          <Table data-testid="absence-list">
            <Table.Tbody>
              {(list.data ?? []).map((a) => {
                const m = byId.get(a.memberId);
                const backup = m?.backupId ? byId.get(m.backupId) : undefined;
                return (
                  <Table.Tr key={a.id} data-testid="absence-row">
                    <Table.Td>
                      <Text fw={600}>{m?.name ?? '?'}</Text>
                    </Table.Td>
                    <Table.Td>
                      <Badge variant="light">{t(`absence.kinds.${a.kind}`)}</Badge>
                    </Table.Td>
                    <Table.Td>{t('absence.range', { from: dates.day(a.from), to: dates.day(a.to) })}</Table.Td>
                    <Table.Td>
                      {t('team.backup')}: {backup?.name ?? t('team.noBackup')}
                    </Table.Td>
                    <Table.Td>
                      <Group gap={4} justify="flex-end" wrap="nowrap">
                        <Button size="compact-sm" variant="light" leftSection={<IconTransfer size={14} />} onClick={() => setHanding(a)}>
                          {t('handover.open')}
                        </Button>
                        <Button
                          size="compact-sm"
                          variant="subtle"
                          color="red"
                          aria-label={`${t('common.delete')} ${m?.name ?? ''}`}
                          onClick={async () => {
                            try {
                              await del.mutateAsync(a.id);
                            } catch (err) {
                              notifications.show({ color: 'red', message: errorMessage(err) });
                            }
                          }}
                        >
                          <IconTrash size={14} />
                        </Button>
                      </Group>
                    </Table.Td>
                  </Table.Tr>
                );
              })}
            </Table.Tbody>
          </Table>
        )}
      </Stack>
      <HandoverModal absence={handing} members={byId} onClose={() => setHanding(null)} />
    </Card>
  );
}

/** HandoverModal shows what an absence's hand-over covers and does it in one action. */
function HandoverModal({ absence, members, onClose }: { absence: Absence | null; members: Map<string, Member>; onClose: () => void }) {
  const { t } = useTranslation();
  const dates = useDates();
  const plan = useHandoverPlan(absence?.id ?? null);
  const hand = useHandOver();
  const name = (id: string) => (id ? (members.get(id)?.name ?? '?') : t('handover.nobody'));
  const items = plan.data?.items ?? [];
  const pending = items.filter((i) => i.state === 'pending' && i.toId);
  const who = absence ? name(absence.memberId) : '';
  const backup = plan.data?.backupId ? name(plan.data.backupId) : t('handover.nobody');

  return (
    <Modal opened={absence !== null} onClose={onClose} size="xl" title={t('handover.title', { name: who })}>
      <Stack gap="sm" data-testid="handover">
        <Text size="sm">{t('handover.intro', { name: who, backup })}</Text>
        {plan.error && <Alert color="red">{errorMessage(plan.error)}</Alert>}
        {items.length === 0 && !plan.isPending && <Text c="dimmed">{t('handover.nothing', { name: who })}</Text>}
        {items.length > 0 && (
          <Table>
            <Table.Thead>
              <Table.Tr>
                <Table.Th>{t('handover.item')}</Table.Th>
                <Table.Th>{t('handover.goesTo')}</Table.Th>
                <Table.Th>{t('handover.state')}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {items.map((it) => (
                <Table.Tr key={`${it.kind}:${it.id}`} data-testid="handover-item" data-state={it.state}>
                  <Table.Td>
                    <Badge variant="outline" size="sm" mr={6}>
                      {t(`handover.kinds.${it.kind}`)}
                    </Badge>
                    {it.title || t('handover.untitled')}
                    {it.date && (
                      <Text size="xs" c="dimmed">
                        {dates.day(it.date)}
                      </Text>
                    )}
                  </Table.Td>
                  <Table.Td>{it.toId ? name(it.toId) : '—'}</Table.Td>
                  <Table.Td>
                    <ItemState item={it} name={name} />
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        )}
        <Group justify="flex-end">
          <Button variant="default" onClick={onClose}>
            {t('common.close')}
          </Button>
          <Button
            leftSection={<IconTransfer size={16} />}
            disabled={pending.length === 0}
            loading={hand.isPending}
            onClick={async () => {
              if (!absence) return;
              try {
                await hand.mutateAsync(absence.id);
                void plan.refetch();
              } catch (err) {
                notifications.show({ color: 'red', message: errorMessage(err) });
              }
            }}
          >
            {t('handover.do', { count: pending.length, backup })}
          </Button>
        </Group>
      </Stack>
    </Modal>
  );
}

function ItemState({ item, name }: { item: HandoverItem; name: (id: string) => string }) {
  const { t } = useTranslation();
  const dates = useDates();
  if (item.state === 'handed_over') {
    return (
      <Text size="sm" c="green">
        {t('handover.states.handed_over')}
        {item.at && ` · ${dates.dateTime(item.at)}`}
        {' · '}
        {item.byId ? name(item.byId) : t('handover.automatic')}
      </Text>
    );
  }
  if (item.toId) return <Text size="sm">{t('handover.states.pending')}</Text>;
  return (
    <Text size="sm" c="orange">
      {t(`handover.reasons.${item.reason}`, { names: (item.canApprove ?? []).map(name).join(', ') || t('handover.nobody') })}
    </Text>
  );
}

/** AwayBadge says on a member's card that they are away today (in the workspace's zone), and until when. */
export function AwayBadge({ memberId }: { memberId: string }) {
  const { t } = useTranslation();
  const dates = useDates();
  const info = useWorkspaceInfo();
  const today = info.data ? wallClockIn(Date.now(), info.data.timeZone).slice(0, 10) : '';
  const list = useAbsences(today, today);
  const a = (list.data ?? []).find((x) => x.memberId === memberId);
  if (!today || !a) return null;
  return (
    <Badge color="orange" variant="light" data-testid="member-away">
      {t('absence.awayUntil', { day: dates.day(a.to) })}
    </Badge>
  );
}
