import { Alert, Badge, Button, Card, Checkbox, Group, Stack, Table, Text, TextInput, Title } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { errorMessage } from '../../i18n';
import { PERMISSIONS, useAddRole, useSetRolePermissions, type Permission, type Role } from '../../shared/api/team';
import { roleDescription, roleName } from '../../shared/lib/labels';

/**
 * RolesPanel shows what each role may do and adds custom roles. lockedWhy,
 * when set, says why this computer's member may not change them: the boxes
 * are then read-only, so nobody ticks one only to be refused.
 */
export function RolesPanel({ roles, lockedWhy = null }: { roles: Role[]; lockedWhy?: string | null }) {
  const { t } = useTranslation();
  const setPerms = useSetRolePermissions();
  const addRole = useAddRole();
  const [name, setName] = useState('');
  const [description, setDescription] = useState('');
  const [error, setError] = useState<string | null>(null);

  async function toggle(role: Role, perm: Permission, on: boolean) {
    const current = role.permissions as Permission[];
    const next = on ? [...current, perm] : current.filter((p) => p !== perm);
    try {
      await setPerms.mutateAsync({ roleId: role.id, permissions: next });
    } catch (err) {
      notifications.show({ color: 'red', message: errorMessage(err) });
    }
  }

  async function add() {
    setError(null);
    try {
      const role = await addRole.mutateAsync({ name, description, permissions: [] });
      notifications.show({ color: 'green', message: t('team.roleAdded', { name: role.name }) });
      setName('');
      setDescription('');
    } catch (err) {
      setError(errorMessage(err));
    }
  }

  return (
    <Card withBorder>
      <Stack gap="sm">
        <div>
          <Title order={4}>{t('team.rolesTitle')}</Title>
          <Text size="sm" c="dimmed">
            {t('team.rolesIntro')}
          </Text>
        </div>
        {lockedWhy && (
          <Alert color="gray" data-testid="roles-locked">
            {lockedWhy}
          </Alert>
        )}
        <Table.ScrollContainer minWidth={560}>
          <Table striped>
            <Table.Thead>
              <Table.Tr>
                <Table.Th>{t('team.roles')}</Table.Th>
                {PERMISSIONS.map((p) => (
                  <Table.Th key={p}>{t(`permissions.${p}`)}</Table.Th>
                ))}
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {roles.map((r) => (
                <Table.Tr key={r.id}>
                  <Table.Td>
                    <Group gap={6}>
                      <Text fw={500}>{roleName(t, r)}</Text>
                      {!r.builtIn && <Badge size="xs" variant="outline">{t('team.customRole')}</Badge>}
                    </Group>
                    <Text size="xs" c="dimmed">
                      {roleDescription(t, r)}
                    </Text>
                  </Table.Td>
                  {PERMISSIONS.map((p) => (
                    <Table.Td key={p}>
                      <Checkbox
                        aria-label={`${roleName(t, r)}: ${t(`permissions.${p}`)}`}
                        checked={(r.permissions as string[]).includes(p)}
                        disabled={!!lockedWhy}
                        onChange={(e) => void toggle(r, p, e.currentTarget.checked)}
                      />
                    </Table.Td>
                  ))}
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
        {!lockedWhy && (
          <Group align="flex-end">
            <TextInput label={t('team.roleName')} value={name} onChange={(e) => setName(e.currentTarget.value)} error={error} />
            <TextInput label={t('team.roleDescription')} value={description} onChange={(e) => setDescription(e.currentTarget.value)} style={{ flex: 1 }} />
            <Button variant="light" onClick={() => void add()} loading={addRole.isPending}>
              {t('team.addRole')}
            </Button>
          </Group>
        )}
      </Stack>
    </Card>
  );
}
