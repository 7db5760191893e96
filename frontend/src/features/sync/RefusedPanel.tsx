import { Alert, Stack, Table, Text, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { usePost } from '../../shared/api/calendar';
import type { SyncStatus } from '../../shared/api/sync';
import { formatDateTime } from '../../shared/lib/datetime';

type RefusedChange = SyncStatus['refused'][number];

/** what names, in the user's words, what a refused change tried to do. */
function what(r: RefusedChange): string {
  switch (r.table) {
    case 'posts':
      return 'sync.refusedWhat.approval';
    case 'members':
      return 'sync.refusedWhat.member';
    case 'roles':
      return 'sync.refusedWhat.role';
    case 'style_guide_entries':
      return 'sync.refusedWhat.styleGuide';
    case 'workspace':
      return 'sync.refusedWhat.limits';
    default:
      return 'sync.refusedWhat.other';
  }
}

/**
 * reasonKey is the i18n key that says why a change was refused. A change
 * from a computer that belongs to no member is said to be so (unless that
 * computer was revoked, which says more).
 */
function reasonKey(r: RefusedChange): string {
  switch (r.reason === 'revoked' || r.member ? r.reason : 'no_member') {
    case 'no_member':
      return 'sync.refusedReasonNoMember';
    case 'revoked':
      return 'sync.refusedReasonRevoked';
    default:
      return 'sync.refusedReasonPermission';
  }
}

/**
 * RefusedWhat names the change in a row; for a post, with its title, so the
 * reader knows which post it is about. An approval always sets approved_by
 * and approved_at (the only post fields refused besides status), so a refused
 * status alone is a request for changes.
 */
function RefusedWhat({ r, fields }: { r: RefusedChange; fields: string[] }) {
  const { t } = useTranslation();
  const post = usePost(r.table === 'posts' ? r.id : null);
  const title = post.data?.title;
  if (r.table === 'posts' && title) {
    const approved = fields.includes('approved_by') || fields.includes('approved_at');
    return <>{t(approved ? 'sync.refusedWhat.approvedPost' : 'sync.refusedWhat.changesRequested', { title })}</>;
  }
  return <>{t(what(r))}</>;
}

/**
 * RefusedPanel lists teammates' changes this computer did not apply because
 * the person who made them lacked the right to at that moment: who, what,
 * which permission, and when. They are kept, not dropped.
 */
export function RefusedPanel({ refused, memberName }: { refused: RefusedChange[]; memberName: (id: string) => string }) {
  const { t, i18n } = useTranslation();
  if (refused.length === 0) return null;
  // One row per change a person made: the fields of one approval go together.
  const rows = new Map<string, { r: RefusedChange; fields: string[] }>();
  for (const r of refused) {
    const key = `${r.device}|${r.at}|${r.table}|${r.id}`;
    const row = rows.get(key);
    if (row) row.fields.push(r.field);
    else rows.set(key, { r, fields: [r.field] });
  }
  return (
    <Alert color="red" data-testid="sync-refused">
      <Stack gap="xs">
        <Title order={5}>{t('sync.refusedTitle', { count: rows.size })}</Title>
        <Text size="sm">{t('sync.refusedIntro')}</Text>
        <Table>
          <Table.Thead>
            <Table.Tr>
              <Table.Th>{t('sync.refusedWho')}</Table.Th>
              <Table.Th>{t('sync.refusedChange')}</Table.Th>
              <Table.Th>{t('sync.refusedWhy')}</Table.Th>
              <Table.Th>{t('sync.refusedAt')}</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {[...rows.values()].map(({ r, fields }) => (
              <Table.Tr key={`${r.device}|${r.at}|${r.table}|${r.id}`} data-testid="sync-refused-row">
                <Table.Td>{r.member ? memberName(r.member) : t('sync.refusedNoMember')}</Table.Td>
                <Table.Td>
                  <RefusedWhat r={r} fields={fields} />
                </Table.Td>
                <Table.Td>
                  {t(reasonKey(r), {
                    name: r.member ? memberName(r.member) : '',
                    permission: t(`permissions.${r.permission}`),
                  })}
                </Table.Td>
                <Table.Td>{formatDateTime(r.at, i18n.language)}</Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      </Stack>
    </Alert>
  );
}
