import { ActionIcon, Tooltip } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { IconTrash } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { errorMessage } from '../../i18n';

/** DeleteButton is a small red bin that runs onDelete and shows what went wrong, if anything. */
export function DeleteButton({ label, onDelete }: { label: string; onDelete: () => Promise<unknown> }) {
  const { t } = useTranslation();
  return (
    <Tooltip label={t('common.delete')}>
      <ActionIcon
        variant="subtle"
        color="red"
        aria-label={label}
        onClick={async () => {
          try {
            await onDelete();
          } catch (err) {
            notifications.show({ color: 'red', message: errorMessage(err) });
          }
        }}
      >
        <IconTrash size={16} />
      </ActionIcon>
    </Tooltip>
  );
}
