import { ActionIcon, Badge, Button, FileButton, Group, Image, Paper, Stack, Text, Title, Tooltip } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { IconDownload, IconPaperclip, IconTrash } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { errorMessage } from '../../i18n';
import { MAX_ATTACHMENT_BYTES, saveAttachment, useAddAttachment, useAttachmentURL, useAttachments, useRemoveAttachment, type Attachment } from '../../shared/api/calendar';

/** size shows a byte count as people read it. */
export function humanSize(bytes: number): string {
  if (bytes < 1024) return `${bytes} B`;
  if (bytes < 1024 * 1024) return `${(bytes / 1024).toFixed(0)} KB`;
  return `${(bytes / 1024 / 1024).toFixed(1)} MB`;
}

/** AttachmentsPanel lists a post's files, previews its images and attaches new files. */
export function AttachmentsPanel({ postId, resolveId }: { postId: string; resolveId: () => Promise<string> }) {
  const { t } = useTranslation();
  const list = useAttachments(postId);
  const add = useAddAttachment();

  async function attach(files: File[]) {
    for (const file of files) {
      if (file.size > MAX_ATTACHMENT_BYTES) {
        notifications.show({ color: 'red', message: t('errors.attachment.too_large', { name: file.name, maxMB: MAX_ATTACHMENT_BYTES >> 20 }) });
        continue;
      }
      try {
        await add.mutateAsync({ resolveId, file });
        notifications.show({ color: 'green', message: t('attachments.added', { name: file.name }) });
      } catch (err) {
        notifications.show({ color: 'red', message: errorMessage(err) });
      }
    }
  }

  return (
    <Stack gap="xs" data-testid="attachments">
      <Group justify="space-between">
        <Title order={5}>{t('attachments.title')}</Title>
        <FileButton onChange={(files) => void attach(files)} multiple>
          {(props) => (
            <Button {...props} size="xs" variant="light" leftSection={<IconPaperclip size={14} />} loading={add.isPending}>
              {t('attachments.add')}
            </Button>
          )}
        </FileButton>
      </Group>
      {(list.data ?? []).length === 0 && (
        <Text size="sm" c="dimmed">
          {t('attachments.empty')}
        </Text>
      )}
      {(list.data ?? []).map((a) => (
        <AttachmentRow key={a.id} a={a} />
      ))}
    </Stack>
  );
}

function AttachmentRow({ a }: { a: Attachment }) {
  const { t } = useTranslation();
  const isImage = a.mime.startsWith('image/');
  const url = useAttachmentURL(a, isImage);
  const remove = useRemoveAttachment();
  return (
    <Paper withBorder p={6}>
      <Group justify="space-between" wrap="nowrap" gap="xs">
        <div style={{ minWidth: 0 }}>
          <Text size="sm" truncate>
            {a.name}
          </Text>
          <Text size="xs" c="dimmed">
            {humanSize(a.size)}
            {a.state === 'pending' && (
              <Badge ml={6} size="xs" color="yellow" variant="light">
                {t('attachments.pending')}
              </Badge>
            )}
          </Text>
        </div>
        <Group gap={2} wrap="nowrap">
          <Tooltip label={t('attachments.save')}>
            <ActionIcon
              variant="subtle"
              aria-label={t('attachments.saveName', { name: a.name })}
              disabled={a.state !== 'here'}
              onClick={async () => {
                try {
                  if (await saveAttachment(a.id, a.name)) notifications.show({ color: 'green', message: t('attachments.saved', { name: a.name }) });
                } catch (err) {
                  notifications.show({ color: 'red', message: errorMessage(err) });
                }
              }}
            >
              <IconDownload size={16} />
            </ActionIcon>
          </Tooltip>
          <Tooltip label={t('attachments.remove')}>
            <ActionIcon
              variant="subtle"
              color="red"
              aria-label={t('attachments.removeName', { name: a.name })}
              onClick={async () => {
                try {
                  await remove.mutateAsync(a.id);
                } catch (err) {
                  notifications.show({ color: 'red', message: errorMessage(err) });
                }
              }}
            >
              <IconTrash size={16} />
            </ActionIcon>
          </Tooltip>
        </Group>
      </Group>
      {isImage && url.data && <Image src={url.data} alt={a.name} mah={220} fit="contain" mt={6} radius="sm" />}
      {isImage && url.isError && (
        <Text size="xs" c="red">
          {errorMessage(url.error)}
        </Text>
      )}
    </Paper>
  );
}
