import { Alert, Badge, Button, Group, Stack, Text } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useTranslation } from 'react-i18next';
import { errorMessage } from '../../i18n';
import { useRebuild, type Agreement } from '../../shared/api/sync';

/** The name the backend gives the open conflicts among the compared tables (replica.ConflictsHashName). */
const OPEN_CONFLICTS = 'open.conflicts';

/**
 * AgreementPanel says how many devices that applied the same changes have the
 * same data as this one, names a device whose data differs and the first
 * table where it does, and offers to rebuild this computer's data from its
 * change log.
 */
export function AgreementPanel({ agreement }: { agreement: Agreement }) {
  const { t } = useTranslation();
  const rebuild = useRebuild();
  const differing = agreement.devices.filter((d) => d.state === 'differs');
  const behind = agreement.devices.filter((d) => d.state === 'behind');
  const tableName = (table: string) =>
    table === OPEN_CONFLICTS ? t('sync.agreementOpenConflicts') : t(`sync.agreementTables.${table}`, { defaultValue: table });
  return (
    <Stack gap="xs">
      <Group gap="xs">
        <Badge color={differing.length > 0 ? 'red' : agreement.agreeing === agreement.total ? 'green' : 'gray'} variant="light">
          <span data-testid="sync-agreement">
            {t('sync.agreement', { agreeing: agreement.agreeing, count: agreement.total })}
          </span>
        </Badge>
        {behind.length > 0 && (
          <Text size="sm" c="dimmed">
            {t('sync.agreementBehind', { count: behind.length, names: behind.map((d) => d.name).join(', ') })}
          </Text>
        )}
      </Group>
      {differing.length > 0 && (
        <Alert color="red" title={t('sync.agreementDiffersTitle')} data-testid="sync-agreement-differs">
          <Stack gap="sm">
            {differing.map((d) => (
              <Text size="sm" key={d.id}>
                {t('sync.agreementDiffers', { name: d.name, table: tableName(d.firstTable ?? '') })}
              </Text>
            ))}
            <Text size="sm">{t('sync.rebuildHelp')}</Text>
            <Group>
              <Button
                color="red"
                variant="light"
                loading={rebuild.isPending}
                onClick={async () => {
                  try {
                    const r = await rebuild.mutateAsync();
                    notifications.show({ color: 'green', message: t('sync.rebuilt', { count: r.rows }) });
                  } catch (err) {
                    notifications.show({ color: 'red', message: errorMessage(err) });
                  }
                }}
              >
                {t('sync.rebuild')}
              </Button>
            </Group>
          </Stack>
        </Alert>
      )}
    </Stack>
  );
}
