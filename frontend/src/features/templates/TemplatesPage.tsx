import { ActionIcon, Alert, Badge, Button, Drawer, Group, Popover, Stack, Table, Tabs, Text, Title, Tooltip } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { IconFilePlus, IconPencil, IconPlus, IconTrash } from '@tabler/icons-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate, useSearchParams } from 'react-router-dom';
import { errorMessage } from '../../i18n';
import { useAddTemplate, useDeleteTemplate, useTemplates, useUpdateTemplate, type Kind, type Template } from '../../shared/api/templates';
import { AppError } from '../../shared/lib/bridge';
import { emptyTemplate, TemplateForm, type AnyData } from './TemplateForm';
import { NewPostFromTemplate } from './NewPostFromTemplate';
import { LibraryPanel } from './LibraryPanel';

// Campaign plans and playbooks have pages of their own.
const KIND_TABS: Kind[] = ['post', 'snippet', 'hashtags', 'agenda'];
type Tab = Kind | 'library';
const TABS: Tab[] = [...KIND_TABS, 'library'];

type Editing = { id: string | null; input: ReturnType<typeof emptyTemplate> } | null;

/**
 * TemplatesPage keeps the team's reusable texts, one tab per kind, and the
 * library of approved content.
 */
export function TemplatesPage({ language }: { language: string }) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const [params, setParams] = useSearchParams();
  const tab = (TABS as string[]).includes(params.get('tab') ?? '') ? (params.get('tab') as Tab) : 'post';
  const [editing, setEditing] = useState<Editing>(null);
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [formError, setFormError] = useState('');
  const fromTemplate = params.get('new');
  const add = useAddTemplate();
  const update = useUpdateTemplate();

  const openPost = (postId: string) => navigate(`/calendar?post=${postId}`);

  async function save() {
    if (!editing) return;
    setErrors({});
    setFormError('');
    try {
      if (editing.id) await update.mutateAsync({ id: editing.id, input: editing.input });
      else await add.mutateAsync(editing.input);
      notifications.show({ message: t('common.saved'), color: 'green' });
      setEditing(null);
    } catch (err) {
      const e = err instanceof AppError ? err : null;
      const field = e?.field?.split('.')[0];
      if (field) setErrors({ [field]: errorMessage(err) });
      else setFormError(errorMessage(err));
    }
  }

  return (
    <Stack gap="lg" maw={1000}>
      <Group justify="space-between" align="flex-start">
        <div>
          <Title order={2}>{t('templates.title')}</Title>
          <Text c="dimmed" maw={680}>
            {t('templates.intro')}
          </Text>
        </div>
        <Button leftSection={<IconFilePlus size={16} />} onClick={() => setParams({ tab, new: '' })}>
          {t('templates.newPost')}
        </Button>
      </Group>
      <Tabs value={tab} onChange={(v) => v && setParams({ tab: v })} keepMounted={false}>
        <Tabs.List>
          {TABS.map((k) => (
            <Tabs.Tab key={k} value={k}>
              {t(`templates.tabs.${k}`)}
            </Tabs.Tab>
          ))}
        </Tabs.List>
        {KIND_TABS.map((k) => (
          <Tabs.Panel key={k} value={k} pt="md">
            <KindList
              kind={k}
              onAdd={() => {
                setErrors({});
                setFormError('');
                setEditing({ id: null, input: emptyTemplate(k, language) });
              }}
              onEdit={(tp) => {
                setErrors({});
                setFormError('');
                setEditing({ id: tp.id, input: { kind: tp.kind, name: tp.name, lang: tp.lang, body: tp.body, data: { ...emptyTemplate(tp.kind, language).data, ...tp.data } } });
              }}
              onUse={(tp) => setParams({ tab, new: tp.id })}
            />
          </Tabs.Panel>
        ))}
        <Tabs.Panel value="library" pt="md">
          <Text c="dimmed" size="sm" mb="sm">
            {t('templates.libraryIntro')}
          </Text>
          <LibraryPanel onCreated={openPost} />
        </Tabs.Panel>
      </Tabs>
      <Drawer
        opened={!!editing}
        onClose={() => setEditing(null)}
        position="right"
        size="lg"
        title={editing?.id ? t('templates.edit') : t(`templates.add.${editing?.input.kind ?? 'post'}`)}
      >
        {editing && (
          <Stack>
            <TemplateForm value={editing.input} onChange={(input) => setEditing({ ...editing, input })} errors={errors} />
            {formError && <Alert color="red">{formError}</Alert>}
            <Group justify="flex-end">
              <Button variant="default" onClick={() => setEditing(null)}>
                {t('common.cancel')}
              </Button>
              <Button onClick={() => void save()} loading={add.isPending || update.isPending}>
                {t('common.save')}
              </Button>
            </Group>
          </Stack>
        )}
      </Drawer>
      <NewPostFromTemplate
        opened={fromTemplate !== null}
        templateId={fromTemplate || null}
        onClose={() => setParams({ tab })}
        onCreated={openPost}
      />
    </Stack>
  );
}

