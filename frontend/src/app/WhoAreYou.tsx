import { Button, Group, Modal, Select, Stack, Text } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router-dom';
import { errorMessage } from '../i18n';
import { useMembers } from '../shared/api/team';
import { useSetMe, type WorkspaceInfo } from '../shared/api/workspace';

/**
 * WhoAreYou asks a device that joined a team (or whose member was removed)
 * which member it belongs to: roles decide what it may do.
 */
export function WhoAreYou({ info }: { info: WorkspaceInfo }) {
  const { t } = useTranslation();
  const members = useMembers();
  const setMe = useSetMe();
  const navigate = useNavigate();
  const [choice, setChoice] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [later, setLater] = useState(false);
  const list = members.data ?? [];
  const opened = !info.me && !later && list.length > 0;
  return (
    <Modal opened={opened} onClose={() => setLater(true)} title={t('whoAreYou.title')} centered>
      <Stack>
        <Text size="sm">{t('whoAreYou.body')}</Text>
        <Select
          label={t('whoAreYou.label')}
          data={list.map((m) => ({ value: m.id, label: m.name }))}
          value={choice}
          onChange={setChoice}
          searchable
          error={error}
        />
        <Group justify="space-between">
          <Button
            variant="subtle"
            onClick={() => {
              setLater(true);
              navigate('/team?add=1');
            }}
          >
            {t('whoAreYou.notListed')}
          </Button>
          <Button
            disabled={!choice}
            loading={setMe.isPending}
            onClick={async () => {
              try {
                await setMe.mutateAsync(choice!);
              } catch (err) {
                setError(errorMessage(err));
              }
            }}
          >
            {t('whoAreYou.confirm')}
          </Button>
        </Group>
      </Stack>
    </Modal>
  );
}
