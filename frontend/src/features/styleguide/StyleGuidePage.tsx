import { Alert, Badge, Card, ColorSwatch, FileButton, Group, Image, Loader, Modal, Stack, Text, Title } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { IconPencil, IconPlus, IconTrash, IconUpload } from '@tabler/icons-react';
import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { errorMessage } from '../../i18n';
import { useCampaigns, useChannels } from '../../shared/api/calendar';
import { useCan } from '../../shared/api/permissions';
import {
  emptyEntry,
  logoContent,
  SECTIONS,
  useAddLogo,
  useClearExample,
  useRemoveEntry,
  useSaveEntry,
  useStyleGuide,
  type GuideEntry,
  type Section,
} from '../../shared/api/styleguide';
import { useNetworks } from '../../shared/api/team';
import { GuardedButton } from '../../shared/ui/GuardedButton';
import { EntryForm } from './EntryForm';
import { summarize } from './summary';
import { TransferPanel } from './TransferPanel';

/**
 * StyleGuidePage shows the team's style guide, section by section. Members
 * whose roles allow it edit every section; others read it, and the buttons
 * say why they cannot change it.
 */
export function StyleGuidePage({ language }: { language: string }) {
  const { t } = useTranslation();
  const guide = useStyleGuide();
  const can = useCan('edit_style_guide');
  const networks = useNetworks();
  const channels = useChannels();
  const campaigns = useCampaigns();
  const save = useSaveEntry();
  const remove = useRemoveEntry();
  const clear = useClearExample();
  const addLogo = useAddLogo();
  const [editing, setEditing] = useState<GuideEntry | null>(null);

  const reason = can === 'no' ? t('errors.styleguide.permission_denied') : can === 'nobody' ? t('errors.styleguide.identity_required') : null;
  const networkList = (networks.data ?? []).map((n) => ({ id: n.id, name: n.name }));
  const channelList = (channels.data ?? []).map((c) => ({ id: c.id, name: `${networkList.find((n) => n.id === c.network)?.name ?? c.network} ${c.handle}` }));
  const campaignList = (campaigns.data ?? []).map((c) => ({ id: c.id, name: c.name }));
  const name = (kind: 'network' | 'channel' | 'campaign', id: string) =>
    (kind === 'network' ? networkList : kind === 'channel' ? channelList : campaignList).find((x) => x.id === id)?.name ?? id;

  const fail = (err: unknown) => notifications.show({ color: 'red', message: errorMessage(err) });

  async function uploadLogo(file: File | null) {
    if (!file) return;
    const buf = new Uint8Array(await file.arrayBuffer());
    let bin = '';
    for (let i = 0; i < buf.length; i += 0x8000) bin += String.fromCharCode(...buf.subarray(i, i + 0x8000));
    try {
      await addLogo.mutateAsync({ name: file.name, content: btoa(bin) });
    } catch (err) {
      fail(err);
    }
  }

  if (guide.isPending) return <Loader />;
  if (guide.isError)
    return (
      <Alert color="red" role="alert">
        {t('common.loadFailed', { message: errorMessage(guide.error) })}
      </Alert>
    );
  const g = guide.data;

  return (
    <Stack gap="lg" maw={960}>
      <div>
        <Title order={2}>{t('styleguide.title')}</Title>
        <Text c="dimmed" maw={680}>
          {t('styleguide.intro')}
        </Text>
      </div>
      {reason && (
        <Alert color="gray" data-testid="guide-read-only">
          {t('styleguide.readOnly')} {reason}
        </Alert>
      )}
      {g.examples > 0 && (
        <Alert color="blue" title={t('styleguide.exampleTitle')} data-testid="guide-example">
          <Stack gap="xs" align="flex-start">
            <Text size="sm">{t('styleguide.exampleHelp')}</Text>
            <GuardedButton
              reason={reason}
              size="xs"
              variant="light"
              loading={clear.isPending}
              onClick={async () => {
                try {
                  const n = await clear.mutateAsync();
                  notifications.show({ message: t('styleguide.cleared', { count: n }) });
                } catch (err) {
                  fail(err);
                }
              }}
            >
              {t('styleguide.clearExample')}
            </GuardedButton>
          </Stack>
        </Alert>
      )}
      {g.sections.map((s) => {
        const section = s.section as Section;
        const title = t(`styleguide.sections.${section}.title`);
        return (
          <Card withBorder key={section} data-testid={`guide-section-${section}`}>
            <Stack gap="xs">
              <Group justify="space-between" align="flex-start">
                <div>
                  <Title order={3}>{title}</Title>
                  <Text size="sm" c="dimmed">
                    {t(`styleguide.sections.${section}.help`)}
                  </Text>
                </div>
                <Group gap="xs">
                  {section === 'branding' && (
                    <FileButton onChange={(f) => void uploadLogo(f)} accept="image/*">
                      {(props) => (
                        <GuardedButton reason={reason} size="compact-sm" variant="default" leftSection={<IconUpload size={14} />} {...props} onClick={props.onClick}>
                          {t('styleguide.fields.addLogo')}
                        </GuardedButton>
                      )}
                    </FileButton>
                  )}
                  <GuardedButton
                    reason={reason}
                    size="compact-sm"
                    variant="light"
                    leftSection={<IconPlus size={14} />}
                    aria-label={t('styleguide.addTo', { section: title })}
                    onClick={() => setEditing(emptyEntry(section))}
                  >
                    {t('styleguide.add')}
                  </GuardedButton>
                </Group>
              </Group>
              {s.entries.length === 0 && (
                <Text size="sm" c="dimmed" fs="italic">
                  {t(`styleguide.sections.${section}.empty`)}
                </Text>
              )}
              {s.entries.map((e) => {
                const sum = summarize(e, t, name);
                return (
                  <Group key={e.id} justify="space-between" wrap="nowrap" align="flex-start" data-testid="guide-entry">
                    <Group gap="xs" wrap="nowrap" align="flex-start">
                      {sum.color && <ColorSwatch color={sum.color} size={18} />}
                      {e.kind === 'logo' && e.fileState === 'here' && <LogoPreview id={e.id} />}
                      <div>
                        <Text size="sm" component="div">
                          {sum.line}{' '}
                          {e.example && (
                            <Badge size="xs" variant="light" color="gray">
                              {t('styleguide.example')}
                            </Badge>
                          )}
                        </Text>
                        {sum.details.map((d, i) => (
                          <Text size="xs" c="dimmed" key={i}>
                            {d}
                          </Text>
                        ))}
                      </div>
                    </Group>
                    <Group gap={4} wrap="nowrap">
                      {e.kind !== 'logo' && (
                        <GuardedButton
                          reason={reason}
                          size="compact-sm"
                          variant="subtle"
                          aria-label={t('styleguide.editEntry', { text: sum.line })}
                          onClick={() => setEditing(e)}
                        >
                          <IconPencil size={14} />
                        </GuardedButton>
                      )}
                      <GuardedButton
                        reason={reason}
                        size="compact-sm"
                        variant="subtle"
                        color="red"
                        aria-label={t('styleguide.deleteEntry', { text: sum.line })}
                        onClick={() => remove.mutate(e.id, { onError: fail })}
                      >
                        <IconTrash size={14} />
                      </GuardedButton>
                    </Group>
                  </Group>
                );
              })}
            </Stack>
          </Card>
        );
      })}
      <TransferPanel language={language} editReason={reason} />
      <Modal opened={editing !== null} onClose={() => setEditing(null)} title={editing ? t(`styleguide.sections.${editing.section}.title`) : ''} size="lg">
        {editing && (
          <EntryForm
            initial={editing}
            networks={networkList}
            channels={channelList}
            campaigns={campaignList}
            onCancel={() => setEditing(null)}
            onSubmit={async (e) => {
              await save.mutateAsync(e);
              setEditing(null);
              notifications.show({ message: t('styleguide.saved') });
            }}
          />
        )}
      </Modal>
    </Stack>
  );
}

/** LogoPreview shows a logo file from the data folder. */
function LogoPreview({ id }: { id: string }) {
  const content = useQuery({ queryKey: ['styleguide', 'logo', id], queryFn: () => logoContent(id) });
  if (!content.data) return null;
  return <Image src={`data:image/*;base64,${content.data}`} h={32} w="auto" fit="contain" alt="" />;
}