function KindList({ kind, onAdd, onEdit, onUse }: { kind: Kind; onAdd: () => void; onEdit: (t: Template<AnyData>) => void; onUse: (t: Template<AnyData>) => void }) {
  const { t } = useTranslation();
  const list = useTemplates<AnyData>(kind);
  const del = useDeleteTemplate();
  return (
    <Stack gap="sm">
      <Group justify="space-between">
        <Text c="dimmed" size="sm" maw={640}>
          {t(`templates.about.${kind}`)}
        </Text>
        <Button variant="light" leftSection={<IconPlus size={16} />} onClick={onAdd}>
          {t(`templates.add.${kind}`)}
        </Button>
      </Group>
      {list.error && <Alert color="red">{errorMessage(list.error)}</Alert>}
      {list.data?.length === 0 && (
        <Text c="dimmed" data-testid="templates-empty">
          {t(`templates.empty.${kind}`)}
        </Text>
      )}
      {!!list.data?.length && (
        <Table highlightOnHover>
          <Table.Thead>
            <Table.Tr>
              <Table.Th>{t('templates.name')}</Table.Th>
              <Table.Th>{t('templates.lang')}</Table.Th>
              <Table.Th />
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {list.data.map((tp) => (
              <Table.Tr key={tp.id} data-testid="template-row">
                <Table.Td>
                  <Group gap={6}>
                    <Text>{tp.name}</Text>
                    {tp.builtIn && (
                      <Badge size="xs" variant="light">
                        {t('templates.builtIn')}
                      </Badge>
                    )}
                  </Group>
                  <Text size="xs" c="dimmed" lineClamp={1}>
                    {tp.body}
                  </Text>
                </Table.Td>
                <Table.Td>{t(`languages.${tp.lang}`)}</Table.Td>
                <Table.Td>
                  <Group gap={4} justify="flex-end" wrap="nowrap">
                    {kind === 'post' && (
                      <Button size="xs" variant="light" onClick={() => onUse(tp)}>
                        {t('templates.use')}
                      </Button>
                    )}
                    <Tooltip label={t('common.edit')}>
                      <ActionIcon variant="subtle" aria-label={`${t('common.edit')} ${tp.name}`} onClick={() => onEdit(tp)}>
                        <IconPencil size={16} />
                      </ActionIcon>
                    </Tooltip>
                    <Popover position="bottom-end" withArrow>
                      <Popover.Target>
                        <ActionIcon variant="subtle" color="red" aria-label={`${t('common.delete')} ${tp.name}`}>
                          <IconTrash size={16} />
                        </ActionIcon>
                      </Popover.Target>
                      <Popover.Dropdown>
                        <Stack gap="xs">
                          <Text size="sm">{t('templates.confirmDelete', { name: tp.name })}</Text>
                          <Button
                            size="xs"
                            color="red"
                            onClick={() => del.mutate(tp.id, { onError: (err) => notifications.show({ message: errorMessage(err), color: 'red' }) })}
                          >
                            {t('common.delete')}
                          </Button>
                        </Stack>
                      </Popover.Dropdown>
                    </Popover>
                  </Group>
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      )}
    </Stack>
  );
}
