import { Button, Group, Popover, Stack, Text, TextInput, Tooltip } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { IconBooks, IconTemplate } from '@tabler/icons-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { errorMessage } from '../../i18n';
import { useAddToLibrary, useSaveAsTemplate } from '../../shared/api/templates';

const APPROVED = ['approved', 'scheduled', 'published'];

/** PostTemplateActions saves a post as a template, and an approved one into the library. */
export function PostTemplateActions({ postId, title, status }: { postId: string; title: string; status: string }) {
  const { t } = useTranslation();
  const save = useSaveAsTemplate();
  const keep = useAddToLibrary();
  const [name, setName] = useState('');
  const [error, setError] = useState('');
  const approved = APPROVED.includes(status);
  return (
    <Group gap="xs">
      <Popover width={280} withArrow trapFocus onOpen={() => setName(title)}>
        <Popover.Target>
          <Button size="xs" variant="light" leftSection={<IconTemplate size={14} />}>
            {t('templates.saveAsTemplate')}
          </Button>
        </Popover.Target>
        <Popover.Dropdown>
          <Stack gap="xs">
            <TextInput label={t('templates.name')} value={name} onChange={(e) => setName(e.currentTarget.value)} />
            {error && (
              <Text size="sm" c="red">
                {error}
              </Text>
            )}
            <Button
              size="xs"
              loading={save.isPending}
              onClick={async () => {
                setError('');
                try {
                  await save.mutateAsync({ postId, name });
                  notifications.show({ message: t('templates.savedAsTemplate', { name }), color: 'green' });
                } catch (err) {
                  setError(errorMessage(err));
                }
              }}
            >
              {t('common.save')}
            </Button>
          </Stack>
        </Popover.Dropdown>
      </Popover>
      <Tooltip label={t('templates.libraryNeedsApproval')} disabled={approved}>
        <Button
          size="xs"
          variant="light"
          leftSection={<IconBooks size={14} />}
          disabled={!approved}
          loading={keep.isPending}
          onClick={() =>
            keep.mutate(postId, {
              onSuccess: () => notifications.show({ message: t('templates.addedToLibrary'), color: 'green' }),
              onError: (err) => notifications.show({ message: errorMessage(err), color: 'red' }),
            })
          }
        >
          {t('templates.addToLibrary')}
        </Button>
      </Tooltip>
    </Group>
  );
}
