import { Alert, Code, Group, Progress, Stack, Text } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { IconLock, IconLockOpen } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { errorMessage } from '../../i18n';
import { useCan } from '../../shared/api/permissions';
import { useDevices, useEncryptFolder, useEncryptProgress, type EncryptionStatus } from '../../shared/api/sync';
import { ConfirmDelete } from '../../shared/ui/ConfirmDelete';
import { GuardedButton } from '../../shared/ui/GuardedButton';

/**
 * EncryptionPanel says whether the shared folder is end-to-end encrypted,
 * offers to encrypt a plain one (with its progress), and tells a computer
 * that has no key yet why it cannot read the folder.
 */
export function EncryptionPanel({ encryption }: { encryption: EncryptionStatus }) {
  const { t } = useTranslation();
  const encrypt = useEncryptFolder();
  const progress = useEncryptProgress(encrypt.isPending);
  const manage = useCan('manage_team');
  if (encryption.waiting) return <KeyWaitingNotice waiting={encryption.waiting} />;
  const on = encryption.state === 'on';
  const run = async () => {
    try {
      await encrypt.mutateAsync();
      notifications.show({ color: 'green', message: t('sync.encryptDone') });
    } catch (err) {
      notifications.show({ color: 'red', message: errorMessage(err) });
    }
  };
  return (
    <Stack gap="xs" data-testid="sync-encryption" data-state={encryption.state}>
      <Group gap="xs" wrap="nowrap">
        {on ? <IconLock size={18} color="var(--mantine-color-green-7)" /> : <IconLockOpen size={18} />}
        <Text size="sm">
          {t(on ? 'sync.encryptedOn' : encryption.state === 'encrypting' ? 'sync.encrypting' : 'sync.encryptedOff')}
        </Text>
      </Group>
      {!on && (
        <Group>
          {/* Asked first, in the app's own question: it rewrites every file in the folder. */}
          <ConfirmDelete
            question={t('sync.encryptConfirm')}
            confirmLabel={t('sync.encryptYes')}
            confirmColor="blue"
            onConfirm={run}
            target={(open) => (
              <span>
                <GuardedButton
                  reason={manage === 'no' ? t('errors.sync.encrypt_denied') : null}
                  variant="light"
                  leftSection={<IconLock size={16} />}
                  loading={encrypt.isPending}
                  onClick={open}
                >
                  {t('sync.encryptButton')}
                </GuardedButton>
              </span>
            )}
          />
        </Group>
      )}
      {encrypt.isPending && progress && progress.total > 0 && (
        <Stack gap={4} data-testid="sync-encrypt-progress">
          <Progress value={(100 * progress.done) / progress.total} />
          <Text size="xs" c="dimmed">
            {t('sync.encryptProgress', { done: progress.done, total: progress.total })}
          </Text>
        </Stack>
      )}
    </Stack>
  );
}


/**
 * KeyWaitingNotice tells a computer without the key to an encrypted folder
 * why it reads nothing, with its code for the person confirming it to compare.
 */
export function KeyWaitingNotice({ waiting }: { waiting: string }) {
  const { t } = useTranslation();
  const devices = useDevices();
  const me = devices.data?.find((d) => d.this);
  return (
    <Alert color="orange" icon={<IconLock size={18} />} data-testid="sync-key-waiting">
      <Stack gap="xs">
        <Text size="sm">{t(`sync.keyWaiting.${waiting}`)}</Text>
        {me && waiting === 'waiting_confirmation' && (
          <Group gap="xs">
            <Text size="sm">{t('sync.fingerprint')}:</Text>
            <Code data-testid="my-fingerprint">{me.fingerprint}</Code>
          </Group>
        )}
      </Stack>
    </Alert>
  );
}
