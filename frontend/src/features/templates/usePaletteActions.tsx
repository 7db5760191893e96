import type { SpotlightActionData } from '@mantine/spotlight';
import { notifications } from '@mantine/notifications';
import { IconFilePlus, IconHash, IconSignature } from '@tabler/icons-react';
import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router-dom';
import { useTemplates, type PieceData } from '../../shared/api/templates';
import { editorNetwork, insertIntoEditor, trackEditors } from './insert';

/**
 * useTemplateActions gives the command palette "New post from template" and
 * one action per snippet and hashtag group, which inserts it into the text
 * being edited (the network's own text when the editor says its network).
 */
export function useTemplateActions(): SpotlightActionData[] {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const snippets = useTemplates<PieceData>('snippet');
  const groups = useTemplates<PieceData>('hashtags');
  useEffect(() => trackEditors(), []);

  const insert = (body: string, variants: Record<string, string> | undefined) => {
    const nw = editorNetwork();
    const text = (nw && variants?.[nw]) || body;
    if (!insertIntoEditor(text)) notifications.show({ message: t('templates.noEditor'), color: 'orange' });
  };
  return [
    {
      id: 'new-post-from-template',
      label: t('templates.newPost'),
      leftSection: <IconFilePlus size={18} />,
      onClick: () => navigate('/templates?tab=post&new='),
    },
    ...(snippets.data ?? []).map((s) => ({
      id: `snippet-${s.id}`,
      label: t('templates.insertSnippet', { name: s.name }),
      description: s.body,
      leftSection: <IconSignature size={18} />,
      onClick: () => insert(s.body, s.data.variants),
    })),
    ...(groups.data ?? []).map((g) => ({
      id: `hashtags-${g.id}`,
      label: t('templates.insertHashtags', { name: g.name }),
      description: g.body,
      leftSection: <IconHash size={18} />,
      onClick: () => insert(g.body, g.data.variants),
    })),
  ];
}
