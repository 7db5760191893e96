import { Alert, Badge, Card, Code, Group, Select, Stack, Table, Text, Title } from '@mantine/core';
import { useState } from 'react';
import { notifications } from '@mantine/notifications';
import { useTranslation } from 'react-i18next';
import { errorMessage } from '../../i18n';
import { useDecideDevice, useDevices, type DeviceDecision, type SyncDevice } from '../../shared/api/sync';
import { useMembers } from '../../shared/api/team';
import { useCan } from '../../shared/api/permissions';
import { useWorkspaceInfo } from '../../shared/api/workspace';
import { ConfirmDelete } from '../../shared/ui/ConfirmDelete';
import { GuardedButton } from '../../shared/ui/GuardedButton';
import { formatDateTime } from '../../shared/lib/datetime';

const stateColor: Record<string, string> = { confirmed: 'green', waiting: 'orange', refused: 'gray', revoked: 'red' };

/**
 * DevicesPanel lists the computers of the shared workspace: new computers
 * asking to join (with the code to compare, and confirm or refuse), and every
 * computer with its state (revoke a lost one). Only someone who manages the
 * team, or the member a computer is for, may decide; the backend checks it.
 * In an encrypted folder a joining computer cannot read the team, so it asks
 * without a member and the person confirming it chooses one.
 */
export function DevicesPanel({ encrypted = false }: { encrypted?: boolean }) {
  const { t, i18n } = useTranslation();
  const devices = useDevices();
  const members = useMembers();
  const info = useWorkspaceInfo();
  const manage = useCan('manage_team');
  const decide = useDecideDevice();
  // The member chosen for each computer that asked to join without one (an encrypted folder).
  const [joinsAs, setJoinsAs] = useState<Record<string, string | null>>({});
  if (!devices.data) return null;
  const memberName = (id: string) => members.data?.find((m) => m.id === id)?.name ?? t('sync.unknownMember');
  const me = info.data?.me ?? '';
  // Why this person may not decide about d (null: they may).
  const why = (d: SyncDevice) =>
    manage === 'no' && d.member !== me ? t('errors.device.permission_denied') : null;
  const run = async (d: SyncDevice, decision: DeviceDecision) => {
    try {
      const member = decision === 'confirm' && choose(d) ? (joinsAs[d.id] ?? undefined) : undefined;
      await decide.mutateAsync({ id: d.id, decision, member });
      notifications.show({ message: t(`sync.${decision === 'confirm' ? 'confirmed' : decision === 'refuse' ? 'refused' : 'revoked'}`) });
    } catch (err) {
      notifications.show({ color: 'red', message: errorMessage(err) });
    }
  };
  const requests = devices.data.filter((d) => !d.this && d.state === 'waiting');
  // Whom a computer that asked without a member is confirmed as: chosen in an
  // encrypted folder, unless the team has no members yet (one person on two
  // computers), when it is confirmed as it is, as the backend does.
  const choose = (d: SyncDevice) => encrypted && !d.member && (members.data?.length ?? 0) > 0;
  return (
    <Card withBorder data-testid="sync-computers">
      <Stack>
        <div>
          <Title order={5}>{t('sync.computers')}</Title>
          <Text size="sm" c="dimmed">
            {t('sync.computersHelp')}
          </Text>
        </div>
        {requests.map((d) => (
          <Alert
            key={d.id}
            color="orange"
            data-testid="join-request"
            title={
              d.member
                ? t('sync.joinRequest', { name: d.name || t('sync.unnamed'), member: memberName(d.member) })
                : t('sync.joinRequestAnyone', { name: d.name || t('sync.unnamed') })
            }
          >
            <Stack gap="xs">
              <Text size="sm">{t('sync.joinRequestHelp')}</Text>
              {choose(d) && (
                <Select
                  label={t('sync.confirmAs')}
                  description={t('sync.confirmAsHelp')}
                  data={(members.data ?? []).map((m) => ({ value: m.id, label: m.name }))}
                  value={joinsAs[d.id] ?? null}
                  onChange={(v) => setJoinsAs((cur) => ({ ...cur, [d.id]: v }))}
                  maw={320}
                  data-testid="join-as"
                />
              )}
              <Group gap="xs">
                <Text size="sm">{t('sync.fingerprint')}:</Text>
                <Code data-testid="join-fingerprint">{d.fingerprint}</Code>
              </Group>
              {d.waiting > 0 && <Text size="sm">{t('sync.waitingChanges', { count: d.waiting })}</Text>}
              <Group gap="xs">
                <GuardedButton
                  reason={why(d) ?? (choose(d) && !joinsAs[d.id] ? t('sync.confirmAsHelp') : null)}
                  loading={decide.isPending}
                  onClick={() => void run(d, 'confirm')}
                >
                  {t('sync.confirm')}
                </GuardedButton>
                <GuardedButton reason={why(d)} variant="default" onClick={() => void run(d, 'refuse')}>
                  {t('sync.refuse')}
                </GuardedButton>
              </Group>
            </Stack>
          </Alert>
        ))}
        <Table>
          <Table.Thead>
            <Table.Tr>
              <Table.Th>{t('sync.member')}</Table.Th>
              <Table.Th>{t('sync.fingerprint')}</Table.Th>
              <Table.Th>{t('sync.confirmedBy')}</Table.Th>
              <Table.Th>{t('sync.seen')}</Table.Th>
              <Table.Th />
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {devices.data.map((d) => (
              <Table.Tr key={d.id} data-testid="computer-row">
                <Table.Td>
                  <Text size="sm" fw={500}>
                    {d.this ? t('sync.thisComputer') : d.name || t('sync.unnamed')}
                  </Text>
                  <Text size="xs" c="dimmed">
                    {d.member ? memberName(d.member) : t('sync.unknownMember')}
                  </Text>
                </Table.Td>
                <Table.Td>
                  <Code>{d.fingerprint}</Code>
                </Table.Td>
                <Table.Td>{d.confirmedBy ? memberName(d.confirmedBy) : '—'}</Table.Td>
                <Table.Td>{d.lastSeen ? formatDateTime(d.lastSeen, i18n.language) : '—'}</Table.Td>
                <Table.Td>
                  <Stack gap={4} align="flex-start">
                    <Badge color={stateColor[d.state] ?? 'gray'} variant="light">
                      {t(`sync.state.${d.state}`)}
                    </Badge>
                    {/* Until the next sync the list still holds why it waited before the confirmation. */}
                    {d.waiting > 0 && d.waitingReason && !(d.state === 'confirmed' && d.waitingReason === 'not_confirmed') && (
                      <Text size="xs" c="orange">
                        {t('sync.waitingChanges', { count: d.waiting })}: {t(`sync.waiting.${d.waitingReason}`)}
                      </Text>
                    )}
                    {!d.this && d.state === 'confirmed' && (
                      <ConfirmDelete
                        question={t('sync.revokeConfirm', { name: d.name || t('sync.unnamed') })}
                        confirmLabel={t('sync.revoke')}
                        onConfirm={() => run(d, 'revoke')}
                        target={(open) => (
                          <span>
                            <GuardedButton reason={why(d)} size="xs" variant="subtle" color="red" onClick={open}>
                              {t('sync.revoke')}
                            </GuardedButton>
                          </span>
                        )}
                      />
                    )}
                  </Stack>
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      </Stack>
    </Card>
  );
}
