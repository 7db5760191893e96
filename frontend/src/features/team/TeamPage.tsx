import { Alert, Badge, Button, Card, Center, ColorSwatch, Drawer, Group, Loader, Modal, SimpleGrid, Stack, Text, TextInput, Title } from '@mantine/core';
import { useHotkeys } from '@mantine/hooks';
import { notifications } from '@mantine/notifications';
import { IconPencil, IconSearch, IconTrash, IconUserPlus, IconUsers } from '@tabler/icons-react';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router-dom';
import { errorMessage } from '../../i18n';
import { useAddMember, useDeleteMember, useMembers, useNetworks, useRoles, useUpdateMember, type Member } from '../../shared/api/team';
import { roleName } from '../../shared/lib/labels';
import { useCan } from '../../shared/api/permissions';
import { GuardedButton } from '../../shared/ui/GuardedButton';
import { MemberForm } from './MemberForm';
import { RolesPanel } from './RolesPanel';
import { AbsencesPanel, AwayBadge } from './AbsencesPanel';
import { WorkloadPanel } from './WorkloadPanel';

type Editing = { mode: 'add' } | { mode: 'edit'; member: Member } | null;

export function TeamPage({ me }: { me: string }) {
  const { t } = useTranslation();
  const members = useMembers();
  // Team changes need the manage-team permission (a device that has not said who it is may set the team up).
  const manageWhy = useCan('manage_team') === 'no' ? t('errors.team.permission_denied') : null;
  const roles = useRoles();
  const networks = useNetworks();
  const add = useAddMember();
  const update = useUpdateMember();
  const del = useDeleteMember();
  const [params, setParams] = useSearchParams();
  const [editing, setEditing] = useState<Editing>(null);
  const [deleting, setDeleting] = useState<Member | null>(null);
  const [query, setQuery] = useState('');

  // The command palette opens the add form through ?add=1.
  const adding = editing?.mode === 'add' || params.get('add') === '1';
  const closeForm = () => {
    setEditing(null);
    if (params.get('add')) setParams({}, { replace: true });
  };
  useHotkeys([['mod+shift+m', () => setEditing({ mode: 'add' })]]);

  const byId = useMemo(() => new Map((members.data ?? []).map((m) => [m.id, m])), [members.data]);
  const roleById = useMemo(() => new Map((roles.data ?? []).map((r) => [r.id, r])), [roles.data]);
  const networkName = (id: string) => networks.data?.find((n) => n.id === id)?.name ?? id;

  if (members.isPending || roles.isPending || networks.isPending) {
    return (
      <Center p="xl">
        <Loader aria-label={t('common.loading')} />
      </Center>
    );
  }
  const failed = members.error ?? roles.error ?? networks.error;
  if (failed) return <Alert color="red">{t('common.loadFailed', { message: errorMessage(failed) })}</Alert>;

  const list = members.data ?? [];
  const q = query.trim().toLowerCase();
  const shown = q ? list.filter((m) => `${m.name} ${m.email}`.toLowerCase().includes(q)) : list;
  const formOpen = adding || editing?.mode === 'edit';
  const current = editing?.mode === 'edit' ? editing.member : null;

  return (
    <Stack gap="lg">
      <Group justify="space-between" align="flex-end">
        <div>
          <Title order={2}>{t('team.title')}</Title>
          <Text c="dimmed" maw={640}>
            {t('team.intro')}
          </Text>
        </div>
        <GuardedButton reason={manageWhy} leftSection={<IconUserPlus size={18} />} onClick={() => setEditing({ mode: 'add' })}>
          {t('team.add')}
        </GuardedButton>
      </Group>

      {list.length === 0 ? (
        <Card withBorder p="xl" data-testid="team-empty">
          <Stack align="center" gap="xs">
            <IconUsers size={40} stroke={1.5} />
            <Title order={4}>{t('team.emptyTitle')}</Title>
            <Text c="dimmed" ta="center" maw={480}>
              {t('team.emptyBody')}
            </Text>
            <GuardedButton reason={manageWhy} mt="sm" onClick={() => setEditing({ mode: 'add' })}>
              {t('team.add')}
            </GuardedButton>
          </Stack>
        </Card>
      ) : (
        <>
          {list.length > 6 && (
            <TextInput
              leftSection={<IconSearch size={16} />}
              placeholder={t('team.search')}
              aria-label={t('team.search')}
              value={query}
              onChange={(e) => setQuery(e.currentTarget.value)}
              maw={320}
            />
          )}
          <SimpleGrid cols={{ base: 1, md: 2, xl: 3 }}>
            {shown.map((m) => {
              const backup = m.backupId ? byId.get(m.backupId) : undefined;
              return (
                <Card key={m.id} withBorder data-testid="member-card" aria-label={m.name}>
                  <Group justify="space-between" wrap="nowrap">
                    <Group gap="xs" wrap="nowrap">
                      <ColorSwatch color={m.color || '#868e96'} size={14} />
                      <Text fw={600} data-testid="member-name">
                        {m.name}
                      </Text>
                      {m.id === me && <Badge variant="light">{t('team.me')}</Badge>}
                      <AwayBadge memberId={m.id} />
                      {m.freelancer && (
                        <Badge variant="outline" color="gray">
                          {t('team.freelancerBadge')}
                        </Badge>
                      )}
                    </Group>
                    <Group gap={4} wrap="nowrap">
                      <GuardedButton reason={manageWhy} size="compact-sm" variant="subtle" leftSection={<IconPencil size={14} />} onClick={() => setEditing({ mode: 'edit', member: m })} aria-label={`${t('common.edit')} ${m.name}`}>
                        {t('common.edit')}
                      </GuardedButton>
                      <GuardedButton reason={manageWhy} size="compact-sm" variant="subtle" color="red" onClick={() => setDeleting(m)} aria-label={`${t('common.delete')} ${m.name}`}>
                        <IconTrash size={14} />
                      </GuardedButton>
                    </Group>
                  </Group>
                  {m.email && (
                    <Text size="sm" c="dimmed">
                      {m.email}
                    </Text>
                  )}
                  <Group gap={4} mt="xs" data-testid="member-roles">
                    {m.roles.map((r) => {
                      const role = roleById.get(r);
                      return (
                        <Badge key={r} variant="light" color="indigo">
                          {role ? roleName(t, role) : r}
                        </Badge>
                      );
                    })}
                  </Group>
                  {m.networks.length > 0 && (
                    <Text size="sm" mt="xs">
                      {m.networks.map(networkName).join(' · ')}
                    </Text>
                  )}
                  <Group justify="space-between" mt="xs">
                    <Text size="sm" c="dimmed">
                      {t('team.hoursShort', { hours: m.capacityHours })}
                    </Text>
                    <Text size="sm" c={backup ? undefined : 'orange'} data-testid="member-backup">
                      {t('team.backup')}: {backup ? backup.name : t('team.noBackup')}
                    </Text>
                  </Group>
                </Card>
              );
            })}
          </SimpleGrid>
        </>
      )}

      {list.length > 0 && <AbsencesPanel members={list} />}
      {list.length > 0 && <WorkloadPanel members={list} />}

      <RolesPanel roles={roles.data ?? []} lockedWhy={manageWhy} />

      <Drawer
        opened={formOpen}
        onClose={closeForm}
        position="right"
        size="md"
        title={current ? t('team.editTitle', { name: current.name }) : t('team.addTitle')}
      >
        {formOpen && (
          <MemberForm
            key={current?.id ?? 'new'}
            initial={current ?? undefined}
            selfId={current?.id}
            roles={roles.data ?? []}
            networks={networks.data ?? []}
            members={list}
            submitLabel={t('common.save')}
            onCancel={closeForm}
            onSubmit={async (input) => {
              if (current) {
                const saved = await update.mutateAsync({ id: current.id, input });
                notifications.show({ color: 'green', message: t('team.updated', { name: saved.name }) });
              } else {
                const saved = await add.mutateAsync(input);
                notifications.show({ color: 'green', message: t('team.added', { name: saved.name }) });
              }
              closeForm();
            }}
          />
        )}
      </Drawer>

      <Modal opened={deleting !== null} onClose={() => setDeleting(null)} title={t('team.deleteConfirmTitle', { name: deleting?.name })}>
        <Text>{t('team.deleteConfirmBody', { name: deleting?.name })}</Text>
        <Group justify="flex-end" mt="lg">
          <Button variant="default" onClick={() => setDeleting(null)}>
            {t('common.cancel')}
          </Button>
          <Button
            color="red"
            loading={del.isPending}
            onClick={async () => {
              if (!deleting) return;
              try {
                await del.mutateAsync(deleting.id);
                notifications.show({ message: t('team.deleted', { name: deleting.name }) });
                setDeleting(null);
              } catch (err) {
                notifications.show({ color: 'red', message: errorMessage(err) });
              }
            }}
          >
            {t('common.delete')}
          </Button>
        </Group>
      </Modal>
    </Stack>
  );
}
