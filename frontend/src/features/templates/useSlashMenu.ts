import type { Extension } from '@codemirror/state';
import { EditorView } from '@codemirror/view';
import { useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useChannels } from '../../shared/api/calendar';
import { useTemplates, type PieceData } from '../../shared/api/templates';
import { slashMenu, type Piece } from './slashMenu';

/**
 * useSlashMenu gives a post text box (channelId: its channel, null for the
 * common text) the slash menu of the team's snippets and hashtag groups. The
 * extension is made once and reads the newest lists when "/" is typed; the
 * box carries its network (data-network) for the command palette too.
 */
export function useSlashMenu(channelId: string | null): Extension {
  const { t } = useTranslation();
  const snippets = useTemplates<PieceData>('snippet');
  const groups = useTemplates<PieceData>('hashtags');
  const channels = useChannels();
  const network = channels.data?.find((c) => c.id === channelId)?.network ?? '';
  const live = useRef({ pieces: [] as Piece[], network: '', t });
  live.current = {
    pieces: [
      ...(snippets.data ?? []).map((s) => ({ id: s.id, kind: 'snippet' as const, name: s.name, body: s.body, variants: s.data.variants ?? {} })),
      ...(groups.data ?? []).map((g) => ({ id: g.id, kind: 'hashtags' as const, name: g.name, body: g.body, variants: g.data.variants ?? {} })),
    ],
    network,
    t,
  };
  const [ext] = useState(() => [
    slashMenu(
      () => live.current.pieces,
      () => live.current.network,
      (k) => live.current.t(k === 'hashtags' ? 'templates.slashHashtags' : 'templates.slashSnippet'),
    ),
    EditorView.editorAttributes.compute([], () => ({ 'data-network': live.current.network })),
  ]);
  return ext;
}
